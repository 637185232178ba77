// Public face of the notifications slice: writing notifications inside a change's transaction, the e-mail worker, the pages and the header's unread count.
export { EVENT_LABELS, NOTIFY_M, type NotificationFacts } from "./messages.ts";
export { mailerFor, outboxMailer, smtpMailer, MailDeliveryError, type Mailer, type OutgoingMail } from "./mailer.ts";
export { notifyAccounts, notifyEnterprise, type NotificationEvents, type NotificationInput } from "./outbox.ts";
export { ENTERPRISE_EVENTS, NOTIFICATION_EVENTS, OFFICE_EVENTS, maskEmail, normalizeEmail, type NotificationEvent } from "./rules.ts";
export { notificationRoutes, unreadCountMiddleware } from "./routes.tsx";
export { countUnreadNotifications, listNotifications } from "./service.ts";
export { startNotificationWorker, type NotificationWorker } from "./worker.ts";
export { noticeExpiringTokens, startTokenExpiryWatch } from "./token-expiry.ts";
