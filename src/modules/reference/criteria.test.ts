import { describe, expect, test } from "bun:test";
import { checkCriterion, criterionSet, normalizeCriterion, parseCriterion, validateCriterion, type CertificateTypeCode } from "./index.ts";

describe("reading criteria", () => {
  test("codes, percentages and add-ons in any spacing and case", () => {
    expect(parseCriterion("rvc40%")).toEqual({ code: "RVC", percent: 40, addOns: [] });
    expect(parseCriterion('"B" 50%')).toEqual({ code: "B", percent: 50, addOns: [] });
    expect(parseCriterion("40 %")).toEqual({ code: "", percent: 40, addOns: [] });
    expect(parseCriterion("CTC, ACU  DMI")).toEqual({ code: "CTC", percent: null, addOns: ["ACU", "DMI"] });
    expect(parseCriterion("RVC 40")).toBeNull();
    expect(parseCriterion("")).toBeNull();
  });

  test("one canonical spelling", () => {
    expect(normalizeCriterion(' "b"50 % ')).toBe("B 50%");
    expect(normalizeCriterion("rvc 40.5%")).toBe("RVC 40.5%");
    expect(normalizeCriterion("ctc/acu")).toBe("CTC ACU");
  });
});

// Each agreement: a criterion it accepts and one it refuses (REFERENCE.md §17 rule 18).
const cases: [CertificateTypeCode, string, string][] = [
  ["APTA", "A", "WO"],
  ["ACFTA", "PE", "WP"],
  ["CNNZ", "WP", "PE"],
  ["CNSG", "P", "WO"],
  ["CNCR", "PSR", "CTH"],
  ["CNIS", "WO", "RVC 40%"],
  ["CNCH", "WP", "P"],
  ["CHAFTA", "WP", "PE"],
  ["CNKR", "PSR 45%", "CTC"],
  ["CNPE", "WO", "A"],
  ["RCEP", "CTC ACU", "WP"],
  ["CNCL", "WP", "PE"],
  ["CNPK", "40%", "WO"],
  ["CNMU", "WO", "PE"],
  ["CNKH", "RVC 40%", "WP"],
];

describe("criterion sets per agreement", () => {
  for (const [type, good, bad] of cases) {
    test(`${type} accepts ${good} and refuses ${bad}`, () => {
      expect(validateCriterion({ type, criterion: good })).toBeNull();
      const problem = checkCriterion({ type, criterion: bad });
      expect(problem?.rule).toBe("CRITERION_INVALID");
      expect(problem?.message).toContain(bad);
    });
  }

  test("forms without a criterion box: none required, one given is flagged", () => {
    for (const type of ["GENERAL", "CEPA_HK", "CEPA_MO"] as const) {
      expect(criterionSet(type)).toBeNull();
      expect(validateCriterion({ type, criterion: "" })).toBeNull();
      expect(validateCriterion({ type, criterion: "WO" })).toContain("没有原产地标准栏");
    }
  });

  test("a missing criterion on a form with a criterion box is invalid and the hint lists the set", () => {
    const p = checkCriterion({ type: "CHAFTA", criterion: "  " });
    expect(p?.rule).toBe("CRITERION_INVALID");
    expect(p?.message).toContain("未填写原产地标准");
    expect(p?.hint).toContain("WO、WP、PSR");
  });

  test("Form E: the 2019 set replaced bare percentages with RVC", () => {
    expect(validateCriterion({ type: "ACFTA", criterion: "45%", date: "2019-08-19" })).toBeNull();
    expect(checkCriterion({ type: "ACFTA", criterion: "45%", date: "2019-08-20" })?.rule).toBe("CRITERION_INVALID");
    expect(validateCriterion({ type: "ACFTA", criterion: "RVC 45%", date: "2019-08-20" })).toBeNull();
  });

  test("RCEP add-ons only after a criterion, each once, and only RCEP's", () => {
    expect(validateCriterion({ type: "RCEP", criterion: "RVC DMI" })).toBeNull();
    expect(checkCriterion({ type: "RCEP", criterion: "CTC ACU ACU" })?.rule).toBe("CRITERION_INVALID");
    expect(checkCriterion({ type: "CHAFTA", criterion: "WP ACU" })?.rule).toBe("CRITERION_INVALID");
  });

  test("a percentage after a code that takes none is invalid", () => {
    expect(checkCriterion({ type: "CHAFTA", criterion: "WO 40%" })?.rule).toBe("CRITERION_INVALID");
  });
});

describe("percentage thresholds (REFERENCE.md §17 rule 19)", () => {
  const thresholds: [CertificateTypeCode, string, string][] = [
    ["APTA", "B 55%", "B 56%"],
    ["APTA", "C 60%", "C 59%"],
    ["ACFTA", "RVC 40%", "RVC 39.5%"],
    ["CNSG", "RVC 40%", "RVC 35%"],
    ["CNPK", "40%", "39%"],
  ];
  for (const [type, good, bad] of thresholds) {
    test(`${type}: ${good} passes, ${bad} is past the threshold`, () => {
      expect(validateCriterion({ type, criterion: good })).toBeNull();
      const p = checkCriterion({ type, criterion: bad });
      expect(p?.rule).toBe("CRITERION_THRESHOLD");
    });
  }

  test("a percentage criterion without its percentage", () => {
    const p = checkCriterion({ type: "ACFTA", criterion: "RVC" });
    expect(p?.rule).toBe("CRITERION_THRESHOLD");
    expect(p?.hint).toContain("RVC 40%");
    expect(checkCriterion({ type: "APTA", criterion: "B" })?.rule).toBe("CRITERION_THRESHOLD");
  });

  test("PSR percentages are not held to a fixed threshold but must be a percentage", () => {
    expect(validateCriterion({ type: "CNPE", criterion: "PSR 35%" })).toBeNull();
    expect(checkCriterion({ type: "CNPE", criterion: "PSR 135%" })?.rule).toBe("CRITERION_THRESHOLD");
    expect(checkCriterion({ type: "CNPE", criterion: "PSR 0%" })?.rule).toBe("CRITERION_THRESHOLD");
  });
});
