/**
 * Writing notifications: always on the caller's transaction, beside the change they report, so a
 * committed change has its notifications (and its e-mails in the outbox) and a rolled-back one has
 * none, whatever happens to the process afterwards. Sending happens later, in the worker.
 */
import type { DbOrTx } from "../../db/client.ts";
import { emitEvent } from "../../lib/events.ts";
import { listEnterpriseAccounts } from "../accounts/index.ts";
import { NOTIFICATION_TEXT, type NotificationFacts } from "./messages.ts";
import * as q from "./queries.ts";
import type { NotificationEvent } from "./rules.ts";
import { notificationEmails, notifications } from "./schema.ts";

/** The notifications slice's event on the app's bus: e-mail or SMS waits in the outbox (the worker wakes). */
export type NotificationEvents = { "notification.queued": { emails: number; sms?: number } };

export type NotificationInput = {
  event: NotificationEvent;
  facts: NotificationFacts;
  /** A path inside the app the notification opens. */
  link: string | null;
  /** Written at most once per account and key (repeatable writers such as the daily summary). */
  dedupeKey?: string;
  /** The office concerned: its admins may read the e-mail and SMS on the outbox pages when no provider is configured. */
  officeCode: string;
};

/**
 * Notifies the given accounts on `tx`: one in-product notification each, and an outbox row for each
 * channel (e-mail, SMS) whose settings ask for this event. A notification already written under
 * the same dedupe key writes nothing, on any channel. Returns how many were written.
 */
export async function notifyAccounts(tx: DbOrTx, accountIds: string[], input: NotificationInput) {
  if (!accountIds.length) return { notifications: 0, emails: 0, sms: 0 };
  const { title, body } = NOTIFICATION_TEXT[input.event](input.facts);
  const rows = accountIds.map((accountId) => ({
    id: Bun.randomUUIDv7(),
    accountId,
    event: input.event,
    title,
    body,
    link: input.link,
    dedupeKey: input.dedupeKey ?? null,
  }));
  const written = await tx.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id, accountId: notifications.accountId });
  const settings = new Map(
    (
      await q.settingsOf(
        tx,
        written.map((w) => w.accountId),
      )
    ).map((s) => [s.accountId, s]),
  );
  const outbox = written.flatMap((w) => {
    const s = settings.get(w.accountId);
    const row = (channel: "email" | "sms", toAddress: string) => ({
      id: Bun.randomUUIDv7(),
      notificationId: w.id,
      channel,
      toAddress,
      officeCode: input.officeCode,
    });
    return [
      ...(s?.email && s.emailEvents.includes(input.event) ? [row("email", s.email)] : []),
      ...(s?.mobile && s.smsEvents.includes(input.event) ? [row("sms", s.mobile)] : []),
    ];
  });
  const emails = outbox.filter((r) => r.channel === "email").length;
  const sms = outbox.length - emails;
  if (outbox.length) {
    await tx.insert(notificationEmails).values(outbox);
    await emitEvent<NotificationEvents, "notification.queued">(tx, "notification.queued", { emails, sms });
  }
  return { notifications: written.length, emails, sms };
}

/** Notifies every active account of an enterprise (a registration number may carry several) on `tx`. */
export async function notifyEnterprise(tx: DbOrTx, { enterpriseId, ...input }: NotificationInput & { enterpriseId: string }) {
  const accounts = await listEnterpriseAccounts({ db: tx, enterpriseId });
  return notifyAccounts(
    tx,
    accounts.filter((a) => a.active).map((a) => a.id),
    input,
  );
}
