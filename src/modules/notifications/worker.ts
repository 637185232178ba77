/**
 * The notification worker: runs inside every app process (src/main.ts), any number side by side. It
 * takes due e-mail and SMS from the outbox (queries.ts `claimNextEmail`, FOR UPDATE SKIP LOCKED under a
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
import { SmsDeliveryError, maskMobile, type SmsSender } from "../sms/index.ts";
import { MailDeliveryError, type Mailer } from "./mailer.ts";
import { NOTIFY_M, smsText } from "./messages.ts";
import type { NotificationEvents } from "./outbox.ts";
import { claimNextEmail, finishEmail } from "./queries.ts";
import { LEASE_MS, MAX_ATTEMPTS, maskEmail, retryDelayMs } from "./rules.ts";

export type NotificationWorkerOptions = {
  db: Db;
  events: Pick<EventBus<NotificationEvents>, "on" | "onResync">;
  /** null: e-mail is off; mail found in the outbox is marked FAILED with that reason (main.ts passes the outbox mailer without SMTP_URL). */
  mailer: Mailer | null;
  /** The SMS adapter (an HTTP provider, or the 短信发件箱); null or absent: SMS rows are marked FAILED. */
  sms?: SmsSender | null;
  /** PUBLIC_URL: links in mail are absolute, and the Message-ID's domain. */
  publicUrl: string;
  id?: string;
  pollMs?: number;
  leaseMs?: number;
  /** The wait before the next attempt after `attempts` failures (tests shorten it). */
  retryDelay?: (attempts: number) => number;
};

type ClaimedEmail = NonNullable<Awaited<ReturnType<typeof claimNextEmail>>>;

/**
 * What a failed attempt means for the retry rule, or null for an error that is not a delivery
 * failure (a bug: the loop logs it and the lease runs out). An SMS provider's refusal is retried
 * like a 4xx: its answers do not say reliably which failures are for good.
 */
function deliveryFailure(err: unknown): { permanent: boolean; message: string } | null {
  if (err instanceof MailDeliveryError) return { permanent: err.permanent, message: err.message };
  if (err instanceof SmsDeliveryError) return { permanent: false, message: err.message.replace(/: .*$/s, "") };
  return null;
}

export type NotificationWorker = { readonly id: string; kick(): void; stop(): Promise<void> };

export function startNotificationWorker(opts: NotificationWorkerOptions): NotificationWorker {
  const { db, mailer, publicUrl } = opts;
  const sms = opts.sms ?? null;
  const id = opts.id ?? `mail-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 5_000;
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const retryDelay = opts.retryDelay ?? retryDelayMs;
  const host = new URL(publicUrl).hostname;

  /** Sends one claimed row on its channel; throws MailDeliveryError / SmsDeliveryError for a failed attempt. */
  async function deliver({ email: row, notification: n }: ClaimedEmail): Promise<"sent" | "off"> {
    if (row.channel === "sms") {
      if (!sms) return "off";
      await sms.send({ to: row.toAddress, text: smsText(n), purpose: "notification", officeCode: row.officeCode ?? "" });
      return "sent";
    }
    if (!mailer) return "off";
    await mailer.send({
      to: row.toAddress,
      subject: n.title,
      text: [n.body, n.link ? NOTIFY_M.emailLink(`${publicUrl}${n.link}`) : "", NOTIFY_M.emailFooter(`${publicUrl}/notifications/settings`)]
        .filter(Boolean)
        .join("\n\n"),
      messageId: `<${n.id}@${host}>`,
      officeCode: row.officeCode,
    });
    return "sent";
  }

  async function sendOne(claimed: ClaimedEmail): Promise<void> {
    const { email, notification: n } = claimed;
    // Logs name the row, the channel and a masked recipient: never the address, the number or the text.
    const to = email.channel === "sms" ? maskMobile(email.toAddress) : maskEmail(email.toAddress);
    const what = { emailId: email.id, channel: email.channel, to };
    const started = performance.now();
    let result: "sent" | "off";
    try {
      result = await deliver(claimed);
    } catch (err) {
      const failure = deliveryFailure(err);
      if (!failure) throw err;
      const giveUp = failure.permanent || email.attempts >= MAX_ATTEMPTS;
      const outcome = giveUp
        ? { state: "FAILED" as const, error: failure.message }
        : { state: "PENDING" as const, error: failure.message, delayMs: retryDelay(email.attempts) };
      await finishEmail(db, { id: email.id, owner: id, outcome });
      log.warn(giveUp ? "notification message failed" : "notification message will be retried", {
        ...what,
        attempts: email.attempts,
        reason: failure.message,
        ...(giveUp ? {} : { retryInMs: outcome.state === "PENDING" ? outcome.delayMs : 0 }),
      });
      return;
    }
    if (result === "off") {
      const error = email.channel === "sms" ? NOTIFY_M.smsDisabledError : NOTIFY_M.emailDisabledError;
      await finishEmail(db, { id: email.id, owner: id, outcome: { state: "FAILED", error } });
      log.warn("notification message dropped: its channel is off", what);
      return;
    }
    const held = await finishEmail(db, { id: email.id, owner: id, outcome: { state: "SENT" } });
    log.info("notification message sent", {
      ...what,
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
