import { Resvg } from "@resvg/resvg-js";
import { describe, expect, test } from "bun:test";
import { sampleCertificate } from "./fixtures.ts";
import { renderCertificatePng, renderCertificateSvg } from "./index.ts";
import { writeArtifact } from "./test-helpers.ts";

const ECO = { preview: false, printSeal: true, publicUrl: "https://origo.example.cn" };

/** Share of clearly red pixels (the PREVIEW watermark colour) in the middle of the page. */
function redShare(svg: string): number {
  const img = new Resvg(svg, { fitTo: { mode: "width", value: 300 }, font: { loadSystemFonts: false }, background: "#fff" }).render();
  const px = img.pixels;
  let red = 0;
  let total = 0;
  for (let y = Math.floor(img.height * 0.35); y < img.height * 0.65; y++) {
    for (let x = Math.floor(img.width * 0.2); x < img.width * 0.8; x++) {
      const i = (y * img.width + x) * 4;
      total++;
      if (px[i]! > 200 && px[i + 1]! < px[i]! - 25 && px[i + 2]! < px[i]! - 25) red++;
    }
  }
  return red / total;
}

describe("SVG and PNG painters", () => {
  test("the preview SVG is marked PREVIEW, visibly and in its title; the print SVG is not", async () => {
    const cert = sampleCertificate({ images: {} });
    const [preview] = await renderCertificateSvg({ certificate: cert, options: { ...ECO, preview: true } });
    const [print] = await renderCertificateSvg({ certificate: cert, options: ECO });
    expect(preview).toContain("PREVIEW");
    expect(print).not.toContain("PREVIEW");
    expect(redShare(preview!)).toBeGreaterThan(0.05);
    expect(redShare(print!)).toBeLessThan(0.01);
    writeArtifact("CHAFTA-preview.svg", preview!);
  });

  test("the SVG is an A4 page in millimetres whose text is drawn as outlines (no fonts needed)", async () => {
    const [svg] = await renderCertificateSvg({ certificate: sampleCertificate(), options: ECO });
    expect(svg).toContain('width="210mm"');
    expect(svg).toContain('height="297mm"');
    expect(svg).not.toContain("<text");
  });

  test("PNG pages come out at the requested resolution", async () => {
    const [png] = await renderCertificatePng({ certificate: sampleCertificate(), options: ECO, dpi: 100 });
    expect([...png!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const view = new DataView(png!.buffer, png!.byteOffset);
    expect(view.getUint32(16)).toBe(Math.round((210 / 25.4) * 100));
    writeArtifact("CHAFTA-eco.png", png!);
  });
});
