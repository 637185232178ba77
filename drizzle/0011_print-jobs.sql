CREATE TYPE "public"."print_job_kind" AS ENUM('CERTIFICATE', 'BACK_PAGE', 'CALIBRATION');--> statement-breakpoint
CREATE TYPE "public"."print_job_state" AS ENUM('QUEUED', 'COMPOSING', 'COMPOSED', 'DOWNLOADING', 'PRINTING', 'DONE', 'COMPOSE_FAILED', 'PRINTER_MISMATCH', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."print_route" AS ENUM('SERVER', 'AGENT');--> statement-breakpoint
CREATE TABLE "print_approved_models" (
	"id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"vendor" text NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "print_desks" (
	"id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"enterprise_id" text,
	"name" text NOT NULL,
	"route" "print_route" NOT NULL,
	"printer_id" text,
	"agent_token_hash" text,
	"agent_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "print_job_documents" (
	"job_id" text PRIMARY KEY NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "print_job_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"desk_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" "print_job_state" NOT NULL,
	"actor_id" text,
	"by" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "print_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"desk_id" text NOT NULL,
	"office_code" text NOT NULL,
	"enterprise_id" text,
	"certificate_id" text,
	"kind" "print_job_kind" NOT NULL,
	"form_type" text,
	"title" text NOT NULL,
	"copies" integer NOT NULL,
	"state" "print_job_state" DEFAULT 'QUEUED' NOT NULL,
	"reprint_reason" text,
	"run" integer DEFAULT 1 NOT NULL,
	"printer_id" text,
	"ipp_job_id" integer,
	"message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"verify_base_url" text NOT NULL,
	"requested_by" text,
	"requested_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "print_printers" (
	"id" text PRIMARY KEY NOT NULL,
	"desk_id" text NOT NULL,
	"name" text NOT NULL,
	"uri" text NOT NULL,
	"make_and_model" text DEFAULT '' NOT NULL,
	"model_label" text,
	"checked_at" timestamp with time zone,
	"calibration_x_mm" real DEFAULT 0 NOT NULL,
	"calibration_y_mm" real DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "print_jobs" ADD CONSTRAINT "print_jobs_desk_id_print_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."print_desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "print_printers" ADD CONSTRAINT "print_printers_desk_id_print_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."print_desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "print_approved_models_key" ON "print_approved_models" USING btree ("office_code","vendor","code");--> statement-breakpoint
CREATE INDEX "print_desks_office_idx" ON "print_desks" USING btree ("office_code");--> statement-breakpoint
CREATE UNIQUE INDEX "print_desks_enterprise_key" ON "print_desks" USING btree ("enterprise_id") WHERE "print_desks"."enterprise_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "print_desks_agent_token_key" ON "print_desks" USING btree ("agent_token_hash") WHERE "print_desks"."agent_token_hash" is not null;--> statement-breakpoint
CREATE INDEX "print_job_history_job_idx" ON "print_job_history" USING btree ("job_id","id");--> statement-breakpoint
CREATE INDEX "print_job_history_desk_idx" ON "print_job_history" USING btree ("desk_id","id");--> statement-breakpoint
CREATE INDEX "print_jobs_claim_idx" ON "print_jobs" USING btree ("state","not_before");--> statement-breakpoint
CREATE INDEX "print_jobs_desk_idx" ON "print_jobs" USING btree ("desk_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "print_jobs_certificate_idx" ON "print_jobs" USING btree ("certificate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "print_jobs_one_open_per_certificate" ON "print_jobs" USING btree ("certificate_id") WHERE "print_jobs"."kind" = 'CERTIFICATE' and "print_jobs"."state" not in ('DONE', 'CANCELLED');--> statement-breakpoint
CREATE UNIQUE INDEX "print_printers_desk_uri_key" ON "print_printers" USING btree ("desk_id","uri") WHERE "print_printers"."removed_at" is null;