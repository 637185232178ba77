/**
 * Notifications end to end on real parts: PostgreSQL (or PGlite), the certificate and filing
 * services writing them in their transactions, and a real SMTP server on a loopback port receiving
 * what the worker sends (test/support/smtp.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, spyOn, test } from "bun:test";
import { eq, inArray, sql } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { setLogLevel } from "../../lib/log.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { startSmtpServer } from "../../../test/support/smtp.ts";
import { userFor } from "../../../test/support/users.ts";
import { approvedFiling, goodBody } from "../../../test/support/certificates.ts";
import { until } from "../../../test/support/until.ts";
import { approveCertificate, createCertificate, returnCertificate, sendCertificate, setFormSerial, voidCertificate } from "../certificates/index.ts";
import { smtpMailer } from "./mailer.ts";
import { NOTIFY_M } from "./messages.ts";
import { notifyAccounts } from "./outbox.ts";
import { notifyThenRollBack } from "../../../test/support/notifications.ts";
import { claimNextEmail } from "./queries.ts";
import { notificationEmails, notifications } from "./schema.ts";
import { saveNotificationSettings } from "./service.ts";
import { startNotificationWorker, type NotificationWorker } from "./worker.ts";

const PUBLIC_URL = "https://origo.example.cn";
const ADDRESS = "zhangsan@exporter.example.cn";

let t: Awaited<ReturnType<typeof startTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let exporter: CurrentUser;
let reviewer: CurrentUser;

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpServer();
  exporter = await userFor(t.db, "1100A4419");
  reviewer = await userFor(t.db, "reviewer1100");
  await saveNotificationSettings({ db: t.db, user: exporter, email: ADDRESS, events: ["certificate.approved", "certificate.returned", "filing.approved"] });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

const workers: NotificationWorker[] = [];
function worker(opts: Partial<Parameters<typeof startNotificationWorker>[0]> = {}) {
  const w = startNotificationWorker({
    db: t.db,
    events: t.events,
    mailer: smtpMailer({ url: smtp.url, from: "Origo <noreply@origo.example.cn>" }),
    publicUrl: PUBLIC_URL,
    pollMs: 50,
    ...opts,
  });
  workers.push(w);
  return w;
}
async function stopWorkers() {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
}

async function pending(printMode: "ECO" | "PCO" = "ECO") {
  const { id } = await createCertificate({ db: t.db, user: exporter, body: { ...goodBody("GENERAL"), printMode } });
  await sendCertificate({ db: t.db, user: exporter, id });
  return id;
}
const emailsOf = (notificationIds: string[]) => t.db.select().from(notificationEmails).where(inArray(notificationEmails.notificationId, notificationIds));
const notificationsAbout = (link: string) => t.db.select().from(notifications).where(eq(notifications.link, link));

describe("written with the change", () => {
  test("an approval writes the notification and its outbox e-mail in the approval's transaction; the worker delivers it over SMTP", async () => {
    const id = await pending();
    const { number } = await approveCertificate({ db: t.db, reviewer, id });
    const [n, ...more] = await notificationsAbout(`/certificates/${id}`);
    expect(more).toEqual([]);
    expect(n).toMatchObject({ accountId: exporter.id, event: "certificate.approved", title: `原产地证书审核通过：${number}`, readAt: null });
    expect(n!.body).toContain(number);
    expect(await emailsOf([n!.id])).toMatchObject([{ state: "PENDING", toAddress: ADDRESS, attempts: 0 }]);

    worker();
    const [got] = await smtp.waitFor(1);
    await stopWorkers();
    expect(got!.envelopeTo).toEqual([ADDRESS]);
    expect(got!.mail.subject).toBe(`原产地证书审核通过：${number}`);
    expect(got!.mail.messageId).toBe(`<${n!.id}@origo.example.cn>`);
    expect(got!.mail.text).toContain(n!.body);
    expect(got!.mail.text).toContain(`${PUBLIC_URL}/certificates/${id}`);
    expect(got!.mail.text).toContain(`${PUBLIC_URL}/notifications/settings`);
    expect(got!.mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(await emailsOf([n!.id])).toMatchObject([{ state: "SENT", attempts: 1, lastError: null, leaseOwner: null }]);
  });

  test("issuing and voiding a certificate and deciding a filing notify the enterprise too, with the number or the reason", async () => {
    const pco = await pending("PCO");
    const { number } = await approveCertificate({ db: t.db, reviewer, id: pco });
    await setFormSerial({ db: t.db, reviewer, id: pco, formSerial: `S${Date.now()}` });
    const voided = await pending();
    await voidCertificate({ db: t.db, reviewer, id: voided, reason: "企业申请撤销" });
    const events = async (link: string) => (await notificationsAbout(link)).map((n) => [n.event, n.title]);
    expect(await events(`/certificates/${pco}`)).toEqual([
      ["certificate.approved", `原产地证书审核通过：${number}`],
      ["certificate.issued", `原产地证书已签发：${number}`],
    ]);
    const [v] = await notificationsAbout(`/certificates/${voided}`);
    expect(v).toMatchObject({ event: "certificate.voided" });
    expect(v!.body).toContain("作废原因：企业申请撤销");
    const product = await approvedFiling(t.db, {
      login: "1100A4419",
      hsCode: "6403990000",
      nameZh: "皮鞋",
      nameEn: "LEATHER SHOES",
      unit: "PAIRS",
      agreements: [{ type: "CHAFTA", originCriterion: "WP" }],
    });
    expect(await events(`/products/${product}`)).toEqual([["filing.approved", "商品备案审核通过：皮鞋"]]);
    // These events were chosen for e-mail except issued and voided: only the approvals wait in the outbox.
    const ids = [...(await notificationsAbout(`/certificates/${pco}`)), v!, ...(await notificationsAbout(`/products/${product}`))].map((n) => n.id);
    expect((await emailsOf(ids)).length).toBe(2);
    worker();
    await smtp.waitFor(2);
    await stopWorkers();
  });

  test("a change that rolls back leaves neither notification nor mail", async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(notifications))[0]!.n;
    await expect(notifyThenRollBack(t.db, { enterpriseId: exporter.enterpriseId!, link: "/rolled-back" })).rejects.toThrow("the change failed");
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(notifications))[0]!.n).toBe(before);
    expect(await notificationsAbout("/rolled-back")).toEqual([]);
  });

  test("only the events an account chose go out by e-mail; every notification shows in the product", async () => {
    const other = await userFor(t.db, "1100A4420");
    await saveNotificationSettings({ db: t.db, user: other, email: "lisi@metal.example.cn", events: ["certificate.returned"] });
    const link = `/choice-${crypto.randomUUID()}`;
    await t.db.transaction(async (tx) => {
      await notifyAccounts(tx, [exporter.id, other.id], {
        event: "certificate.approved",
        facts: { applicationNo: "A1", number: "N1" },
        link,
        officeCode: "1100B0",
      });
    });
    const rows = await notificationsAbout(link);
    expect(rows.map((r) => r.accountId).sort()).toEqual([exporter.id, other.id].sort());
    const emails = await emailsOf(rows.map((r) => r.id));
    expect(emails.map((e) => e.toAddress)).toEqual([ADDRESS]);
    worker();
    await smtp.waitFor(1);
    await stopWorkers();
  });
});

describe("delivery", () => {
  test("a returned certificate's mail carries the reason; a busy server (451) delays it and a later attempt delivers it once", async () => {
    const id = await pending();
    smtp.refuseNext(451);
    await returnCertificate({ db: t.db, reviewer, id, reason: "第 7 栏品名与发票不一致" });
    const [n] = await notificationsAbout(`/certificates/${id}`);
    worker({ retryDelay: () => 100 });
    const [got] = await smtp.waitFor(1);
    await until(async () => (await emailsOf([n!.id]))[0]!.state === "SENT");
    await stopWorkers();
    expect(got!.mail.subject).toContain("原产地证书被退回");
    expect(got!.mail.text).toContain("退回原因：第 7 栏品名与发票不一致");
    expect(await emailsOf([n!.id])).toMatchObject([{ state: "SENT", attempts: 2, lastError: null }]);
    await Bun.sleep(200);
    expect(smtp.received).toHaveLength(1);
  });

  test("a mailbox the server refuses for good (550) is marked failed at once, not retried", async () => {
    smtp.refuseNext(550);
    const link = `/refused-${crypto.randomUUID()}`;
    await t.db.transaction((tx) =>
      notifyAccounts(tx, [exporter.id], { event: "certificate.approved", facts: { applicationNo: "A", number: "B" }, link, officeCode: "1100B0" }),
    );
    const [n] = await notificationsAbout(link);
    worker({ retryDelay: () => 10 });
    await until(async () => (await emailsOf([n!.id]))[0]!.state !== "PENDING");
    await stopWorkers();
    expect(await emailsOf([n!.id])).toMatchObject([{ state: "FAILED", attempts: 1, lastError: "SMTP 550 EMESSAGE" }]);
    expect(smtp.received).toHaveLength(0);
  });

  test("a server that cannot be reached: the mail waits with its attempt counted and goes out when the server is back", async () => {
    const link = `/outage-${crypto.randomUUID()}`;
    await t.db.transaction((tx) =>
      notifyAccounts(tx, [exporter.id], { event: "certificate.approved", facts: { applicationNo: "A", number: "B" }, link, officeCode: "1100B0" }),
    );
    const [n] = await notificationsAbout(link);
    const down = await startSmtpServer();
    await down.close();
    worker({ mailer: smtpMailer({ url: down.url, from: "o@origo.example.cn" }), retryDelay: () => 60_000 });
    await until(async () => (await emailsOf([n!.id]))[0]!.attempts === 1 && (await emailsOf([n!.id]))[0]!.leaseOwner === null);
    await stopWorkers();
    const [waiting] = await emailsOf([n!.id]);
    expect(waiting).toMatchObject({ state: "PENDING", attempts: 1 });
    expect(waiting!.lastError).toMatch(/^SMTP .*(ESOCKET|ECONNECTION)/);
    expect(waiting!.notBefore.getTime()).toBeGreaterThan(Date.now() + 30_000);
    // The retry falls due; a worker on the reachable server delivers it.
    await t.db.update(notificationEmails).set({ notBefore: new Date() }).where(eq(notificationEmails.id, waiting!.id));
    worker();
    await smtp.waitFor(1);
    await stopWorkers();
    expect(await emailsOf([n!.id])).toMatchObject([{ state: "SENT", attempts: 2 }]);
  });

  test("a server that stops answering in the middle of a message: the send is given up within its time-out and tried again later", async () => {
    const link = `/silent-${crypto.randomUUID()}`;
    await t.db.transaction((tx) =>
      notifyAccounts(tx, [exporter.id], { event: "certificate.approved", facts: { applicationNo: "A", number: "B" }, link, officeCode: "1100B0" }),
    );
    const [n] = await notificationsAbout(link);
    const arrived = smtp.holdNext(1);
    worker({ mailer: smtpMailer({ url: smtp.url, from: "o@origo.example.cn", timeoutMs: 300 }), retryDelay: () => 50 });
    await arrived;
    await smtp.waitFor(1);
    await until(async () => (await emailsOf([n!.id]))[0]!.state === "SENT");
    await stopWorkers();
    const [row] = await emailsOf([n!.id]);
    expect(row).toMatchObject({ state: "SENT", attempts: 2 });
  });

  test("a worker that died holding mail: its lease runs out and the mail is sent once; two workers side by side never send one mail twice", async () => {
    const link = `/crash-${crypto.randomUUID()}`;
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 20; i++)
        await notifyAccounts(tx, [exporter.id], {
          event: "certificate.approved",
          facts: { applicationNo: `A${i}`, number: `N${i}` },
          link,
          officeCode: "1100B0",
        });
    });
    const ids = (await notificationsAbout(link)).map((r) => r.id);
    // A worker takes one and dies before sending it (its lease runs out after 300 ms).
    const dead = await t.db.transaction((tx) => claimNextEmail(tx, "dead-worker", 300));
    expect(dead).toBeDefined();
    worker();
    worker();
    await smtp.waitFor(20, 20_000);
    await until(async () => (await emailsOf(ids)).every((e) => e.state === "SENT"));
    await Bun.sleep(300);
    await stopWorkers();
    const messageIds = smtp.received.map((r) => r.mail.messageId);
    expect(messageIds).toHaveLength(20);
    expect(new Set(messageIds).size).toBe(20);
    expect(messageIds.sort()).toEqual(ids.map((id) => `<${id}@origo.example.cn>`).sort());
  });

  test("a worker with e-mail switched off (no mailer) marks mail it finds failed with the reason, never left to pile up", async () => {
    const link = `/off-${crypto.randomUUID()}`;
    await t.db.transaction((tx) =>
      notifyAccounts(tx, [exporter.id], { event: "certificate.approved", facts: { applicationNo: "A", number: "B" }, link, officeCode: "1100B0" }),
    );
    const [n] = await notificationsAbout(link);
    worker({ mailer: null });
    await until(async () => (await emailsOf([n!.id]))[0]!.state === "FAILED");
    await stopWorkers();
    expect(await emailsOf([n!.id])).toMatchObject([{ state: "FAILED", lastError: NOTIFY_M.emailDisabledError }]);
  });

  test("logs name the mail by id with the address masked, never the address or the text", async () => {
    const lines: string[] = [];
    const spy = spyOn(process.stderr, "write").mockImplementation(((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write);
    setLogLevel("info");
    try {
      smtp.refuseNext(451);
      const id = await pending();
      await returnCertificate({ db: t.db, reviewer, id, reason: "机密的退回原因" });
      worker({ retryDelay: () => 50 });
      await smtp.waitFor(1);
      await stopWorkers();
    } finally {
      spy.mockRestore();
      setLogLevel("error");
    }
    const text = lines.join("");
    expect(text).toContain("z***@exporter.example.cn");
    expect(text).toContain("notification message sent");
    expect(text).toContain("notification message will be retried");
    expect(text).not.toContain(ADDRESS);
    expect(text).not.toContain("机密的退回原因");
  });
});
