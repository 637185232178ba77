/**
 * Notification figures on PostgreSQL (a fresh test database with the demo data) and a real SMTP
 * server on loopback (test/support/smtp.ts):
 *
 * 1. What notifying costs the change's transaction: `notifyEnterprise` alone (recipients,
 *    settings, the notification and its outbox e-mail), beside a whole approval.
 * 2. Delivery latency: from an approval's commit to the SMTP server having the message, with one
 *    worker woken by the bus event (`notification.queued`).
 * 3. Throughput of the outbox: MAILS queued mails drained by one and by two workers (one SMTP
 *    connection per message).
 *
 * smtp-server waits 100 ms before its greeting (to catch clients that talk early, as Postfix's
 * postscreen does), so about 100 ms of every figure per message is the server's own pause.
 *
 * `bun run bench notifications`; N=… and MAILS=… change the counts.
 */
import type { AppEvents } from "../src/app-events.ts";
import { startEventBus } from "../src/lib/events.ts";
import { approveCertificate, createCertificate, sendCertificate } from "../src/modules/certificates/index.ts";
import { notifyAccounts, notifyEnterprise, smtpMailer, startNotificationWorker } from "../src/modules/notifications/index.ts";
import { saveNotificationSettings } from "../src/modules/notifications/service.ts";
import { goodBody } from "../test/support/certificates.ts";
import { createTestDatabase } from "../test/support/db.ts";
import { startSmtpServer } from "../test/support/smtp.ts";
import { userFor } from "../test/support/users.ts";
import { setLogLevel } from "../src/lib/log.ts";
import { ms, summary } from "./lib.ts";

export async function benchNotifications() {
  setLogLevel("warn");
  const n = Number(process.env.N ?? 100);
  const mails = Number(process.env.MAILS ?? 500);
  const database = await createTestDatabase();
  const db = database.db;
  const events = await startEventBus<AppEvents>({ database });
  const smtp = await startSmtpServer();
  const mailer = smtpMailer({ url: smtp.url, from: "Origo <noreply@origo.example.cn>" });
  try {
    const exporter = await userFor(db, "1100A4419");
    const reviewer = await userFor(db, "reviewer1100");
    await saveNotificationSettings({ db, user: exporter, email: "bench@exporter.example.cn", events: ["certificate.approved"] });

    const notifyMs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await db.transaction((tx) =>
        notifyEnterprise(tx, {
          enterpriseId: exporter.enterpriseId!,
          event: "certificate.approved",
          facts: { applicationNo: `B${i}`, number: `N${i}` },
          officeCode: "1100B0",
          link: "/x",
        }),
      );
      notifyMs.push(performance.now() - t0);
    }
    await db.execute(`delete from notification_emails` as never);

    const approveMs: number[] = [];
    const latency: number[] = [];
    const worker = startNotificationWorker({ db, events, mailer, publicUrl: "https://origo.example.cn", pollMs: 60_000 });
    for (let i = 0; i < n; i++) {
      const { id } = await createCertificate({ db, user: exporter, body: goodBody("GENERAL") });
      await sendCertificate({ db, user: exporter, id });
      const before = smtp.received.length;
      const t0 = performance.now();
      await approveCertificate({ db, reviewer, id });
      const committed = performance.now();
      approveMs.push(committed - t0);
      await smtp.waitFor(before + 1);
      latency.push(performance.now() - committed);
    }
    await worker.stop();
    const a = summary(notifyMs);
    const b = summary(approveMs);
    const c = summary(latency);
    console.log(`notifyEnterprise in its own transaction: median ${ms(a.median)}, p95 ${ms(a.p95)} (n=${a.n})`);
    console.log(`a whole approval (with its notification): median ${ms(b.median)}, p95 ${ms(b.p95)}`);
    console.log(
      `approval commit → message at the SMTP server (worker woken by the bus): median ${ms(c.median)}, p95 ${ms(c.p95)}, p99 ${ms(c.p99)} (n=${c.n})`,
    );

    for (const workers of [1, 2]) {
      smtp.received.length = 0;
      await db.transaction(async (tx) => {
        for (let i = 0; i < mails; i += 100) {
          for (let j = i; j < Math.min(mails, i + 100); j++)
            await notifyAccounts(tx, [exporter.id], {
              event: "certificate.approved",
              facts: { applicationNo: `T${j}`, number: `T${j}` },
              link: "/x",
              officeCode: "1100B0",
            });
        }
      });
      const t0 = performance.now();
      const ws = Array.from({ length: workers }, () => startNotificationWorker({ db, events, mailer, publicUrl: "https://origo.example.cn", pollMs: 60_000 }));
      await smtp.waitFor(mails, 600_000);
      const s = (performance.now() - t0) / 1000;
      await Promise.all(ws.map((w) => w.stop()));
      console.log(`${mails} queued mails, ${workers} worker(s): ${s.toFixed(1)} s, ${(mails / s).toFixed(0)} mails/s`);
    }
  } finally {
    mailer.close();
    await smtp.close();
    await events.close();
    await database.drop();
  }
}

if (import.meta.main) await benchNotifications();
