import { describe, expect, test } from "bun:test";
import { codeStateBeforeCompare, generateCode, maskMobile, normalizeMobile, SMS_LIMITS, sendRefusal } from "./rules.ts";

describe("codes", () => {
  test("are six random digits", () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    // 2,000 draws from a million: a repeat or two is possible, a handful means a broken generator.
    expect(new Set(codes).size).toBeGreaterThan(1990);
    // Leading zeros are kept (every digit appears in the first place).
    expect(new Set(codes.map((c) => c[0])).size).toBe(10);
  });
});

describe("mobile numbers", () => {
  test("accept the ways people type a mainland number", () => {
    expect(normalizeMobile("13800138000")).toBe("13800138000");
    expect(normalizeMobile(" 138-0013-8000 ")).toBe("13800138000");
    expect(normalizeMobile("+86 138 0013 8000")).toBe("13800138000");
    expect(normalizeMobile("１３８００１３８０００")).toBe("13800138000");
  });
  test("refuse what cannot be one", () => {
    for (const bad of ["", "1380013800", "23800138000", "12800138000", "138001380001", "abc"]) expect(normalizeMobile(bad)).toBeNull();
  });
  test("are masked in the middle", () => {
    expect(maskMobile("13800138000")).toBe("138****8000");
  });
});

describe("send limits", () => {
  const t0 = new Date("2026-11-26T10:00:00Z");
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  test("one code per number per minute", () => {
    const r = sendRefusal({ toNumber: [t0], fromIp: [t0] }, at(30));
    expect(r).toEqual({ reason: "cooldown", retryAt: at(60) });
    expect(sendRefusal({ toNumber: [t0], fromIp: [t0] }, at(60))).toBeNull();
  });

  test("five codes per number per hour", () => {
    const five = [0, 100, 200, 300, 400].map(at);
    const r = sendRefusal({ toNumber: five, fromIp: five }, at(500));
    expect(r).toEqual({ reason: "number_limit", retryAt: at(3600) });
    expect(sendRefusal({ toNumber: five, fromIp: five }, at(3601))).toBeNull();
  });

  test("ten codes per address per hour, whatever the numbers", () => {
    const ten = Array.from({ length: SMS_LIMITS.perIp }, (_, i) => at(i * 10));
    expect(sendRefusal({ toNumber: [], fromIp: ten }, at(200))).toEqual({ reason: "ip_limit", retryAt: at(3600) });
    expect(sendRefusal({ toNumber: [], fromIp: ten.slice(1) }, at(200))).toBeNull();
  });
});

describe("code state", () => {
  const now = new Date("2026-11-26T10:00:00Z");
  const fresh = { expiresAt: new Date(now.getTime() + 1000), usedAt: null, wrongTries: 0, mobile: "13800138000" };
  test("names why a code cannot be accepted before comparing it", () => {
    expect(codeStateBeforeCompare(undefined, "13800138000", now)).toBe("missing");
    expect(codeStateBeforeCompare({ ...fresh, usedAt: now }, "13800138000", now)).toBe("used");
    expect(codeStateBeforeCompare({ ...fresh, wrongTries: SMS_LIMITS.maxWrongTries }, "13800138000", now)).toBe("too_many");
    expect(codeStateBeforeCompare({ ...fresh, expiresAt: now }, "13800138000", now)).toBe("expired");
    expect(codeStateBeforeCompare(fresh, "13900139000", now)).toBe("mobile_changed");
    expect(codeStateBeforeCompare(fresh, "13800138000", now)).toBeNull();
  });
});
