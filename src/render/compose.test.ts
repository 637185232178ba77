import { describe, expect, test } from "bun:test";
import { AppError } from "../lib/errors.ts";
import { BOX_CONTINUED, composeCertificate } from "./compose.ts";
import { goodsLine, marksImage, sampleCertificate, threePageCertificate } from "./fixtures.ts";
import { formLayout, printableTypes } from "./forms/index.ts";
import { FRAME } from "./forms/families.ts";
import type { Rect } from "./forms/types.ts";
import type { CertificateType } from "./model.ts";
import { paintPdf, paintPng, paintSvg } from "./index.ts";
import type { Item, Scene } from "./scene.ts";
import { pdfText, writeArtifact } from "./test-helpers.ts";

const ECO = { preview: false, printSeal: true, publicUrl: "https://origo.example.cn" };

const texts = (items: Item[]) => items.filter((i) => i.kind === "text").map((i) => (i as { text: string }).text);
const pageText = (scene: Scene, page: number) => texts(scene.pages[page]!.items).join(" ");

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w - 0.01 && b.x < a.x + a.w - 0.01 && a.y < b.y + b.h - 0.01 && b.y < a.y + a.h - 0.01;

describe("form layouts", () => {
  test("the thirteen types of EDI v1 all have a form", () => {
    for (const t of ["GENERAL", "APTA", "ACFTA", "CNNZ", "CNSG", "CNCR", "CEPA_HK", "CEPA_MO", "CNIS", "CNCH", "CHAFTA", "CNKR", "CNPE"] as const) {
      expect(printableTypes()).toContain(t);
    }
  });

  test("a type without a form is refused with a message", () => {
    expect(() => formLayout("FORM_A" as CertificateType)).toThrow(AppError);
  });

  for (const type of printableTypes()) {
    test(`${type}: goods columns span the frame and boxes neither overlap nor leave the page`, () => {
      const layout = formLayout(type);
      const width = layout.goods.columns.reduce((s, c) => s + c.w, 0);
      expect(width).toBeCloseTo(FRAME.right - FRAME.left, 5);
      const rects = [
        layout.header.rect,
        ...layout.boxes.map((b) => b.rect),
        { x: FRAME.left, y: layout.goods.top, w: 190, h: layout.goods.bottom - layout.goods.top },
      ];
      if (layout.ticks) rects.push(layout.ticks.rect);
      for (const r of rects) {
        expect(r.x).toBeGreaterThanOrEqual(FRAME.left);
        expect(r.x + r.w).toBeLessThanOrEqual(FRAME.right + 0.01);
        expect(r.y + r.h).toBeLessThanOrEqual(FRAME.bottom + 0.01);
      }
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlaps(rects[i]!, rects[j]!)).toBe(false);
    });
  }
});

