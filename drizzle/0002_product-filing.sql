CREATE TYPE "public"."product_status" AS ENUM('DRAFT', 'PENDING', 'APPROVED', 'REJECTED');--> statement-breakpoint
CREATE TABLE "product_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"version_no" integer NOT NULL,
	"status" "product_status" DEFAULT 'DRAFT' NOT NULL,
	"hs_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"materials" text DEFAULT '' NOT NULL,
	"agreements" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reject_reason" text
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"office_code" text NOT NULL,
	"latest_version_id" text NOT NULL,
	"approved_version_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "product_versions_no_key" ON "product_versions" USING btree ("product_id","version_no");--> statement-breakpoint
CREATE INDEX "product_versions_status_idx" ON "product_versions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "product_versions_hs_idx" ON "product_versions" USING btree ("hs_code");--> statement-breakpoint
CREATE INDEX "products_enterprise_idx" ON "products" USING btree ("enterprise_id","updated_at");