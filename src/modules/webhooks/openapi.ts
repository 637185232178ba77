/**
 * The OpenAPI document's `webhooks` section: what each delivery POSTs to an endpoint, and how it is
 * signed. Generated from the same zod schema the tests check deliveries against.
 */
import { z } from "zod";
import type { OpenApiExtra } from "../api/index.ts";
import { WEBHOOK_EVENTS } from "./rules.ts";

const certificateData = z
  .object({
    certificateId: z.string(),
    applicationNo: z.string().meta({ description: "The application number (申请号)" }),
    certificateType: z.string(),
    number: z.string().nullable().meta({ description: "The certificate number, from approval on" }),
    status: z.string().meta({ description: "The certificate's status after the change" }),
    reason: z.string().nullable().meta({ description: "The office's reason (returned, voided)" }),
  })
  .meta({ id: "WebhookCertificateData" });

const filingData = z
  .object({
    productId: z.string(),
    version: z.number().int(),
    hsCode: z.string(),
    nameZh: z.string(),
    status: z.string().meta({ description: "APPROVED or REJECTED" }),
    reason: z.string().nullable(),
  })
  .meta({ id: "WebhookFilingData" });

const commercialData = z
  .object({
    commercialDocumentId: z.string(),
    applicationNo: z.string().meta({ description: "The application number (申请号, SZ…)" }),
    docType: z.string().nullable().meta({ description: "The kind of commercial document (its code)" }),
    number: z.string().nullable().meta({ description: "The certificate number, from approval on" }),
    status: z.string().meta({ description: "APPROVED, RETURNED or VOIDED" }),
    reason: z.string().nullable().meta({ description: "The office's reason (returned, voided)" }),
  })
  .meta({ id: "WebhookCommercialData" });

const tokenData = z
  .object({
    tokenId: z.string(),
    name: z.string().meta({ description: "The token's name as given at creation" }),
    expiresAt: z.string().meta({ description: "When the token stops working (ISO 8601, UTC)", format: "date-time" }),
  })
  .meta({ id: "WebhookApiTokenData" });

export const webhookEventSchema = z
  .object({
    id: z.string().meta({ description: "The event's id (evt_…): the same on every retry and replay; ignore an id you have already handled" }),
    type: z.enum(WEBHOOK_EVENTS),
    occurredAt: z.string().meta({ description: "When the change committed (ISO 8601, UTC)", format: "date-time" }),
    data: z.union([certificateData, filingData, commercialData, tokenData]).meta({
      description:
        "certificate.* events carry WebhookCertificateData, filing.* events WebhookFilingData, commercial.* events (商事证明 decisions) WebhookCommercialData, api_token.expiring (7 days before a token's expiry, once per token) WebhookApiTokenData",
    }),
  })
  .meta({ id: "WebhookEvent" });

const signatureDoc =
  "`t=<unix seconds>,v1=<hex HMAC-SHA256>` where the HMAC is computed with the endpoint's secret (`whsec_…`, shown once) over `<t>.<raw body>`. Compare in constant time and refuse a `t` more than 300 s from your clock. See docs/decisions/0022-webhooks.md for a snippet.";

const header = (name: string, description: string) => ({ in: "header" as const, name, required: true, description, schema: { type: "string" as const } });

/** Pieces for `openApiDocument(…, extra)`: the webhooks and the schemas they name. */
export function webhookOpenApi(): OpenApiExtra {
  const toSchema = (s: z.ZodType) => {
    const { $schema: _, ...rest } = z.toJSONSchema(s) as Record<string, unknown>;
    return rest;
  };
  const post = (type: string) => ({
    post: {
      operationId: `webhook_${type.replace(".", "_")}`,
      summary: `The ${type} event`,
      description:
        "Sent by POST to each endpoint that chose this event. Answer 2xx within 5 s; anything else (and a redirect) is retried with backoff for 24 h.",
      tags: ["webhooks"],
      security: [],
      parameters: [
        header("Origo-Signature", signatureDoc),
        header("Origo-Event-Id", "The event's id, as in the body"),
        header("Origo-Event-Type", "The event's type, as in the body"),
        header("Origo-Delivery-Id", "This delivery (a replay is a new delivery of the same event)"),
      ],
      requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookEvent" } } } },
      responses: { "200": { description: "Received (any 2xx)" } },
    },
  });
  const event = toSchema(webhookEventSchema) as { $defs?: Record<string, unknown> };
  const { $defs = {}, ...eventSchema } = event;
  const rewrite = (o: unknown) => JSON.parse(JSON.stringify(o).replaceAll('"#/$defs/', '"#/components/schemas/'));
  return {
    webhooks: Object.fromEntries(WEBHOOK_EVENTS.map((t) => [t, post(t)])),
    schemas: rewrite({ WebhookEvent: eventSchema, ...$defs }),
    tag: { name: "webhooks", description: "Endpoints that receive signed events (certificate, commercial document and filing decisions; API token expiry)" },
  };
}
