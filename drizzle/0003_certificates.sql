CREATE TYPE "public"."certificate_source" AS ENUM('WEB', 'EDI');--> statement-breakpoint
CREATE TYPE "public"."certificate_status" AS ENUM('DRAFT', 'PENDING', 'RETURNED', 'APPROVED', 'ISSUED', 'VOIDED', 'REPLACED');--> statement-breakpoint
CREATE SEQUENCE "public"."application_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "certificate_counters" (
	"office_code" text NOT NULL,
	"type" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "certificate_counters_office_code_type_year_pk" PRIMARY KEY("office_code","type","year")
);
--> statement-breakpoint
CREATE TABLE "certificate_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"certificate_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "certificate_status" NOT NULL,
	"actor_id" text,
	"by" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "certificate_marks_images" (
	"certificate_id" text PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"office_code" text NOT NULL,
	"type" text NOT NULL,
	"print_mode" text NOT NULL,
	"status" "certificate_status" DEFAULT 'DRAFT' NOT NULL,
	"source" "certificate_source" DEFAULT 'WEB' NOT NULL,
	"application_no" text NOT NULL,
	"number" text,
	"verification_code" text,
	"body" jsonb NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"invoice_no" text DEFAULT '' NOT NULL,
	"invoice_date" date,
	"invoice_amount" numeric(16, 2),
	"importer_name" text DEFAULT '' NOT NULL,
	"destination_country" text,
	"hand_signer" text,
	"remarks" text,
	"visa_point" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"replaces_id" text,
	"replaced_by_id" text,
	"return_reason" text,
	"void_reason" text,
	"form_serial" text,
	"print_count" integer DEFAULT 0 NOT NULL,
	"reviewing_by" text,
	"reviewing_since" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_history_cert_idx" ON "certificate_history" USING btree ("certificate_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_application_no_key" ON "certificates" USING btree ("application_no");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_key" ON "certificates" USING btree ("office_code","number");--> statement-breakpoint
CREATE INDEX "certificates_enterprise_status_idx" ON "certificates" USING btree ("enterprise_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "certificates_enterprise_created_idx" ON "certificates" USING btree ("enterprise_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "certificates_enterprise_invoice_idx" ON "certificates" USING btree ("enterprise_id","invoice_no");--> statement-breakpoint
CREATE INDEX "certificates_office_status_idx" ON "certificates" USING btree ("office_code","status","print_mode","sent_at");--> statement-breakpoint
CREATE INDEX "certificates_office_invoice_date_idx" ON "certificates" USING btree ("office_code","invoice_date");