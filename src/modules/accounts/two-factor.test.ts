import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../demo/data.ts";
import { auditLog } from "../audit/schema.ts";
import { M } from "./messages.ts";
import { createAccount } from "./service.ts";
import { accounts, recoveryCodes, sessions, totpCredentials } from "./schema.ts";
import { sessionIdOf } from "./service.ts";
import { parseTotpSecret, totpCode, totpStep } from "./totp.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const demoKey = parseTotpSecret(DEMO_TOTP_SECRET);
const codeNow = (key = demoKey) => totpCode(key, totpStep(new Date()));

async function accountId(login: string) {
  return (await t.db.query.accounts.findFirst({ where: eq(accounts.login, login) }))!.id;
}

/** Password only: the session is open but owes its second factor. */
async function passwordOnly(login: string, next?: string) {
  const c = new TestClient(t.app);
  const res = await c.post("/sign-in", next ? { login, password: DEMO_PASSWORD, next } : { login, password: DEMO_PASSWORD });
  expect(res.status).toBe(303);
  return { c, location: res.headers.get("location")! };
}

/** A new office account of 1100B0 that has never signed in. */
async function newClerk(login: string) {
  await createAccount({ db: t.db, account: { login, password: DEMO_PASSWORD, role: "print_clerk", officeCode: "1100B0", displayName: `新打印员${login}` } });
}

