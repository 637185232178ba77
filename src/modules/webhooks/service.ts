/**
 * Webhook endpoints (an enterprise's own), the events written beside the changes they report, and
 * replays. Sending is the worker's (worker.ts), never inside a caller's transaction.
 */
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, count, eq, sql } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { emitEvent, type Json } from "../../lib/events.ts";
import { conflict, forbidden, invalid, notFound } from "../../lib/errors.ts";
import { sealSecret } from "../accounts/index.ts";
import { recordAudit } from "../audit/index.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { isWebhookEvent, MAX_ENDPOINTS, RETRY_WINDOW_MS, urlProblem, type WebhookEventType } from "./rules.ts";
import { webhookDeliveries, webhookEndpoints } from "./schema.ts";

/** The webhooks slice's event on the app's bus: deliveries wait (the worker wakes). A hint; the table is the record. */
export type WebhookEvents = { "webhook.queued": { deliveries: number } };

/** The JSON every delivery carries (the OpenAPI document's `webhooks` describe it). */
export type WebhookEnvelope = { id: string; type: WebhookEventType; occurredAt: string; data: Json };

export type EndpointInput = { url: string; events: string[]; description?: string };

function enterpriseOf(user: CurrentUser) {
  if (user.role !== "enterprise" || !user.enterpriseId) throw forbidden(M.noEnterprise);
  return user.enterpriseId;
}

/** The sealed secret's context: a secret copied onto another endpoint's row does not open. */
export const secretContext = (endpointId: string) => `webhook:${endpointId}`;

/**
 * Registers an endpoint for the user's enterprise and returns it with its signing secret, which is
 * never shown again. Throws `invalid` (issues per field) for a refused URL or no events.
 */
export async function createWebhookEndpoint({
  db,
  user,
  input,
  secretKey,
  allowPrivate,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  input: EndpointInput;
  secretKey: string;
  allowPrivate: boolean;
  requestId?: string;
}) {
  const enterpriseId = enterpriseOf(user);
  const url = input.url.trim();
  const events = [...new Set(input.events)];
  const issues = [];
  const problem = url ? urlProblem(url, { allowPrivate }) : null;
  if (!url) issues.push({ path: "url", message: M.urlRequired });
  else if (problem) issues.push({ path: "url", message: M.urlProblem[problem] });
  if (!events.length || !events.every(isWebhookEvent)) issues.push({ path: "events", message: M.eventsRequired });
  if (issues.length) throw invalid(issues[0]!.message, issues);
  const id = Bun.randomUUIDv7();
  const secret = `whsec_${encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(24)))}`;
  const row = await db.transaction(async (tx) => {
    // One at a time per enterprise, so two requests cannot both pass the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`webhook-endpoints:${enterpriseId}`}))`);
    const [{ n }] = (await tx.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.enterpriseId, enterpriseId))) as [{ n: number }];
    if (n >= MAX_ENDPOINTS) throw invalid(M.tooMany(MAX_ENDPOINTS), [{ path: "url", message: M.tooMany(MAX_ENDPOINTS) }]);
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({
        id,
        enterpriseId,
        url,
        events,
        description: input.description?.trim() ?? "",
        secretSealed: sealSecret(secretKey, new TextEncoder().encode(secret), secretContext(id)),
        createdBy: user.id,
      })
      .returning();
    await recordAudit(tx, { actorId: user.id, entity: "webhook_endpoint", entityId: id, action: "created", after: { url, events }, requestId });
    return created!;
  });
  return { endpoint: row, secret };
}

export function listWebhookEndpoints({ db, user }: { db: DbOrTx; user: CurrentUser }) {
  return q.endpointsOf(db, enterpriseOf(user));
}

/** One of the enterprise's endpoints with its latest deliveries and their attempts; another's is `not_found`. */
export async function getWebhookEndpoint({ db, user, id }: { db: DbOrTx; user: CurrentUser; id: string }) {
  const endpoint = await q.endpointOf(db, enterpriseOf(user), id);
  if (!endpoint) throw notFound();
  return { endpoint, deliveries: await q.recentDeliveries(db, id) };
}

/** Deletes one of the enterprise's endpoints and its deliveries (nothing more is sent to it). */
export async function deleteWebhookEndpoint({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  const enterpriseId = enterpriseOf(user);
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.enterpriseId, enterpriseId)))
      .returning({ url: webhookEndpoints.url });
    if (!rows.length) throw notFound();
    await recordAudit(tx, { actorId: user.id, entity: "webhook_endpoint", entityId: id, action: "deleted", before: { url: rows[0]!.url }, requestId });
  });
}

/**
 * Sends a delivery's event again (same id and body) as a new delivery with its own attempts; returns
 * it. A delivery still pending is refused (`conflict`): it is being sent or retried already.
 */
export async function replayWebhookDelivery({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  const enterpriseId = enterpriseOf(user);
  return db.transaction(async (tx) => {
    const original = await q.deliveryOf(tx, enterpriseId, id);
    if (!original) throw notFound();
    if (original.state === "PENDING") throw conflict(M.replayPending);
    const [replay] = await tx
      .insert(webhookDeliveries)
      .values({
        id: Bun.randomUUIDv7(),
        endpointId: original.endpointId,
        enterpriseId,
        eventId: original.eventId,
        eventType: original.eventType,
        body: original.body,
        giveUpAt: new Date(Date.now() + RETRY_WINDOW_MS),
        replayOf: original.id,
      })
      .returning();
    await recordAudit(tx, {
      actorId: user.id,
      entity: "webhook_delivery",
      entityId: replay!.id,
      action: "replayed",
      after: { of: original.id, eventId: original.eventId },
      requestId,
    });
    await emitEvent<WebhookEvents, "webhook.queued">(tx, "webhook.queued", { deliveries: 1 });
    return replay!;
  });
}

/**
 * Writes an event's deliveries, one per endpoint of the enterprise that chose this type, on the
 * caller's transaction: they commit with the change they report and never exist for one that
 * rolled back. Returns the event id, or null when no endpoint wants it.
 */
export async function queueWebhookEvent(tx: DbOrTx, { enterpriseId, type, data }: { enterpriseId: string; type: WebhookEventType; data: Json }) {
  const endpoints = await q.subscribedEndpoints(tx, enterpriseId, type);
  if (!endpoints.length) return null;
  const now = new Date();
  const envelope: WebhookEnvelope = { id: `evt_${Bun.randomUUIDv7()}`, type, occurredAt: now.toISOString(), data };
  const body = JSON.stringify(envelope);
  const giveUpAt = new Date(now.getTime() + RETRY_WINDOW_MS);
  await tx
    .insert(webhookDeliveries)
    .values(endpoints.map((e) => ({ id: Bun.randomUUIDv7(), endpointId: e.id, enterpriseId, eventId: envelope.id, eventType: type, body, giveUpAt })));
  await emitEvent<WebhookEvents, "webhook.queued">(tx, "webhook.queued", { deliveries: endpoints.length });
  return envelope.id;
}
