import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { CSRF_MESSAGE } from "../../lib/csrf.ts";
import { M } from "./messages.ts";
import { resetPassword, sessionIdOf } from "./service.ts";
import { sessions } from "./schema.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("sign-in", () => {
  test("the sign-in page is in Chinese and carries a CSRF field", async () => {
    const res = await new TestClient(t.app).get("/sign-in");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("登录名");
    expect(html).toMatch(/name="_csrf" value="[0-9a-f]{32}\.[0-9a-f]{32}"/);
  });

  test("an enterprise signs in with its registration number and lands on its home page", async () => {
    const c = new TestClient(t.app);
    const res = await c.signIn("1100A4419", DEMO_PASSWORD);
    expect(res.headers.get("location")).toBe("/");
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith("origo_session="))!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect((await c.get("/")).headers.get("location")).toBe("/home");
    const home = await (await c.get("/home")).text();
    expect(home).toContain("北京拓邦投资有限公司");
    expect(home).toContain("BEIJING TUOBANG INVESTMENT CO., LTD.");
    expect(home).toContain("张三");
  });

  test("sign-in returns the user to the page they asked for, but never off-site", async () => {
    const c = new TestClient(t.app);
    const first = await c.get("/office/staff");
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/sign-in?next=%2Foffice%2Fstaff");
    // The office admin passes the second factor on the way (two-factor.test.ts); `next` survives it.
    const res = await c.signIn("admin1100", DEMO_PASSWORD, { next: "/office/staff" });
    expect(res.headers.get("location")).toBe("/office/staff");
    const evil = await new TestClient(t.app).signIn("admin1100", DEMO_PASSWORD, { next: "//evil.example/x" });
    expect(evil.headers.get("location")).toBe("/");
    const evilToo = await new TestClient(t.app).post("/sign-in", { login: "1100A4420", password: DEMO_PASSWORD, next: "/\\evil.example/x" });
    expect(evilToo.headers.get("location")).toBe("/");
  });

  test("a wrong password and an unknown login get the same generic message, and the login stays typed", async () => {
    const wrong = await new TestClient(t.app).post("/sign-in", { login: "1100A4420", password: "nope12345" });
    const unknown = await new TestClient(t.app).post("/sign-in", { login: "9999X0000", password: "nope12345" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.text();
    const b = await unknown.text();
    expect(a).toContain(M.badCredentials);
    expect(b).toContain(M.badCredentials);
    expect(a).toContain('value="1100A4420"');
  });

  test("empty fields are named in the error, nothing typed is lost", async () => {
    const res = await new TestClient(t.app).post("/sign-in", { login: "1100A4419", password: "" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(M.passwordRequired);
    expect(html).toContain('value="1100A4419"');
    expect(html).toContain('aria-invalid="true"');
  });

  test("five failures lock the login; an operator's reset lets the user back in", async () => {
    const c = new TestClient(t.app);
    for (let i = 0; i < 4; i++) expect((await c.post("/sign-in", { login: "1100A4417", password: `bad-${i}-pw` })).status).toBe(401);
    const fifth = await c.post("/sign-in", { login: "1100A4417", password: "bad-5-pw" });
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain(M.locked);
    // Even the right password is refused while locked.
    expect((await c.post("/sign-in", { login: "1100A4417", password: DEMO_PASSWORD })).status).toBe(429);
    await resetPassword({ db: t.db, login: "1100A4417", password: "fresh-start-9" });
    expect((await c.post("/sign-in", { login: "1100A4417", password: "fresh-start-9" })).status).toBe(303);
  });
});

describe("sessions", () => {
  test("sign-out ends the session on the server, not only in the browser", async () => {
    const c = new TestClient(t.app);
    await c.signIn("1100A4418", DEMO_PASSWORD);
    const token = c.cookies.get("origo_session")!;
    const out = await c.post("/sign-out", {});
    expect(out.headers.get("location")).toBe("/sign-in?signed_out=1");
    const replay = new TestClient(t.app);
    replay.cookies.set("origo_session", token);
    expect((await replay.get("/home")).status).toBe(303);
  });

  test("an expired session is refused and a half-used one slides forward", async () => {
    const c = new TestClient(t.app);
    await c.signIn("1100A4415", DEMO_PASSWORD);
    const row = { id: sessionIdOf(c.cookies.get("origo_session")!) };
    // Half the lifetime gone: the next request renews the cookie and the row.
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 86_400_000) })
      .where(eq(sessions.id, row.id));
    const renewed = await c.get("/home");
    expect(renewed.status).toBe(200);
    expect(renewed.headers.getSetCookie().some((h) => h.startsWith("origo_session="))).toBe(true);
    const after = await t.db.query.sessions.findFirst({ where: eq(sessions.id, row.id) });
    expect(after!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    // Past expiry: refused, row deleted.
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, row.id));
    expect((await c.get("/home")).status).toBe(303);
    expect(await t.db.query.sessions.findFirst({ where: eq(sessions.id, row.id) })).toBeUndefined();
  });

  test("changing the password checks the current one and ends the other sessions", async () => {
    const phone = new TestClient(t.app);
    const desk = new TestClient(t.app);
    await phone.signIn("1100A4416", DEMO_PASSWORD);
    await desk.signIn("1100A4416", DEMO_PASSWORD);
    const wrong = await desk.post("/account/password", { currentPassword: "not-it-1", newPassword: "newpass123", confirmPassword: "newpass123" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(M.currentPasswordWrong);
    const weak = await desk.post("/account/password", { currentPassword: DEMO_PASSWORD, newPassword: "short", confirmPassword: "short" });
    expect(await weak.text()).toContain("密码至少需要 8 位");
    const ok = await desk.post("/account/password", { currentPassword: DEMO_PASSWORD, newPassword: "newpass123", confirmPassword: "newpass123" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(M.passwordChanged);
    expect((await desk.get("/home")).status).toBe(200);
    expect((await phone.get("/home")).status).toBe(303);
    await new TestClient(t.app).signIn("1100A4416", "newpass123");
  });
});

describe("CSRF", () => {
  test("a form post without the token is refused", async () => {
    const res = await new TestClient(t.app).post("/sign-in", { login: "1100A4419", password: DEMO_PASSWORD }, { csrf: false });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(CSRF_MESSAGE);
  });

  test("a post from another origin is refused even with a token", async () => {
    const res = await new TestClient(t.app).post("/sign-in", { login: "1100A4419", password: DEMO_PASSWORD }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  test("htmx requests may carry the token as a header", async () => {
    const c = new TestClient(t.app);
    await c.get("/sign-in");
    const res = await c.request("/sign-in", {
      method: "POST",
      headers: { origin: "http://localhost", "x-csrf-token": c.csrf, "content-type": "application/x-www-form-urlencoded", "hx-request": "true" },
      body: new URLSearchParams({ login: "1100A4419", password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(303);
  });
});
