import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ROLES } from "../../app-env.ts";
import { enterprises, offices } from "../registration/schema.ts";

export const roleEnum = pgEnum("role", ROLES);

/**
 * A person who signs in. Office staff carry `officeCode`; enterprise accounts carry `enterpriseId`
 * (a check constraint keeps exactly the right one set).
 */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    login: text("login").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull(),
    officeCode: text("office_code").references(() => offices.code),
    enterpriseId: text("enterprise_id").references(() => enterprises.id),
    displayName: text("display_name").notNull(),
    mobile: text("mobile"),
    active: boolean("active").notNull().default(true),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("accounts_enterprise_idx").on(t.enterpriseId),
    index("accounts_office_idx").on(t.officeCode),
    check(
      "accounts_belongs_to_one",
      sql`(${t.role} = 'enterprise' and ${t.enterpriseId} is not null and ${t.officeCode} is null) or (${t.role} <> 'enterprise' and ${t.officeCode} is not null and ${t.enterpriseId} is null)`,
    ),
  ],
);

/**
 * Sessions the Lucia way: the cookie holds a random token, the row holds its SHA-256 as id.
 * An office account's session starts with `twoFactorVerified` false after the password and admits
 * only the two-factor pages until the second factor is given (rules.ts `requiresSecondFactor`).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    twoFactorVerified: boolean("two_factor_verified").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId)],
);

/**
 * An office account's TOTP key, sealed with TWO_FACTOR_KEY (secret-box.ts). `confirmedAt` is null
 * while enrolment waits for the first correct code; `lastUsedStep` is the time step of the last
 * accepted code, so no code is accepted twice. Deleting the row (admin reset) means: enrol again.
 */
export const totpCredentials = pgTable("totp_credentials", {
  accountId: text("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  sealedSecret: text("sealed_secret").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use recovery codes, stored as SHA-256 (they are 80 random bits, so a fast hash suffices). */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("recovery_codes_account_hash_key").on(t.accountId, t.codeHash)],
);

/** Failed sign-ins per key (`login:<name>` or `ip:<addr>`), for throttling and lock-out. */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
