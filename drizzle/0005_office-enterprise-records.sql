CREATE TYPE "public"."enterprise_image_kind" AS ENUM('seal', 'signature');--> statement-breakpoint
CREATE TABLE "enterprise_images" (
	"id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"kind" "enterprise_image_kind" NOT NULL,
	"media_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "seal_image_id" text;--> statement-breakpoint
ALTER TABLE "hand_signers" ADD COLUMN "signature_image_id" text;--> statement-breakpoint
ALTER TABLE "hand_signers" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise_images" ADD CONSTRAINT "enterprise_images_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_images_enterprise_idx" ON "enterprise_images" USING btree ("enterprise_id");--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_seal_image_id_enterprise_images_id_fk" FOREIGN KEY ("seal_image_id") REFERENCES "public"."enterprise_images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_signers" ADD CONSTRAINT "hand_signers_signature_image_id_enterprise_images_id_fk" FOREIGN KEY ("signature_image_id") REFERENCES "public"."enterprise_images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_credit_code_key" ON "enterprises" USING btree ("credit_code") WHERE "enterprises"."credit_code" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "hand_signers_one_default_key" ON "hand_signers" USING btree ("enterprise_id") WHERE "hand_signers"."is_default";