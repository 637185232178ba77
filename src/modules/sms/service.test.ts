import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { AppError } from "../../lib/errors.ts";
import { SMS_M } from "./messages.ts";
import { SMS_LIMITS } from "./rules.ts";
import { smsCodes, smsOutbox } from "./schema.ts";
import { SmsDeliveryError, outboxSender, type SmsSender } from "./senders.ts";
import { issueCode, verifyCode } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let outbox: SmsSender;
beforeAll(async () => {
  t = await startTestApp();
  outbox = outboxSender(t.db);
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.delete(smsCodes);
  await t.db.delete(smsOutbox);
});

const text = (code: string) => SMS_M.registrationText(code);
const message = { officeCode: "1100B0", text };
let n = 0;
const subject = () => `subject-${++n}`;

function send(args: { subjectId: string; mobile?: string; ip?: string; sender?: SmsSender; message?: typeof message | null }) {
  return issueCode({
    db: t.db,
    sender: args.sender ?? outbox,
    purpose: "registration",
    subjectId: args.subjectId,
    mobile: args.mobile ?? "13800138000",
    ip: args.ip ?? "10.0.0.1",
    message: args.message === undefined ? message : args.message,
  });
}

async function lastCodeSentTo(mobile: string) {
  const rows = await t.db.select().from(smsOutbox).where(eq(smsOutbox.to, mobile)).orderBy(sql`${smsOutbox.createdAt} desc`).limit(1);
  return rows[0]!.text.match(/\d{6}/)![0];
}

async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("rate_limited");
  return (e as AppError).message;
}

