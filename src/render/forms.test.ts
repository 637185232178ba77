import { describe, expect, test } from "bun:test";
import { CERTIFICATE_TYPE_CODES } from "../modules/reference/index.ts";
import { composeCertificate } from "./compose.ts";
import { goodsLine, sampleCertificate } from "./fixtures.ts";
import { formLayout, printableTypes } from "./forms/index.ts";
import { CERTIFICATE_FORMS, hsDigitsForType, printedHsCode } from "./forms/boxes.ts";
import { renderCertificatePdf, renderCertificatePng } from "./index.ts";
import type { CertificateType, PrintableCertificate } from "./model.ts";
import type { Item, Scene } from "./scene.ts";
import { pdfText, writeArtifact } from "./test-helpers.ts";

const ECO = { preview: false, printSeal: true, publicUrl: "https://origo.example.cn" };
const flat = (s: string) => s.replace(/\s+/g, " ");
const textItems = (scene: Scene, page = 0) => scene.pages[page]!.items.filter((i): i is Extract<Item, { kind: "text" }> => i.kind === "text");

/** The certificate a test prints for `type`: the destination one of the type's importing parties would be. */
function certFor(type: CertificateType, overrides: Partial<PrintableCertificate> = {}): PrintableCertificate {
  return sampleCertificate({ type, ...overrides });
}

async function faceText(cert: PrintableCertificate) {
  return flat(pdfText(await renderCertificatePdf({ certificate: cert, options: ECO }), 1));
}

describe("one table for the boxes (forms/boxes.ts) and the layouts", () => {
  for (const type of CERTIFICATE_TYPE_CODES) {
    test(`${type}: the layout draws exactly the table's boxes, with the table's titles`, () => {
      const table = CERTIFICATE_FORMS[type].boxes;
      const layout = formLayout(type);
      const drawn = [
        ...layout.boxes.map((b) => ({ no: b.label ?? "", title: b.title })),
        ...layout.goods.columns.map((c) => ({ no: c.label, title: c.title })),
      ];
      const numbers = (xs: readonly { no: string }[]) =>
        xs
          .map((x) => x.no)
          .filter(Boolean)
          .sort();
      const drawnNumbers = [...numbers(drawn), ...(layout.ticks ? [layout.ticks.label] : [])].sort();
      expect(drawnNumbers).toEqual(numbers(table));
      // unnumbered: the number box is the header's label; the others (official use) are drawn boxes
      expect(layout.header.numberLabel).toBe(table[0]!.title);
      expect(drawn.filter((d) => d.no === "").length).toBe(table.filter((b) => b.no === "").length - 1);
      if (layout.ticks) expect(layout.ticks.boxes.map((b) => b.label).join(" / ")).toBe(table.find((b) => b.no === layout.ticks!.label)!.title);
      for (const d of drawn.filter((x) => x.no !== ""))
        expect(`${type} ${d.no}: ${d.title}`).toBe(`${type} ${d.no}: ${table.find((b) => b.no === d.no)!.title}`);
    });
  }

  test("every type the registry knows has a form, so none is refused at send", () => {
    expect([...printableTypes()].sort()).toEqual([...CERTIFICATE_TYPE_CODES].sort());
  });
});

describe("every registered type prints (walks the registry)", () => {
  for (const type of CERTIFICATE_TYPE_CODES) {
    test(`${type}: PDF and PNG (artifact form-${type}.png)`, async () => {
      const cert = certFor(type);
      const pdf = await renderCertificatePdf({ certificate: cert, options: ECO });
      const text = flat(pdfText(pdf, 1));
      expect(text).toContain(cert.exporter.name);
      expect(text).toContain(cert.number);
      const pngs = await renderCertificatePng({ certificate: cert, options: { ...ECO, preview: true }, dpi: 60 });
      expect(Buffer.from(pngs[0]!.subarray(1, 4)).toString()).toBe("PNG");
      writeArtifact(`form-${type}.png`, pngs[0]!);
    });
  }
});

describe("HS code as each form asks", () => {
  test("six digits on the FTA forms, APTA's four-digit heading, the general form as filed", () => {
    for (const t of ["CNNZ", "CNSG", "CNCR", "CNIS", "CNCH", "CHAFTA", "CNKR", "CNPE", "RCEP", "ACFTA", "CNPK", "CNCL"] as const) {
      expect(hsDigitsForType(t)).toBe(6);
      expect(printedHsCode(t, "6116100000")).toBe("611610");
      expect(printedHsCode(t, "6116.10.00")).toBe("611610");
    }
    expect(hsDigitsForType("APTA")).toBe(4);
    expect(printedHsCode("APTA", "9506990000")).toBe("95.06");
    expect(hsDigitsForType("GENERAL")).toBeNull();
    expect(printedHsCode("GENERAL", "6116100000")).toBe("6116100000");
  });

  test("the renderer prints the form's digits in one piece (RCEP no longer splits the code)", () => {
    const goods = [goodsLine(1, { hsCode: "6116100000" })];
    const printed = (type: CertificateType) => textItems(composeCertificate(certFor(type, { goods }), ECO)).map((i) => i.text);
    expect(printed("RCEP")).toContain("611610");
    expect(printed("RCEP").some((t) => t.startsWith("6116") && t !== "611610")).toBe(false);
    expect(printed("CHAFTA")).toContain("611610");
    expect(printed("APTA")).toContain("61.16");
    expect(printed("GENERAL")).toContain("6116100000");
    expect(printed("ACFTA")).toContain("HS CODE: 611610");
  });
});

