import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { startTestApp, TestClient } from "../../../../test/support/app.ts";
import { DEMO_PASSWORD } from "../../../demo/data.ts";
import { hashCaptchaAnswer } from "../../../lib/captcha.ts";
import { createAccount, sessionIdOf } from "../../accounts/index.ts";
import { accounts } from "../../accounts/schema.ts";
import { auditLog } from "../../audit/schema.ts";
import { SMS_M } from "../../sms/index.ts";
import { smsCodes, smsOutbox } from "../../sms/schema.ts";
import { enterprises, handSigners } from "../schema.ts";
import { registrationAttempts } from "../signup-schema.ts";
import { S } from "./messages.ts";
import { SIGNUP_LIMITS } from "./rules.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
// Every request here comes from the same test address; start each test with a clean send history
// (codes stay valid: only their send times move back out of the rate-limit window).
beforeEach(async () => {
  await t.db.update(smsCodes).set({ createdAt: sql`${smsCodes.createdAt} - interval '2 hours'` });
});

const CITIC = { officeCode: "1100B0", regNo: "1100A4420", enterpriseName: "中信金属有限公司", signerName: "李四" };
const MOBILE = "13800138000";

async function step1(c: TestClient, fields: Partial<typeof CITIC> = {}) {
  return c.post("/register", { ...CITIC, ...fields });
}

function attemptOf(c: TestClient) {
  const token = c.cookies.get("origo_signup");
  if (!token) throw new Error("no registration cookie");
  return { id: sessionIdOf(token), where: eq(registrationAttempts.id, sessionIdOf(token)) };
}

/** Loads a challenge the way the page does, then replaces it with one whose answer the test knows. */
async function knownCaptcha(c: TestClient, answer = "ACDEF") {
  const img = await c.get("/register/captcha.svg");
  expect(img.status).toBe(200);
  await t.db
    .update(registrationAttempts)
    .set({ captchaSalt: "test-salt", captchaHash: hashCaptchaAnswer("test-salt", answer) })
    .where(attemptOf(c).where);
  return answer;
}

/** A client at step 3 for the given enterprise. */
async function atAccountStep(fields: Partial<typeof CITIC> = {}) {
  const c = new TestClient(t.app);
  expect((await step1(c, fields)).headers.get("location")).toBe("/register/captcha");
  const answer = await knownCaptcha(c);
  expect((await c.post("/register/captcha", { captcha: answer.toLowerCase() })).headers.get("location")).toBe("/register/account");
  return c;
}

