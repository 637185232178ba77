/** Machine review of the goods lines: item limits, criteria, filed products, packages, marks, values (review-goods.ts). */

import { describe, expect, test } from "bun:test";
import type { CertificateTypeCode } from "../../reference/index.ts";
import { type Edit, filingFor, goods0, review, rules } from "./review.fixtures.ts";

describe("ITEM_LIMIT", () => {
  const lines =
    (n: number): Edit =>
    (c) =>
      (c.goods = Array.from({ length: n }, () => structuredClone(goods0(c))));

  test("ChAFTA, NZ, Costa Rica, Peru, Iceland allow 20 lines", () => {
    for (const type of ["CHAFTA", "CNNZ", "CNCR", "CNPE", "CNIS"] as const) {
      expect(review(type, lines(20))).toEqual([]);
      expect(rules(review(type, lines(21)))).toEqual(["ITEM_LIMIT@goods"]);
    }
  });

  test("Switzerland: 20 before 2021-09-01, 50 from then", () => {
    const at = (n: number, today: string) =>
      review(
        "CNCH",
        (c) => {
          lines(n)(c);
          c.invoice!.date = "2021-08-01";
          c.transport!.departureDate = "2021-12-01";
        },
        { today },
      );
    expect(rules(at(21, "2021-08-31"))).toEqual(["ITEM_LIMIT@goods"]);
    expect(at(50, "2021-09-01")).toEqual([]);
    expect(rules(at(51, "2021-09-01"))).toEqual(["ITEM_LIMIT@goods"]);
  });

  test("Korea: 20 before 2022-06-12, no cap from then", () => {
    const at = (n: number, today: string) =>
      review(
        "CNKR",
        (c) => {
          lines(n)(c);
          c.invoice!.date = "2022-06-01";
          c.transport!.departureDate = "2022-12-01";
        },
        { today },
      );
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
  const criterion =
    (text: string | null): Edit =>
    (c) =>
      (goods0(c).originCriterion = text);
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
  const marks =
    (text: string | null): Edit =>
    (c) =>
      (goods0(c).marks = text);

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
    for (const text of [
      "ACME\nMADE IN CHINA",
      "MADE IN P.R.C.",
      "PRODUCT OF THE PEOPLE'S REPUBLIC OF CHINA",
      "ORIGINAL PARTS C/NO.1-150",
      "N/M",
      "SEE ATTACHMENT",
    ]) {
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
    const rvc = review(
      "RCEP",
      (c) => {
        noValue(c);
        goods0(c).originCriterion = "RVC";
      },
      { filings: [filingFor("RCEP", undefined, "RVC")] },
    );
    expect(rules(rvc)).toEqual(["VALUE_REQUIRED@goods.0.value"]);
  });

  test("Form E (2019): FOB value only on lines whose criterion is RVC-based", () => {
    expect(review("ACFTA", noValue)).toEqual([]);
    const rvc = review(
      "ACFTA",
      (c) => {
        noValue(c);
        goods0(c).originCriterion = "RVC 45%";
      },
      { filings: [filingFor("ACFTA", undefined, "RVC 45%")] },
    );
    expect(rules(rvc)).toEqual(["VALUE_REQUIRED@goods.0.value"]);
    expect(rvc[0]!.message).toContain("FOB");
  });

  test("an empty string is a missing value", () => {
    expect(rules(review("CNSG", (c) => (goods0(c).value = " ")))).toEqual(["VALUE_REQUIRED@goods.0.value"]);
  });
});
