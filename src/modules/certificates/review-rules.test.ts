import { describe, expect, test } from "bun:test";
import { CERTIFICATE_TYPE_CODES, type CertificateTypeCode } from "../reference/index.ts";
import type { CertificateBody } from "./contract.ts";
import { M } from "./messages.ts";
import { computeRetroactive, hasBlockingProblems, reviewCertificate } from "./review-rules.ts";
import type { Problem, ReviewContext, RuleCode } from "./review-problems.ts";
import { FILED_NAME, TODAY, filingFor, validCert, validContext } from "./review.fixtures.ts";

type Edit = (cert: CertificateBody) => void;

/** Reviews the valid fixture of `type` after `edit`. */
function review(type: CertificateTypeCode, edit: Edit = () => {}, ctx: Partial<ReviewContext> = {}): Problem[] {
  const cert = structuredClone(validCert(type));
  edit(cert);
  return reviewCertificate(cert, validContext(type, ctx));
}

const rules = (ps: Problem[]) => ps.map((p) => `${p.rule}@${p.field}`);
const only = (ps: Problem[], rule: RuleCode) => ps.filter((p) => p.rule === rule);
const goods0 = (c: CertificateBody) => c.goods![0]!;

describe("baseline", () => {
  for (const type of CERTIFICATE_TYPE_CODES) {
    test(`a complete ${type} certificate has no problems`, () => {
      expect(review(type)).toEqual([]);
    });
  }

  test("every problem has a Chinese message and hint", () => {
    const ps = review("CHAFTA", (c) => {
      c.exporter = null;
      c.goods = [{}];
      c.transport = {};
    });
    expect(ps.length).toBeGreaterThan(5);
    for (const p of ps) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      expect(p.hint).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("REQUIRED", () => {
  test("empty fields the form needs are named by path", () => {
    const ps = review("CHAFTA", (c) => {
      c.exporter = { name: " ", address: null };
      c.consignee = null;
      c.invoice = { currency: "USD" };
      c.exportCustoms = "";
      c.handSigner = null;
      goods0(c).description = "";
    });
    expect(only(ps, "REQUIRED").map((p) => p.field)).toEqual([
      "handSigner",
      "exporter.name",
      "exporter.address",
      "consignee.name",
      "consignee.address",
      "consignee.country",
      "invoice.number",
      "invoice.date",
      "goods.0.description",
      "exportCustoms",
    ]);
  });

  test("the filed English name is offered as the fix for an empty exporter name", () => {
    const [p] = only(review("CHAFTA", (c) => (c.exporter!.name = "")), "REQUIRED");
    expect(p?.hint).toContain(FILED_NAME);
  });

  test("no goods at all", () => {
    expect(rules(review("GENERAL", (c) => (c.goods = [])))).toEqual(["REQUIRED@goods"]);
  });

  test("departure date: required on agreement forms, optional on the general certificate", () => {
    expect(rules(review("CHAFTA", (c) => (c.transport!.departureDate = null)))).toEqual(["REQUIRED@transport.departureDate"]);
    expect(review("GENERAL", (c) => (c.transport!.departureDate = null))).toEqual([]);
  });

  test("producer: required where the form has a producer box only", () => {
    expect(rules(review("CNKR", (c) => (c.producer = null)))).toEqual(["REQUIRED@producer.name"]);
    expect(review("ACFTA", (c) => (c.producer = null))).toEqual([]);
  });

  test("quantity or gross weight", () => {
    expect(rules(review("GENERAL", (c) => { goods0(c).quantity = null; goods0(c).grossWeightKg = null; }))).toEqual(["REQUIRED@goods.0.quantity"]);
    expect(review("GENERAL", (c) => (goods0(c).quantity = null))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (goods0(c).quantity = { value: 10 })))).toEqual(["REQUIRED@goods.0.quantity.unit"]);
  });

  test("an unnamed consignee (TO ORDER) needs no address, but its country is still checked", () => {
    expect(review("GENERAL", (c) => (c.consignee = { name: "to order", country: "US" }))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (c.consignee = { name: "to order" })))).toEqual(["REQUIRED@consignee.country"]);
    expect(rules(review("GENERAL", (c) => (c.consignee = { name: "TO ORDER", country: "DE" })))).toEqual(["CONSIGNEE_COUNTRY@consignee.country"]);
  });

  test("currency is needed once a line carries a value", () => {
    expect(rules(review("GENERAL", (c) => (c.invoice!.currency = null)))).toEqual(["REQUIRED@invoice.currency"]);
    expect(review("GENERAL", (c) => { c.invoice!.currency = null; goods0(c).value = null; })).toEqual([]);
  });
});

