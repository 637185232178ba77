import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { textField } from "../../lib/charset.ts";
import { allow } from "../accounts/index.ts";
import { apiOperation, apiParams, readJson } from "../api/index.ts";
import type { EndpointRow } from "./queries.ts";
import { WEBHOOK_EVENTS } from "./rules.ts";
import { createWebhookEndpoint, deleteWebhookEndpoint, getWebhookEndpoint, listWebhookEndpoints, replayWebhookDelivery } from "./service.ts";

/** The webhook endpoints of the EDI API (`/api/v1/webhooks…`); the events they receive are the document's `webhooks`. */
const endpointBody = z
  .object({
    url: textField().max(2000).meta({ description: "http:// or https://; in production not a loopback, link-local or private address" }),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
    description: textField().max(200).optional(),
  })
  .meta({ id: "WebhookEndpointBody" });

const endpointOut = z
  .object({ id: z.string(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), description: z.string(), createdAt: z.string() })
  .meta({ id: "WebhookEndpoint" });
const createdOut = endpointOut
  .extend({ secret: z.string().meta({ description: "The signing secret (whsec_…): shown only in this answer" }) })
  .meta({ id: "WebhookEndpointCreated" });
const listOut = z.object({ items: z.array(endpointOut) }).meta({ id: "WebhookEndpointList" });
const deletedOut = z.object({ id: z.string(), deleted: z.literal(true) }).meta({ id: "WebhookEndpointDeleted" });
const attemptOut = z.object({
  at: z.string(),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  answer: z.string().meta({ description: "The start of the answer's body, or the network error" }),
  durationMs: z.number().int().nullable().meta({ description: "null: cut off by a server restart while sending (the event is sent again)" }),
});
const deliveriesOut = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        eventId: z.string(),
        eventType: z.string(),
        state: z.enum(["PENDING", "DELIVERED", "FAILED"]),
        attempts: z.array(attemptOut),
        nextAttemptAt: z.string().nullable(),
        createdAt: z.string(),
        replayOf: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "WebhookDeliveryList" });
const idParam = z.object({ id: textField().min(1).max(100).meta({ description: "The endpoint's id" }) });
const deliveryParam = z.object({ id: textField().min(1).max(100).meta({ description: "The delivery's id" }) });
const replayOut = z
  .object({ id: z.string().meta({ description: "The new delivery" }), eventId: z.string(), replayOf: z.string() })
  .meta({ id: "WebhookReplay" });

const ENTERPRISE = allow("enterprise");
const deliveryOut = (d: Awaited<ReturnType<typeof getWebhookEndpoint>>["deliveries"][number]) => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  state: d.state as "PENDING" | "DELIVERED" | "FAILED",
  attempts: d.tries.map((a) => ({ at: a.at.toISOString(), ok: a.ok, status: a.status, answer: a.answer, durationMs: a.durationMs })),
  nextAttemptAt: d.state === "PENDING" ? d.nextAttemptAt.toISOString() : null,
  createdAt: d.createdAt.toISOString(),
  replayOf: d.replayOf,
});
const out = (e: EndpointRow) => ({
  id: e.id,
  url: e.url,
  events: e.events as (typeof WEBHOOK_EVENTS)[number][],
  description: e.description,
  createdAt: e.createdAt.toISOString(),
});

export const webhooksApi = new Hono<AppEnv>()
  .post(
    "/webhooks",
    ENTERPRISE,
    apiOperation({
      operationId: "createWebhook",
      tag: "webhooks",
      summary: "Register a webhook endpoint (the secret is in this answer only)",
      body: endpointBody,
      response: createdOut,
      status: 201,
    }),
    async (c) => {
      const body = await readJson(c, endpointBody);
      const { endpoint, secret } = await createWebhookEndpoint({
        db: c.var.db,
        user: c.var.user!,
        input: body,
        secretKey: c.var.config.twoFactorKey,
        allowPrivate: c.var.config.webhookAllowPrivate,
        requestId: c.var.requestId,
      });
      return c.json({ ...out(endpoint), secret }, 201);
    },
  )
  .get(
    "/webhooks",
    ENTERPRISE,
    apiOperation({ operationId: "listWebhooks", tag: "webhooks", summary: "The enterprise's webhook endpoints", response: listOut }),
    async (c) => {
      return c.json({ items: (await listWebhookEndpoints({ db: c.var.db, user: c.var.user! })).map(out) });
    },
  )
  .get(
    "/webhooks/:id/deliveries",
    ENTERPRISE,
    apiOperation({
      operationId: "listWebhookDeliveries",
      tag: "webhooks",
      summary: "An endpoint's latest 50 deliveries with their attempts",
      response: deliveriesOut,
      errors: [404],
    }),
    apiParams("param", idParam),
    async (c) => {
      const { deliveries } = await getWebhookEndpoint({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
      return c.json({ items: deliveries.map(deliveryOut) });
    },
  )
  .post(
    "/webhooks/deliveries/:id/replay",
    ENTERPRISE,
    apiOperation({
      operationId: "replayWebhookDelivery",
      tag: "webhooks",
      summary: "Send a delivered or given-up event again (same id and body) as a new delivery",
      response: replayOut,
      status: 201,
      errors: [404, 409],
    }),
    apiParams("param", deliveryParam),
    async (c) => {
      const replay = await replayWebhookDelivery({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
      return c.json({ id: replay.id, eventId: replay.eventId, replayOf: replay.replayOf! }, 201);
    },
  )
  .delete(
    "/webhooks/:id",
    ENTERPRISE,
    apiOperation({
      operationId: "deleteWebhook",
      tag: "webhooks",
      summary: "Delete a webhook endpoint and its deliveries",
      response: deletedOut,
      errors: [404],
    }),
    apiParams("param", idParam),
    async (c) => {
      await deleteWebhookEndpoint({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
      return c.json({ id: c.req.param("id"), deleted: true as const });
    },
  );
