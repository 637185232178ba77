import { describe, expect, test } from "bun:test";
import { CERTIFICATE_TYPE_CODES } from "../reference/index.ts";
import { certificateBodyJsonSchema } from "./edi/contract.ts";
import { hsDigitsForType, ITEM_NUMBER, printableTypes, printedHsCode } from "../../render/index.ts";
import { isSendableType } from "./lifecycle.ts";
import { CM } from "./lifecycle-messages.ts";
import { certificateType, findCertificateType, listCertificateTypes, REQUIRED_TYPE_CODES, summarizeCertificateType } from "./registry.ts";

/** Every dotted path of the body ("goods.*.hsCode"), read from the JSON Schema the API publishes. */
function bodyPaths(): Set<string> {
  const schema = certificateBodyJsonSchema() as { $defs: Record<string, any> };
  const out = new Set<string>();
  const resolve = (node: any): any => {
    if (node?.$ref) return resolve(schema.$defs[node.$ref.replace("#/$defs/", "")]);
    const nonNull = node?.anyOf?.find((n: any) => n.type !== "null");
    return nonNull ? resolve(nonNull) : node;
  };
  const walk = (node: any, prefix: string) => {
    const n = resolve(node);
    if (n?.type === "array") return walk(n.items, `${prefix}.*`);
    for (const [key, child] of Object.entries<any>(n?.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      walk(child, path);
    }
  };
  walk(schema.$defs.CertificateBody, "");
  return out;
}

describe("certificate-type registry", () => {
  test("one entry per contract type code; the first thirteen are the required ones", () => {
    expect(listCertificateTypes().map((t) => t.code)).toEqual([...CERTIFICATE_TYPE_CODES]);
    expect(REQUIRED_TYPE_CODES).toEqual(["GENERAL", "APTA", "ACFTA", "CNNZ", "CNSG", "CNCR", "CEPA_HK", "CEPA_MO", "CNIS", "CNCH", "CHAFTA", "CNKR", "CNPE"]);
    expect(findCertificateType("FORM_A")).toBeUndefined();
    expect(findCertificateType("ACFTA")?.letter).toBe("E");
  });

  test("certificate letters are unique, so numbers per type never collide", () => {
    const letters = listCertificateTypes().map((t) => t.letter);
    expect(new Set(letters).size).toBe(letters.length);
  });

  test("every box is filled from real contract fields", () => {
    const known = bodyPaths();
    known.add("marksImage"); // attached separately (POST .../marks-image)
    known.add(ITEM_NUMBER); // generated line numbers
    for (const t of listCertificateTypes()) {
      for (const b of t.boxes) for (const f of b.fields) expect(`${t.code} box ${b.no}: ${known.has(f) ? "" : f}`).toBe(`${t.code} box ${b.no}: `);
    }
  });

  test("a criterion box exactly where the agreement has criteria; a value box exactly where the form has a value rule", () => {
    for (const t of listCertificateTypes()) {
      expect(`${t.code}:${t.criterionBox !== null}`).toBe(`${t.code}:${t.agreement.criteria.length > 0}`);
      expect(`${t.code}:${t.valueBox !== null}`).toBe(`${t.code}:${t.value !== null}`);
    }
  });

  test("boxes that hold a field are found from the box list", () => {
    const nz = certificateType("CNNZ");
    expect([nz.producerBox, nz.remarksBox, nz.itemNumberBox, nz.marksBox, nz.hsBox, nz.criterionBox, nz.valueBox]).toEqual([
      "2",
      "6",
      "7",
      "8",
      "10",
      "11",
      "13",
    ]);
    expect(nz.transport).toEqual({ box: "4", structured: true, carrierNo: "after-shipment" });
    const general = certificateType("GENERAL");
    expect([general.producerBox, general.remarksBox, general.criterionBox, general.itemNumberBox]).toEqual([null, "7", null, null]);
    expect(general.transport).toEqual({ box: "3", structured: false, carrierNo: "never" });
    expect(certificateType("CNCL").transport.carrierNo).toBe("always");
    expect(certificateType("CNPE").marksBox).toBe("7");
  });

  test("the retroactive marking goes in a box the form has", () => {
    for (const t of listCertificateTypes()) {
      for (const rule of t.agreement.retro) {
        if (rule.box && rule.box !== "title") expect(`${t.code}:${t.boxes.some((b) => b.no === rule.box)}`).toBe(`${t.code}:true`);
      }
    }
  });

  test("an item-number box wherever the agreement caps items", () => {
    for (const t of listCertificateTypes()) {
      if (t.agreement.itemCap.some((c) => c.cap !== null)) expect(t.itemNumberBox).not.toBeNull();
    }
  });

  test("CEPA uses the general certificate's boxes with the arrangement in the title, and no criterion box", () => {
    const general = certificateType("GENERAL");
    for (const code of ["CEPA_HK", "CEPA_MO"] as const) {
      const cepa = certificateType(code);
      expect(cepa.boxes).toEqual(general.boxes);
      expect(cepa.titleEn).toContain("CLOSER ECONOMIC PARTNERSHIP ARRANGEMENT");
      expect(cepa.criterionBox).toBeNull();
    }
  });

  test("ChAFTA's form as the reference lists it", () => {
    const t = certificateType("CHAFTA");
    expect(t.boxes.map((b) => b.no).filter(Boolean)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"]);
    expect(t.boxes.find((b) => b.no === "10")?.title).toBe("Origin criterion");
    expect(t.letter).toBe("A");
  });
});

describe("summary for the reference endpoint", () => {
  test("the rules that apply on a date", () => {
    const s = summarizeCertificateType({ code: "CNCH", date: "2026-01-05" });
    expect(s.itemCap).toBe(50);
    expect(s.parties?.map((p) => p.label)).toEqual(["SWITZERLAND(瑞士)(331)", "LIECHTENSTEIN(列支敦士登)(323)"]);
    expect(s.criteria?.codes).toEqual(["WO", "WP", "PSR"]);
    expect(s.retro).toMatchObject({ allowed: true, wording: "ISSUED RETROSPECTIVELY", box: "4" });
    expect(s.requiredInV1).toBe(true);
    expect(summarizeCertificateType({ code: "CNCH", date: "2021-01-05" }).itemCap).toBe(20);
  });

  test("the general certificate: any destination, no criteria; unverified entries say so", () => {
    const g = summarizeCertificateType({ code: "GENERAL", date: "2026-01-05" });
    expect(g.parties).toBeNull();
    expect(g.criteria).toBeNull();
    expect(summarizeCertificateType({ code: "CNKH", date: "2026-01-05" }).unverified).toBe(true);
    expect(summarizeCertificateType({ code: "CHAFTA", date: "2026-01-05" }).unverified).toBe(false);
  });
});

describe("printable types (issue #13)", () => {
  test("every registered type has a drawn form, so a sent certificate can always be printed", () => {
    for (const t of listCertificateTypes()) expect(`${t.code}: ${isSendableType(t.code, printableTypes())}`).toBe(`${t.code}: true`);
  });

  test("a type without a form is refused at send with a message naming it", () => {
    expect(isSendableType("CNXX", printableTypes())).toBe(false);
    expect(CM.noLayout("中国-智利自贸协定原产地证书")).toBe(
      "中国-智利自贸协定原产地证书暂无打印版式，发送后无法打印，因此暂不能发送。请改用其他证书类型，或联系签证机构。",
    );
  });

  test("the HS digits the registry gives are the ones the form prints", () => {
    for (const t of listCertificateTypes()) expect(hsDigitsForType(t.code)).toBe(t.hsDigits);
    expect(printedHsCode("CNKR", "8471300000")).toBe("847130");
  });
});
