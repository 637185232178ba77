import { describe, expect, test } from "bun:test";
import { formatTotpSecret, matchTotp, parseTotpSecret, totpCode, totpKeyUri, totpStep } from "./totp.ts";

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const rfcKey = new TextEncoder().encode("12345678901234567890");

describe("TOTP against RFC 6238", () => {
  const vectors: [number, string][] = [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ];
  for (const [seconds, expected] of vectors) {
    test(`T = ${seconds} s gives ${expected} (8 digits, SHA-1)`, () => {
      expect(totpCode(rfcKey, totpStep(new Date(seconds * 1000)), 8)).toBe(expected);
    });
  }

  test("six digits are the low six of the same value (RFC 4226 Appendix D, counters 0 and 1)", () => {
    expect(totpCode(rfcKey, 0)).toBe("755224");
    expect(totpCode(rfcKey, totpStep(new Date(59_000)))).toBe("287082");
  });
});

describe("accepting a typed code", () => {
  const at = new Date(1_800_000_015_000);
  const now = totpStep(at);

  test("the current step and one either side are accepted, two away are not", () => {
    for (const offset of [-1, 0, 1]) expect(matchTotp({ key: rfcKey, code: totpCode(rfcKey, now + offset), at, lastUsedStep: null })).toBe(now + offset);
    for (const offset of [-2, 2]) expect(matchTotp({ key: rfcKey, code: totpCode(rfcKey, now + offset), at, lastUsedStep: null })).toBeNull();
  });

  test("a code whose step has been used (or an earlier one) is refused", () => {
    expect(matchTotp({ key: rfcKey, code: totpCode(rfcKey, now), at, lastUsedStep: now })).toBeNull();
    expect(matchTotp({ key: rfcKey, code: totpCode(rfcKey, now - 1), at, lastUsedStep: now })).toBeNull();
    expect(matchTotp({ key: rfcKey, code: totpCode(rfcKey, now + 1), at, lastUsedStep: now })).toBe(now + 1);
  });

  test("spaces are ignored; letters and wrong lengths are refused", () => {
    const code = totpCode(rfcKey, now);
    expect(matchTotp({ key: rfcKey, code: `${code.slice(0, 3)} ${code.slice(3)}`, at, lastUsedStep: null })).toBe(now);
    expect(matchTotp({ key: rfcKey, code: code.slice(1), at, lastUsedStep: null })).toBeNull();
    expect(matchTotp({ key: rfcKey, code: "12345a", at, lastUsedStep: null })).toBeNull();
  });
});

describe("showing the key", () => {
  test("the otpauth URI names issuer, account, SHA-1, 6 digits, 30 s and the base32 secret", () => {
    const uri = new URL(totpKeyUri(rfcKey, "admin1100"));
    expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe("otpauth://totp/Origo:admin1100");
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: "Origo",
      algorithm: "SHA1",
      secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
      period: "30",
      digits: "6",
    });
  });

  test("the grouped secret reads back to the same key, however it is typed", () => {
    expect(formatTotpSecret(rfcKey)).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    expect(parseTotpSecret("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).toEqual(rfcKey);
  });
});
