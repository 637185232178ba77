/**
 * kill -9 in the middle of sending: a real server process (src/main.ts on the test's PostgreSQL
 * database, SMTP_URL at a local SMTP server) is killed while the server holds its message
 * unanswered. The mail stays in the outbox under the dead process's lease; once that runs out the
 * next process sends it, and the SMTP server ends up with it exactly once.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { startTestApp } from "../../../test/support/app.ts";
import { testDbKind } from "../../../test/support/db.ts";
import { startServerProcess, type ServerProcess } from "../../../test/support/server-process.ts";
import { startSmtpServer } from "../../../test/support/smtp.ts";
import { userFor } from "../../../test/support/users.ts";
import { notifyAccounts } from "./outbox.ts";
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

async function server() {
  const s = await startServerProcess({
    DATABASE_URL: `postgres://postgres@localhost/${t.database.name}?host=/var/run/postgresql`,
    SMTP_URL: smtp.url,
    PUBLIC_URL: "https://origo.example.cn",
    LOG_LEVEL: "error",
  });
  servers.add(s);
  return s;
}

describe.skipIf(testDbKind === "pglite")("a server killed while sending", () => {
  test("loses no mail and sends none twice", async () => {
    const exporter = await userFor(t.db, "1100A4419");
    await saveNotificationSettings({ db: t.db, user: exporter, email: "crash@exporter.example.cn", events: ["certificate.approved"] });
    const first = await server();
    const arrived = smtp.holdNext(1);
    await t.db.transaction((tx) =>
      notifyAccounts(tx, [exporter.id], { event: "certificate.approved", facts: { applicationNo: "K-1", number: "K-N1" }, link: "/crash", officeCode: "1100B0" }),
    );
    const [n] = await t.db.select().from(notifications).where(eq(notifications.link, "/crash"));
    await arrived; // the server process is now waiting for the SMTP server's answer
    first.proc.kill("SIGKILL");
    await first.proc.exited;
    servers.delete(first);

    const row = async () => (await t.db.select().from(notificationEmails).where(eq(notificationEmails.notificationId, n!.id)))[0]!;
    const orphan = await row();
    expect(orphan).toMatchObject({ state: "PENDING", attempts: 1 });
    expect(orphan.leaseOwner).toStartWith("mail-");
    expect(smtp.received).toHaveLength(0);

    // The dead process's lease (60 s) runs out; instead of waiting, the test moves it to now.
    await t.db.update(notificationEmails).set({ leaseUntil: new Date() }).where(eq(notificationEmails.id, orphan.id));
    const second = await server();
    const [got] = await smtp.waitFor(1, 20_000); // the restarted worker looks at its start
    expect(got!.mail.messageId).toBe(`<${n!.id}@origo.example.cn>`);
    expect(got!.mail.text).toContain("https://origo.example.cn/crash");
    const deadline = Date.now() + 10_000;
    while ((await row()).state !== "SENT" && Date.now() < deadline) await Bun.sleep(50);
    expect(await row()).toMatchObject({ state: "SENT", attempts: 2 });
    expect(await second.stop()).toBe(0);
    servers.delete(second);
    expect(smtp.received).toHaveLength(1);
  }, 90_000);
});
