import { Resvg } from "@resvg/resvg-js";
import { describe, expect, test } from "bun:test";
import { sampleCertificate, threePageCertificate } from "./fixtures.ts";
import { composeCertificate, paintPdf, paintSvg, renderCertificatePdf } from "./index.ts";
import { inkAgreement, inkShare, pdfFonts, pdfText, rasterizePdf, rgbaToGray, wordBox } from "./test-helpers.ts";

const ECO = { preview: false, printSeal: true, publicUrl: "https://origo.example.cn" };

describe("PDF painter", () => {
  test("the certificate number, invoice number and every goods line are real text", async () => {
    const cert = sampleCertificate();
    const text = pdfText(await renderCertificatePdf({ certificate: cert, options: ECO }));
    expect(text).toContain(cert.number);
    expect(text).toContain(cert.invoice.number);
    expect(text).toContain("ONE HUNDRED AND FIFTY-ONE (151)");
    expect(text).toContain("ONE HUNDRED AND FIFTY-TWO (152)");
    expect(text).toContain("1,510 PAIRS");
    expect(text).toContain("1,520 PAIRS");
    expect(text).toContain("CERTIFICATE OF ORIGIN");
    expect(text).toContain("Page 1 of 1");
  });

  test("a long certificate flows onto continuation sheets numbered Page n of m, each with the certificate number", async () => {
    const cert = threePageCertificate();
    const pdf = await renderCertificatePdf({ certificate: cert, options: ECO });
    for (const n of [1, 2, 3]) {
      const page = pdfText(pdf, n);
      expect(page).toContain(`Page ${n} of 3`);
      expect(page).toContain(cert.number);
    }
    expect(pdfText(pdf, 2)).toContain("CONTINUATION SHEET");
    expect(pdfText(pdf, 1)).toContain("(CONTINUED ON PAGE 2)");
    // every goods line is printed exactly once, in order
    const all = pdfText(pdf);
    let at = -1;
    for (const g of cert.goods) {
      const quantity = `${g.quantity.value.toLocaleString("en-US")} PAIRS`;
      const next = all.indexOf(quantity, at + 1);
      expect(next).toBeGreaterThan(at);
      expect(all.indexOf(quantity, next + 1)).toBe(-1);
      at = next;
    }
  });

  test("the CJK font is embedded only when a page holds Chinese", async () => {
    const latin = await renderCertificatePdf({ certificate: sampleCertificate(), options: ECO });
    expect(pdfFonts(latin).some((f) => f.includes("NotoSansSC"))).toBe(false);
    expect(pdfFonts(latin).some((f) => f.includes("Arimo"))).toBe(true);

    const office = "中国国际贸易促进委员会北京市分会";
    const chinese = sampleCertificate();
    chinese.certification = { ...chinese.certification, officeName: office };
    const pdf = await renderCertificatePdf({ certificate: chinese, options: ECO });
    expect(pdfFonts(pdf).some((f) => f.includes("NotoSansSC"))).toBe(true);
    expect(pdfText(pdf)).toContain(office);
  });

  test("glyphs rendered from the PDF match the SVG drawing of the same layout (no corrupted subsets)", async () => {
    const cert = sampleCertificate();
    cert.certification = { ...cert.certification, officeName: "中国国际贸易促进委员会北京市分会" };
    const scene = composeCertificate(cert, { ...ECO, printSeal: false });
    const pdf = await paintPdf(scene);
    const [svg] = await paintSvg(scene);
    const dpi = 150;
    const fromPdf = rasterizePdf(pdf, dpi);
    const rendered = new Resvg(svg!, { fitTo: { mode: "width", value: fromPdf.width }, font: { loadSystemFonts: false }, background: "#fff" }).render();
    const fromSvg = rgbaToGray(rendered.width, rendered.height, new Uint8Array(rendered.pixels));
    expect(Math.abs(fromSvg.height - fromPdf.height)).toBeLessThanOrEqual(1);
    // the title and certificate-number region carries text in both
    const header = { x: 0.5, y: 0.03, w: 0.4, h: 0.12 };
    expect(inkShare(fromPdf, header)).toBeGreaterThan(0.02);
    expect(inkShare(fromSvg, header)).toBeGreaterThan(0.02);
    // the Chinese office name above the certification date
    const office = { x: 0.51, y: 0.9, w: 0.3, h: 0.03 };
    expect(inkShare(fromPdf, office)).toBeGreaterThan(0.01);
    // within one pixel at 150 dpi; the same text with its letters reversed scores about 0.86
    expect(inkAgreement(fromPdf, fromSvg, 1, 110, 160)).toBeGreaterThan(0.95);
    expect(inkAgreement(fromSvg, fromPdf, 1, 110, 160)).toBeGreaterThan(0.95);
  });

  test("PCO prints only the data, shifted by the printer's calibration", async () => {
    const cert = sampleCertificate({ mode: "PCO" });
    const plain = await renderCertificatePdf({ certificate: cert, options: { preview: false, printSeal: false } });
    const shifted = await renderCertificatePdf({ certificate: cert, options: { preview: false, printSeal: false, calibration: { xMm: 3, yMm: -2 } } });
    const text = pdfText(plain);
    expect(text).toContain(cert.number);
    expect(text).not.toContain("CERTIFICATE OF ORIGIN");
    expect(text).not.toContain("Exporter's name");
    const a = wordBox(plain, cert.invoice.number)!;
    const b = wordBox(shifted, cert.invoice.number)!;
    const mm = 72 / 25.4;
    expect(b.x - a.x).toBeCloseTo(3 * mm, 1);
    expect(b.y - a.y).toBeCloseTo(-2 * mm, 1);
  });

  test("preview is the same drawing marked PREVIEW", async () => {
    const cert = sampleCertificate();
    const text = pdfText(await renderCertificatePdf({ certificate: cert, options: { ...ECO, preview: true } }));
    expect(text).toContain("PREVIEW");
    expect(text).toContain(cert.invoice.number);
    expect(pdfText(await renderCertificatePdf({ certificate: cert, options: ECO }))).not.toContain("PREVIEW");
  });
});
