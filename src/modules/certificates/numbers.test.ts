import { describe, expect, test } from "bun:test";
import { DEFAULT_NUMBER_FORMAT, formatCertificateNumber, newVerificationCode, numberFormatProblem } from "./numbers.ts";

describe("certificate number templates", () => {
  test("the default gives type letter, 2-digit year, office code and a 6-digit serial", () => {
    expect(formatCertificateNumber(DEFAULT_NUMBER_FORMAT, { letter: "E", year: 2026, officeCode: "1100B0", serial: 42 })).toBe("E261100B0000042");
    expect(formatCertificateNumber(DEFAULT_NUMBER_FORMAT, { letter: "RC", year: 2030, officeCode: "3100B0", serial: 7 })).toBe("RC303100B0000007");
  });

  test("a serial past the width makes a longer number, never a cut (and so repeated) one", () => {
    expect(formatCertificateNumber("{T}{YY}{N3}", { letter: "C", year: 2026, officeCode: "", serial: 1234 })).toBe("C261234");
  });

  test("templates that could give two certificates one number are refused", () => {
    expect(numberFormatProblem(DEFAULT_NUMBER_FORMAT)).toBeNull();
    expect(numberFormatProblem("{T}-{YYYY}/{OFFICE}-{N8}")).toBeNull();
    expect(numberFormatProblem("{YY}{OFFICE}{N6}")).toBe("missing_type");
    expect(numberFormatProblem("{T}{OFFICE}{N6}")).toBe("missing_year");
    expect(numberFormatProblem("{T}{YY}{OFFICE}")).toBe("serial_count");
    expect(numberFormatProblem("{T}{YY}{N6}{N6}")).toBe("serial_count");
    expect(numberFormatProblem("{T}{YY}{N2}")).toBe("serial_width");
    expect(numberFormatProblem("{T}{YY}{DATE}{N6}")).toBe("unknown_token");
    expect(numberFormatProblem("{T}{YY} {N6}")).toBe("literal");
    expect(numberFormatProblem("{T}{YY}{N6")).toBe("literal");
  });
});

describe("verification codes", () => {
  test("8 characters that cannot be misread, different each time", () => {
    const codes = Array.from({ length: 2000 }, newVerificationCode);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol turns up: the draw is not biased toward part of the alphabet.
    expect(new Set(codes.join("")).size).toBe(31);
  });
});
