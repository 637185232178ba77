import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "./schema.ts";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

export const inMs = (ms: number) => sql`now() + (${Math.round(ms)}::int * interval '1 millisecond')`;

/** The enterprise's endpoints subscribed to `type`. */
export function subscribedEndpoints(db: DbOrTx, enterpriseId: string, type: string) {
  return db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enterpriseId, enterpriseId), sql`${type} = any(${webhookEndpoints.events})`));
}

export function endpointsOf(db: DbOrTx, enterpriseId: string) {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.enterpriseId, enterpriseId)).orderBy(asc(webhookEndpoints.createdAt));
}

/** One endpoint of the enterprise (another enterprise's is not found). */
export async function endpointOf(db: DbOrTx, enterpriseId: string, id: string) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.enterpriseId, enterpriseId)));
  return row;
}

export function findEndpoint(db: DbOrTx, id: string) {
  return db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, id) });
}

export async function deliveryOf(db: DbOrTx, enterpriseId: string, id: string) {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.enterpriseId, enterpriseId)));
  return row;
}

/** The endpoint's latest deliveries with their attempts, newest first. */
export async function recentDeliveries(db: DbOrTx, endpointId: string, limit = 50) {
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = deliveries.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            deliveries.map((d) => d.id),
          ),
        )
        .orderBy(asc(webhookAttempts.at))
    : [];
  return deliveries.map((d) => ({ ...d, tries: attempts.filter((a) => a.deliveryId === d.id) }));
}

/**
 * Locks the next delivery due and its endpoint (FOR UPDATE SKIP LOCKED): pending, due, held by
 * nobody or by a holder whose lease ran out, of an endpoint that no worker is sending to. One
 * request at a time per endpoint keeps an endpoint's events in order and stops a slow or dead one
 * from taking every sending slot from the others.
 */
export async function lockNextDue(tx: DbOrTx) {
  const [row] = await tx
    .select({ delivery: webhookDeliveries })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.state, "PENDING"),
        sql`${webhookDeliveries.nextAttemptAt} <= now()`,
        or(sql`${webhookDeliveries.leaseUntil} is null`, sql`${webhookDeliveries.leaseUntil} < now()`),
        or(sql`${webhookEndpoints.busyUntil} is null`, sql`${webhookEndpoints.busyUntil} < now()`),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(1)
    .for("update", { skipLocked: true });
  return row?.delivery;
}

/** Locks a delivery only while `owner` still holds it. */
export async function lockHeld(tx: DbOrTx, id: string, owner: string) {
  const [row] = await tx
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.leaseOwner, owner), eq(webhookDeliveries.state, "PENDING")))
    .for("update");
  return row;
}

/** Deletes finished deliveries (and their attempts) older than `days`; returns how many. */
export async function pruneFinished(db: DbOrTx, days: number) {
  const rows = await db
    .delete(webhookDeliveries)
    .where(and(sql`${webhookDeliveries.state} <> 'PENDING'`, sql`${webhookDeliveries.finishedAt} < now() - (${days}::int * interval '1 day')`))
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}
