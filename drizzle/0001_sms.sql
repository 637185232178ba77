CREATE TYPE "public"."sms_purpose" AS ENUM('registration', 'password_reset');--> statement-breakpoint
CREATE TABLE "sms_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"purpose" "sms_purpose" NOT NULL,
	"subject_id" text NOT NULL,
	"mobile" text NOT NULL,
	"ip" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"wrong_tries" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"purpose" "sms_purpose" NOT NULL,
	"to" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sms_codes_mobile_idx" ON "sms_codes" USING btree ("mobile","created_at");--> statement-breakpoint
CREATE INDEX "sms_codes_ip_idx" ON "sms_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "sms_codes_subject_idx" ON "sms_codes" USING btree ("purpose","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "sms_outbox_office_idx" ON "sms_outbox" USING btree ("office_code","created_at");