describe("FORMAT", () => {
  test("unknown country codes", () => {
    expect(rules(review("GENERAL", (c) => { c.destinationCountry = "XX"; c.consignee!.country = "XX"; c.transport!.to!.country = "XX"; }))).toEqual([
      "FORMAT@consignee.country",
      "FORMAT@destinationCountry",
      "FORMAT@transport.to.country",
    ]);
    expect(only(review("GENERAL", (c) => (c.destinationCountry = "us")), "FORMAT").map((p) => p.field)).toEqual(["destinationCountry"]);
  });

  test("customs district not in the list", () => {
    expect(rules(review("GENERAL", (c) => (c.exportCustoms = "1234")))).toEqual(["FORMAT@exportCustoms"]);
  });

  test("declaration number: 18 digits, an export one", () => {
    expect(review("GENERAL", (c) => (c.declarationNo = "090020260000012345"))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (c.declarationNo = "09002026000001234")))).toEqual(["FORMAT@declarationNo"]);
    const [imported] = review("GENERAL", (c) => (c.declarationNo = "090020261000012345"));
    expect(imported?.message).toContain("不是出口报关单");
  });

  test("amounts, quantities, weights, currency, copies, mode", () => {
    expect(rules(review("ACFTA", (c) => (goods0(c).value = "2500.001")))).toEqual(["FORMAT@goods.0.value"]);
    expect(rules(review("ACFTA", (c) => (goods0(c).value = "12,000")))).toEqual(["FORMAT@goods.0.value"]);
    expect(review("ACFTA", (c) => (goods0(c).value = "2500.50"))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (goods0(c).quantity!.value = 0)))).toEqual(["FORMAT@goods.0.quantity.value"]);
    expect(rules(review("GENERAL", (c) => (goods0(c).grossWeightKg = -1)))).toEqual(["FORMAT@goods.0.grossWeightKg"]);
    expect(rules(review("GENERAL", (c) => (c.invoice!.currency = "US$")))).toEqual(["FORMAT@invoice.currency"]);
    expect(rules(review("GENERAL", (c) => (c.copies = 1.5)))).toEqual(["FORMAT@copies"]);
    expect(rules(review("GENERAL", (c) => (c.transport!.mode = "CAMEL")))).toEqual(["FORMAT@transport.mode"]);
    expect(review("GENERAL", (c) => (c.transport!.mode = "by vessel"))).toEqual([]);
  });
});

describe("CHARSET", () => {
  test("names the full-width character and its half-width replacement", () => {
    const ps = review("GENERAL", (c) => (c.consignee!.address = "1 GEORGE ST，SYDNEY（NSW）"));
    expect(rules(ps)).toEqual(["CHARSET@consignee.address"]);
    expect(ps[0]!.message).toBe("全角字符 '，'、'（'、'）' 应为半角 ','、'('、')'。");
    expect(ps[0]!.hint).toContain("一键替换");
  });

  test("Chinese characters have no replacement and are named", () => {
    const [p] = review("GENERAL", (c) => (goods0(c).description = "WORKING GLOVES 手套"));
    expect(p?.rule).toBe("CHARSET");
    expect(p?.field).toBe("goods.0.description");
    expect(p?.message).toBe("英文证书上不能出现中文字符：'手'、'套'。");
    expect(p?.message).not.toContain("U+");
    expect(p?.hint).toBe(M.charsetHintDelete);
  });

  test("every printed field is checked; the hand-signer's Chinese name is not printed", () => {
    const ps = review("CHAFTA", (c) => {
      c.producer!.name = "ＳＡＭＥ";
      goods0(c).marks = "Ｎ/Ｍ";
      c.transport!.vessel = "COSCO　STAR";
      c.remarks = "L/C NO：1";
      c.invoice!.number = "CI—1";
    });
    expect(only(ps, "CHARSET").map((p) => p.field)).toEqual([
      "producer.name",
      "transport.vessel",
      "invoice.number",
      "goods.0.marks",
      "remarks",
    ]);
  });

  test("fields the form does not print are not checked", () => {
    expect(review("GENERAL", (c) => (c.transport!.vessel = "中远之星"))).toEqual([]);
    expect(review("GENERAL", (c) => (goods0(c).originCriterion = "ＷＯ")).map((p) => p.rule)).toEqual(["CRITERION_INVALID"]);
  });

  test("a full-width difference in the exporter name is both CHARSET and EXPORTER_MISMATCH", () => {
    const ps = review("CHAFTA", (c) => (c.exporter!.name = FILED_NAME.replace(",", "，")));
    expect(rules(ps)).toEqual(["CHARSET@exporter.name", "EXPORTER_MISMATCH@exporter.name"]);
  });
});

