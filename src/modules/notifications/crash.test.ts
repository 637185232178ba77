/**
 * kill -9 in the middle of sending: a real server process (src/main.ts on the test's PostgreSQL
 * database, SMTP_URL at a local SMTP server) is killed while the server holds its message
 * unanswered. The mail stays in the outbox under the dead process's lease; once that runs out the
 * next process sends it, and the SMTP server ends up with it exactly once. The same for an SMS
 * whose provider (a local HTTP server, SMS_HTTP_URL) holds the request unanswered; and a server
 * stopped with SIGTERM mid-send finishes and records the text, so the next sends nothing again.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { startTestApp } from "../../../test/support/app.ts";
import { testDbKind } from "../../../test/support/db.ts";
import { startServerProcess, type ServerProcess } from "../../../test/support/server-process.ts";
import { startSmtpServer } from "../../../test/support/smtp.ts";
import { startReceiver } from "../../../test/support/webhook-receiver.ts";
import { userFor } from "../../../test/support/users.ts";
import { notifyAccounts, type NotificationInput } from "./outbox.ts";
import { notificationEmails, notifications } from "./schema.ts";
import { saveNotificationSettings } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const servers = new Set<ServerProcess>();

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await Promise.all([...servers].map((s) => s.stop(2_000)));
  await smtp.close();
  await t.close();
});

async function server(env: Record<string, string> = {}) {
  const s = await startServerProcess({
    DATABASE_URL: `postgres://postgres@localhost/${t.database.name}?host=/var/run/postgresql`,
    SMTP_URL: smtp.url,
    PUBLIC_URL: "https://origo.example.cn",
    LOG_LEVEL: "error",
    ...env,
  });
  servers.add(s);
  return s;
}

/** The account's notification (its link names it in the test), as the app would raise it, and a reader of its outbox row. */
async function notify(accountId: string, input: Omit<NotificationInput, "officeCode" | "link"> & { link: string }) {
  await t.db.transaction((tx) => notifyAccounts(tx, [accountId], { ...input, officeCode: "1100B0" }));
  const [n] = await t.db.select().from(notifications).where(eq(notifications.link, input.link));
  const row = async () => (await t.db.select().from(notificationEmails).where(eq(notificationEmails.notificationId, n!.id)))[0]!;
  return { n: n!, row };
}

/** kill -9: the process gets no chance to finish or record anything. */
async function kill(s: ServerProcess) {
  s.proc.kill("SIGKILL");
  await s.proc.exited;
  servers.delete(s);
}

/** SIGTERM and wait; the exit code. */
async function stop(s: ServerProcess, killAfterMs?: number) {
  const code = await s.stop(killAfterMs);
  servers.delete(s);
  return code;
}

/** The outbox row once it is SENT, or as it is when `ms` have passed. */
async function sentWithin(row: () => Promise<typeof notificationEmails.$inferSelect>, ms: number) {
  const deadline = Date.now() + ms;
  while ((await row()).state !== "SENT" && Date.now() < deadline) await Bun.sleep(50);
  return row();
}

describe.skipIf(testDbKind === "pglite")("a server killed while sending", () => {
  test("loses no mail and sends none twice", async () => {
    const exporter = await userFor(t.db, "1100A4419");
    await saveNotificationSettings({ db: t.db, user: exporter, email: "crash@exporter.example.cn", events: ["certificate.approved"] });
    const first = await server();
    const arrived = smtp.holdNext(1);
    const { n, row } = await notify(exporter.id, { event: "certificate.approved", facts: { applicationNo: "K-1", number: "K-N1" }, link: "/crash" });
    await arrived; // the server process is now waiting for the SMTP server's answer
    await kill(first);

    const orphan = await row();
    expect(orphan).toMatchObject({ state: "PENDING", attempts: 1 });
    expect(orphan.leaseOwner).toStartWith("mail-");
    expect(smtp.received).toHaveLength(0);

    // The dead process's lease (60 s) runs out; instead of waiting, the test moves it to now.
    await t.db.update(notificationEmails).set({ leaseUntil: new Date() }).where(eq(notificationEmails.id, orphan.id));
    const second = await server();
    const [got] = await smtp.waitFor(1, 20_000); // the restarted worker looks at its start
    expect(got!.mail.messageId).toBe(`<${n.id}@origo.example.cn>`);
    expect(got!.mail.text).toContain("https://origo.example.cn/crash");
    expect(await sentWithin(row, 10_000)).toMatchObject({ state: "SENT", attempts: 2 });
    expect(await stop(second)).toBe(0);
    expect(smtp.received).toHaveLength(1);
  }, 90_000);

  test("an SMS the provider holds unanswered when the server is killed is sent by the next server, and accepted once", async () => {
    const provider = startReceiver();
    try {
      const exporter = await userFor(t.db, "1100A4420");
      await saveNotificationSettings({ db: t.db, user: exporter, email: "", events: [], mobile: "13900139000", smsEvents: ["certificate.returned"] });
      const env = { SMS_HTTP_URL: provider.url("/sms") };
      provider.answer({ kind: "hold" });
      const first = await server(env);
      const { row } = await notify(exporter.id, { event: "certificate.returned", facts: { applicationNo: "K-2", reason: "补充发票" }, link: "/crash-sms" });
      await provider.waitFor(1, 20_000); // the text is at the provider, which has not answered
      await kill(first);

      const orphan = await row();
      expect(orphan).toMatchObject({ channel: "sms", state: "PENDING", attempts: 1 });
      // The provider never answered: it did not take the text. The next server sends it again.
      provider.answer({ kind: "status", status: 200, body: "ok" });
      await t.db.update(notificationEmails).set({ leaseUntil: new Date() }).where(eq(notificationEmails.id, orphan.id));
      const second = await server(env);
      expect(await sentWithin(row, 20_000)).toMatchObject({ state: "SENT", attempts: 2 });
      expect(await stop(second)).toBe(0);
      // Two requests reached the provider: the one cut off by the kill (never answered) and the one it accepted.
      expect(provider.received).toHaveLength(2);
      expect(provider.received[0]!.body).toBe(provider.received[1]!.body);
      expect(JSON.parse(provider.received[1]!.body)).toMatchObject({ to: "13900139000" });
    } finally {
      provider.stop();
    }
  }, 90_000);

  test("a server stopped (SIGTERM) while an SMS is in flight finishes and records it: the next server sends nothing again", async () => {
    const provider = startReceiver();
    try {
      const exporter = await userFor(t.db, "1100A4420");
      const env = { SMS_HTTP_URL: provider.url("/sms") };
      provider.answer({ kind: "hold" });
      const first = await server(env);
      const { row } = await notify(exporter.id, { event: "certificate.returned", facts: { applicationNo: "K-3", reason: "补充" }, link: "/term-sms" });
      await provider.waitFor(1, 20_000);
      const stopped = stop(first, 10_000);
      await Bun.sleep(200);
      provider.release(); // the provider answers 200 while the server is draining
      expect(await stopped).toBe(0);
      expect(await row()).toMatchObject({ state: "SENT", attempts: 1 });
      const second = await server(env);
      await Bun.sleep(500); // the restarted worker looks at its start and finds nothing due
      expect(await stop(second)).toBe(0);
      expect(provider.received).toHaveLength(1);
    } finally {
      provider.stop();
    }
  }, 90_000);
});
