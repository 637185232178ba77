import { describe, expect, test } from "bun:test";
import { eventsForRole, isLocalPath, maskEmail, MAX_ATTEMPTS, normalizeEmail, retryDelayMs } from "./rules.ts";

describe("e-mail addresses", () => {
  test("plain addresses are kept, the domain lower-cased, full-width characters folded", () => {
    expect(normalizeEmail(" Zhang.San@Example.CN ")).toBe("Zhang.San@example.cn");
    expect(normalizeEmail("ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ")).toBe("li@example.com");
    expect(normalizeEmail("a+tag@mail.example.com.cn")).toBe("a+tag@mail.example.com.cn");
  });
  test("anything that could carry a second header or a display name is refused", () => {
    for (const bad of [
      "",
      "a",
      "a@b",
      "a@localhost",
      "a@@b.cn",
      ".a@b.cn",
      "a..b@c.cn",
      "张三@example.cn",
      "a@b.cn\r\nBcc: x@y.cn",
      "Zhang <z@b.cn>",
      "a b@c.cn",
      `${"x".repeat(65)}@b.cn`,
    ])
      expect({ bad, out: normalizeEmail(bad) }).toEqual({ bad, out: null });
  });
  test("are masked in logs", () => {
    expect(maskEmail("zhangsan@example.cn")).toBe("z***@example.cn");
    expect(maskEmail("nonsense")).toBe("***");
  });
});

describe("retries", () => {
  test("wait 30 s, then double up to 4 h, with jitter of ±20 %", () => {
    expect(retryDelayMs(1, 0.5)).toBe(30_000);
    expect(retryDelayMs(2, 0.5)).toBe(60_000);
    expect(retryDelayMs(1, 0)).toBe(24_000);
    expect(retryDelayMs(1, 1)).toBe(36_000);
    expect(retryDelayMs(20, 0.5)).toBe(4 * 3600_000);
  });
  test("the attempts together span most of a day before mail is given up", () => {
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, 0.5)).reduce((a, b) => a + b, 0);
    expect(total / 3600_000).toBeGreaterThan(18);
    expect(total / 3600_000).toBeLessThan(30);
  });
});

test("enterprises choose among certificate and filing events, office staff the daily summary", () => {
  expect(eventsForRole("enterprise")).toContain("certificate.returned");
  expect(eventsForRole("enterprise")).not.toContain("office.daily_summary");
  expect(eventsForRole("office_reviewer")).toEqual(["office.daily_summary"]);
  expect(eventsForRole("print_clerk")).toEqual([]);
});

test("a notification leads only to a path of this app", () => {
  expect(isLocalPath("/certificates/abc")).toBe(true);
  for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", ""])
    expect({ bad, ok: isLocalPath(bad) }).toEqual({ bad, ok: false });
});
