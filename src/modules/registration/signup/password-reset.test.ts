import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { desc, eq, sql } from "drizzle-orm";
import { startTestApp, TestClient } from "../../../../test/support/app.ts";
import { DEMO_PASSWORD } from "../../../demo/data.ts";
import { accounts } from "../../accounts/schema.ts";
import { SMS_LIMITS, SMS_M } from "../../sms/index.ts";
import { smsCodes, smsOutbox } from "../../sms/schema.ts";
import { S } from "./messages.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
  // Demo accounts carry no mobile number; give two of them one.
  await t.db.update(accounts).set({ mobile: "13811112222" }).where(eq(accounts.login, "1100A4419"));
  await t.db.update(accounts).set({ mobile: "13833334444" }).where(eq(accounts.login, "reviewer1100"));
});
afterAll(() => t.close());
// All requests share one test address: move earlier sends out of the rate-limit window.
beforeEach(async () => {
  await t.db.update(smsCodes).set({ createdAt: sql`${smsCodes.createdAt} - interval '2 hours'` });
});

async function outboxCount() {
  return t.db.$count(smsOutbox);
}

async function lastCodeTo(mobile: string) {
  const [row] = await t.db.select().from(smsOutbox).where(eq(smsOutbox.to, mobile)).orderBy(desc(smsOutbox.createdAt)).limit(1);
  return row ? row.text.match(/\d{6}/)![0] : null;
}

async function start(login: string, mobile: string) {
  const c = new TestClient(t.app);
  const res = await c.post("/password-reset", { login, mobile });
  return { c, res };
}

/** The confirm page without the per-client CSRF token and the ticking resend countdown, to compare two of them. */
async function confirmPage(c: TestClient) {
  const res = await c.get("/password-reset/confirm");
  return { status: res.status, html: (await res.text()).replace(/[0-9a-f]{32}/g, "TOKEN").replace(/\d+ 秒后可重新获取/, "N 秒后可重新获取") };
}

const newPw = { newPassword: "fresh2026pw", confirmPassword: "fresh2026pw" };

describe("password reset by SMS", () => {
  test("the account's own number gets a code; the new password works and old sessions end", async () => {
    const old = new TestClient(t.app);
    await old.signIn("1100A4419", DEMO_PASSWORD);
    const { c, res } = await start("1100a4419", "138 1111 2222");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/password-reset/confirm");
    const page = await (await c.get("/password-reset/confirm")).text();
    expect(page).toContain(S.resetSent("138****2222"));
    const [message] = await t.db.select().from(smsOutbox).where(eq(smsOutbox.to, "13811112222"));
    expect(message!.officeCode).toBe("1100B0");
    expect(message!.purpose).toBe("password_reset");
    const code = message!.text.match(/\d{6}/)![0];
    expect(message!.text).toBe(SMS_M.resetText(code, "1100A4419"));

    const done = await c.post("/password-reset/confirm", { smsCode: code, ...newPw });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(S.resetDone);
    await new TestClient(t.app).signIn("1100A4419", "fresh2026pw");
    expect((await old.get("/home")).status).toBe(303);
    // Single use: the reset is finished, the code spent.
    expect((await c.post("/password-reset/confirm", { smsCode: code, ...newPw })).headers.get("location")).toBe("/password-reset?expired=1");
  });

  test("an office staff member with a number can reset too; the message goes to that office's outbox", async () => {
    const { c } = await start("reviewer1100", "13833334444");
    const code = (await lastCodeTo("13833334444"))!;
    const [m] = await t.db.select().from(smsOutbox).where(eq(smsOutbox.to, "13833334444"));
    expect(m!.officeCode).toBe("1100B0");
    expect((await c.post("/password-reset/confirm", { smsCode: code, newPassword: "review2026x", confirmPassword: "review2026x" })).status).toBe(200);
    await new TestClient(t.app).signIn("reviewer1100", "review2026x");
  });

  test("unknown login, wrong number, or no number on file: the same answer, and nothing is sent", async () => {
    const before = await outboxCount();
    const real = await start("1100A4419", "13811112222");
    const pages = [await confirmPage(real.c)];
    for (const [login, mobile] of [
      ["9999X9999", "13811112223"],
      ["1100A4419", "13811112224"],
      ["1100A4420", "13811112225"],
    ] as const) {
      const { c, res } = await start(login, mobile);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/password-reset/confirm");
      const page = await confirmPage(c);
      pages.push({ ...page, html: page.html.replace(/138\*\*\*\*222\d/, "138****2222") });
      const refused = await c.post("/password-reset/confirm", { smsCode: "123456", ...newPw });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain(SMS_M.codeWrong);
    }
    for (const p of pages) expect(p).toEqual(pages[0]!);
    expect(await outboxCount()).toBe(before + 1);
  });

  test("a wrong code and an expired code are refused as such", async () => {
    const { c } = await start("1100A4419", "13811112222");
    const code = (await lastCodeTo("13811112222"))!;
    const wrong = await c.post("/password-reset/confirm", { smsCode: code === "000000" ? "000001" : "000000", ...newPw });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(SMS_M.codeWrong);
    await t.db
      .update(smsCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(smsCodes.mobile, "13811112222"));
    const expired = await c.post("/password-reset/confirm", { smsCode: code, ...newPw });
    expect(await expired.text()).toContain(SMS_M.codeExpired);
  });

  test("a weak new password is named and does not spend the code", async () => {
    const { c } = await start("1100A4419", "13811112222");
    const code = (await lastCodeTo("13811112222"))!;
    const weak = await c.post("/password-reset/confirm", { smsCode: code, newPassword: "abcdefgh", confirmPassword: "abcdefgh" });
    expect(weak.status).toBe(422);
    const html = await weak.text();
    expect(html).toContain("密码须同时包含字母和数字。");
    expect(html).toMatch(/id="f-smsCode"[^>]*value="\d{6}"/);
    expect((await c.post("/password-reset/confirm", { smsCode: code, newPassword: "again2026pw", confirmPassword: "again2026pw" })).status).toBe(200);
  });

  test("resend waits out the cooldown, for a real account and a decoy alike", async () => {
    for (const [login, mobile] of [
      ["1100A4419", "13811112222"],
      ["nobody", "13811119999"],
    ] as const) {
      const { c } = await start(login, mobile);
      const res = await c.post("/password-reset/resend", {});
      expect(res.status).toBe(429);
      expect(await res.text()).toMatch(/验证码发送过于频繁，请 (59|60) 秒后再获取。/);
    }
  });

  test("a malformed number is named", async () => {
    const { res } = await start("1100A4419", "12345");
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(S.mobileFormat);
    expect(html).toContain('value="1100A4419"');
  });

  test("one address gets ten codes an hour, whatever the numbers", async () => {
    for (let i = 0; i < SMS_LIMITS.perIp; i++) expect((await start("nobody", `1360000000${i}`)).res.status).toBe(303);
    const { res } = await start("nobody", "13611110000");
    expect(res.status).toBe(429);
    expect(await res.text()).toContain(SMS_M.ipLimit);
  });
});
