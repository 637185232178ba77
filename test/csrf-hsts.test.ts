import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../src/app.tsx";
import { DEMO_PASSWORD } from "../src/demo/data.ts";
import { CSRF_MESSAGE } from "../src/lib/csrf.ts";
import { ORIGIN, startTestApp, TestClient } from "./support/app.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const createToken = (c: TestClient, name: string) => c.post("/account/tokens", { name });

describe("the CSRF token is bound to the session", () => {
  test("the victim's own page token works", async () => {
    const victim = new TestClient(t.app);
    await victim.signIn("1100A4419", DEMO_PASSWORD);
    expect((await createToken(victim, "ERP")).status).toBe(201);
  });

  test("a cookie chosen by an attacker with a matching form value is refused", async () => {
    const victim = new TestClient(t.app);
    await victim.signIn("1100A4419", DEMO_PASSWORD);
    for (const planted of ["0123456789abcdef0123456789abcdef", `${"a".repeat(32)}.${"b".repeat(32)}`]) {
      victim.cookies.set("origo_csrf", planted);
      const res = await createToken(victim, "PLANTED");
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(CSRF_MESSAGE);
    }
  });

  test("a real token taken from another session (the attacker's own) is refused in the victim's", async () => {
    const attacker = new TestClient(t.app);
    await attacker.signIn("1100A4420", DEMO_PASSWORD);
    expect((await createToken(attacker, "MINE")).status).toBe(201); // it is good for its own session
    const victim = new TestClient(t.app);
    await victim.signIn("1100A4419", DEMO_PASSWORD);
    victim.cookies.set("origo_csrf", attacker.csrf);
    expect((await createToken(victim, "STOLEN")).status).toBe(403);
  });

  test("signing in and out hands the browser a new token; the one from before no longer passes", async () => {
    const c = new TestClient(t.app);
    await c.get("/sign-in");
    const anonymous = c.csrf;
    await c.signIn("1100A4419", DEMO_PASSWORD);
    expect(c.csrf).not.toBe(anonymous);
    const signedIn = c.csrf;
    c.cookies.set("origo_csrf", anonymous);
    expect((await createToken(c, "OLD")).status).toBe(403);
    c.cookies.set("origo_csrf", signedIn);
    // the page shows the same token the cookie holds, so its forms pass
    expect(await (await c.get("/account/tokens")).text()).toContain(signedIn);
    expect((await createToken(c, "NEW")).status).toBe(201);
  });
});

describe("HSTS only over HTTPS", () => {
  const hsts = async (app: ReturnType<typeof createApp>, url: string, headers: Record<string, string> = {}) =>
    (await app.request(url, { headers })).headers.get("strict-transport-security");

  test("not on plain HTTP, even when a client claims X-Forwarded-Proto: https", async () => {
    expect(await hsts(t.app, `${ORIGIN}/sign-in`)).toBeNull();
    expect(await hsts(t.app, `${ORIGIN}/sign-in`, { "x-forwarded-proto": "https" })).toBeNull();
  });

  test("on HTTPS; behind a trusted proxy, when the proxy says the browser used HTTPS", async () => {
    expect(await hsts(t.app, "https://localhost/sign-in")).toContain("max-age=");
    const behindProxy = createApp({ db: t.db, config: { ...t.config, trustProxy: true }, events: t.events });
    expect(await hsts(behindProxy, `${ORIGIN}/sign-in`, { "x-forwarded-proto": "https" })).toContain("max-age=");
    expect(await hsts(behindProxy, `${ORIGIN}/sign-in`, { "x-forwarded-proto": "http" })).toBeNull();
    expect(await hsts(behindProxy, `${ORIGIN}/sign-in`)).toBeNull();
  });
});
