/**
 * SMS as a notification channel, on real parts: PostgreSQL, the certificate and commercial services
 * writing the outbox rows in their transactions, and a real HTTP server on a loopback port standing
 * in for the SMS provider (the HTTP adapter posts to it). Without a provider the texts land on the
 * 短信发件箱, and without SMTP_URL the e-mail lands on the 邮件发件箱.
 */
import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { eq, inArray } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { setLogLevel } from "../../lib/log.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { goodBody } from "../../../test/support/certificates.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { userFor } from "../../../test/support/users.ts";
import { startReceiver, type Receiver } from "../../../test/support/webhook-receiver.ts";
import { until } from "../../../test/support/until.ts";
import { approveCertificate, createCertificate, returnCertificate, sendCertificate } from "../certificates/index.ts";
import { httpSender, outboxSender } from "../sms/index.ts";
import { outboxMailer } from "./mailer.ts";
import { NOTIFY_M, smsText } from "./messages.ts";
import { notifyThenRollBack } from "../../../test/support/notifications.ts";
import { notificationEmails, notifications } from "./schema.ts";
import { saveNotificationSettings } from "./service.ts";
import { startNotificationWorker, type NotificationWorker } from "./worker.ts";

const MOBILE = "13800138000";
let t: Awaited<ReturnType<typeof startTestApp>>;
let provider: Receiver;
let exporter: CurrentUser;
let reviewer: CurrentUser;

beforeAll(async () => {
  t = await startTestApp();
  provider = startReceiver();
  exporter = await userFor(t.db, "1100A4419");
  reviewer = await userFor(t.db, "reviewer1100");
});
afterAll(async () => {
  provider.stop();
  await t.close();
});

const workers: NotificationWorker[] = [];
function worker(opts: Partial<Parameters<typeof startNotificationWorker>[0]> = {}) {
  const w = startNotificationWorker({
    db: t.db,
    events: t.events,
    mailer: null,
    sms: httpSender({ url: provider.url("/sms"), token: "provider-token" }),
    publicUrl: "https://origo.example.cn",
    pollMs: 50,
    retryDelay: () => 50,
    ...opts,
  });
  workers.push(w);
  return w;
}
const stopWorkers = () => Promise.all(workers.splice(0).map((w) => w.stop()));

async function pending() {
  const { id } = await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL") });
  await sendCertificate({ db: t.db, user: exporter, id });
  return id;
}
const notificationsAbout = (link: string) => t.db.select().from(notifications).where(eq(notifications.link, link));
const outboxOf = (ids: string[]) => t.db.select().from(notificationEmails).where(inArray(notificationEmails.notificationId, ids));