function htmxPost(c: TestClient, path: string, fields: Record<string, string>) {
  return c.request(path, {
    method: "POST",
    headers: { origin: "http://localhost", "x-csrf-token": c.csrf, "hx-request": "true", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

async function lastCodeTo(mobile: string) {
  const [row] = await t.db.select().from(smsOutbox).where(eq(smsOutbox.to, mobile)).orderBy(desc(smsOutbox.createdAt)).limit(1);
  return row!.text.match(/\d{6}/)![0];
}

const account = (over: Record<string, string> = {}) => ({
  login: "1100A4420-1",
  password: "newpass2026",
  confirmPassword: "newpass2026",
  mobile: MOBILE,
  smsCode: "",
  ...over,
});

describe("step 1: checked against the office's record, each refusal naming its field", () => {
  test("the page is in Chinese, lists the offices and carries a CSRF field", async () => {
    const html = await (await new TestClient(t.app).get("/register")).text();
    expect(html).toContain(S.title);
    expect(html).toContain('<option value="1100B0">1100B0 中国国际贸易促进委员会北京市分会</option>');
    expect(html).toMatch(/name="_csrf" value="[0-9a-f]{32}\.[0-9a-f]{32}"/);
    expect(html).toContain('href="/password-reset"');
  });

  test("a registration number not filed anywhere: the registration number is wrong (manual Q2)", async () => {
    const res = await step1(new TestClient(t.app), { regNo: "1100A9999" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(S.checks.not_filed);
    expect(html).toMatch(/id="f-regNo"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="1100A9999"');
    expect(html).toContain('value="中信金属有限公司"');
    expect(html).toContain('value="李四"');
  });

  test("filed at another office: the office is wrong (manual Q2), without saying which office it is", async () => {
    const res = await step1(new TestClient(t.app), { officeCode: "3100B0" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(S.checks.not_filed_here);
    expect(html).toContain('<option value="3100B0" selected="">');
    expect(html).not.toContain(S.checks.not_filed);
  });

  test("an office code that does not exist", async () => {
    const html = await (await step1(new TestClient(t.app), { officeCode: "9900B0" })).text();
    expect(html).toContain(S.checks.office_unknown);
  });

  test("name differs: says so without showing the filed name (manual Q3)", async () => {
    const res = await step1(new TestClient(t.app), { enterpriseName: "中信金属股份有限公司" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(S.checks.name);
    expect(html).toMatch(/id="f-enterpriseName"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="中信金属股份有限公司"');
    expect(html).not.toContain("中信金属有限公司");
    expect(html).not.toContain("CITIC METAL");
    expect(html).not.toContain(S.checks.signer);
  });

  test("hand-signer differs: says so without showing the filed hand-signer (manual Q3)", async () => {
    const res = await step1(new TestClient(t.app), { signerName: "李三" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(S.checks.signer);
    expect(html).toMatch(/id="f-signerName"[^>]*aria-invalid="true"/);
    expect(html).not.toContain("李四");
  });

  test("name and hand-signer both wrong: both named at once", async () => {
    const html = await (await step1(new TestClient(t.app), { enterpriseName: "中信", signerName: "李三" })).text();
    expect(html).toContain(S.checks.name);
    expect(html).toContain(S.checks.signer);
  });

  test("empty fields are named, nothing typed is lost", async () => {
    const res = await new TestClient(t.app).post("/register", { officeCode: "1100B0", regNo: "", enterpriseName: "中信金属有限公司", signerName: "" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(S.regNoRequired);
    expect(html).toContain(S.signerRequired);
    expect(html).toContain('value="中信金属有限公司"');
  });

  test("brackets, widths, spaces and case do not matter (the old system's exact-match pedantry)", async () => {
    // Filed as 泰文特(北京)工程技术有限公司 with half-width brackets.
    const ok = await step1(new TestClient(t.app), { regNo: " １１００ａ４４１５ ", enterpriseName: "泰文特（北京）工程技术 有限公司", signerName: " 孙 七 " });
    expect(ok.status).toBe(303);
    const en = await step1(new TestClient(t.app), { enterpriseName: "citic metal co., ltd." });
    expect(en.status).toBe(303);
  });

  test("a hand-signer the office adds counts at once; a deactivated one no longer does (manual Q10)", async () => {
    const e = (await t.db.query.enterprises.findFirst({ where: eq(enterprises.regNo, "1100A4417") }))!;
    const typed = { regNo: "1100A4417", enterpriseName: "北京中德汇投资有限公司", signerName: "新手签" };
    expect(await (await step1(new TestClient(t.app), typed)).text()).toContain(S.checks.signer);
    await t.db.insert(handSigners).values({ id: Bun.randomUUIDv7(), enterpriseId: e.id, name: "新手签" });
    expect((await step1(new TestClient(t.app), typed)).status).toBe(303);
    await t.db.update(handSigners).set({ active: false }).where(eq(handSigners.enterpriseId, e.id));
    expect(await (await step1(new TestClient(t.app), typed)).text()).toContain(S.checks.no_signer);
    await t.db.update(handSigners).set({ active: true }).where(eq(handSigners.enterpriseId, e.id));
  });

  test("the state lives on the server: the cookie holds a token whose hash is the attempt's id", async () => {
    const c = new TestClient(t.app);
    await step1(c);
    const token = c.cookies.get("origo_signup")!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const row = await t.db.query.registrationAttempts.findFirst({ where: attemptOf(c).where });
    expect(row!.id).not.toBe(token);
    expect(row!.enterpriseId).not.toBeNull();
    // Without the cookie there is no way into the later steps.
    const stranger = new TestClient(t.app);
    expect((await stranger.get("/register/account")).headers.get("location")).toBe("/register?expired=1");
    expect((await stranger.post("/register/account", account({ smsCode: "123456" }))).headers.get("location")).toBe("/register?expired=1");
  });
});

describe("step 2: image captcha", () => {
  test("step 3 is closed until the captcha is answered", async () => {
    const c = new TestClient(t.app);
    await step1(c);
    expect((await c.get("/register/account")).headers.get("location")).toBe("/register/captcha");
    expect((await c.post("/register/sms", { mobile: MOBILE })).headers.get("location")).toBe("/register?expired=1");
  });

  test("the image is an uncached SVG; its answer is stored only as a salted hash", async () => {
    const c = new TestClient(t.app);
    await step1(c);
    const page = await (await c.get("/register/captcha")).text();
    expect(page).toMatch(/<img src="\/register\/captcha\.svg\?r=[0-9a-z]+" alt="[^"]+" width="170" height="64"/);
    const img = await c.get("/register/captcha.svg");
    expect(img.headers.get("content-type")).toStartWith("image/svg+xml");
    expect(img.headers.get("cache-control")).toBe("no-store");
    const svg = await img.text();
    expect(svg).not.toContain("<text");
    const row = (await t.db.query.registrationAttempts.findFirst({ where: attemptOf(c).where }))!;
    expect(row.captchaHash).toMatch(/^[0-9a-f]{64}$/);
    // A new image replaces the challenge.
    await c.get("/register/captcha.svg");
    const again = (await t.db.query.registrationAttempts.findFirst({ where: attemptOf(c).where }))!;
    expect(again.captchaHash).not.toBe(row.captchaHash);
  });

  test("a wrong answer is refused and spends the challenge: the right answer to the old image no longer works", async () => {
    const c = new TestClient(t.app);
    await step1(c);
    await knownCaptcha(c, "ACDEF");
    const wrong = await c.post("/register/captcha", { captcha: "XXXXX" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(S.checks.captcha);
    const stale = await c.post("/register/captcha", { captcha: "ACDEF" });
    expect(stale.status).toBe(422);
    await knownCaptcha(c, "HJK34");
    expect((await c.post("/register/captcha", { captcha: "hjk 34" })).headers.get("location")).toBe("/register/account");
  });

  test("five wrong answers end the attempt; the registrant starts again with the details still filled in", async () => {
    const c = new TestClient(t.app);
    await step1(c);
    for (let i = 1; i < SIGNUP_LIMITS.captchaTries; i++) {
      await knownCaptcha(c);
      expect((await c.post("/register/captcha", { captcha: "WRONG" })).status).toBe(422);
    }
    await knownCaptcha(c);
    const last = await c.post("/register/captcha", { captcha: "WRONG" });
    expect(last.status).toBe(429);
    const html = await last.text();
    expect(html).toContain(S.captchaExhausted);
    expect(html).toContain('value="中信金属有限公司"');
    expect((await c.get("/register/captcha")).headers.get("location")).toBe("/register?expired=1");
  });
});

describe("step 3: account details and the SMS code", () => {
  test("a registration number that has an account offers the next suffixed login (manual Q1)", async () => {
    const c = await atAccountStep();
    const html = await (await c.get("/register/account")).text();
    expect(html).toContain(S.existingAccounts("1100A4420", ["1100A4420"], "1100A4420-1"));
    expect(html).toMatch(/id="f-login"[^>]*value="1100A4420-1"/);
    const d = await atAccountStep({ regNo: "1100A4408", enterpriseName: "北京中至生物科技发展有限公司", signerName: "黄四" });
    const ent = (await t.db.query.enterprises.findFirst({ where: eq(enterprises.regNo, "1100A4408") }))!;
    await createAccount({
      db: t.db,
      account: { login: "1100A4408-1", password: DEMO_PASSWORD, role: "enterprise", enterpriseId: ent.id, displayName: ent.nameZh },
    });
    expect(await (await d.get("/register/account")).text()).toMatch(/id="f-login"[^>]*value="1100A4408-2"/);
  });

  test("获取短信验证码 sends a code to the number, stored hashed; a resend within the minute is refused", async () => {
    const c = await atAccountStep();
    const res = await htmxPost(c, "/register/sms", { mobile: "139 0013 9000" });
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment).toStartWith('<div id="sms-status"');
    expect(fragment).toContain(SMS_M.sent("139****9000"));
    const code = await lastCodeTo("13900139000");
    const [row] = await t.db
      .select()
      .from(smsCodes)
      .where(eq(smsCodes.subjectId, attemptOf(c).id));
    expect(row!.codeHash).toStartWith("$argon2id$");
    expect(row!.codeHash).not.toContain(code);
    const again = await htmxPost(c, "/register/sms", { mobile: "13900139000" });
    expect(again.status).toBe(429);
    expect(await again.text()).toMatch(new RegExp(SMS_M.cooldown(60).replace("60", "(59|60)")));
    // After the cooldown a new code may be sent; it replaces the first.
    await t.db
      .update(smsCodes)
      .set({ createdAt: sql`${smsCodes.createdAt} - interval '61 seconds'` })
      .where(eq(smsCodes.subjectId, attemptOf(c).id));
    expect((await htmxPost(c, "/register/sms", { mobile: "13900139000" })).status).toBe(200);
  });

  test("a malformed mobile number is refused before anything is sent", async () => {
    const c = await atAccountStep();
    const res = await htmxPost(c, "/register/sms", { mobile: "1380013800" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(S.mobileFormat);
  });

  test("without htmx the button posts the whole form and the page keeps what was typed", async () => {
    const c = await atAccountStep();
    const res = await c.post("/register/sms", { login: "1100A4420-1", mobile: "13700137000", smsCode: "" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(SMS_M.sent("137****7000"));
    expect(html).toMatch(/id="f-mobile"[^>]*value="13700137000"/);
    expect(html).toMatch(/id="f-login"[^>]*value="1100A4420-1"/);
  });

  test("a wrong SMS code is refused, recorded, and keeps what was typed (except the password)", async () => {
    const c = await atAccountStep();
    await htmxPost(c, "/register/sms", { mobile: MOBILE });
    const code = await lastCodeTo(MOBILE);
    const wrong = code === "000000" ? "000001" : "000000";
    const res = await c.post("/register/account", account({ smsCode: wrong }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(SMS_M.codeWrong);
    expect(html).toMatch(/id="f-smsCode"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/id="f-login"[^>]*value="1100A4420-1"/);
    expect(html).toMatch(/id="f-mobile"[^>]*value="13800138000"/);
    expect(html).not.toContain("newpass2026");
    const row = (await t.db.query.registrationAttempts.findFirst({ where: attemptOf(c).where }))!;
    expect(row.failedChecks).toEqual(["sms_wrong"]);
  });

  test("an expired SMS code is refused as expired", async () => {
    const c = await atAccountStep();
    await htmxPost(c, "/register/sms", { mobile: MOBILE });
    const code = await lastCodeTo(MOBILE);
    await t.db
      .update(smsCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(smsCodes.subjectId, attemptOf(c).id));
    const res = await c.post("/register/account", account({ smsCode: code }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(SMS_M.codeExpired);
    expect((await t.db.query.registrationAttempts.findFirst({ where: attemptOf(c).where }))!.failedChecks).toEqual(["sms_expired"]);
  });

  test("a code sent to one number does not register another", async () => {
    const c = await atAccountStep();
    await htmxPost(c, "/register/sms", { mobile: MOBILE });
    const res = await c.post("/register/account", account({ mobile: "13600136000", smsCode: await lastCodeTo(MOBILE) }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(SMS_M.mobileChanged);
  });

  test("field mistakes are named and do not spend the code; then the account is created, signed in, on the home page", async () => {
    const c = await atAccountStep();
    const attemptId = attemptOf(c).id;
    await htmxPost(c, "/register/sms", { mobile: MOBILE });
    const code = await lastCodeTo(MOBILE);
    const taken = await c.post("/register/account", account({ login: "1100A4420", smsCode: code }));
    expect(await taken.text()).toContain(S.loginTaken("1100A4420", "1100A4420-1"));
    const shape = await c.post("/register/account", account({ login: "1100A4419-1", smsCode: code }));
    expect(await shape.text()).toContain(S.loginShape("1100A4420"));
    const weak = await c.post("/register/account", account({ password: "short", confirmPassword: "short", smsCode: code }));
    expect(await weak.text()).toContain("密码至少需要 8 位。");
    const mismatch = await c.post("/register/account", account({ confirmPassword: "otherpass2026", smsCode: code }));
    expect(await mismatch.text()).toContain(S.confirmMismatch);

    const ok = await c.post("/register/account", account({ smsCode: code }));
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/register/done");
    expect(c.cookies.has("origo_signup")).toBe(false);
    const done = await (await c.get("/register/done")).text();
    expect(done).toContain(S.createdTitle);
    expect(done).toContain('<strong id="created-login">1100A4420-1</strong>');
    const home = await c.get("/home");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("中信金属有限公司");
    const created = (await t.db.query.accounts.findFirst({ where: eq(accounts.login, "1100A4420-1") }))!;
    expect(created.role).toBe("enterprise");
    expect(created.mobile).toBe(MOBILE);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "self_registered")));
    expect(audit).toHaveLength(1);
    // The new login works with the new password; the attempt is finished and the code spent.
    await new TestClient(t.app).signIn("1100A4420-1", "newpass2026");
    expect((await c.post("/register/account", account({ login: "1100A4420-2", smsCode: code }))).headers.get("location")).toBe("/register?expired=1");
    const [spent] = await t.db.select().from(smsCodes).where(eq(smsCodes.subjectId, attemptId));
    expect(spent!.usedAt).not.toBeNull();
  });
});

describe("SMS through the HTTP adapter to a real local provider", () => {
  test("the code reaches the provider as JSON {to, text}, and a provider failure is shown, not a crash", async () => {
    const received: { to: string; text: string }[] = [];
    let status = 200;
    const provider = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      async fetch(req) {
        received.push((await req.json()) as { to: string; text: string });
        return new Response("{}", { status });
      },
    });
    const http = await startTestApp({ sms: { kind: "http", url: `http://127.0.0.1:${provider.port}/send`, token: "provider-token" }, captcha: false });
    try {
      const c = new TestClient(http.app);
      expect((await c.post("/register", { ...CITIC })).headers.get("location")).toBe("/register/account");
      status = 500;
      const failed = await htmxPost(c, "/register/sms", { mobile: "13500135000" });
      expect(failed.status).toBe(500);
      expect(await failed.text()).toContain(SMS_M.sendFailed);
      status = 200;
      expect((await htmxPost(c, "/register/sms", { mobile: "13500135000" })).status).toBe(200);
      const last = received.at(-1)!;
      expect(last.to).toBe("13500135000");
      const code = last.text.match(/\d{6}/)![0];
      expect(await http.db.$count(smsOutbox)).toBe(0);
      const ok = await c.post("/register/account", account({ mobile: "13500135000", smsCode: code }));
      expect(ok.headers.get("location")).toBe("/register/done");
    } finally {
      await http.close();
      provider.stop(true);
    }
  });
});

describe("注册查询: the office sees the filed values beside what was typed (manual Q1, Q3)", () => {
  test("the last failed attempt, which check failed, and the accounts on the number", async () => {
    await step1(new TestClient(t.app), { regNo: "1100A4419", enterpriseName: "北京拓邦投资公司", signerName: "张三" });
    await step1(new TestClient(t.app), { regNo: "1100a4419", enterpriseName: "北京拓邦投资有限公司", signerName: "张 叁" });
    for (const login of ["admin1100", "reviewer1100"]) {
      const c = new TestClient(t.app);
      await c.signIn(login, DEMO_PASSWORD);
      const res = await c.get("/office/registrations?regNo=1100A4419");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("北京拓邦投资有限公司");
      expect(html).toContain("BEIJING TUOBANG INVESTMENT CO., LTD.");
      expect(html).toContain("张三");
      // The latest failure is shown: the hand-signer as typed, and the name that matched.
      expect(html).toContain("张 叁");
      expect(html).toContain(S.checkLabels.signer);
      expect(html).not.toContain("北京拓邦投资公司");
      expect(html).toContain(`<td class="differs">${S.differs}</td>`);
      expect(html).toContain("<td>1100A4419</td>");
      expect(html).toContain(S.lookupNextLogin("1100A4419-1"));
    }
  });

  test("a failure at another office's code is shown to the office where the enterprise is filed (manual Q2)", async () => {
    await step1(new TestClient(t.app), { regNo: "1100A4411", officeCode: "3100B0", enterpriseName: "北京京鹏威科技发展有限公司", signerName: "刘二" });
    const c = new TestClient(t.app);
    await c.signIn("admin1100", DEMO_PASSWORD);
    const html = await (await c.get("/office/registrations?regNo=1100A4411")).text();
    expect(html).toContain(S.checkLabels.not_filed_here);
    expect(html).toContain("<td>3100B0</td>");
  });

  test("another office's enterprise is not found", async () => {
    const c = new TestClient(t.app);
    await c.signIn("admin3100", DEMO_PASSWORD);
    const res = await c.get("/office/registrations?regNo=1100A4419");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(S.lookupNotFound("1100A4419"));
    expect(html).not.toContain("北京拓邦投资有限公司");
  });

  test("print clerks and enterprises may not use it", async () => {
    for (const login of ["print1100", "1100A4419"]) {
      const c = new TestClient(t.app);
      await c.signIn(login, DEMO_PASSWORD);
      expect((await c.get("/office/registrations?regNo=1100A4419")).status).toBe(403);
    }
  });
});

describe("probing the office's records", () => {
  test("too many failed checks from one address are refused for a while", async () => {
    const since = new Date(Date.now() - SIGNUP_LIMITS.identityWindowMs);
    const failures = await t.db.$count(
      registrationAttempts,
      and(eq(registrationAttempts.ip, "local"), gt(registrationAttempts.createdAt, since), isNull(registrationAttempts.enterpriseId)),
    );
    for (let i = failures; i < SIGNUP_LIMITS.identityFailures; i++) expect((await step1(new TestClient(t.app), { signerName: `猜${i}` })).status).toBe(422);
    const res = await step1(new TestClient(t.app));
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(html).toContain(S.identityLimited);
    expect(html).toContain('value="中信金属有限公司"');
    await t.db.delete(registrationAttempts).where(isNull(registrationAttempts.enterpriseId));
    expect((await step1(new TestClient(t.app))).status).toBe(303);
  });
});
