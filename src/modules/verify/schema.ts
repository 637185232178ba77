import { bigserial, boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Public verification look-ups per address, for rate limiting (no certificate data is kept here). */
export const verificationLookups = pgTable(
  "verification_lookups",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ip: text("ip").notNull(),
    found: boolean("found").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("verification_lookups_ip_at_idx").on(t.ip, t.at)],
);
