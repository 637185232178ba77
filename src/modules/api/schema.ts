import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";

/** EDI API tokens. Only the SHA-256 of a token is stored; the token itself is shown once. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Refused from this moment on; null: never expires (chosen at creation). */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** When the "about to expire" notice was written; set once, so the notice goes out once. */
    expiryNoticeAt: timestamp("expiry_notice_at", { withTimezone: true }),
  },
  (t) => [
    index("api_tokens_account_idx").on(t.accountId),
    index("api_tokens_expiry_idx").on(t.expiresAt).where(sql`${t.expiryNoticeAt} is null and ${t.revokedAt} is null`),
  ],
);
