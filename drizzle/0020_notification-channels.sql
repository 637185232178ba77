CREATE TYPE "public"."notification_channel" AS ENUM('email', 'sms');--> statement-breakpoint
ALTER TYPE "public"."sms_purpose" ADD VALUE 'notification';--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notification_emails" DROP CONSTRAINT "notification_emails_notification_id_unique";--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expiry_notice_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_emails" ADD COLUMN "channel" "notification_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_emails" ADD COLUMN "office_code" text;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD COLUMN "mobile" text;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD COLUMN "sms_events" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "email_outbox_office_idx" ON "email_outbox" USING btree ("office_code","created_at");--> statement-breakpoint
CREATE INDEX "api_tokens_expiry_idx" ON "api_tokens" USING btree ("expires_at") WHERE "api_tokens"."expiry_notice_at" is null and "api_tokens"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_emails_channel_key" ON "notification_emails" USING btree ("notification_id","channel");