describe("tokens are never cut", () => {
  test("an invoice number wider than its column stays whole in a smaller font", () => {
    const invoice = { number: "CI-2026-EXP-00012345", date: "2026-11-20", currency: "USD" };
    const items = textItems(composeCertificate(certFor("CHAFTA", { invoice }), ECO));
    const token = items.find((i) => i.text === invoice.number);
    expect(token).toBeDefined();
    expect(token!.size).toBeLessThan(8);
    expect(items.some((i) => i.text !== invoice.number && invoice.number.startsWith(i.text) && i.text.length > 3)).toBe(false);
  });
});

describe("wording of the specimens", () => {
  test("Form E (2019): HS six digit title, Given / Not Given with the importing customs' signature, current declaration", async () => {
    const text = await faceText(certFor("ACFTA", { destinationCountry: "VIET NAM" }));
    expect(text).toContain("HS number in six digit code");
    expect(text).toContain("Preferential Treatment Given");
    expect(text).toContain("Preferential Treatment Not Given");
    expect(text).toContain("Signature of Authorised Signatory of the Importing Party");
    expect(text).toContain("comply with the rules of origin, as provided in the ACFTA for the goods exported to");
    expect(formLayout("ACFTA").goods.columns.find((c) => c.label === "9")!.title).toBe(
      "Gross weight or other quantity and value (FOB) only when RVC criterion is applied",
    );
  });

  for (const type of ["ACFTA", "RCEP"] as const) {
    test(`${type}: the FOB value prints only on lines whose criterion is RVC-based`, async () => {
      const goods = [goodsLine(1, { criterion: "RVC 45%", value: 2600 }), goodsLine(2, { criterion: "WO", value: 2700 })];
      const text = await faceText(certFor(type, { goods }));
      expect(text).toContain("2,600.00");
      expect(text).not.toContain("2,700.00");
    });
  }

  test("RCEP box 5 has the importing customs' ticks and signature line", async () => {
    const text = await faceText(certFor("RCEP"));
    expect(text).toContain("Preferential Tariff Treatment Given");
    expect(text).toContain("Customs Authority of the Importing Party");
  });

  test("Switzerland, Iceland and Costa Rica: produced in CHINA; New Zealand: the Government of", async () => {
    for (const type of ["CNCH", "CNIS", "CNCR"] as const)
      expect(await faceText(certFor(type))).toContain("all the goods were produced in CHINA and that they comply");
    expect(await faceText(certFor("CNNZ"))).toContain("the Government of New Zealand");
    expect(await faceText(certFor("CNCH"))).toContain("that the declaration of the");
  });

  test("ChAFTA, Costa Rica and the general form print the issuing office's telephone, fax and address", async () => {
    for (const type of ["CHAFTA", "CNCR", "GENERAL"] as const) {
      const cert = certFor(type);
      const text = await faceText(cert);
      const c = cert.certification.contact!;
      for (const v of [c.tel!, c.fax!, c.address!]) expect(`${type}: ${text.includes(v)}`).toBe(`${type}: true`);
    }
  });
});

describe("overleaf notes", () => {
  test("an eCO whose face refers to notes ends with them; a PCO does not carry them", async () => {
    for (const [type, heading] of [
      ["ACFTA", "OVERLEAF NOTES"],
      ["APTA", "NOTES"],
      ["RCEP", "OVERLEAF NOTES"],
      ["CHAFTA", "OVERLEAF INSTRUCTIONS"],
      ["GENERAL", "NOTES"],
    ] as const) {
      const scene = composeCertificate(certFor(type), ECO);
      const last = textItems(scene, scene.pages.length - 1)
        .map((i) => i.text)
        .join(" ");
      expect(`${type}: ${last.includes(heading)}`).toBe(`${type}: true`);
      const pco = composeCertificate(certFor(type, { mode: "PCO" }), { preview: false, printSeal: false });
      expect(pco.pages.length).toBe(scene.pages.length - 1);
    }
    const pdf = await renderCertificatePdf({ certificate: certFor("ACFTA"), options: ECO });
    expect(flat(pdfText(pdf))).toContain("FOB value shall be indicated in Box 9 only when the RVC criterion is applied");
  });
});
