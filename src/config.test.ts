import { describe, expect, test } from "bun:test";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  test("defaults: port 3000, ./data, demo data on the embedded database", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe("./data");
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.cookieSecure).toBe(false);
  });

  test("never demo data on a server by default; DEMO=1 asks for it", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/origo" }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/origo", DEMO: "1" }).demo).toBe(true);
    expect(loadConfig({ DEMO: "0" }).demo).toBe(false);
  });

  const key = Buffer.alloc(32, 7).toString("base64");
  const site = "https://origo.example.cn";

  test("the public origin comes from PUBLIC_URL, required in production; development uses its own port", () => {
    expect(loadConfig({ PORT: "3112" }).publicUrl).toBe("http://localhost:3112");
    expect(loadConfig({ PUBLIC_URL: "https://origo.example.cn/" }).publicUrl).toBe(site);
    expect(() => loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key })).toThrow(/PUBLIC_URL: required in production/);
    expect(() => loadConfig({ PUBLIC_URL: "https://origo.example.cn/app" })).toThrow(/PUBLIC_URL/);
  });

  test("production sets secure cookies", () => {
    expect(loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site }).cookieSecure).toBe(true);
  });

  test("production needs its own key for TOTP secrets; development has a fixed one", () => {
    expect(() => loadConfig({ NODE_ENV: "production", PUBLIC_URL: site })).toThrow(/TWO_FACTOR_KEY/);
    expect(() => loadConfig({ TWO_FACTOR_KEY: "c2hvcnQ=" })).toThrow(/TWO_FACTOR_KEY/);
    expect(loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site }).twoFactorKey).toBe(key);
    expect(Buffer.from(loadConfig({}).twoFactorKey, "base64").byteLength).toBe(32);
  });

  test("a bad value names the variable", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DEMO: "maybe" })).toThrow(/DEMO/);
  });

  test("the captcha is on by default; CAPTCHA=off is a test switch that production refuses", () => {
    expect(loadConfig({}).captcha).toBe(true);
    expect(loadConfig({ NODE_ENV: "test", CAPTCHA: "off" }).captcha).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site, CAPTCHA: "on" }).captcha).toBe(true);
    expect(() => loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site, CAPTCHA: "off" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site, CAPTCHA: "off" })).toThrow(/CAPTCHA/);
    expect(() => loadConfig({ CAPTCHA: "disabled" })).toThrow(/CAPTCHA/);
  });

  test("webhooks may reach private addresses outside production only (WEBHOOK_ALLOW_PRIVATE)", () => {
    expect(loadConfig({ NODE_ENV: "test" }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ NODE_ENV: "test", WEBHOOK_ALLOW_PRIVATE: "0" }).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site }).webhookAllowPrivate).toBe(false);
    expect(() => loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site, WEBHOOK_ALLOW_PRIVATE: "1" })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });

  test("cheap password hashing is the test suite's default only; production refuses PASSWORD_HASHING=fast", () => {
    expect(loadConfig({}).passwordHashing).toBe("standard");
    expect(loadConfig({ NODE_ENV: "test" }).passwordHashing).toBe("fast");
    expect(loadConfig({ NODE_ENV: "test", PASSWORD_HASHING: "standard" }).passwordHashing).toBe("standard");
    expect(loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site }).passwordHashing).toBe("standard");
    expect(() => loadConfig({ NODE_ENV: "production", TWO_FACTOR_KEY: key, PUBLIC_URL: site, PASSWORD_HASHING: "fast" })).toThrow(/PASSWORD_HASHING/);
    expect(() => loadConfig({ PASSWORD_HASHING: "none" })).toThrow(/PASSWORD_HASHING/);
  });

  test("SMS goes to the outbox unless a provider URL is set", () => {
    expect(loadConfig({}).sms).toEqual({ kind: "outbox" });
    expect(loadConfig({ SMS_HTTP_URL: "https://sms.example/send", SMS_HTTP_TOKEN: "secret-token" }).sms).toEqual({
      kind: "http",
      url: "https://sms.example/send",
      token: "secret-token",
    });
    expect(() => loadConfig({ SMS_HTTP_URL: "not a url" })).toThrow(/SMS_HTTP_URL/);
    expect(() => loadConfig({ SMS_HTTP_URL: "ftp://sms.example/" })).toThrow(/SMS_HTTP_URL/);
    expect(() => loadConfig({ SMS_HTTP_TOKEN: "secret-token" })).toThrow(/SMS_HTTP_URL/);
  });
  test("e-mail is off unless SMTP_URL is set; the sender defaults to noreply at PUBLIC_URL's host", () => {
    expect(loadConfig({}).email).toEqual({ kind: "off" });
    expect(loadConfig({ SMTP_URL: "smtps://u:p@mail.example.cn:465", PUBLIC_URL: "https://origo.example.cn" }).email).toEqual({
      kind: "smtp",
      url: "smtps://u:p@mail.example.cn:465",
      from: "Origo 原产地证 <noreply@origo.example.cn>",
    });
    expect(loadConfig({ SMTP_URL: "smtp://127.0.0.1:2525", SMTP_FROM: "CCPIT <co@ccpit.example>" }).email).toMatchObject({ from: "CCPIT <co@ccpit.example>" });
    expect(() => loadConfig({ SMTP_URL: "https://mail.example/" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_FROM: "a@b.c" })).toThrow(/SMTP_URL/);
  });
  test("the EDI rate limit: 600 a minute per token and 60 per address without one, unless set", () => {
    expect(loadConfig({}).apiRateLimit).toEqual({ perToken: 600, perAddress: 60, windowMs: 60_000 });
    expect(loadConfig({ API_RATE_LIMIT: "5000", API_RATE_LIMIT_ANONYMOUS: "10" }).apiRateLimit).toMatchObject({ perToken: 5000, perAddress: 10 });
    expect(() => loadConfig({ API_RATE_LIMIT: "0" })).toThrow(/API_RATE_LIMIT/);
  });
});