describe("layout engine", () => {
  for (const type of printableTypes()) {
    test(`${type}: renders its numbered goods columns and the data (artifact ${type}.png)`, async () => {
      const cert = sampleCertificate({ type });
      const scene = composeCertificate(cert, ECO);
      const text = pdfText(await paintPdf(scene)).replace(/\s+/g, " ");
      for (const col of formLayout(type).goods.columns) expect(text).toContain(`${col.label}.`);
      expect(text).toContain(cert.number);
      expect(text).toContain(cert.exporter.name);
      expect(text).toContain(cert.destinationCountry);
      const [svg] = await paintSvg(scene);
      writeArtifact(`${type}.png`, paintPng(svg!, 100));
    });
  }

  test("twenty goods lines paginate to three pages, each labelled Page n of 3; the eCO ends with the overleaf notes", async () => {
    const scene = composeCertificate(threePageCertificate(), ECO);
    expect(scene.pages.length).toBe(4);
    [0, 1, 2].forEach((i) => expect(pageText(scene, i)).toContain(`Page ${i + 1} of 3`));
    expect(pageText(scene, 1)).toContain("CONTINUATION SHEET");
    expect(pageText(scene, 3)).toContain("OVERLEAF INSTRUCTIONS");
    const svgs = await paintSvg(scene);
    svgs.forEach((svg, i) => writeArtifact(`CHAFTA-3pages-${i + 1}.png`, paintPng(svg, 100)));
  });

  test("a goods line taller than a whole sheet is split by lines, nothing lost", () => {
    const long = goodsLine(1, { description: Array.from({ length: 120 }, (_, i) => `PART${i}`).join(" ") });
    const scene = composeCertificate(sampleCertificate({ goods: [long] }), ECO);
    expect(scene.pages.length).toBeGreaterThan(1);
    const all = scene.pages.map((_, i) => pageText(scene, i)).join(" ");
    for (let i = 0; i < 120; i++) expect(all).toContain(`PART${i}`);
  });

  test("box text that cannot fit even at the smallest size continues on a continuation sheet", () => {
    const remarks = Array.from({ length: 200 }, (_, i) => `REMARK-${i}`).join(" ");
    const scene = composeCertificate(sampleCertificate({ remarks }), ECO);
    expect(pageText(scene, 0)).toContain(BOX_CONTINUED);
    const all = scene.pages.map((_, i) => pageText(scene, i)).join(" ");
    expect(all).toContain("BOX 5 Remarks (CONTINUED)");
    for (let i = 0; i < 200; i++) expect(all).toContain(`REMARK-${i}`);
  });

  test("image marks print on the last page with the certificate number", () => {
    const cert = sampleCertificate({ images: { ...sampleCertificate().images, marks: marksImage() } });
    const scene = composeCertificate(cert, ECO);
    // the last page is the overleaf notes; the marks close the certificate before it
    const last = scene.pages.at(-2)!;
    expect(scene.pages.length).toBe(3);
    expect(last.items.some((i) => i.kind === "image" && i.image.bytes === cert.images!.marks!.bytes)).toBe(true);
    expect(pageText(scene, 1)).toContain(cert.number);
    expect(pageText(scene, 0)).toContain("IMAGE MARKS: SEE LAST PAGE");
  });

  test("retroactive wording goes where each agreement puts it", () => {
    const retro = { wording: "ISSUED RETROSPECTIVELY" };
    // ChAFTA: remarks box 5 — the wording is printed inside that box's rectangle
    const chafta = composeCertificate(sampleCertificate({ retroactive: retro }), ECO).pages[0]!;
    const remarks = formLayout("CHAFTA").boxes.find((b) => b.label === "5")!.rect;
    const word = chafta.items.find((i) => i.kind === "text" && i.text === retro.wording) as { x: number; y: number };
    expect(word.x).toBeGreaterThan(remarks.x);
    expect(word.y).toBeGreaterThan(remarks.y);
    expect(word.y).toBeLessThan(remarks.y + remarks.h);
    // Form E: the "Issued Retroactively" tick box of box 13 gets its cross
    const formE = composeCertificate(sampleCertificate({ type: "ACFTA", retroactive: { wording: "ISSUED RETROACTIVELY" } }), ECO).pages[0]!;
    const tick = formLayout("ACFTA").ticks!.boxes.find((b) => b.id === "retro")!;
    expect(formE.items.some((i) => i.kind === "text" && i.text === "X" && Math.abs(i.x - tick.x) < 3 && Math.abs(i.y - tick.y) < 4)).toBe(true);
  });

  test("PCO: page 1 carries only data, moved by the calibration offset; continuation sheets print whole", () => {
    const cert = threePageCertificate({ mode: "PCO" });
    const plain = composeCertificate(cert, { preview: false, printSeal: false });
    const moved = composeCertificate(cert, { preview: false, printSeal: false, calibration: { xMm: 1.5, yMm: -0.75 } });
    const first = plain.pages[0]!.items;
    expect(first.some((i) => i.kind === "rect" || i.kind === "art" || i.kind === "path")).toBe(false);
    expect(texts(first)).not.toContain("CERTIFICATE OF ORIGIN");
    moved.pages[0]!.items.forEach((item, i) => {
      const before = first[i] as { x: number; y: number };
      const after = item as { x: number; y: number };
      expect(after.x - before.x).toBeCloseTo(1.5, 6);
      expect(after.y - before.y).toBeCloseTo(-0.75, 6);
    });
    expect(plain.pages[1]!.items.some((i) => i.kind === "rect")).toBe(true);
    expect(moved.pages[1]!.items).toEqual(plain.pages[1]!.items);
  });

  test("PCO preview shows the form it will be printed on, marked PREVIEW", () => {
    const scene = composeCertificate(sampleCertificate({ mode: "PCO" }), { preview: true, printSeal: false });
    expect(scene.pages[0]!.items.some((i) => i.kind === "rect")).toBe(true);
    expect(texts(scene.pages[0]!.items)).toContain("PREVIEW");
  });

  test("eCO pages carry the background, the QR code and the office seal; PCO pages none of them", () => {
    const cert = sampleCertificate();
    const eco = composeCertificate(cert, ECO).pages[0]!.items;
    expect(eco.some((i) => i.kind === "art" && i.art.id === "guilloche")).toBe(true);
    expect(eco.some((i) => i.kind === "path")).toBe(true);
    expect(eco.some((i) => i.kind === "image" && i.image.bytes === cert.images!.officeSeal!.bytes)).toBe(true);
    const pco = composeCertificate({ ...cert, mode: "PCO" }, { ...ECO }).pages[0]!.items;
    expect(pco.some((i) => i.kind === "art" || i.kind === "path")).toBe(false);
    expect(pco.some((i) => i.kind === "image" && i.image.bytes === cert.images!.officeSeal!.bytes)).toBe(false);
  });

  test("enterprise seal and signature print only when printSeal", () => {
    const cert = sampleCertificate();
    const has = (printSeal: boolean) =>
      composeCertificate(cert, { ...ECO, printSeal }).pages[0]!.items.some((i) => i.kind === "image" && i.image.bytes === cert.images!.signature!.bytes);
    expect(has(true)).toBe(true);
    expect(has(false)).toBe(false);
  });
});

describe("images", () => {
  test("GIF image marks are converted once to PNG for both painters", async () => {
    // the smallest GIF: 1×1 pixel
    const gif = Uint8Array.from(Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64"));
    const cert = sampleCertificate({ images: { marks: { bytes: gif, mime: "image/gif" } } });
    const scene = composeCertificate(cert, ECO);
    const marks = scene.pages.at(-2)!.items.find((i) => i.kind === "image");
    expect(marks?.kind === "image" && marks.image.mime).toBe("image/png");
    expect(marks?.kind === "image" && [marks.image.width, marks.image.height]).toEqual([1, 1]);
    expect(pdfText(await paintPdf(scene))).toContain("MARKS AND NUMBERS (IMAGE)");
  });

  test("an unreadable image is refused with a message", () => {
    const cert = sampleCertificate({ images: { signature: { bytes: new Uint8Array([1, 2, 3, 4, 5]), mime: "image/png" } } });
    expect(() => composeCertificate(cert, ECO)).toThrow(AppError);
  });
});
