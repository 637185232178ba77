/**
 * The machine-review rules REFERENCE.md §17 asks for that came with the preview (issue 13): each
 * one passing on the valid fixture and failing on the one change that should trip it.
 */
import { describe, expect, test } from "bun:test";
import type { CertificateTypeCode } from "../../reference/index.ts";
import type { CertificateBody } from "../edi/contract.ts";
import { M } from "../messages.ts";
import { certificateType, hsDigitsForType, printedHsCode } from "../registry.ts";
import { splitWeightMark } from "./review-goods.ts";
import type { Problem, ReviewContext } from "./review-problems.ts";
import { reviewCertificate } from "./review-rules.ts";
import { filingFor, validCert, validContext } from "./review.fixtures.ts";

function review(type: CertificateTypeCode, edit: (c: CertificateBody) => void = () => {}, ctx: Partial<ReviewContext> = {}): Problem[] {
  const cert = structuredClone(validCert(type));
  edit(cert);
  return reviewCertificate(cert, validContext(type, ctx));
}
const rules = (ps: Problem[]) => ps.map((p) => `${p.rule}@${p.field}${p.severity === "warning" ? " (warning)" : ""}`);
const goods0 = (c: CertificateBody) => c.goods![0]!;

describe("HS digits against the form", () => {
  test("each form's digits: 6 on the FTA forms, the heading on APTA, as declared on the general CO", () => {
    expect([hsDigitsForType("GENERAL"), hsDigitsForType("APTA"), hsDigitsForType("ACFTA"), hsDigitsForType("RCEP"), hsDigitsForType("CEPA_HK")]).toEqual([
      null,
      4,
      6,
      6,
      null,
    ]);
    expect(printedHsCode("CHAFTA", "6116100000")).toBe("611610");
    expect(printedHsCode("APTA", "6116.10.00")).toBe("61.16");
    expect(printedHsCode("GENERAL", "6116100000")).toBe("6116100000");
  });

  test("the filed product is matched on the digits the form prints", () => {
    // Another printed subheading: no filing covers what the certificate would show.
    const ps = review("CHAFTA", (c) => (goods0(c).hsCode = "6116990000"), { filings: [filingFor("CHAFTA", "6116100000")] });
    expect(rules(ps)).toEqual(["PRODUCT_NOT_FILED@goods.0.hsCode"]);
    // The printed six digits agree, the filed China code does not: named with both full codes.
    const same = review("CHAFTA", (c) => (goods0(c).hsCode = "6116109000"));
    expect(rules(same)).toEqual(["HS_FORMAT@goods.0.hsCode"]);
    expect(same[0]!.message).toBe(M.hsFilingMismatch("6116109000", "6116100000"));
    // The six printed digits alone are enough to match the 10-digit filing.
    expect(review("CHAFTA", (c) => (goods0(c).hsCode = "611610"))).toEqual([]);
  });

  test("the general CO prints the declared code: fewer than 10 digits is a warning", () => {
    expect(rules(review("GENERAL", (c) => (goods0(c).hsCode = "611610")))).toEqual(["HS_FORMAT@goods.0.hsCode (warning)"]);
    expect(review("GENERAL")).toEqual([]);
  });
});

describe("consignee placeholders", () => {
  test("the general CO takes TO WHOM IT MAY CONCERN and TO ORDER; APTA and Chile only TO ORDER", () => {
    expect(review("GENERAL", (c) => (c.consignee = { name: "To whom it may concern", country: "US" }))).toEqual([]);
    expect(review("APTA", (c) => (c.consignee = { name: "TO ORDER", country: "KR" }))).toEqual([]);
    const apta = review("APTA", (c) => (c.consignee = { name: "TO WHOM IT MAY CONCERN", country: "KR" }));
    expect(rules(apta)).toEqual(["FORMAT@consignee.name"]);
    expect(apta[0]!.hint).toBe(M.consigneePlaceholderHint(["TO ORDER"]));
  });

  test("the other FTA forms name a consignee in the importing party, and the country is still checked", () => {
    const ps = review("CHAFTA", (c) => (c.consignee = { name: "TO ORDER" }));
    expect(rules(ps)).toEqual(["FORMAT@consignee.name", "REQUIRED@consignee.country"]);
    expect(rules(review("RCEP", (c) => (c.consignee = { name: "TO ORDER", country: "KR" })))).toEqual([
      "FORMAT@consignee.name",
      "CONSIGNEE_COUNTRY@consignee.country",
    ]);
  });
});

describe("self-printing by destination", () => {
  test("RCEP to Vietnam, Cambodia, Laos or Brunei needs a wet signature: no local printing", () => {
    for (const dest of ["VN", "KH", "LA", "BN"]) {
      const ps = review("RCEP", (c) => {
        c.destinationCountry = dest;
        c.consignee!.country = dest;
        c.transport!.to = { country: dest, port: "" };
      });
      expect({ dest, rules: rules(ps) }).toEqual({ dest, rules: ["FORMAT@localPrint"] });
    }
    expect(
      review("RCEP", (c) => {
        c.destinationCountry = "VN";
        c.consignee!.country = "VN";
        c.transport!.to = { country: "VN", port: "" };
        c.localPrint = false;
      }),
    ).toEqual([]);
    expect(review("RCEP")).toEqual([]); // Japan accepts the electronic certificate
  });
});

