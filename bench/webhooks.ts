/**
 * Webhook figures on the test PostgreSQL with a real local receiver (Bun.serve):
 * 1. What writing the deliveries adds to the transaction of a change: the same transaction with and
 *    without one subscribed endpoint (a row insert, a lookup and a NOTIFY).
 * 2. Commit-to-receiver latency of single events with the worker idle (woken by the bus event).
 * 3. Throughput: N queued deliveries drained by one worker, signed and sent: to one endpoint (one
 *    request at a time per endpoint), then spread over four endpoints (4 at a time).
 *
 * `bun run bench webhooks`; WEBHOOK_BENCH_N=… changes the count.
 */
import { loadConfig } from "../src/config.ts";
import { startEventBus } from "../src/lib/events.ts";
import { queueWebhookEvent, startWebhookWorker, type WebhookEvents } from "../src/modules/webhooks/index.ts";
import { createWebhookEndpoint } from "../src/modules/webhooks/service.ts";
import { webhookEndpoints } from "../src/modules/webhooks/schema.ts";
import { createTestDatabase } from "../test/support/db.ts";
import { userFor } from "../test/support/users.ts";
import { startReceiver } from "../test/support/webhook-receiver.ts";
import { ms, summary } from "./lib.ts";

const N = Number(process.env.WEBHOOK_BENCH_N ?? 1000);

export async function benchWebhooks() {
  const database = await createTestDatabase();
  const db = database.db;
  const events = await startEventBus<WebhookEvents>({ database });
  const receiver = startReceiver();
  const key = loadConfig({ NODE_ENV: "test" }).twoFactorKey;
  try {
    const exporter = await userFor(db, "1100A4419");
    const enterpriseId = exporter.enterpriseId!;
    const change = (withEvent: boolean) =>
      db.transaction(async (tx) => {
        await tx.execute("select 1");
        if (withEvent) await queueWebhookEvent(tx, { enterpriseId, type: "certificate.approved", data: { certificateId: "bench", number: "26C1100A0000001" } });
      });
    const timed = async (f: () => Promise<unknown>, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await f();
        out.push(performance.now() - t0);
      }
      return summary(out);
    };
    const base = await timed(() => change(false), 300);
    const noEndpoint = await timed(() => change(true), 300);
    await createWebhookEndpoint({ db, user: exporter, input: { url: receiver.url(), events: ["certificate.approved"] }, secretKey: key, allowPrivate: true });
    const oneEndpoint = await timed(() => change(true), 300);
    console.log(
      `transaction, median: bare ${ms(base.median)}, + event without endpoints ${ms(noEndpoint.median)}, + one delivery ${ms(oneEndpoint.median)} (p95 ${ms(oneEndpoint.p95)})`,
    );

    // The 300 deliveries written above are drained first, then the idle worker is timed.
    const worker = startWebhookWorker({ db, events, secretKey: key, allowPrivate: true });
    await receiver.waitFor(300, 60_000);
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const before = receiver.received.length;
      const t0 = performance.now();
      await change(true);
      await receiver.waitFor(before + 1);
      latencies.push(performance.now() - t0);
    }
    const l = summary(latencies);
    console.log(`commit → receiver (idle worker, woken by NOTIFY): median ${ms(l.median)}, p95 ${ms(l.p95)}`);

    const before = receiver.received.length;
    for (let i = 0; i < N; i += 100)
      await db.transaction(async (tx) => {
        for (let j = 0; j < 100 && i + j < N; j++) await queueWebhookEvent(tx, { enterpriseId, type: "certificate.approved", data: { i: i + j } });
      });
    const t0 = performance.now();
    await receiver.waitFor(before + N, 600_000);
    const s = (performance.now() - t0) / 1000;
    console.log(`throughput to one endpoint: ${N} deliveries signed, sent and recorded in ${s.toFixed(1)} s (${Math.round(N / s)}/s, one at a time)`);
    // The same count spread over four endpoints (one event → four deliveries): four requests at a time.
    for (let i = 0; i < 3; i++)
      await createWebhookEndpoint({
        db,
        user: exporter,
        input: { url: receiver.url(`/e${i}`), events: ["certificate.approved"] },
        secretKey: key,
        allowPrivate: true,
      });
    const before4 = receiver.received.length;
    for (let i = 0; i < N / 4; i += 25)
      await db.transaction(async (tx) => {
        for (let j = 0; j < 25 && i + j < N / 4; j++) await queueWebhookEvent(tx, { enterpriseId, type: "certificate.approved", data: { i: i + j } });
      });
    const t4 = performance.now();
    await receiver.waitFor(before4 + N, 600_000);
    const s4 = (performance.now() - t4) / 1000;
    console.log(`throughput over 4 endpoints: ${N} deliveries in ${s4.toFixed(1)} s (${Math.round(N / s4)}/s)`);
    await worker.stop();
    await db.delete(webhookEndpoints);
  } finally {
    receiver.stop();
    await events.close();
    await database.drop();
  }
}

if (import.meta.main) await benchWebhooks();
