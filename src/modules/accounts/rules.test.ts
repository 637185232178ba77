import { describe, expect, test } from "bun:test";
import { afterFailure, formatRecoveryCode, isLocked, normalizeRecoveryCode, passwordProblems, renewedExpiry, safeNext, THROTTLE } from "./rules.ts";

describe("password policy", () => {
  test("accepts letters with digits of at least 8 characters", () => {
    expect(passwordProblems("origo2026", "1100A4419")).toEqual([]);
  });
  test("names each problem", () => {
    expect(passwordProblems("abc1", "x")).toEqual(["密码至少需要 8 位。"]);
    expect(passwordProblems("abcdefgh", "x")).toEqual(["密码须同时包含字母和数字。"]);
    expect(passwordProblems("1100a4419", "1100A4419")).toEqual(["密码不能与登录名相同。"]);
  });
});

describe("sign-in throttle", () => {
  const t0 = new Date("2026-11-26T10:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  test("locks on the fifth failure within the window, for the lock period", () => {
    let s = afterFailure(undefined, t0, THROTTLE.maxPerLogin);
    for (let i = 1; i < 4; i++) s = afterFailure(s, at(i * 1000), THROTTLE.maxPerLogin);
    expect(s.failures).toBe(4);
    expect(isLocked(s, at(5000))).toBe(false);
    s = afterFailure(s, at(5000), THROTTLE.maxPerLogin);
    expect(isLocked(s, at(6000))).toBe(true);
    expect(isLocked(s, at(5000 + THROTTLE.lockMs + 1))).toBe(false);
  });

  test("failures older than the window start a new count", () => {
    let s = afterFailure(undefined, t0, 5);
    for (let i = 0; i < 3; i++) s = afterFailure(s, at(1000), 5);
    s = afterFailure(s, at(THROTTLE.windowMs + 2000), 5);
    expect(s.failures).toBe(1);
  });
});

describe("sliding session expiry", () => {
  const week = 7 * 86_400_000;
  const now = new Date("2026-11-26T10:00:00Z");
  test("renews once less than half the lifetime remains", () => {
    expect(renewedExpiry(new Date(now.getTime() + week * 0.6), now, week)).toBeNull();
    expect(renewedExpiry(new Date(now.getTime() + week * 0.4), now, week)!.getTime()).toBe(now.getTime() + week);
  });
});

describe("where sign-in leads", () => {
  test("only local paths are followed", () => {
    expect(safeNext("/office/staff?x=1")).toBe("/office/staff?x=1");
    for (const evil of [undefined, "", "https://evil.example/", "//evil.example/x", "/\\evil.example/x"]) expect(safeNext(evil)).toBe("/");
  });
});

describe("recovery codes", () => {
  test("are shown in groups of four and read back however they are typed", () => {
    expect(formatRecoveryCode("abcdefghijklmnop")).toBe("abcd-efgh-ijkl-mnop");
    expect(normalizeRecoveryCode(" ABCD efgh-ijkl - mnop ")).toBe("abcdefghijklmnop");
  });
});