describe("EXPORTER_MISMATCH", () => {
  test("the exporter name must equal the filed English name exactly", () => {
    expect(rules(review("CHAFTA", (c) => (c.exporter!.name = "BEIJING TUOBANG INVESTMENT CO.,LTD.")))).toEqual(["EXPORTER_MISMATCH@exporter.name"]);
    expect(rules(review("GENERAL", (c) => (c.exporter!.name = "Beijing Tuobang Investment Co., Ltd.")))).toEqual(["EXPORTER_MISMATCH@exporter.name"]);
    expect(review("CHAFTA", (c) => (c.exporter!.name = `  ${FILED_NAME} `))).toEqual([]);
  });
});

describe("SIGNER_INVALID", () => {
  test("unknown or inactive hand-signer", () => {
    expect(rules(review("GENERAL", (c) => (c.handSigner = "赵六")))).toEqual(["SIGNER_INVALID@handSigner"]);
    const [inactive] = review("GENERAL", (c) => (c.handSigner = "李四"));
    expect(inactive?.rule).toBe("SIGNER_INVALID");
    expect(inactive?.hint).toContain("张三、王五");
  });

  test("no signature image only matters when seal and signature are printed", () => {
    expect(rules(review("GENERAL", (c) => (c.handSigner = "王五")))).toEqual(["SIGNER_INVALID@handSigner"]);
    expect(review("GENERAL", (c) => { c.handSigner = "王五"; c.printSeal = false; })).toEqual([]);
  });

  test("a hand-signer without a romanised name cannot be printed on an English certificate", () => {
    const noLatin = { handSigners: [{ name: "张三", active: true, hasSignature: true, hasLatinName: false }] };
    const [p] = review("GENERAL", () => {}, noLatin);
    expect(p?.rule).toBe("SIGNER_INVALID");
    expect(p?.message).toContain("没有登记姓名拼音");
    expect(review("GENERAL", () => {}, { handSigners: [{ name: "张三", active: true, hasSignature: true, hasLatinName: true }] })).toEqual([]);
  });
});

describe("DEST_IS_CHINA", () => {
  test("destination mainland China; Hong Kong is not mainland", () => {
    const ps = review("GENERAL", (c) => { c.destinationCountry = "CN"; c.consignee!.country = "CN"; c.transport!.to = { country: "CN" }; });
    expect(only(ps, "DEST_IS_CHINA").map((p) => p.field)).toEqual(["destinationCountry"]);
    expect(only(ps, "DEST_NOT_PARTY")).toEqual([]);
    expect(review("GENERAL", (c) => { c.destinationCountry = "HK"; c.consignee!.country = "HK"; c.transport!.to = { country: "HK", port: "HONG KONG" }; })).toEqual([]);
  });
});

describe("DEST_NOT_PARTY", () => {
  const elsewhere = (country: string, port = ""): Edit => (c) => {
    c.destinationCountry = country;
    c.consignee!.country = country;
    c.transport!.to = { country, port };
  };

  test("a destination that is not an importing party", () => {
    const ps = review("CHAFTA", elsewhere("NZ", "AUCKLAND"));
    expect(rules(ps)).toEqual(["DEST_NOT_PARTY@destinationCountry"]);
    expect(ps[0]!.hint).toContain("澳大利亚");
    expect(rules(review("CEPA_HK", elsewhere("MO")))).toEqual(["DEST_NOT_PARTY@destinationCountry"]);
    expect(review("GENERAL", elsewhere("NZ", "AUCKLAND"))).toEqual([]);
  });

  test("an agreement not yet in force for that party on the application date", () => {
    const atDate = (today: string) =>
      review(
        "RCEP",
        (c) => {
          elsewhere("KR", "BUSAN")(c);
          c.invoice!.date = "2022-01-10";
          c.transport!.departureDate = "2022-02-20";
        },
        { today },
      );
    const ps = atDate("2022-01-15");
    expect(rules(ps)).toEqual(["DEST_NOT_PARTY@destinationCountry"]);
    expect(ps[0]!.message).toContain("2022-02-01");
    expect(atDate("2022-02-01")).toEqual([]);
  });
});

describe("CONSIGNEE_COUNTRY", () => {
  const consigneeIn = (country: string): Edit => (c) => (c.consignee!.country = country);

  test("an error on every agreement form", () => {
    for (const type of CERTIFICATE_TYPE_CODES.filter((t) => t !== "GENERAL")) {
      const ps = review(type, consigneeIn("US"));
      expect(ps.map((p) => [p.rule, p.field, p.severity])).toEqual([["CONSIGNEE_COUNTRY", "consignee.country", "error"]]);
    }
  });

  test("a warning on the general certificate, which does not block sending", () => {
    const ps = review("GENERAL", consigneeIn("CA"));
    expect(ps.map((p) => [p.rule, p.severity])).toEqual([["CONSIGNEE_COUNTRY", "warning"]]);
    expect(hasBlockingProblems(ps)).toBe(false);
  });
});

