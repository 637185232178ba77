import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { enterprises } from "../registration/schema.ts";

/**
 * An enterprise's webhook endpoint: where its chosen events are sent. The signing secret is kept
 * sealed with TWO_FACTOR_KEY (accounts' secret box, bound to the endpoint id): the worker needs
 * it to sign, so a hash would not do; it is shown once, at creation.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    enterpriseId: text("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    url: text("url").notNull(),
    /** Event types sent here (rules.ts WEBHOOK_EVENTS). */
    events: text("events").array().notNull(),
    description: text("description").notNull().default(""),
    secretSealed: text("secret_sealed").notNull(),
    /** A worker is sending one of this endpoint's deliveries until then (one at a time per endpoint; set and cleared with the delivery's lease). */
    busyUntil: timestamp("busy_until", { withTimezone: true }),
    createdBy: text("created_by").references(() => accounts.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_enterprise_idx").on(t.enterpriseId)],
);

/**
 * One event on its way to one endpoint. Written in the transaction of the change it reports, sent
 * by the worker afterwards: claimed with FOR UPDATE SKIP LOCKED under a lease, retried with backoff
 * until `giveUpAt` (24 h). `body` is the exact JSON sent, so every attempt and every replay carries
 * the same bytes (only the signature's timestamp changes).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    enterpriseId: text("enterprise_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    body: text("body").notNull(),
    /** PENDING (to send or retry), DELIVERED (a 2xx answer), FAILED (given up). */
    state: text("state").notNull().default("PENDING"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    giveUpAt: timestamp("give_up_at", { withTimezone: true }).notNull(),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** The delivery this one replays (a person pressed 重新发送). */
    replayOf: text("replay_of"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'PENDING'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt.desc()),
  ],
);

/**
 * Each try of a delivery: when, how long, the answer's status and the start of its body (or why
 * there was none). Written when the delivery is claimed, finished when the answer is in: one whose
 * `durationMs` stays null was cut off by a process that died while sending (the receiver may or may
 * not have it).
 */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    ok: boolean("ok").notNull(),
    status: integer("status"),
    /** The first bytes of the answer, or the network error. */
    answer: text("answer").notNull().default(""),
    durationMs: integer("duration_ms"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.at)],
);
