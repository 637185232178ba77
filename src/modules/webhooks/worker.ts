/**
 * The webhook worker: runs inside every app process (src/main.ts). It claims a due delivery with
 * FOR UPDATE SKIP LOCKED and a lease, sends it outside any transaction (send.ts), then records the
 * attempt and the delivery's next state only while it still holds the lease.
 *
 * What a restart does: a worker that is stopped finishes the attempts it started (each ends within
 * the 5 s time-out) and records them before it returns, so nothing is sent twice. A worker that
 * dies (power cut) leaves its lease to run out and the next worker sends the delivery: nothing is
 * lost, and the cut-off attempt stays on record as unfinished. If it died after the receiver got
 * the request but before recording the answer, the receiver gets that event a second time with the
 * same `id`, which receivers use to ignore repeats (at-least-once, docs/decisions/0022-webhooks.md);
 * no sender can know what a request it never heard back about did.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { EventBus } from "../../lib/events.ts";
import { log } from "../../lib/log.ts";
import { startWorkLoop } from "../../lib/work-loop.ts";
import { openSecret } from "../accounts/index.ts";
import * as q from "./queries.ts";
import { KEEP_FINISHED_DAYS, LEASE_MS, nextAttemptAt, signatureHeader } from "./rules.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "./schema.ts";
import { type AttemptResult, sendOnce } from "./send.ts";
import { secretContext, type WebhookEvents } from "./service.ts";

export type WebhookWorkerOptions = {
  db: Db;
  events: EventBus<WebhookEvents>;
  /** Opens the endpoints' sealed secrets (config TWO_FACTOR_KEY). */
  secretKey: string;
  /** Deliver to loopback and private addresses (config WEBHOOK_ALLOW_PRIVATE; never in production). */
  allowPrivate: boolean;
  id?: string;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  timeoutMs?: number;
  /** Tests only: runs after a claim, before the request goes out (a crash test parks the worker here). */
  beforeSend?: (delivery: q.DeliveryRow) => Promise<void>;
};

type Claimed = { delivery: q.DeliveryRow; attemptId: string };

export type WebhookWorker = { readonly id: string; kick(): void; stop(): Promise<void> };

export function startWebhookWorker(opts: WebhookWorkerOptions): WebhookWorker {
  const { db, events } = opts;
  const id = opts.id ?? `webhooks-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const concurrency = opts.concurrency ?? 4;
  const pollMs = opts.pollMs ?? 5_000;
  const leaseMs = opts.leaseMs ?? LEASE_MS;

  /** Locks the next due delivery, takes its lease and opens its attempt (finished by `record`), in one transaction. */
  async function claim() {
    return db.transaction(async (tx) => {
      const due = await q.lockNextDue(tx);
      if (!due) return null;
      const [row] = await tx
        .update(webhookDeliveries)
        .set({ leaseOwner: id, leaseUntil: q.inMs(leaseMs) })
        .where(eq(webhookDeliveries.id, due.id))
        .returning();
      await tx
        .update(webhookEndpoints)
        .set({ busyUntil: q.inMs(leaseMs) })
        .where(eq(webhookEndpoints.id, due.endpointId));
      const attemptId = Bun.randomUUIDv7();
      await tx.insert(webhookAttempts).values({ id: attemptId, deliveryId: due.id, ok: false, status: null, answer: "", durationMs: null });
      return { delivery: row!, attemptId };
    });
  }

  async function send(delivery: q.DeliveryRow): Promise<AttemptResult> {
    const endpoint = await q.findEndpoint(db, delivery.endpointId);
    if (!endpoint) return { ok: false, status: null, answer: "endpoint deleted", durationMs: 0 };
    const secret = new TextDecoder().decode(openSecret(opts.secretKey, endpoint.secretSealed, secretContext(endpoint.id)));
    await opts.beforeSend?.(delivery);
    return sendOnce({
      url: endpoint.url,
      body: delivery.body,
      allowPrivate: opts.allowPrivate,
      timeoutMs: opts.timeoutMs,
      headers: {
        "Origo-Signature": signatureHeader(secret, delivery.body, Math.floor(Date.now() / 1000)),
        "Origo-Event-Id": delivery.eventId,
        "Origo-Event-Type": delivery.eventType,
        "Origo-Delivery-Id": delivery.id,
      },
    });
  }

  /** Records the attempt and what follows (delivered, retry later, given up), only while the lease is still this worker's. */
  async function record({ delivery, attemptId }: Claimed, result: AttemptResult) {
    await db.transaction(async (tx) => {
      const held = await q.lockHeld(tx, delivery.id, id);
      if (!held) return;
      await tx.update(webhookEndpoints).set({ busyUntil: null }).where(eq(webhookEndpoints.id, held.endpointId));
      await tx
        .update(webhookAttempts)
        .set({ ok: result.ok, status: result.status, answer: result.answer, durationMs: result.durationMs })
        .where(eq(webhookAttempts.id, attemptId));
      const attempts = held.attempts + 1;
      const next = result.ok ? null : nextAttemptAt(attempts, new Date(), held.giveUpAt);
      await tx
        .update(webhookDeliveries)
        .set({
          attempts,
          state: result.ok ? "DELIVERED" : next ? "PENDING" : "FAILED",
          nextAttemptAt: next ?? held.nextAttemptAt,
          finishedAt: next ? null : sql`now()`,
          leaseOwner: null,
          leaseUntil: null,
        })
        .where(eq(webhookDeliveries.id, held.id));
    });
  }

  async function work(claimed: Claimed) {
    let result: AttemptResult;
    try {
      result = await send(claimed.delivery);
    } catch (err) {
      // A secret that no longer opens (TWO_FACTOR_KEY changed) or a stored URL that no longer parses:
      // a failed attempt like any other, retried and finally given up, never a loop of silent claims.
      log.error("webhook delivery could not be sent", { worker: id, deliveryId: claimed.delivery.id, err });
      result = { ok: false, status: null, answer: `not sent: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500), durationMs: 0 };
    }
    await record(claimed, result);
  }

  /** Drops finished deliveries past their keeping time: at start, then about hourly (any process may; it is idempotent). */
  let prunedAt = 0;
  async function pruneNow() {
    if (Date.now() - prunedAt < 3600_000) return;
    prunedAt = Date.now();
    try {
      const n = await q.pruneFinished(db, KEEP_FINISHED_DAYS);
      if (n) log.info("webhook deliveries pruned", { worker: id, count: n, olderThanDays: KEEP_FINISHED_DAYS });
    } catch (err) {
      log.warn("webhook prune failed", { worker: id, err });
    }
  }

  const loop = startWorkLoop({
    name: "webhook",
    id,
    concurrency,
    pollMs,
    claim,
    work,
    onWorkError: (err, job) => log.error("webhook delivery failed unexpectedly", { worker: id, deliveryId: job.delivery.id, err }),
    eachRound: pruneNow,
    wakeOn: (kick) => [events.on("webhook.queued", kick), events.onResync(kick)],
  });
  return {
    id,
    kick: loop.kick,
    /** Takes no more work and waits for the attempts under way to end and be recorded. */
    stop: loop.stop,
  };
}
