import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import type { FailedCheck } from "./signup/rules.ts";
import { enterprises } from "./schema.ts";

/**
 * One row per submission of the registration's first step (企业登记信息). The browser holds only a
 * random token (cookie); the row's id is its SHA-256, and every later step reads its state from here,
 * never from form fields. Failed rows stay, with what was typed and which check failed, so the office's
 * lookup can show them beside the filed values (manual Q1, Q3).
 */
export const registrationAttempts = pgTable(
  "registration_attempts",
  {
    id: text("id").primaryKey(),
    ip: text("ip").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    // As typed (trimmed; codes upper-cased), whatever the outcome.
    officeCode: text("office_code").notNull(),
    regNo: text("reg_no").notNull(),
    enterpriseName: text("enterprise_name").notNull(),
    signerName: text("signer_name").notNull(),
    /** Set when office, registration number, name and hand-signer matched the office's record. */
    enterpriseId: text("enterprise_id").references(() => enterprises.id),
    failedChecks: jsonb("failed_checks").$type<FailedCheck[]>(),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }),
    /** The current image challenge: salted SHA-256 of the answer, cleared when answered (single use). */
    captchaSalt: text("captcha_salt"),
    captchaHash: text("captcha_hash"),
    captchaWrong: integer("captcha_wrong").notNull().default(0),
    captchaPassedAt: timestamp("captcha_passed_at", { withTimezone: true }),
    // Step 3, as typed (never the password).
    login: text("login"),
    mobile: text("mobile"),
    accountId: text("account_id").references(() => accounts.id),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("registration_attempts_reg_no_idx").on(t.regNo, t.lastFailedAt), index("registration_attempts_ip_idx").on(t.ip, t.createdAt)],
);

/**
 * A password reset by SMS. `accountId` is null when the login and mobile typed matched no account:
 * the flow then runs exactly the same, except that no message is sent, so it reveals nothing.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    ip: text("ip").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    login: text("login").notNull(),
    mobile: text("mobile").notNull(),
    accountId: text("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("password_resets_ip_idx").on(t.ip, t.createdAt)],
);
