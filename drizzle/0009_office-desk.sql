CREATE TYPE "public"."certificate_export_status" AS ENUM('RUNNING', 'DONE', 'FAILED');--> statement-breakpoint
CREATE TABLE "certificate_office_settings" (
	"office_code" text PRIMARY KEY NOT NULL,
	"number_format" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_export_chunks" (
	"export_id" text NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "certificate_export_chunks_export_id_seq_pk" PRIMARY KEY("export_id","seq")
);
--> statement-breakpoint
CREATE TABLE "certificate_exports" (
	"id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"requested_by" text NOT NULL,
	"filters" jsonb NOT NULL,
	"status" "certificate_export_status" DEFAULT 'RUNNING' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"byte_size" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "certificate_exports_office_idx" ON "certificate_exports" USING btree ("office_code","created_at");--> statement-breakpoint
CREATE INDEX "certificates_office_id_idx" ON "certificates" USING btree ("office_code","id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_form_serial_key" ON "certificates" USING btree ("office_code","form_serial") WHERE "certificates"."form_serial" is not null;