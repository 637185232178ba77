import { describe, expect, test } from "bun:test";
import { identityFailures, loginFitsRegNo, nextFreeLogin, normalizeCode, sameName } from "./rules.ts";

describe("name comparison (manual Q3: the old system compared exactly)", () => {
  test("full-width and half-width brackets are the same", () => {
    expect(sameName("泰文特（北京）工程技术有限公司", "泰文特(北京)工程技术有限公司")).toBe(true);
  });
  test("spaces of any kind, around or inside, do not count", () => {
    expect(sameName("  中信金属 有限公司\u3000", "中信金属有限公司")).toBe(true);
    expect(sameName("李 四", "李四")).toBe(true);
  });
  test("Latin letters ignore case and width", () => {
    expect(sameName("citic metal co., ltd.", "CITIC METAL CO., LTD.")).toBe(true);
    expect(sameName("ＣＩＴＩＣ　METAL CO., LTD.", "CITIC METAL CO., LTD.")).toBe(true);
  });
  test("the middle dots of transliterated names are one dot", () => {
    expect(sameName("阿卜杜・热合曼", "阿卜杜·热合曼")).toBe(true);
    expect(sameName("阿卜杜•热合曼", "阿卜杜·热合曼")).toBe(true);
  });
  test("a different name is still different", () => {
    expect(sameName("中信金属股份有限公司", "中信金属有限公司")).toBe(false);
    expect(sameName("李三", "李四")).toBe(false);
  });
  test("codes lose spaces and width and gain upper case", () => {
    expect(normalizeCode(" １１００ａ４４２０ ")).toBe("1100A4420");
  });
});

describe("identity check", () => {
  const enterprise = { officeCode: "1100B0", nameZh: "中信金属有限公司", nameEn: "CITIC METAL CO., LTD.", active: true };
  const typed = { officeCode: "1100B0", regNo: "1100A4420", enterpriseName: "中信金属有限公司", signerName: "李四" };
  const check = (over: Partial<typeof typed>, opts: { officeExists?: boolean; enterprise?: typeof enterprise | undefined; signers?: string[] } = {}) =>
    identityFailures({
      typed: { ...typed, ...over },
      officeExists: opts.officeExists ?? true,
      enterprise: "enterprise" in opts ? opts.enterprise : enterprise,
      signerNames: opts.signers ?? ["李四"],
    });

  test("all matching: no failures", () => {
    expect(check({})).toEqual([]);
    expect(check({ enterpriseName: "citic metal co., ltd." })).toEqual([]);
    expect(check({ signerName: "王五" }, { signers: ["李四", "王五"] })).toEqual([]);
  });
  test("names the failing check", () => {
    expect(check({}, { officeExists: false })).toEqual(["office_unknown"]);
    expect(check({}, { enterprise: undefined })).toEqual(["not_filed"]);
    expect(check({ officeCode: "3100B0" })).toEqual(["not_filed_here"]);
    expect(check({}, { enterprise: { ...enterprise, active: false } })).toEqual(["inactive"]);
    expect(check({ enterpriseName: "中信金属股份有限公司" })).toEqual(["name"]);
    expect(check({ signerName: "李三" })).toEqual(["signer"]);
    expect(check({}, { signers: [] })).toEqual(["no_signer"]);
  });
  test("reports name and hand-signer together, so one correction fixes both", () => {
    expect(check({ enterpriseName: "中信", signerName: "李三" })).toEqual(["name", "signer"]);
  });
});

describe("logins on a registration number (manual Q1)", () => {
  test("the number itself when free, else the first free suffix", () => {
    expect(nextFreeLogin("1100A4420", [])).toBe("1100A4420");
    expect(nextFreeLogin("1100A4420", ["1100A4420"])).toBe("1100A4420-1");
    expect(nextFreeLogin("1100A4420", ["1100a4420", "1100A4420-1", "1100A4420-3"])).toBe("1100A4420-2");
  });
  test("a login must be the number or the number with a suffix", () => {
    expect(loginFitsRegNo("1100A4420", "1100A4420")).toBe(true);
    expect(loginFitsRegNo("1100a4420-2", "1100A4420")).toBe(true);
    expect(loginFitsRegNo("1100A4420-0", "1100A4420")).toBe(false);
    expect(loginFitsRegNo("1100A4419", "1100A4420")).toBe(false);
    expect(loginFitsRegNo("1100A4420x", "1100A4420")).toBe(false);
    expect(loginFitsRegNo("admin1100", "1100A4420")).toBe(false);
  });
});