describe("PORT_COUNTRY", () => {
  test("the loading port must be in mainland China", () => {
    expect(rules(review("CHAFTA", (c) => (c.transport!.from = { country: "CN", port: "HONG KONG" })))).toEqual(["PORT_COUNTRY@transport.from.port"]);
    expect(rules(review("CHAFTA", (c) => (c.transport!.from = { country: "HK", port: "KWAI CHUNG" })))).toEqual(["PORT_COUNTRY@transport.from.port"]);
    expect(review("CHAFTA", (c) => (c.transport!.from = { country: "CN", port: "TAICANG" }))).toEqual([]);
  });

  test("a known discharge port must be in the destination country", () => {
    const [p] = review("CHAFTA", (c) => (c.transport!.to = { country: "AU", port: "BUSAN" }));
    expect([p?.rule, p?.field]).toEqual(["PORT_COUNTRY", "transport.to.port"]);
    expect(p?.message).toContain("BUSAN");
    expect(rules(review("CHAFTA", (c) => (c.transport!.to = { country: "NZ", port: "AUCKLAND" })))).toEqual(["PORT_COUNTRY@transport.to.port"]);
    // A port the reference does not know, or the country alone, is accepted.
    expect(review("CHAFTA", (c) => (c.transport!.to = { country: "AU", port: "DARWIN" }))).toEqual([]);
    expect(review("CHAFTA", (c) => (c.transport!.to = { country: "AU", port: null }))).toEqual([]);
  });
});

describe("ITEM_LIMIT", () => {
  const lines = (n: number): Edit => (c) => (c.goods = Array.from({ length: n }, () => structuredClone(goods0(c))));

  test("ChAFTA, NZ, Costa Rica, Peru, Iceland allow 20 lines", () => {
    for (const type of ["CHAFTA", "CNNZ", "CNCR", "CNPE", "CNIS"] as const) {
      expect(review(type, lines(20))).toEqual([]);
      expect(rules(review(type, lines(21)))).toEqual(["ITEM_LIMIT@goods"]);
    }
  });

  test("Switzerland: 20 before 2021-09-01, 50 from then", () => {
    const at = (n: number, today: string) => review("CNCH", (c) => { lines(n)(c); c.invoice!.date = "2021-08-01"; c.transport!.departureDate = "2021-12-01"; }, { today });
    expect(rules(at(21, "2021-08-31"))).toEqual(["ITEM_LIMIT@goods"]);
    expect(at(50, "2021-09-01")).toEqual([]);
    expect(rules(at(51, "2021-09-01"))).toEqual(["ITEM_LIMIT@goods"]);
  });

  test("Korea: 20 before 2022-06-12, no cap from then", () => {
    const at = (n: number, today: string) => review("CNKR", (c) => { lines(n)(c); c.invoice!.date = "2022-06-01"; c.transport!.departureDate = "2022-12-01"; }, { today });
    expect(rules(at(21, "2022-06-11"))).toEqual(["ITEM_LIMIT@goods"]);
    expect(at(60, "2022-06-12")).toEqual([]);
  });

  test("Chile 50 today; Form E, RCEP and the general certificate have no cap", () => {
    expect(rules(review("CNCL", lines(51)))).toEqual(["ITEM_LIMIT@goods"]);
    expect(review("CNCL", lines(50))).toEqual([]);
    for (const type of ["ACFTA", "RCEP", "GENERAL"] as const) expect(review(type, lines(120))).toEqual([]);
  });
});

describe("CRITERION_INVALID and CRITERION_THRESHOLD", () => {
  const criterion = (text: string | null): Edit => (c) => (goods0(c).originCriterion = text);
  // The filing matches the criterion so that only the criterion rules speak.
  const withFiling = (type: CertificateTypeCode, text: string) => review(type, criterion(text), { filings: [filingFor(type, undefined, text)] });

  test("a criterion outside the agreement's set, per agreement", () => {
    const cases: [CertificateTypeCode, string, string][] = [
      ["CHAFTA", "WP", "PE"],
      ["ACFTA", "RVC 40%", "WP"],
      ["APTA", "C 60%", "WO"],
      ["CNSG", "RVC 40%", "PE"],
      ["CNPK", "40%", "WO"],
      ["RCEP", "RVC ACU", "WP"],
      ["CNCH", "PSR", "CTC"],
    ];
    for (const [type, good, bad] of cases) {
      expect(withFiling(type, good)).toEqual([]);
      expect(rules(withFiling(type, bad))).toEqual(["CRITERION_INVALID@goods.0.originCriterion"]);
    }
  });

  test("missing where the form has a criterion box is CRITERION_INVALID, not REQUIRED", () => {
    expect(rules(review("CNKR", criterion(null)))).toEqual(["CRITERION_INVALID@goods.0.originCriterion"]);
  });

  test("on forms without a criterion box a criterion is only a warning", () => {
    for (const type of ["GENERAL", "CEPA_HK"] as const) {
      const ps = review(type, criterion("WO"));
      expect(ps.map((p) => [p.rule, p.severity])).toEqual([["CRITERION_INVALID", "warning"]]);
    }
  });

  test("percentage missing or past the threshold", () => {
    expect(rules(withFiling("ACFTA", "RVC"))).toEqual(["CRITERION_THRESHOLD@goods.0.originCriterion"]);
    expect(rules(withFiling("ACFTA", "RVC 35%"))).toEqual(["CRITERION_THRESHOLD@goods.0.originCriterion"]);
    expect(rules(withFiling("APTA", "B 60%"))).toEqual(["CRITERION_THRESHOLD@goods.0.originCriterion"]);
    expect(withFiling("APTA", "B 50%")).toEqual([]);
    expect(rules(withFiling("CNPK", "30%"))).toEqual(["CRITERION_THRESHOLD@goods.0.originCriterion"]);
  });
});

