import { describe, expect, test } from "bun:test";
import { M } from "./messages.ts";
import { editOutcome, productProblems, type ProductInput } from "./rules.ts";

const good: ProductInput = {
  hsCode: "6116100000",
  nameZh: "劳保手套",
  nameEn: "WORKING GLOVES",
  unit: "PAIRS",
  materials: "",
  agreements: [
    { type: "CHAFTA", originCriterion: "WP" },
    { type: "ACFTA", originCriterion: "WO" },
  ],
};
const day = "2026-11-26";
const rules = (p: Partial<ProductInput>) => productProblems({ ...good, ...p }, day).map((x) => `${x.rule}@${x.field}`);

describe("product filing problems", () => {
  test("a complete filing has none", () => {
    expect(productProblems(good, day)).toEqual([]);
  });
  test("HS code must be 10 digits", () => {
    expect(rules({ hsCode: "611610" })).toEqual(["HS_FORMAT@hsCode"]);
    expect(productProblems({ ...good, hsCode: "" }, day)[0]!.message).toBe(M.hsRequired);
  });
  test("the English name is printed: Chinese or full-width characters are named", () => {
    const [p] = productProblems({ ...good, nameEn: "GLOVES（COTTON）" }, day);
    expect(p!.rule).toBe("CHARSET");
    expect(p!.message).toBe(M.charset("（"));
  });
  test("unit must come from the unit table", () => {
    expect(rules({ unit: "BUCKETS-OF-STUFF" })).toEqual(["FORMAT@unit"]);
  });
  test("at least one agreement; each criterion is checked against that agreement's own set", () => {
    expect(rules({ agreements: [] })).toEqual(["REQUIRED@agreements"]);
    // CTH is not a ChAFTA criterion (WO, WP, PSR), but "B 50%" style is APTA's.
    expect(rules({ agreements: [{ type: "CHAFTA", originCriterion: "CTH" }] })).toEqual(["CRITERION_INVALID@agreements.0.originCriterion"]);
    expect(rules({ agreements: [{ type: "CHAFTA", originCriterion: "" }] })).toEqual(["CRITERION_INVALID@agreements.0.originCriterion"]);
    expect(rules({ agreements: [{ type: "GENERAL", originCriterion: "WO" }] })).toEqual(["FORMAT@agreements.0.type"]);
  });
  test("an agreement listed twice is named", () => {
    expect(rules({ agreements: [good.agreements[0]!, good.agreements[0]!] })).toEqual(["FORMAT@agreements.1.type"]);
  });
});

describe("editing by status", () => {
  test("approved filings get a new version, pending ones are locked", () => {
    expect(editOutcome("DRAFT")).toBe("in_place");
    expect(editOutcome("REJECTED")).toBe("in_place");
    expect(editOutcome("APPROVED")).toBe("new_version");
    expect(editOutcome("PENDING")).toBe("locked");
  });
});