describe("China–Pakistan: apply before the export declaration", () => {
  test("a declaration number on a CNPK certificate means it was declared already", () => {
    const declared = "010120260000012345";
    const ps = review("CNPK", (c) => (c.declarationNo = declared));
    expect(rules(ps)).toEqual(["FORMAT@declarationNo"]);
    expect(ps[0]!.message).toBe(M.declarationBeforeExport(certificateType("CNPK").agreement.nameZh, "2019-01-01"));
    expect(review("CNPK")).toEqual([]);
    expect(review("CHAFTA", (c) => (c.declarationNo = declared))).toEqual([]);
  });
});

describe("units", () => {
  test("a unit from the units table, by word, alias or customs code", () => {
    for (const unit of ["PAIRS", "pcs", "035", "KGS"]) expect(review("GENERAL", (c) => (goods0(c).quantity = { value: 5, unit }))).toEqual([]);
    const ps = review("GENERAL", (c) => (goods0(c).quantity = { value: 5, unit: "HANDFULS" }));
    expect(rules(ps)).toEqual(["FORMAT@goods.0.quantity.unit"]);
    expect(ps[0]!.message).toBe(M.unitUnknown("HANDFULS"));
  });

  test("net weight is declared as N.W. after a weight unit, and only there", () => {
    expect(splitWeightMark("kgs n.w.")).toEqual({ unit: "KGS", mark: "N.W." });
    expect(splitWeightMark("TONNES, G.W.")).toEqual({ unit: "TONNES", mark: "G.W." });
    expect(review("GENERAL", (c) => (goods0(c).quantity = { value: 500, unit: "KGS N.W." }))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (goods0(c).quantity = { value: 500, unit: "PAIRS N.W." })))).toEqual(["FORMAT@goods.0.quantity.unit"]);
  });
});

describe("criteria", () => {
  test("Iceland's PSR may carry its percentage", () => {
    const psr = (c: CertificateBody) => (goods0(c).originCriterion = "PSR 45%");
    expect(review("CNIS", psr, { filings: [filingFor("CNIS", undefined, "PSR 45%")] })).toEqual([]);
    expect(rules(review("CNIS", (c) => (goods0(c).originCriterion = "CTH")))).toEqual(["CRITERION_INVALID@goods.0.originCriterion"]);
  });

  test("RCEP's RVC is at least 40 % when a percentage is given", () => {
    const rvc = (pct: string) => review("RCEP", (c) => (goods0(c).originCriterion = `RVC${pct}`), { filings: [filingFor("RCEP", undefined, `RVC${pct}`)] });
    expect(rvc(" 40%")).toEqual([]);
    expect(rvc("")).toEqual([]);
    expect(rules(rvc(" 35%"))).toEqual(["CRITERION_THRESHOLD@goods.0.originCriterion"]);
  });
});

describe("enterprise seal for 打印印章签名", () => {
  test("the seal must be on file when seal printing is asked for", () => {
    const ps = review("GENERAL", () => {}, { enterpriseSeal: null });
    expect(rules(ps)).toEqual(["SIGNER_INVALID@handSigner"]);
    expect(ps[0]!.message).toBe(M.sealMissing);
    expect(review("GENERAL", (c) => (c.printSeal = false), { enterpriseSeal: null })).toEqual([]);
  });

  test("a tiny seal image is refused", () => {
    const ps = review("GENERAL", () => {}, { enterpriseSeal: { width: 120, height: 400 } });
    expect(ps.map((p) => p.message)).toEqual([M.sealTooSmall(120, 400, 150)]);
    expect(review("GENERAL", () => {}, { enterpriseSeal: { width: 150, height: 150 } })).toEqual([]);
  });
});

describe("certified true copy / DUPLICATE wording", () => {
  test("the general CO's copy says DUPLICATE", () => {
    expect(review("GENERAL", (c) => (c.remarks = "DUPLICATE"))).toEqual([]);
    const ps = review("GENERAL", (c) => (c.remarks = "CERTIFIED TRUE COPY"));
    expect(rules(ps)).toEqual(["FORMAT@remarks"]);
    expect(ps[0]!.message).toBe(M.copyWordingWrong("CERTIFIED TRUE COPY", certificateType("GENERAL").agreement.nameZh, "DUPLICATE"));
  });

  test("Korea's says CERTIFIED TRUE COPY with the original's number and date", () => {
    expect(review("CNKR", (c) => (c.remarks = "CERTIFIED TRUE COPY of the original Certificate of Origin number 26K1100A0001 dated 2026-11-20"))).toEqual([]);
    expect(review("CNKR", (c) => (c.remarks = "CERTIFIED TRUE COPY")).map((p) => p.message)).toEqual([M.copyWordingIncomplete("CERTIFIED TRUE COPY")]);
    expect(rules(review("CNKR", (c) => (c.remarks = "DUPLICATE")))).toEqual(["FORMAT@remarks"]);
    expect(rules(review("CNCL", (c) => (c.remarks = "CERTIFIED TRUE COPY OF THE ORIGINAL NO. 26F1100A0001 DATED 2026-11-20")))).toEqual(["FORMAT@remarks"]);
  });

  test("remarks that merely contain the letters are not a copy", () => {
    expect(review("GENERAL", (c) => (c.remarks = "L/C NO. 123 NONDUPLICATED"))).toEqual([]);
  });
});