describe("office sign-in asks for the second factor", () => {
  test("after the password only the two-factor page opens; the code opens the rest", async () => {
    const { c, location } = await passwordOnly("reviewer1100", "/office");
    expect(location).toBe("/two-factor?next=%2Foffice");

    const office = await c.get("/office");
    expect(office.status).toBe(303);
    expect(office.headers.get("location")).toBe("/two-factor?next=%2Foffice");
    const post = await c.post("/account/password", { currentPassword: DEMO_PASSWORD, newPassword: "pending123", confirmPassword: "pending123" });
    expect(post.status).toBe(401);
    expect(await post.text()).toContain(M.twoFactorRequired);

    const page = await c.get(location);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(M.code);
    expect(html).toContain('autocomplete="one-time-code"');
    expect(html).not.toContain('href="/office"'); // no navigation while the factor is owed
    expect(html).toContain("/sign-out"); // but signing out is possible

    const pendingToken = c.cookies.get("origo_session")!;
    const ok = await c.post("/two-factor", { code: codeNow(), next: "/office" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/office");
    expect((await c.get("/office")).status).toBe(200);
    // A fresh token for the verified session: the password-only one is gone.
    expect(c.cookies.get("origo_session")).not.toBe(pendingToken);
    expect(await t.db.query.sessions.findFirst({ where: eq(sessions.id, sessionIdOf(pendingToken)) })).toBeUndefined();
  });

  test("a wrong code is refused with the Chinese message and the session stays pending", async () => {
    const { c } = await passwordOnly("print1100");
    const wrong = String((Number(codeNow()) + 1) % 1_000_000).padStart(6, "0");
    const res = await c.post("/two-factor", { code: wrong });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(M.wrongCode);
    expect(html).toContain('aria-invalid="true"');
    expect((await c.get("/office")).status).toBe(303);
    const empty = await c.post("/two-factor", { code: "" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(M.codeRequired);
  });

  test("a code that signed someone in cannot be used again", async () => {
    const code = codeNow();
    const first = await passwordOnly("admin3100");
    expect((await first.c.post("/two-factor", { code })).status).toBe(303);
    const second = await passwordOnly("admin3100");
    const replay = await second.c.post("/two-factor", { code });
    expect(replay.status).toBe(422);
    expect(await replay.text()).toContain(M.codeReused);
    expect((await second.c.get("/office")).status).toBe(303);
  });

  test("five wrong codes lock the second step; then even the right code waits", async () => {
    const { c } = await passwordOnly("reviewer3100");
    for (let i = 0; i < 4; i++) expect((await c.post("/two-factor", { code: "000000" })).status).toBe(422);
    const fifth = await c.post("/two-factor", { code: "000000" });
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain(M.twoFactorLocked);
    expect((await c.post("/two-factor", { code: codeNow() })).status).toBe(429);
    expect((await c.get("/office")).status).toBe(303);
  });

  test("a session that never gives its second factor lapses", async () => {
    const { c } = await passwordOnly("print1100");
    const id = sessionIdOf(c.cookies.get("origo_session")!);
    await t.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(sessions.id, id));
    const res = await c.get("/two-factor");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toStartWith("/sign-in");
    expect(await t.db.query.sessions.findFirst({ where: eq(sessions.id, id) })).toBeUndefined();
  });

  test("signing out works before the second factor", async () => {
    const { c } = await passwordOnly("print1100");
    const token = c.cookies.get("origo_session")!;
    const out = await c.post("/sign-out", {});
    expect(out.headers.get("location")).toBe("/sign-in?signed_out=1");
    expect(await t.db.query.sessions.findFirst({ where: eq(sessions.id, sessionIdOf(token)) })).toBeUndefined();
  });

  test("enterprise sign-in is unchanged: no second step", async () => {
    const c = new TestClient(t.app);
    const res = await c.post("/sign-in", { login: "1100A4419", password: DEMO_PASSWORD });
    expect(res.headers.get("location")).toBe("/");
    expect((await c.get("/home")).status).toBe(200);
    const tf = await c.get("/two-factor");
    expect(tf.status).toBe(303);
    expect(tf.headers.get("location")).toBe("/");
  });
});

describe("enrolment and recovery codes", () => {
  test("first sign-in enrols: QR and key shown, confirmed by a code, then 10 recovery codes once", async () => {
    await newClerk("clerk-a");
    const { c, location } = await passwordOnly("clerk-a", "/office");
    const toEnrol = await c.get(location);
    expect(toEnrol.headers.get("location")).toBe("/two-factor/enrol?next=%2Foffice");
    const html = await (await c.get("/two-factor/enrol?next=%2Foffice")).text();
    expect(html).toContain('<svg class="qr" role="img"');
    expect(html).toContain(M.enrolStep1);
    const secret = html.match(/id="totp-secret">([A-Z2-7 ]+)</)![1]!;
    expect(secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const key = parseTotpSecret(secret);

    // Reloading before confirming shows the same key (a scanned QR code stays good).
    expect(await (await c.get("/two-factor/enrol")).text()).toContain(secret);
    // The key is not in the database as such.
    const row = await t.db.query.totpCredentials.findFirst({ where: eq(totpCredentials.accountId, await accountId("clerk-a")) });
    expect(row!.sealedSecret).not.toContain(secret.replaceAll(" ", ""));
    expect(row!.confirmedAt).toBeNull();

    const wrong = await c.post("/two-factor/enrol", { code: "123456", next: "/office" });
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain(M.wrongCode);
    expect(wrongHtml).toContain(secret);

    const done = await c.post("/two-factor/enrol", { code: codeNow(key), next: "/office" });
    expect(done.status).toBe(200);
    const shown = await done.text();
    const codes = [...shown.matchAll(/<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(shown).toContain('href="/office"');
    expect((await c.get("/office")).status).toBe(200);

    // Never shown again: a later pending session is sent to the code page, not to the key.
    const later = await passwordOnly("clerk-a");
    const again = await later.c.get("/two-factor/enrol");
    expect(again.headers.get("location")).toBe("/two-factor");
    expect(await (await later.c.get("/two-factor")).text()).not.toContain(secret);
    const stored = await t.db.query.recoveryCodes.findMany({ where: eq(recoveryCodes.accountId, await accountId("clerk-a")) });
    expect(stored).toHaveLength(10);
    expect(stored.some((r) => codes.includes(r.codeHash))).toBe(false);
    expect(await auditActions("clerk-a")).toContain("two_factor_enrolled");

    // A recovery code works once, typed in capitals with spaces or not.
    const r1 = await later.c.post("/two-factor/recovery", { recoveryCode: codes[0]!.toUpperCase().replaceAll("-", " "), next: "/office" });
    expect(r1.status).toBe(200);
    expect(await r1.text()).toContain(M.recoveryCodesLeft.replace("{n}", "9"));
    expect((await later.c.get("/office")).status).toBe(200);
    const reuse = await passwordOnly("clerk-a");
    const r2 = await reuse.c.post("/two-factor/recovery", { recoveryCode: codes[0]! });
    expect(r2.status).toBe(422);
    expect(await r2.text()).toContain(M.wrongRecoveryCode);
    expect((await reuse.c.get("/office")).status).toBe(303);
    expect((await reuse.c.post("/two-factor/recovery", { recoveryCode: codes[1]! })).status).toBe(200);
    expect((await reuse.c.get("/office")).status).toBe(200);
    expect(await auditActions("clerk-a")).toContain("recovery_code_used");
  });

  test("TestClient.signIn enrols a new account by reading the key off the page", async () => {
    await newClerk("clerk-b");
    const c = new TestClient(t.app);
    const res = await c.signIn("clerk-b", DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect((await c.get("/office")).status).toBe(200);
  });
});

async function auditActions(login: string) {
  const rows = await t.db.query.auditLog.findMany({ where: eq(auditLog.entityId, await accountId(login)) });
  return rows.map((r) => r.action);
}

describe("an office admin resets a colleague's second factor", () => {
  test("the colleague's sessions end, the reset is audited, and the next sign-in enrols again", async () => {
    await newClerk("clerk-c");
    const colleague = new TestClient(t.app);
    await colleague.signIn("clerk-c", DEMO_PASSWORD);
    expect((await colleague.get("/office")).status).toBe(200);

    const admin = new TestClient(t.app);
    await admin.signIn("admin1100", DEMO_PASSWORD);
    const staff = await (await admin.get("/office/staff")).text();
    const id = await accountId("clerk-c");
    expect(staff).toContain(`action="/office/staff/${id}/two-factor/reset"`);
    expect(staff).not.toContain(`action="/office/staff/${await accountId("admin1100")}/two-factor/reset"`);
    expect(staff).toContain(M.twoFactorOn);

    const res = await admin.post(`/office/staff/${id}/two-factor/reset`, {});
    expect(res.status).toBe(303);
    const after = await (await admin.get(res.headers.get("location")!)).text();
    expect(after).toContain(M.resetTwoFactorDone.replace("{name}", "新打印员clerk-c（clerk-c）"));
    expect(after).toContain(M.twoFactorOff);

    expect((await colleague.get("/office")).status).toBe(303);
    expect(await t.db.query.totpCredentials.findFirst({ where: eq(totpCredentials.accountId, id) })).toBeUndefined();
    expect(await t.db.query.recoveryCodes.findMany({ where: eq(recoveryCodes.accountId, id) })).toEqual([]);
    const audit = await t.db.query.auditLog.findFirst({ where: and(eq(auditLog.entityId, id), eq(auditLog.action, "two_factor_reset")) });
    expect(audit).toMatchObject({ actorId: await accountId("admin1100"), officeCode: "1100B0", before: { enrolled: true } });

    const { c, location } = await passwordOnly("clerk-c");
    expect((await c.get(location)).headers.get("location")).toBe("/two-factor/enrol");
  });

  test("an admin of 3100B0 cannot reset a 1100B0 colleague, nor anyone their own", async () => {
    const shanghai = new TestClient(t.app);
    await shanghai.signIn("admin3100", DEMO_PASSWORD);
    const target = await accountId("reviewer1100");
    const res = await shanghai.post(`/office/staff/${target}/two-factor/reset`, {});
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(M.resetOtherOffice);
    expect((await t.db.query.totpCredentials.findFirst({ where: eq(totpCredentials.accountId, target) }))?.confirmedAt).not.toBeNull();
    expect(await auditActions("reviewer1100")).not.toContain("two_factor_reset");

    const self = await shanghai.post(`/office/staff/${await accountId("admin3100")}/two-factor/reset`, {});
    expect(self.status).toBe(403);
    expect(await self.text()).toContain(M.resetSelf);
    const enterprise = await shanghai.post(`/office/staff/${await accountId("3100A0001")}/two-factor/reset`, {});
    expect(enterprise.status).toBe(403);
  });
});
