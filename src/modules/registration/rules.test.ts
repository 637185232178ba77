import { describe, expect, test } from "bun:test";
import { creditCodeCheckChar, creditCodeProblem, maskIdNo, normalizeCode, regNoProblem, residentIdValid, suggestRegNo } from "./rules.ts";

describe("unified social credit code (GB 32100-2015)", () => {
  // Published codes of real organisations: the standard's own example and two well-known companies.
  const published = ["91350100M000100Y43", "9144030071526726XG", "91330100799655058B"];

  test("published codes pass", () => {
    for (const code of published) expect(creditCodeProblem(code)).toBeNull();
  });

  test("the check character is computed from the first 17", () => {
    for (const code of published) expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]!);
  });

  test("any other final character is refused as a wrong check", () => {
    const base = published[0]!.slice(0, 17);
    const wrong = [..."0123456789ABCDEFGHJKLMNPQRTUWXY"].filter((ch) => ch !== published[0]![17]);
    for (const ch of wrong) expect(creditCodeProblem(base + ch)).toBe("check");
  });

  test("a single mistyped character is caught", () => {
    const code = published[1]!;
    const typo = code.slice(0, 5) + (code[5] === "7" ? "1" : "7") + code.slice(6);
    expect(creditCodeProblem(typo)).toBe("check");
  });

  test("the check value 31 becomes 0", () => {
    // 17 characters whose weighted sum is a multiple of 31: all zeros.
    expect(creditCodeCheckChar("00000000000000000")).toBe("0");
  });

  test("length and the excluded letters I, O, Z, S, V are refused before the check", () => {
    expect(creditCodeProblem("91350100M000100Y4")).toBe("length");
    expect(creditCodeProblem("91350100M000100Y433")).toBe("length");
    for (const ch of "IOZSV") expect(creditCodeProblem(`9135010${ch}M000100Y43`)).toBe("charset");
  });

  test("typing is normalised: spaces dropped, letters upper-cased", () => {
    expect(normalizeCode(" 91350100m000100y43 ")).toBe("91350100M000100Y43");
    expect(normalizeCode("9135 0100 M000 100Y 43")).toBe("91350100M000100Y43");
  });
});

describe("registration number", () => {
  test("the manual's numbers are valid for their office", () => {
    for (const n of ["1100A4419", "1100P0000", "1100B0980"]) expect(regNoProblem(n, "1100B0")).toBeNull();
  });

  test("wrong shapes and another office's prefix are refused", () => {
    expect(regNoProblem("1100A441", "1100B0")).toBe("format");
    expect(regNoProblem("1100a4419", "1100B0")).toBe("format");
    expect(regNoProblem("1100A4419-1", "1100B0")).toBe("format");
    expect(regNoProblem("1100A4419", "3100B0")).toBe("office");
  });

  test("the suggestion follows the highest number of the A series", () => {
    expect(suggestRegNo("1100B0", ["1100A4419", "1100A4420", "1100P0000", "3100A9999"])).toBe("1100A4421");
    expect(suggestRegNo("3100B0", [])).toBe("3100A0001");
    expect(suggestRegNo("1100B0", ["1100A9999", "1100B0003"])).toBe("1100B0004");
  });
});

describe("resident identity number (GB 11643-1999)", () => {
  test("the standard's examples pass, X included", () => {
    expect(residentIdValid("11010519491231002X")).toBe(true);
    expect(residentIdValid("440524188001010014")).toBe(true);
  });

  test("a wrong check character is refused", () => {
    expect(residentIdValid("110105194912310021")).toBe(false);
    expect(residentIdValid("440524188001010015")).toBe(false);
  });

  test("lists show only the ends", () => {
    expect(maskIdNo("11010519491231002X")).toBe("1101**********002X");
    expect(maskIdNo("E1234567")).toBe("E1234567");
  });
});