describe("PRODUCT_NOT_FILED, CRITERION_MISMATCH, HS_FORMAT", () => {
  test("a preferential line needs an approved filing for that agreement", () => {
    const ps = review("CHAFTA", () => {}, { filings: [] });
    expect(rules(ps)).toEqual(["PRODUCT_NOT_FILED@goods.0.hsCode"]);
    const other = review("CHAFTA", () => {}, { filings: [filingFor("CNKR")] });
    expect(rules(other)).toEqual(["PRODUCT_NOT_FILED@goods.0.hsCode"]);
    expect(other[0]!.message).toContain("备案中没有");
  });

  test("no filing is needed on the general certificate or CEPA", () => {
    expect(review("GENERAL", () => {}, { filings: [] })).toEqual([]);
    expect(review("CEPA_HK", () => {}, { filings: [] })).toEqual([]);
  });

  test("a 6-digit line is covered by the 10-digit filing it starts", () => {
    expect(review("CHAFTA", (c) => (goods0(c).hsCode = "611610"))).toEqual([]);
  });

  test("same subheading but other digits than the filed product is HS_FORMAT", () => {
    const ps = review("CHAFTA", (c) => (goods0(c).hsCode = "6116109000"));
    expect(rules(ps)).toEqual(["HS_FORMAT@goods.0.hsCode"]);
    expect(ps[0]!.message).toContain("6116100000");
  });

  test("HS digits: 6 to 10 digits, no dots; empty is HS_FORMAT too", () => {
    for (const hs of ["6116.10", "61161", "61161000001", "", null]) {
      expect(rules(review("GENERAL", (c) => (goods0(c).hsCode = hs)))).toEqual(["HS_FORMAT@goods.0.hsCode"]);
    }
    expect(review("CHAFTA", (c) => (goods0(c).hsCode = "611610"))).toEqual([]);
  });

  test("the line's criterion must be the filing's (compared in canonical spelling)", () => {
    const ps = review("CHAFTA", () => {}, { filings: [filingFor("CHAFTA", undefined, "WO")] });
    expect(rules(ps)).toEqual(["CRITERION_MISMATCH@goods.0.originCriterion"]);
    expect(ps[0]!.message).toContain("WO");
    expect(review("ACFTA", (c) => (goods0(c).originCriterion = "RVC 45%"), { filings: [filingFor("ACFTA", undefined, "rvc45%")] })).toEqual([]);
  });

  test("an invalid criterion is reported once, not also as a mismatch", () => {
    expect(rules(review("CHAFTA", (c) => (goods0(c).originCriterion = "PE")))).toEqual(["CRITERION_INVALID@goods.0.originCriterion"]);
  });
});

describe("PACKAGES", () => {
  test("number and kind of packages", () => {
    expect(rules(review("GENERAL", (c) => (goods0(c).packages = null)))).toEqual(["PACKAGES@goods.0.packages"]);
    expect(rules(review("GENERAL", (c) => (goods0(c).packages = { count: 3, kind: "" })))).toEqual(["PACKAGES@goods.0.packages.kind"]);
    expect(rules(review("GENERAL", (c) => (goods0(c).packages = { count: null, kind: "CARTONS" })))).toEqual(["PACKAGES@goods.0.packages.count"]);
    expect(rules(review("GENERAL", (c) => (goods0(c).packages = { count: 1.5, kind: "CARTONS" })))).toEqual(["PACKAGES@goods.0.packages.count"]);
    expect(rules(review("GENERAL", (c) => (goods0(c).packages = { count: 0, kind: "CARTONS" })))).toEqual(["PACKAGES@goods.0.packages.count"]);
  });

  test("bulk and unpacked goods have no count", () => {
    expect(review("GENERAL", (c) => (goods0(c).packages = { count: null, kind: "IN BULK" }))).toEqual([]);
    expect(review("CHAFTA", (c) => (goods0(c).packages = { count: null, kind: "nude cargo" }))).toEqual([]);
  });
});