describe("SMS codes", () => {
  test("are stored only as an argon2id hash, never as the code", async () => {
    const s = subject();
    await send({ subjectId: s });
    const code = await lastCodeSentTo("13800138000");
    const [row] = await t.db.select().from(smsCodes).where(eq(smsCodes.subjectId, s));
    expect(row!.codeHash).toStartWith("$argon2id$");
    expect(row!.codeHash).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(await Bun.password.verify(code, row!.codeHash)).toBe(true);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(SMS_LIMITS.ttlMs);
  });

  test("are single-use", async () => {
    const s = subject();
    await send({ subjectId: s });
    const code = await lastCodeSentTo("13800138000");
    expect(await verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13800138000", code })).toBe("ok");
    expect(await verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13800138000", code })).toBe("used");
  });

  test("two simultaneous uses of one code: exactly one succeeds", async () => {
    const s = subject();
    await send({ subjectId: s });
    const code = await lastCodeSentTo("13800138000");
    const results = await Promise.all([1, 2, 3].map(() => verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13800138000", code })));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
  });

  test("expire after ten minutes", async () => {
    const s = subject();
    await send({ subjectId: s });
    const code = await lastCodeSentTo("13800138000");
    await t.db
      .update(smsCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(smsCodes.subjectId, s));
    expect(await verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13800138000", code })).toBe("expired");
  });

  test("die after five wrong guesses, even if the sixth is right", async () => {
    const s = subject();
    await send({ subjectId: s });
    const code = await lastCodeSentTo("13800138000");
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < SMS_LIMITS.maxWrongTries; i++)
      expect(await verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13800138000", code: wrong })).toBe("wrong");
    expect(await verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13800138000", code })).toBe("too_many");
  });

  test("only the newest code of a subject counts, and only for the number it went to", async () => {
    const s = subject();
    await send({ subjectId: s });
    const first = await lastCodeSentTo("13800138000");
    await t.db
      .update(smsCodes)
      .set({ createdAt: new Date(Date.now() - 61_000) })
      .where(eq(smsCodes.subjectId, s));
    await send({ subjectId: s, mobile: "13900139000" });
    const second = await lastCodeSentTo("13900139000");
    if (first !== second) expect(await verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13900139000", code: first })).toBe("wrong");
    expect(await verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13800138000", code: second })).toBe("mobile_changed");
    expect(await verifyCode({ db: t.db, purpose: "registration", subjectId: s, mobile: "13900139000", code: second })).toBe("ok");
  });
});

describe("rate limits", () => {
  test("a number gets one code a minute", async () => {
    await send({ subjectId: subject() });
    const msg = await refusal(send({ subjectId: subject() }));
    expect(msg).toMatch(/^验证码发送过于频繁，请 (59|60) 秒后再获取。$/);
    // A minute later it may have another.
    await t.db.update(smsCodes).set({ createdAt: new Date(Date.now() - 61_000) });
    await send({ subjectId: subject() });
  });

  test("a number gets five codes an hour", async () => {
    for (let i = 0; i < SMS_LIMITS.perNumber; i++) {
      await send({ subjectId: subject(), ip: `10.0.1.${i}` });
      await t.db.update(smsCodes).set({ createdAt: sql`${smsCodes.createdAt} - interval '61 seconds'` });
    }
    expect(await refusal(send({ subjectId: subject(), ip: "10.0.2.1" }))).toBe(SMS_M.numberLimit);
    // The oldest leaves the hour window: one more is allowed.
    await t.db.update(smsCodes).set({ createdAt: sql`${smsCodes.createdAt} - interval '56 minutes'` });
    await send({ subjectId: subject(), ip: "10.0.2.1" });
  });

  test("an address gets ten codes an hour, whatever the numbers", async () => {
    for (let i = 0; i < SMS_LIMITS.perIp; i++) await send({ subjectId: subject(), mobile: `1370000000${i}`, ip: "10.9.9.9" });
    expect(await refusal(send({ subjectId: subject(), mobile: "13611111111", ip: "10.9.9.9" }))).toBe(SMS_M.ipLimit);
    await send({ subjectId: subject(), mobile: "13611111111", ip: "10.9.9.10" });
  });

  test("parallel requests cannot slip past the cooldown", async () => {
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => send({ subjectId: subject(), mobile: "13512345678" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.$count(smsCodes, eq(smsCodes.mobile, "13512345678"))).toBe(1);
  });

  test("decoys count against the limits but send nothing", async () => {
    await send({ subjectId: subject(), mobile: "13322223333", message: null });
    expect(await t.db.$count(smsOutbox)).toBe(0);
    expect(await refusal(send({ subjectId: subject(), mobile: "13322223333" }))).toMatch(/秒后再获取/);
  });

  test("a failed delivery forgets the code, so the user may retry at once", async () => {
    const failing: SmsSender = {
      kind: "http",
      send: () => Promise.reject(new SmsDeliveryError("down")),
    };
    await expect(send({ subjectId: subject(), mobile: "13344445555", sender: failing })).rejects.toBeInstanceOf(SmsDeliveryError);
    expect(await t.db.$count(smsCodes, eq(smsCodes.mobile, "13344445555"))).toBe(0);
    await send({ subjectId: subject(), mobile: "13344445555" });
  });
});

describe("短信发件箱", () => {
  test("office admins see their own office's messages, not another office's", async () => {
    await send({ subjectId: subject(), mobile: "13800001111" });
    await send({ subjectId: subject(), mobile: "13800002222", message: { officeCode: "3100B0", text } });
    const bj = new TestClient(t.app);
    await bj.signIn("admin1100", DEMO_PASSWORD);
    const page = await bj.get("/office/sms-outbox");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(SMS_M.outboxTitle);
    expect(html).toContain("13800001111");
    expect(html).toContain(await lastCodeSentTo("13800001111"));
    expect(html).not.toContain("13800002222");
    const sh = new TestClient(t.app);
    await sh.signIn("admin3100", DEMO_PASSWORD);
    const other = await (await sh.get("/office/sms-outbox")).text();
    expect(other).toContain("13800002222");
    expect(other).not.toContain("13800001111");
  });
});
