import { describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { isPublicAddress, nextAttemptAt, RETRY_WINDOW_MS, signatureHeader, urlProblem, verifySignature } from "./rules.ts";

describe("the signature", () => {
  const secret = "whsec_test";
  const body = '{"id":"evt_1","type":"certificate.approved"}';

  test("is HMAC-SHA256 over `<t>.<body>`, as a receiver computes it with node:crypto alone", () => {
    const header = signatureHeader(secret, body, 1_800_000_000);
    const expected = createHmac("sha256", secret).update(`1800000000.${body}`).digest("hex");
    expect(header).toBe(`t=1800000000,v1=${expected}`);
    expect(verifySignature(secret, body, header, 1_800_000_010)).toBe(true);
  });

  test("fails for another body, another secret, a stale or future timestamp, or a mangled header", () => {
    const header = signatureHeader(secret, body, 1_800_000_000);
    expect(verifySignature(secret, `${body} `, header, 1_800_000_000)).toBe(false);
    expect(verifySignature("whsec_other", body, header, 1_800_000_000)).toBe(false);
    expect(verifySignature(secret, body, header, 1_800_000_301)).toBe(false);
    expect(verifySignature(secret, body, header, 1_799_999_699)).toBe(false);
    expect(verifySignature(secret, body, "t=1800000000", 1_800_000_000)).toBe(false);
    expect(verifySignature(secret, body, "garbage", 1_800_000_000)).toBe(false);
  });
});

describe("addresses a production delivery may reach", () => {
  test.each([
    ["127.0.0.1", false],
    ["127.8.9.10", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["224.0.0.1", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fd12:3456::1", false],
    ["fc00::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["not an address", false],
    ["8.8.8.8", true],
    ["172.32.0.1", true],
    ["203.0.113.9", true],
    ["2001:4860:4860::8888", true],
    ["::ffff:8.8.8.8", true],
  ])("%s → %p", (address, ok) => {
    expect(isPublicAddress(address)).toBe(ok);
  });
});

describe("endpoint URLs", () => {
  const strict = { allowPrivate: false };
  test("only http(s), no credentials, no literal private address or localhost in production", () => {
    expect(urlProblem("https://erp.example.com/hooks/origo", strict)).toBeNull();
    expect(urlProblem("http://203.0.113.9:8080/x", strict)).toBeNull();
    expect(urlProblem("ftp://erp.example.com/", strict)).toBe("scheme");
    expect(urlProblem("file:///etc/passwd", strict)).toBe("scheme");
    expect(urlProblem("gopher://x", strict)).toBe("scheme");
    expect(urlProblem("not a url", strict)).toBe("malformed");
    expect(urlProblem("https://user:pw@erp.example.com/", strict)).toBe("credentials");
    expect(urlProblem("http://localhost:8080/", strict)).toBe("private");
    expect(urlProblem("http://api.localhost/", strict)).toBe("private");
    expect(urlProblem("http://127.0.0.1/", strict)).toBe("private");
    expect(urlProblem("http://[::1]:8080/", strict)).toBe("private");
    expect(urlProblem("http://169.254.169.254/latest/meta-data", strict)).toBe("private");
    expect(urlProblem("http://0x7f000001/", strict)).toBe("private");
  });
  test("WEBHOOK_ALLOW_PRIVATE lets a local receiver through, never another scheme", () => {
    expect(urlProblem("http://127.0.0.1:9999/", { allowPrivate: true })).toBeNull();
    expect(urlProblem("ftp://127.0.0.1/", { allowPrivate: true })).toBe("scheme");
  });
});

describe("the retry schedule", () => {
  test("backs off from 30 s and stops once the next try would fall after 24 h", () => {
    const start = new Date("2026-12-03T00:00:00Z");
    const giveUp = new Date(start.getTime() + RETRY_WINDOW_MS);
    let now = start;
    const delays: number[] = [];
    for (let attempts = 1; ; attempts++) {
      const next = nextAttemptAt(attempts, now, giveUp);
      if (!next) break;
      delays.push((next.getTime() - now.getTime()) / 1000);
      now = next;
    }
    expect(delays.slice(0, 5)).toEqual([30, 120, 600, 1800, 3600]);
    expect(delays.every((d, i) => i === 0 || d >= delays[i - 1]!)).toBe(true);
    expect(now.getTime()).toBeLessThanOrEqual(giveUp.getTime());
    expect(giveUp.getTime() - now.getTime()).toBeLessThan(3 * 3600_000);
    expect(delays.length + 1).toBeGreaterThanOrEqual(12);
  });
});