describe("MARKS_INVALID", () => {
  const marks = (text: string | null): Edit => (c) => (goods0(c).marks = text);

  test("empty marks: MARKS_INVALID, not REQUIRED", () => {
    const ps = review("GENERAL", marks("  "));
    expect(rules(ps)).toEqual(["MARKS_INVALID@goods.0.marks"]);
    expect(ps[0]!.hint).toContain("N/M");
  });

  test("placeholders are refused", () => {
    for (const text of ["AS PER INVOICE NO. 123", "as per b/l", "CARTON LABEL", "ACME\nAS PACKING LIST"]) {
      expect(rules(review("GENERAL", marks(text)))).toEqual(["MARKS_INVALID@goods.0.marks"]);
    }
  });

  test("a non-Chinese place of manufacture is refused; China is fine", () => {
    for (const text of ["ACME\nMADE IN TAIWAN", "HONG KONG PRODUCTS", "PRODUCT OF VIETNAM", "ORIGIN: JAPAN"]) {
      expect(rules(review("GENERAL", marks(text)))).toEqual(["MARKS_INVALID@goods.0.marks"]);
    }
    for (const text of ["ACME\nMADE IN CHINA", "MADE IN P.R.C.", "PRODUCT OF THE PEOPLE'S REPUBLIC OF CHINA", "ORIGINAL PARTS C/NO.1-150", "N/M", "SEE ATTACHMENT"]) {
      expect(review("GENERAL", marks(text))).toEqual([]);
    }
  });
});

describe("VALUE_REQUIRED", () => {
  const noValue: Edit = (c) => (goods0(c).value = null);

  test("FOB value on Singapore, Pakistan; invoiced value on NZ, Costa Rica, Peru", () => {
    for (const type of ["CNSG", "CNPK", "CNNZ", "CNCR", "CNPE"] as const) {
      expect(rules(review(type, noValue))).toEqual(["VALUE_REQUIRED@goods.0.value"]);
    }
    expect(review("CNSG", noValue)[0]!.message).toContain("FOB");
    expect(review("CNNZ", noValue)[0]!.message).toContain("发票价值");
  });

  test("no value needed on ChAFTA, Korea, Switzerland or the general certificate", () => {
    for (const type of ["CHAFTA", "CNKR", "CNCH", "GENERAL"] as const) expect(review(type, noValue)).toEqual([]);
  });

  test("RCEP: FOB value only on lines whose criterion is RVC", () => {
    expect(review("RCEP", noValue)).toEqual([]);
    const rvc = review("RCEP", (c) => { noValue(c); goods0(c).originCriterion = "RVC"; }, { filings: [filingFor("RCEP", undefined, "RVC")] });
    expect(rules(rvc)).toEqual(["VALUE_REQUIRED@goods.0.value"]);
  });

  test("Form E (2019): FOB value only on lines whose criterion is RVC-based", () => {
    expect(review("ACFTA", noValue)).toEqual([]);
    const rvc = review("ACFTA", (c) => { noValue(c); goods0(c).originCriterion = "RVC 45%"; }, { filings: [filingFor("ACFTA", undefined, "RVC 45%")] });
    expect(rules(rvc)).toEqual(["VALUE_REQUIRED@goods.0.value"]);
    expect(rvc[0]!.message).toContain("FOB");
  });

  test("an empty string is a missing value", () => {
    expect(rules(review("CNSG", (c) => (goods0(c).value = " ")))).toEqual(["VALUE_REQUIRED@goods.0.value"]);
  });
});

describe("INVOICE_DUPLICATE", () => {
  test("names the live certificate holding the invoice number", () => {
    const ps = review("GENERAL", () => {}, { invoiceHolder: { id: "c-17", applicationNo: "A2026110001" } });
    expect(rules(ps)).toEqual(["INVOICE_DUPLICATE@invoice.number"]);
    expect(ps[0]!.message).toContain("A2026110001");
    expect(ps[0]!.message).toContain("CI-P171123");
  });
});

describe("dates: DATE_IN_FUTURE, INVOICE_AFTER_SHIPMENT", () => {
  test("invoice date after today", () => {
    expect(rules(review("GENERAL", (c) => (c.invoice!.date = "2026-11-26")))).toEqual(["DATE_IN_FUTURE@invoice.date"]);
    expect(review("GENERAL", (c) => (c.invoice!.date = TODAY))).toEqual([]);
  });

  test("invoice date after the departure date", () => {
    const ps = review("GENERAL", (c) => { c.invoice!.date = "2026-11-24"; c.transport!.departureDate = "2026-11-23"; });
    expect(rules(ps)).toEqual(["INVOICE_AFTER_SHIPMENT@invoice.date"]);
    expect(review("GENERAL", (c) => { c.invoice!.date = "2026-11-23"; c.transport!.departureDate = "2026-11-23"; })).toEqual([]);
  });
});

