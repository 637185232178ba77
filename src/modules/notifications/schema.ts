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
export const notificationChannel = pgEnum("notification_channel", ["email", "sms"]);

/**
 * The outbox of messages leaving the product: one row per notification and channel (e-mail, SMS)
 * the account wants, written in the notification's transaction; the worker (worker.ts) claims rows
 * with FOR UPDATE SKIP LOCKED, sends, and marks them SENT, or PENDING again with a later
 * `notBefore`, or FAILED after MAX_ATTEMPTS or a permanent refusal. `leaseUntil` keeps a row from
 * two workers at once; a worker that dies lets it run out. The table kept its first name
 * (e-mail was the only channel); SMS rows share the lease, retry and restart rules unchanged
 * (docs/decisions/0025).
 */
export const notificationEmails = pgTable(
  "notification_emails",
  {
    id: text("id").primaryKey(),
    notificationId: text("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    channel: notificationChannel("channel").notNull().default("email"),
    /** An e-mail address or, for SMS, a mainland mobile number. */
    toAddress: text("to_address").notNull(),
    /** The office whose admins may read the message on an outbox page when no provider is configured. */
    officeCode: text("office_code"),
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
  (t) => [
    index("notification_emails_due_idx").on(t.notBefore).where(sql`${t.state} = 'PENDING'`),
    uniqueIndex("notification_emails_channel_key").on(t.notificationId, t.channel),
  ],
);

/** Per account: the address for e-mail, the mobile for SMS, and which events go to each. No row: in the product only. */
export const notificationSettings = pgTable("notification_settings", {
  accountId: text("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  email: text("email"),
  emailEvents: text("email_events").array().notNull().default(sql`'{}'::text[]`),
  mobile: text("mobile"),
  smsEvents: text("sms_events").array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * E-mail "sent" while no SMTP server is configured (SMTP_URL unset): kept for the office admins'
 * 邮件发件箱, as the SMS outbox keeps texts, instead of being dropped.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: text("id").primaryKey(),
    /** The office whose admins may read it: the office of the enterprise or staff member concerned. */
    officeCode: text("office_code").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_outbox_office_idx").on(t.officeCode, t.createdAt)],
);
