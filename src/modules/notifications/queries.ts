import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.ts";
import { emailOutbox, notificationEmails, notifications, notificationSettings } from "./schema.ts";

export type NotificationRow = typeof notifications.$inferSelect;
export type SettingsRow = typeof notificationSettings.$inferSelect;

export function settingsOf(db: DbOrTx, accountIds: string[]) {
  if (!accountIds.length) return Promise.resolve([] as SettingsRow[]);
  return db.select().from(notificationSettings).where(inArray(notificationSettings.accountId, accountIds));
}

export async function saveSettings(
  db: DbOrTx,
  row: { accountId: string; email: string | null; emailEvents: string[]; mobile: string | null; smsEvents: string[] },
) {
  const now = new Date();
  const { accountId: _, ...set } = row;
  await db
    .insert(notificationSettings)
    .values({ ...row, updatedAt: now })
    .onConflictDoUpdate({ target: notificationSettings.accountId, set: { ...set, updatedAt: now } });
}

/** 邮件发件箱: the newest mail kept (no SMTP server) for one office. */
export function emailOutboxOf(db: DbOrTx, officeCode: string, limit: number) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.officeCode, officeCode)).orderBy(desc(emailOutbox.createdAt)).limit(limit);
}

const smsRows = alias(notificationEmails, "sms_rows");

export function listForAccount(db: DbOrTx, accountId: string, limit: number) {
  return db
    .select({ n: notifications, emailState: notificationEmails.state, smsState: smsRows.state })
    .from(notifications)
    .leftJoin(notificationEmails, and(eq(notificationEmails.notificationId, notifications.id), eq(notificationEmails.channel, "email")))
    .leftJoin(smsRows, and(eq(smsRows.notificationId, notifications.id), eq(smsRows.channel, "sms")))
    .where(eq(notifications.accountId, accountId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function countUnread(db: DbOrTx, accountId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one (or, without `id`, every) unread notification of the account read; returns how many changed. */
export async function markRead(db: DbOrTx, accountId: string, id?: string) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function findForAccount(db: DbOrTx, accountId: string, id: string) {
  const [row] = await db
    .select({ id: notifications.id, link: notifications.link })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.accountId, accountId)));
  return row;
}

const inMs = (ms: number) => sql`now() + (${Math.round(ms)}::int * interval '1 millisecond')`;

/**
 * Takes the next due e-mail for `owner`: PENDING, due, and not leased by a live worker; counts the
 * attempt and leases it for `leaseMs`. Rows another worker has locked are skipped, so any number
 * of workers in any number of processes each take different mail.
 */
export async function claimNextEmail(tx: DbOrTx, owner: string, leaseMs: number) {
  const [row] = await tx
    .select({ id: notificationEmails.id })
    .from(notificationEmails)
    .where(
      and(
        eq(notificationEmails.state, "PENDING"),
        sql`${notificationEmails.notBefore} <= now()`,
        or(isNull(notificationEmails.leaseUntil), lt(notificationEmails.leaseUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(notificationEmails.notBefore))
    .limit(1)
    .for("update", { skipLocked: true });
  if (!row) return undefined;
  const [email] = await tx
    .update(notificationEmails)
    .set({ leaseOwner: owner, leaseUntil: inMs(leaseMs), attempts: sql`${notificationEmails.attempts} + 1` })
    .where(eq(notificationEmails.id, row.id))
    .returning();
  const [n] = await tx.select().from(notifications).where(eq(notifications.id, email!.notificationId));
  return { email: email!, notification: n! };
}

/** Records the outcome of an attempt, only while `owner` still holds the lease; false when it had run out and another worker took the mail. */
export async function finishEmail(
  db: DbOrTx,
  {
    id,
    owner,
    outcome,
  }: { id: string; owner: string; outcome: { state: "SENT" } | { state: "FAILED"; error: string } | { state: "PENDING"; error: string; delayMs: number } },
) {
  const set =
    outcome.state === "SENT"
      ? { state: "SENT" as const, sentAt: new Date(), lastError: null }
      : outcome.state === "FAILED"
        ? { state: "FAILED" as const, lastError: outcome.error }
        : { state: "PENDING" as const, lastError: outcome.error, notBefore: inMs(outcome.delayMs) };
  const rows = await db
    .update(notificationEmails)
    .set({ ...set, leaseOwner: null, leaseUntil: null })
    .where(and(eq(notificationEmails.id, id), eq(notificationEmails.leaseOwner, owner), eq(notificationEmails.state, "PENDING")))
    .returning({ id: notificationEmails.id });
  return rows.length > 0;
}
