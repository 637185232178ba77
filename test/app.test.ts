import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { gunzipSync } from "node:zlib";
import { createApp, MAX_FORM_BODY } from "../src/app.tsx";
import { allow } from "../src/modules/accounts/index.ts";
import { DEMO_PASSWORD } from "../src/demo/data.ts";
import { ERROR_MESSAGES } from "../src/lib/errors.ts";
import { UI } from "../src/views/messages.ts";
import { ORIGIN, startTestApp, TestClient } from "./support/app.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("the shell", () => {
  test("healthz says the process lives; readyz that the database answers with this build's migrations", async () => {
    expect((await t.app.request("/healthz")).status).toBe(200);
    const res = await t.app.request("/readyz");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { status: string } };
    expect(body.status).toBe("ready");
    expect(body.database.status).toBe("ok");
  });

  test("every response carries a request id and strict security headers", async () => {
    const res = await t.app.request("/sign-in");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{12}$/);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("an unknown page gets the Chinese 404 page", async () => {
    const res = await t.app.request("/no-such-page");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("页面不存在");
  });

  test("an unexpected error shows a friendly page quoting the request id", async () => {
    const app = createApp({ db: t.db, config: t.config, events: t.events });
    app.get("/boom-test-route", allow("public"), () => {
      throw new Error("kaput");
    });
    const res = await app.request("/boom-test-route");
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain(ERROR_MESSAGES.internal);
    expect(html).toContain(res.headers.get("x-request-id")!);
    expect(html).not.toContain("kaput");
  });

  test("a page form over 12 MB is refused with 413 and a plain message before anything reads it", async () => {
    const big = `login=${"x".repeat(MAX_FORM_BODY)}`;
    const res = await t.app.request("/sign-in", { method: "POST", body: big, headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain(UI.formTooLarge);
    const small = await t.app.request("/sign-in", { method: "POST", body: "login=x", headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
    expect(small.status).not.toBe(413);
  });
});

describe("light pages", () => {
  const gz = { "accept-encoding": "gzip" };

  async function transferred(c: TestClient, path: string) {
    const res = await c.get(path, gz);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const html = res.headers.get("content-encoding") === "gzip" ? gunzipSync(bytes).toString() : new TextDecoder().decode(bytes);
    return { size: bytes.byteLength, html };
  }

  test("a first visit transfers at most 60 KB compressed, a later page at most 15 KB", async () => {
    const c = new TestClient(t.app);
    await c.signIn("reviewer1100", DEMO_PASSWORD);
    const first = await transferred(c, "/office");
    let total = first.size;
    const assets = [...first.html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const a of assets) {
      const res = await c.get(a, gz);
      expect(res.headers.get("cache-control")).toContain("immutable");
      total += (await res.arrayBuffer()).byteLength;
    }
    expect(total).toBeLessThanOrEqual(60 * 1024);
    const later = await transferred(c, "/account/password");
    expect(later.size).toBeLessThanOrEqual(15 * 1024);
  });
});
