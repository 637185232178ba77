import { describe, expect, test } from "bun:test";
import { rasterise } from "../../test/support/pdf.ts";
import { formLayout, printableTypes } from "./forms/index.ts";
import { paintPdf } from "./paint-pdf.ts";
import { A4 } from "./scene.ts";
import { HIDDEN_WORDS, inHiddenWord, verificationUrl, voidPantographArt } from "./security.ts";

describe("verification link", () => {
  test("the QR code leads to the public verification page with number and code", () => {
    expect(verificationUrl("https://origo.example.cn/", "A26/11 0001", "K7Q2-9XPM")).toBe("https://origo.example.cn/verify?no=A26%2F11%200001&code=K7Q2-9XPM");
  });
});

/** The patch compose.ts draws on a form: its security rect less the verification line. */
const patchOf = (type: Parameters<typeof formLayout>[0]) => {
  const s = formLayout(type).security;
  return { x: s.x, y: s.y, w: s.w, h: s.h - 3.2 };
};

describe("void pantograph", () => {
  test("on every printable form, every mark of the pattern lies inside its patch, and the patch inside the page frame", () => {
    for (const type of printableTypes()) {
      const p = patchOf(type);
      expect(p.x).toBeGreaterThanOrEqual(10);
      expect(p.x + p.w).toBeLessThanOrEqual(200);
      for (const word of HIDDEN_WORDS) {
        const d = voidPantographArt(p.w, p.h, word)
          .layers.flatMap((l) => l.paths)
          .join("");
        const xs = [...d.matchAll(/[MH](-?[\d.]+)/g)].map((m) => Number(m[1]));
        const ys = [...d.matchAll(/(?:M-?[\d.]+ |V)(-?[\d.]+)/g)].map((m) => Number(m[1]));
        expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...xs)).toBeLessThanOrEqual(p.w + 0.005);
        expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...ys)).toBeLessThanOrEqual(p.h + 0.005);
      }
    }
  });

  test("at 150 dpi the word's letters and their surroundings have the same mean grey (within 3 %), on box 5 and on the header strip", async () => {
    const dpi = 150;
    const px = 25.4 / dpi;
    const ox = 20;
    const oy = 20;
    for (const type of ["GENERAL", "RCEP"] as const) {
      for (const word of HIDDEN_WORDS) {
        const p = patchOf(type);
        const art = voidPantographArt(p.w, p.h, word);
        const pdf = await paintPdf({ title: "pantograph", preview: false, pages: [{ ...A4, items: [{ kind: "art", art, x: ox, y: oy }] }] });
        const img = await rasterise(pdf, dpi);
        const sums = { letter: [0, 0], ground: [0, 0] };
        // pixels wholly inside a letter or wholly outside every letter (edges are mixed on any raster)
        for (let py = Math.ceil(oy / px); (py + 1) * px <= oy + p.h; py++) {
          for (let qx = Math.ceil(ox / px); (qx + 1) * px <= ox + p.w; qx++) {
            const corners = [0, 1].flatMap((a) => [0, 1].map((b) => inHiddenWord(p.w, p.h, word, (qx + a) * px - ox, (py + b) * px - oy)));
            const where = corners.every(Boolean) ? "letter" : corners.some(Boolean) ? null : "ground";
            if (!where) continue;
            const i = (py * img.width + qx) * 4;
            sums[where]![0]! += (img.data[i]! + img.data[i + 1]! + img.data[i + 2]!) / 3;
            sums[where]![1]!++;
          }
        }
        const letter = sums.letter[0]! / sums.letter[1]!;
        const ground = sums.ground[0]! / sums.ground[1]!;
        if (process.env.SHOW_GREY) console.log(type, word, letter.toFixed(1), ground.toFixed(1));
        expect(sums.letter[1]).toBeGreaterThan(500);
        expect(ground).toBeLessThan(250); // a visible tint, not blank paper
        expect(Math.abs(letter - ground) / 255).toBeLessThan(0.03);
      }
    }
  });
});

describe("the office's hidden word", () => {
  test("an eCO hides the word its office chose; VOID when none was recorded", async () => {
    const { composeCertificate } = await import("./compose");
    const { sampleCertificate } = await import("./fixtures");
    const artIds = (hiddenWord?: "VOID" | "COPY") =>
      composeCertificate(sampleCertificate({ type: "GENERAL", mode: "ECO", hiddenWord }), {
        preview: false,
        printSeal: false,
        publicUrl: "https://origo.example.cn",
      })
        .pages[0]!.items.flatMap((i) => (i.kind === "art" ? [i.art.id] : []))
        .filter((id) => id.startsWith("pantograph"));
    expect(artIds("COPY")[0]).toStartWith("pantograph-COPY:");
    expect(artIds()[0]).toStartWith("pantograph-VOID:");
  });
});