describe("RETRO_NOT_ALLOWED, RETRO_TOO_LATE and the retroactive marking", () => {
  const shipped = (departure: string, invoice = "2020-01-01"): Edit => (c) => {
    c.transport!.departureDate = departure;
    c.invoice!.date = invoice;
  };
  const retro = (type: CertificateTypeCode, departure: string, today = TODAY) => {
    const cert = validCert(type);
    shipped(departure)(cert);
    return computeRetroactive(cert, { today });
  };

  test("APTA: no retroactive issue after 3 working days (2026-11-25 is a Wednesday)", () => {
    expect(review("APTA", shipped("2026-11-20"))).toEqual([]);
    const ps = review("APTA", shipped("2026-11-19"));
    expect(rules(ps)).toEqual(["RETRO_NOT_ALLOWED@transport.departureDate"]);
    expect(ps[0]!.message).toContain("3 个工作日");
    expect(retro("APTA", "2026-11-19")).toBeNull();
  });

  test("New Zealand: none before the 2022-04-07 upgrade, within a year since", () => {
    const nz = (departure: string, today: string) =>
      review("CNNZ", shipped(departure, "2022-01-01"), { today });
    expect(rules(nz("2022-02-20", "2022-03-01"))).toEqual(["RETRO_NOT_ALLOWED@transport.departureDate"]);
    expect(nz("2022-04-20", "2022-05-01")).toEqual([]);
    expect(retro("CNNZ", "2022-04-20", "2022-05-01")?.wording).toBe("ISSUED RETROSPECTIVELY");
  });

  test("more than one year after shipment is too late", () => {
    expect(rules(review("CHAFTA", shipped("2025-11-24")))).toEqual(["RETRO_TOO_LATE@transport.departureDate"]);
    expect(review("CHAFTA", shipped("2025-11-25"))).toEqual([]);
    for (const type of ["ACFTA", "CNKR", "RCEP", "CNSG", "CNPK"] as const) {
      expect(rules(review(type, shipped("2025-11-01")))).toEqual(["RETRO_TOO_LATE@transport.departureDate"]);
    }
  });

  test("Chile before 2019-03-01: 30 days", () => {
    const cl = (departure: string) => review("CNCL", shipped(departure, "2019-01-01"), { today: "2019-02-20" });
    expect(rules(cl("2019-01-15"))).toEqual(["RETRO_TOO_LATE@transport.departureDate"]);
    expect(cl("2019-01-25")).toEqual([]);
  });

  test("the general certificate has no limit and is marked in Box 5", () => {
    expect(review("GENERAL", shipped("2023-06-01"))).toEqual([]);
    expect(retro("GENERAL", "2023-06-01")).toEqual({ wording: "ISSUED RETROSPECTIVELY", box: "5", tick: false });
  });

  test("grace periods: Form E 3 days, Korea 7 working days, Pakistan 15 days", () => {
    expect(retro("ACFTA", "2026-11-22")).toBeNull();
    expect(retro("ACFTA", "2026-11-21")).toEqual({ wording: "ISSUED RETROACTIVELY", box: "13", tick: true });
    expect(retro("CNKR", "2026-11-16")).toBeNull(); // Mon + 7 working days = Wed 25
    expect(retro("CNKR", "2026-11-13")).toEqual({ wording: "ISSUED RETROACTIVELY", box: "5", tick: false });
    expect(retro("CNPK", "2026-11-10")).toBeNull();
    expect(retro("CNPK", "2026-11-09")?.box).toBe("13");
  });

  test("wording and box per agreement", () => {
    expect(retro("CHAFTA", "2026-11-24")).toEqual({ wording: "ISSUED RETROSPECTIVELY", box: "5", tick: false });
    expect(retro("RCEP", "2026-11-24")).toEqual({ wording: "ISSUED RETROACTIVELY", box: "17", tick: true });
    expect(retro("CNPE", "2026-11-24")?.box).toBe("title");
    expect(retro("CNCH", "2026-11-24")?.box).toBe("4");
    expect(retro("CNCR", "2026-11-24")?.box).toBe("14");
    expect(retro("CNSG", "2026-11-24")?.box).toBe("12");
  });

  test("no marking before shipment or on the day of shipment", () => {
    expect(retro("CHAFTA", "2026-12-01")).toBeNull();
    expect(retro("CHAFTA", TODAY)).toBeNull();
    expect(computeRetroactive({ ...validCert("CHAFTA"), transport: null }, { today: TODAY })).toBeNull();
  });
});

