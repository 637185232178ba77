import type { CertificateEvents } from "./modules/certificates/index.ts";
import type { CommercialEvents } from "./modules/commercial/index.ts";
import type { NotificationEvents } from "./modules/notifications/index.ts";
import type { PrintEvents } from "./modules/print/index.ts";
import type { WebhookEvents } from "./modules/webhooks/index.ts";

/**
 * Every slice's events in one map, composed here beside the app rather than in app-env.ts (which
 * slices import): the bus is started with it (src/main.ts, test/support/app.ts) and src/lib/events.ts
 * delivers them across processes.
 */
export type AppEvents = PrintEvents & CertificateEvents & CommercialEvents & NotificationEvents & WebhookEvents;