describe("settings", () => {
  test("SMS is chosen per event beside e-mail; a ticked SMS event needs a valid mainland mobile", async () => {
    await expect(
      saveNotificationSettings({ db: t.db, user: exporter, email: "", events: [], mobile: "", smsEvents: ["certificate.approved"] }),
    ).rejects.toThrow(NOTIFY_M.mobileNeeded);
    await expect(saveNotificationSettings({ db: t.db, user: exporter, email: "", events: [], mobile: "12345", smsEvents: [] })).rejects.toThrow(
      NOTIFY_M.mobileInvalid,
    );
    const saved = await saveNotificationSettings({
      db: t.db,
      user: exporter,
      email: "",
      events: [],
      mobile: "+86 138-0013-8000",
      smsEvents: ["certificate.approved", "certificate.returned", "commercial.approved", "office.daily_summary"],
    });
    // Normalized, and the office-only event is not offered to an enterprise.
    expect(saved).toMatchObject({ mobile: MOBILE, smsEvents: ["certificate.returned", "certificate.approved", "commercial.approved"], emailEvents: [] });
  });

  test("the settings page has a mobile field and an SMS box per event", async () => {
    const c = new TestClient(t.app);
    await c.signIn("1100A4419", DEMO_PASSWORD);
    const html = await (await c.get("/notifications/settings")).text();
    expect(html).toContain(NOTIFY_M.mobileLabel);
    expect(html).toContain(`value="${MOBILE}"`);
    expect(html).toMatch(/name="smsEvents" type="checkbox" value="certificate.approved" checked/);
  });

  test("the form saves a mobile and SMS events, and names the field when the mobile is wrong", async () => {
    const c = new TestClient(t.app);
    await c.signIn("1100A4419", DEMO_PASSWORD);
    const bad = await c.post("/notifications/settings", { email: "", mobile: "0101234", smsEvents: "certificate.voided" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain(NOTIFY_M.mobileInvalid);
    expect(html).toContain('value="0101234"'); // what was typed comes back
    const body = new URLSearchParams({ email: "", mobile: MOBILE, _csrf: c.csrf });
    for (const e of ["certificate.approved", "certificate.returned", "commercial.approved"]) body.append("smsEvents", e);
    const headers = { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" };
    const ok = await c.request("/notifications/settings", { method: "POST", body, headers });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(NOTIFY_M.saved);
  });
});

describe("delivery through the SMS provider", () => {
  test("an approval queues one SMS in the approval's transaction; the worker posts a short Chinese text to the provider", async () => {
    const id = await pending();
    const { number } = await approveCertificate({ db: t.db, reviewer, id });
    const [n] = await notificationsAbout(`/certificates/${id}`);
    expect(await outboxOf([n!.id])).toMatchObject([{ channel: "sms", toAddress: MOBILE, state: "PENDING", officeCode: "1100B0" }]);
    provider.received.length = 0;
    worker();
    const [got] = await provider.waitFor(1);
    await until(async () => (await outboxOf([n!.id]))[0]!.state === "SENT");
    await stopWorkers();
    expect(got!.path).toBe("/sms");
    expect(got!.headers.get("authorization")).toBe("Bearer provider-token");
    const sent = JSON.parse(got!.body) as { to: string; text: string };
    expect(sent).toEqual({ to: MOBILE, text: smsText(n!) });
    expect(sent.text).toContain(number);
    expect(sent.text).toStartWith("【Origo 原产地证】");
    expect(sent.text.length).toBeLessThanOrEqual(70); // one SMS segment of Chinese text
    // The list says the text went out.
    const c = new TestClient(t.app);
    await c.signIn("1100A4419", DEMO_PASSWORD);
    expect(await (await c.get("/notifications")).text()).toContain(NOTIFY_M.smsStates.SENT);
  });

  test("a provider that refuses is tried again later and the text arrives once; logs carry a masked number, never the text or the reason", async () => {
    const id = await pending();
    await returnCertificate({ db: t.db, reviewer, id, reason: "发票金额与申报不符（商业机密）" });
    const [n] = await notificationsAbout(`/certificates/${id}`);
    provider.received.length = 0;
    provider.answer({ kind: "status", status: 503, body: "busy" });
    const lines: string[] = [];
    setLogLevel("info");
    const spy = spyOn(process.stderr, "write").mockImplementation(((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write);
    try {
      worker();
      await provider.waitFor(2);
      provider.answer({ kind: "status", status: 200, body: "ok" });
      await until(async () => (await outboxOf([n!.id]))[0]!.state === "SENT");
      await stopWorkers();
    } finally {
      spy.mockRestore();
      setLogLevel("error");
    }
    const row = (await outboxOf([n!.id]))[0]!;
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    const accepted = provider.received.length - (row.attempts - 1);
    expect(accepted).toBe(1);
    const text = (JSON.parse(provider.received.at(-1)!.body) as { text: string }).text;
    expect(text).not.toContain("商业机密"); // the reason stays in the product
    const log = lines.join("");
    expect(log).toContain("138****8000");
    expect(log).toContain("notification message will be retried");
    expect(log).not.toContain(MOBILE);
    expect(log).not.toContain(text);
    expect(log).not.toContain("商业机密");
  });

  test("a change that rolls back queues no SMS", async () => {
    const before = (await t.db.select().from(notificationEmails).where(eq(notificationEmails.channel, "sms"))).length;
    await expect(notifyThenRollBack(t.db, { enterpriseId: exporter.enterpriseId!, link: "/rolled-back-sms" })).rejects.toThrow("the change failed");
    expect((await t.db.select().from(notificationEmails).where(eq(notificationEmails.channel, "sms"))).length).toBe(before);
  });
});

describe("without providers: the outbox pages", () => {
  test("texts go to 短信发件箱 and e-mail to 邮件发件箱, which the office's admin reads and an enterprise may not", async () => {
    await saveNotificationSettings({
      db: t.db,
      user: exporter,
      email: "outbox@exporter.example.cn",
      events: ["certificate.approved"],
      mobile: MOBILE,
      smsEvents: ["certificate.approved"],
    });
    const id = await pending();
    const { number } = await approveCertificate({ db: t.db, reviewer, id });
    const [n] = await notificationsAbout(`/certificates/${id}`);
    worker({ mailer: outboxMailer(t.db), sms: outboxSender(t.db) });
    await until(async () => (await outboxOf([n!.id])).every((r) => r.state === "SENT"));
    await stopWorkers();
    const admin = new TestClient(t.app);
    await admin.signIn("admin1100", DEMO_PASSWORD);
    const mail = await (await admin.get("/office/email-outbox")).text();
    expect(mail).toContain(NOTIFY_M.emailOutboxTitle);
    expect(mail).toContain("outbox@exporter.example.cn");
    expect(mail).toContain(`原产地证书审核通过：${number}`);
    expect(mail).toContain("https://origo.example.cn/certificates/");
    const sms = await (await admin.get("/office/sms-outbox")).text();
    expect(sms).toContain(smsText(n!));
    const enterprise = new TestClient(t.app);
    await enterprise.signIn("1100A4419", DEMO_PASSWORD);
    expect((await enterprise.get("/office/email-outbox")).status).toBe(403);
  });
});