describe("TRANSPORT", () => {
  test("missing mode or destination is TRANSPORT, not REQUIRED", () => {
    expect(rules(review("GENERAL", (c) => (c.transport!.mode = null)))).toEqual(["TRANSPORT@transport.mode"]);
    expect(rules(review("GENERAL", (c) => (c.transport!.to = null)))).toEqual(["TRANSPORT@transport.to"]);
  });

  test("after shipment an FTA form needs the real carrier number", () => {
    const after = (vessel: string | null): Edit => (c) => { c.transport!.departureDate = "2026-11-24"; c.transport!.vessel = vessel; };
    for (const vessel of [null, "***", "BY SEA", "TBA"]) {
      expect(rules(review("CHAFTA", after(vessel)))).toEqual(["TRANSPORT@transport.vessel"]);
    }
    expect(review("CHAFTA", after("COSCO STAR V.123"))).toEqual([]);
    // The day of shipment counts as after shipment (§17 rule 33: application date ≥ shipment date).
    expect(rules(review("CHAFTA", (c) => { c.transport!.departureDate = TODAY; c.transport!.vessel = "BY SEA"; }))).toEqual(["TRANSPORT@transport.vessel"]);
    expect(review("GENERAL", after(null))).toEqual([]);
    expect(review("APTA", (c) => { after(null)(c); c.transport!.departureDate = "2026-11-25"; })).toEqual([]);
  });

  test("before shipment *** is accepted, except on the Chile form", () => {
    expect(review("CHAFTA", (c) => (c.transport!.vessel = "***"))).toEqual([]);
    expect(rules(review("CNCL", (c) => (c.transport!.vessel = "***")))).toEqual(["TRANSPORT@transport.vessel"]);
  });
});

describe("MARKS_IMAGE", () => {
  const png = (size: number) => {
    const bytes = new Uint8Array(size);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
  };

  test("jpg, png or gif by content, at most 400 KB", () => {
    expect(review("GENERAL", () => {}, { marksImage: { mime: "image/png", bytes: png(400 * 1024) } })).toEqual([]);
    const gif = new TextEncoder().encode("GIF89a......");
    expect(review("GENERAL", () => {}, { marksImage: { mime: "image/gif", bytes: gif } })).toEqual([]);
    const big = review("GENERAL", () => {}, { marksImage: { mime: "image/png", bytes: png(400 * 1024 + 1) } });
    expect(rules(big)).toEqual(["MARKS_IMAGE@marksImage"]);
    expect(big[0]!.message).toContain("401 KB");
    const pdf = new TextEncoder().encode("%PDF-1.7 ...");
    expect(rules(review("GENERAL", () => {}, { marksImage: { mime: "image/png", bytes: pdf } }))).toEqual(["MARKS_IMAGE@marksImage"]);
  });
});

describe("all rule codes", () => {
  test("each contract rule code is produced by some case above", async () => {
    const { RULE_CODES } = await import("./review-problems.ts");
    const seen = new Set<string>();
    const add = (ps: Problem[]) => ps.forEach((p) => seen.add(p.rule));
    add(review("CHAFTA", (c) => {
      c.exporter = { name: "ＡCME", address: null };
      c.handSigner = "nobody";
      c.destinationCountry = "NZ";
      c.consignee!.country = "US";
      c.transport = { from: { country: "HK", port: "HONG KONG" }, to: { country: "NZ", port: "BUSAN" }, departureDate: "2024-01-01" };
      c.invoice = { number: "X", date: "2030-01-01", currency: "usd" };
      c.goods = Array.from({ length: 21 }, () => ({ marks: "", originCriterion: "RVC 40%", hsCode: "12" }));
    }, { invoiceHolder: { id: 1, applicationNo: null }, marksImage: { mime: "x", bytes: new Uint8Array(1) }, filings: [] }));
    add(review("GENERAL", (c) => (c.destinationCountry = "CN")));
    add(review("ACFTA", (c) => { goods0(c).originCriterion = "RVC 10%"; goods0(c).value = null; }));
    add(review("ACFTA", (c) => { c.invoice!.date = "2026-11-02"; c.transport!.departureDate = "2026-11-01"; goods0(c).packages = null; }, { filings: [filingFor("ACFTA", undefined, "WO")] }));
    add(review("APTA", (c) => (c.transport!.departureDate = "2026-11-01")));
    add(review("CHAFTA", (c) => (goods0(c).hsCode = "6116109000")));
    add(review("CHAFTA", () => {}, { filings: [] }));
    expect([...RULE_CODES].filter((r) => !seen.has(r))).toEqual([]);
  });
});
