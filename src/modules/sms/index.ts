// Public face of the SMS slice: verification codes (hashed, single use, rate limited) and the senders.
export { SMS_M } from "./messages.ts";
export { SMS_LIMITS, maskMobile, normalizeMobile, type CodeCheck } from "./rules.ts";
export { httpSender, outboxSender, smsSenderFor, SmsDeliveryError, type SmsMessage, type SmsSender } from "./senders.ts";
export { CODE_CHECK_MESSAGES, getLatestCode, issueCode, listOutbox, verifyCode } from "./service.ts";
export { smsRoutes } from "./routes.tsx";
