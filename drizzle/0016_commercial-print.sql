ALTER TYPE "public"."print_job_kind" ADD VALUE 'COMMERCIAL';--> statement-breakpoint
CREATE TABLE "certificate_attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"certificate_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"page_count" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "certificate_attachments_certificate_idx" ON "certificate_attachments" USING btree ("certificate_id");--> statement-breakpoint
CREATE INDEX "certificate_attachments_enterprise_idx" ON "certificate_attachments" USING btree ("enterprise_id");