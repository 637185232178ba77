// Public face of the webhooks slice: endpoints an enterprise registers, events written beside the
// changes they report, and the worker that signs and sends them (docs/decisions/0022-webhooks.md).
export { webhooksApi } from "./api.ts";
export { webhookOpenApi } from "./openapi.ts";
export { webhookRoutes, webhookTokenSection } from "./routes.tsx";
export { isWebhookEvent, verifySignature, WEBHOOK_EVENTS, type WebhookEventType } from "./rules.ts";
export { queueWebhookEvent, type WebhookEnvelope, type WebhookEvents } from "./service.ts";
export { startWebhookWorker, type WebhookWorker } from "./worker.ts";
