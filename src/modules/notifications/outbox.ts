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

/** The notifications slice's event on the app's bus: e-mail waits in the outbox (the worker wakes). */
export type NotificationEvents = { "notification.queued": { emails: number } };

export type NotificationInput = {
  event: NotificationEvent;
  facts: NotificationFacts;
  /** A path inside the app the notification opens. */
  link: string | null;
  /** Written at most once per account and key (repeatable writers such as the daily summary). */
  dedupeKey?: string;
};

/**
 * Notifies the given accounts on `tx`: one in-product notification each, and an outbox e-mail for
 * each account whose settings ask for this event by e-mail. Returns how many were written.
 */
export async function notifyAccounts(tx: DbOrTx, accountIds: string[], input: NotificationInput) {
  if (!accountIds.length) return { notifications: 0, emails: 0 };
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
  const emails = written.flatMap((w) => {
    const s = settings.get(w.accountId);
    return s?.email && s.emailEvents.includes(input.event) ? [{ id: Bun.randomUUIDv7(), notificationId: w.id, toAddress: s.email }] : [];
  });
  if (emails.length) {
    await tx.insert(notificationEmails).values(emails);
    await emitEvent<NotificationEvents, "notification.queued">(tx, "notification.queued", { emails: emails.length });
  }
  return { notifications: written.length, emails: emails.length };
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
