import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";

/**
 * One notification for one account (the in-product list, 通知). Written in the same transaction
 * as the change it reports (a certificate returned, a filing approved…), so a change that commits
 * always has its notifications and one that rolls back has none. Title, text and link are fixed
 * when written: the list and the e-mail say the same thing. `dedupeKey` makes a repeatable writer
 * (the daily summary) write once per account and key.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** A path inside the app (`/certificates/…`); e-mails prefix it with PUBLIC_URL. */
    link: text("link"),
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_account_idx").on(t.accountId, t.createdAt),
    index("notifications_unread_idx").on(t.accountId).where(sql`${t.readAt} is null`),
    uniqueIndex("notifications_dedupe_key").on(t.accountId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
  ],
);

export const emailState = pgEnum("notification_email_state", ["PENDING", "SENT", "FAILED"]);

/**
 * The e-mail outbox: one row per notification the account wants by e-mail, written in the
 * notification's transaction; the worker (worker.ts) claims rows with FOR UPDATE SKIP LOCKED,
 * sends, and marks them SENT, or PENDING again with a later `notBefore`, or FAILED after
 * MAX_ATTEMPTS or a permanent refusal. `leaseUntil` keeps a row from two workers at once; a worker
 * that dies lets it run out.
 */
export const notificationEmails = pgTable(
  "notification_emails",
  {
    id: text("id").primaryKey(),
    notificationId: text("notification_id")
      .notNull()
      .unique()
      .references(() => notifications.id, { onDelete: "cascade" }),
    toAddress: text("to_address").notNull(),
    state: emailState("state").notNull().default("PENDING"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** The last failure, as the SMTP server or the network said it (no address, no body). */
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notification_emails_due_idx").on(t.notBefore).where(sql`${t.state} = 'PENDING'`)],
);

/** Per account: the address for e-mail and which events go there. No row: in the product only. */
export const notificationSettings = pgTable("notification_settings", {
  accountId: text("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  email: text("email"),
  emailEvents: text("email_events").array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
