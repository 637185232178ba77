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
CREATE TABLE "password_resets" (
	"id" text PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"login" text NOT NULL,
	"mobile" text NOT NULL,
	"account_id" text,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registration_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"office_code" text NOT NULL,
	"reg_no" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"signer_name" text NOT NULL,
	"enterprise_id" text,
	"failed_checks" jsonb,
	"last_failed_at" timestamp with time zone,
	"captcha_salt" text,
	"captcha_hash" text,
	"captcha_wrong" integer DEFAULT 0 NOT NULL,
	"captcha_passed_at" timestamp with time zone,
	"login" text,
	"mobile" text,
	"account_id" text,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_attempts" ADD CONSTRAINT "registration_attempts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_attempts" ADD CONSTRAINT "registration_attempts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_codes_mobile_idx" ON "sms_codes" USING btree ("mobile","created_at");--> statement-breakpoint
CREATE INDEX "sms_codes_ip_idx" ON "sms_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "sms_codes_subject_idx" ON "sms_codes" USING btree ("purpose","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "sms_outbox_office_idx" ON "sms_outbox" USING btree ("office_code","created_at");--> statement-breakpoint
CREATE INDEX "password_resets_ip_idx" ON "password_resets" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "registration_attempts_reg_no_idx" ON "registration_attempts" USING btree ("reg_no","last_failed_at");--> statement-breakpoint
CREATE INDEX "registration_attempts_ip_idx" ON "registration_attempts" USING btree ("ip","created_at");