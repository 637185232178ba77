/**
 * The e-mail worker: runs inside every app process (src/main.ts), any number side by side. It
 * takes due mail from the outbox (queries.ts `claimNextEmail`, FOR UPDATE SKIP LOCKED under a
 * lease), sends it, and records the outcome: SENT; PENDING again after a growing delay when the
 * server is away or says "later" (4xx); FAILED when it refuses for good (5xx) or after MAX_ATTEMPTS.
 *
 * A process that dies mid-send leaves its lease to run out (LEASE_MS) and the mail is sent by the
 * next worker to look: nothing is lost. The one window for a repeat is between the server's
 * acceptance and our UPDATE (milliseconds); the repeat carries the same Message-ID, so mail systems
 * that deduplicate drop it.
 *
 * It wakes on the bus event `notification.queued` (sent when the change that wrote the mail
 * commits) and also looks every `pollMs`, for retries falling due and because events are hints.
 */
import type { Db } from "../../db/client.ts";
import { databaseUnavailable } from "../../db/errors.ts";
import type { EventBus } from "../../lib/events.ts";
import { log } from "../../lib/log.ts";
import { startWorkLoop } from "../../lib/work-loop.ts";
import { MailDeliveryError, type Mailer } from "./mailer.ts";
import { NOTIFY_M } from "./messages.ts";
import type { NotificationEvents } from "./outbox.ts";
import { claimNextEmail, finishEmail } from "./queries.ts";
import { LEASE_MS, MAX_ATTEMPTS, maskEmail, retryDelayMs } from "./rules.ts";

export type NotificationWorkerOptions = {
  db: Db;
  events: Pick<EventBus<NotificationEvents>, "on" | "onResync">;
  /** null: e-mail is off (no SMTP_URL); mail found in the outbox is marked FAILED with that reason. */
  mailer: Mailer | null;
  /** PUBLIC_URL: links in mail are absolute, and the Message-ID's domain. */
  publicUrl: string;
  id?: string;
  pollMs?: number;
  leaseMs?: number;
  /** The wait before the next attempt after `attempts` failures (tests shorten it). */
  retryDelay?: (attempts: number) => number;
};

type ClaimedEmail = NonNullable<Awaited<ReturnType<typeof claimNextEmail>>>;

export type NotificationWorker = { readonly id: string; kick(): void; stop(): Promise<void> };

export function startNotificationWorker(opts: NotificationWorkerOptions): NotificationWorker {
  const { db, mailer, publicUrl } = opts;
  const id = opts.id ?? `mail-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 5_000;
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const retryDelay = opts.retryDelay ?? retryDelayMs;
  const host = new URL(publicUrl).hostname;

  async function sendOne({ email, notification: n }: ClaimedEmail): Promise<void> {
    const to = maskEmail(email.toAddress);
    if (!mailer) {
      await finishEmail(db, { id: email.id, owner: id, outcome: { state: "FAILED", error: NOTIFY_M.emailDisabledError } });
      log.warn("notification e-mail dropped: e-mail is off (SMTP_URL unset)", { emailId: email.id, to });
      return;
    }
    const started = performance.now();
    try {
      await mailer.send({
        to: email.toAddress,
        subject: n.title,
        text: [n.body, n.link ? NOTIFY_M.emailLink(`${publicUrl}${n.link}`) : "", NOTIFY_M.emailFooter(`${publicUrl}/notifications/settings`)]
          .filter(Boolean)
          .join("\n\n"),
        messageId: `<${n.id}@${host}>`,
      });
    } catch (err) {
      if (!(err instanceof MailDeliveryError)) throw err;
      const giveUp = err.permanent || email.attempts >= MAX_ATTEMPTS;
      const outcome = giveUp
        ? { state: "FAILED" as const, error: err.message }
        : { state: "PENDING" as const, error: err.message, delayMs: retryDelay(email.attempts) };
      await finishEmail(db, { id: email.id, owner: id, outcome });
      log.warn(giveUp ? "notification e-mail failed" : "notification e-mail will be retried", {
        emailId: email.id,
        to,
        attempts: email.attempts,
        smtp: err.message,
        ...(giveUp ? {} : { retryInMs: outcome.state === "PENDING" ? outcome.delayMs : 0 }),
      });
      return;
    }
    const held = await finishEmail(db, { id: email.id, owner: id, outcome: { state: "SENT" } });
    log.info("notification e-mail sent", {
      emailId: email.id,
      to,
      event: n.event,
      attempts: email.attempts,
      ms: Math.round(performance.now() - started),
      ...(held ? {} : { leaseLost: true }),
    });
  }

  const loop = startWorkLoop({
    name: "notification",
    id,
    pollMs,
    claim: () => db.transaction((tx) => claimNextEmail(tx, id, leaseMs)),
    work: sendOne,
    claimErrorMessage: "notification worker failed",
    onWorkError: (err) => {
      if (databaseUnavailable(err)) log.warn("notification worker: database unavailable, retrying", { worker: id });
      else log.error("notification worker failed", { worker: id, err });
    },
    wakeOn: (kick) => [opts.events.on("notification.queued", kick), opts.events.onResync(kick)],
  });

  return {
    id,
    kick: loop.kick,
    /** Stops taking mail; a send in progress finishes (bounded by the SMTP time-outs) and is recorded. */
    stop: loop.stop,
  };
}
