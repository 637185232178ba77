import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const smsPurpose = pgEnum("sms_purpose", ["registration", "password_reset", "notification"]);

/**
 * One row per code requested: the code itself only as an argon2id hash, single use (`usedAt`),
 * with an expiry and a count of wrong guesses. The rows double as the ledger the per-number and
 * per-address rate limits count, so a request that was not delivered (password-reset decoys for
 * logins that do not match) still counts the same as one that was.
 */
export const smsCodes = pgTable(
  "sms_codes",
  {
    id: text("id").primaryKey(),
    purpose: smsPurpose("purpose").notNull(),
    /** The registration attempt or password-reset row the code belongs to. */
    subjectId: text("subject_id").notNull(),
    mobile: text("mobile").notNull(),
    ip: text("ip").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    wrongTries: integer("wrong_tries").notNull().default(0),
  },
  (t) => [
    index("sms_codes_mobile_idx").on(t.mobile, t.createdAt),
    index("sms_codes_ip_idx").on(t.ip, t.createdAt),
    index("sms_codes_subject_idx").on(t.purpose, t.subjectId, t.createdAt),
  ],
);

/** Messages the default (outbox) adapter "sends": office admins read them on 短信发件箱. */
export const smsOutbox = pgTable(
  "sms_outbox",
  {
    id: text("id").primaryKey(),
    /** The office whose admins may read it: the office of the enterprise or staff member concerned. */
    officeCode: text("office_code").notNull(),
    purpose: smsPurpose("purpose").notNull(),
    to: text("to").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sms_outbox_office_idx").on(t.officeCode, t.createdAt)],
);
