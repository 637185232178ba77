// Every slice's tables, gathered for drizzle-kit and for the typed database handle.
// Slices still import each other only through their index.ts; this file is infrastructure.
export * from "../modules/registration/schema.ts";
export * from "../modules/accounts/schema.ts";
export * from "../modules/audit/schema.ts";
export * from "../modules/api/schema.ts";
export * from "../modules/filing/schema.ts";
export * from "../modules/certificates/schema.ts";
export * from "../modules/sms/schema.ts";
export * from "../modules/registration/signup-schema.ts";
export * from "../modules/verify/schema.ts";
export * from "../modules/review/schema.ts";
export * from "../modules/print/schema.ts";
export * from "../modules/endorsement/schema.ts";
export * from "../modules/commercial/schema.ts";
export * from "../modules/webhooks/schema.ts";
export * from "../modules/notifications/schema.ts";
