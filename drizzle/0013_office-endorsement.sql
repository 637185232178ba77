CREATE TYPE "public"."hidden_word" AS ENUM('VOID', 'COPY');--> statement-breakpoint
CREATE TYPE "public"."office_image_kind" AS ENUM('seal', 'signature');--> statement-breakpoint
CREATE TABLE "certificate_endorsements" (
	"certificate_id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"seal_image_id" text,
	"signatory_id" text,
	"signature_image_id" text,
	"signatory_name" text,
	"hidden_word" "hidden_word" DEFAULT 'VOID' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issued_documents" (
	"certificate_id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"sha256" text NOT NULL,
	"byte_size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"signing_key_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_images" (
	"id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"kind" "office_image_kind" NOT NULL,
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
CREATE TABLE "office_seals" (
	"office_code" text PRIMARY KEY NOT NULL,
	"image_id" text,
	"hidden_word" "hidden_word" DEFAULT 'VOID' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_signatories" (
	"id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"name_latin" text NOT NULL,
	"account_id" text,
	"signature_image_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"sealed_key" text NOT NULL,
	"subject" text NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"self_signed" boolean NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hand_signers" ADD COLUMN "name_latin" text;--> statement-breakpoint
ALTER TABLE "certificate_endorsements" ADD CONSTRAINT "certificate_endorsements_seal_image_id_office_images_id_fk" FOREIGN KEY ("seal_image_id") REFERENCES "public"."office_images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_endorsements" ADD CONSTRAINT "certificate_endorsements_signatory_id_office_signatories_id_fk" FOREIGN KEY ("signatory_id") REFERENCES "public"."office_signatories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_endorsements" ADD CONSTRAINT "certificate_endorsements_signature_image_id_office_images_id_fk" FOREIGN KEY ("signature_image_id") REFERENCES "public"."office_images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_signing_key_id_office_signing_keys_id_fk" FOREIGN KEY ("signing_key_id") REFERENCES "public"."office_signing_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_images" ADD CONSTRAINT "office_images_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_images" ADD CONSTRAINT "office_images_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_seals" ADD CONSTRAINT "office_seals_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_seals" ADD CONSTRAINT "office_seals_image_id_office_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."office_images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_signatories" ADD CONSTRAINT "office_signatories_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_signatories" ADD CONSTRAINT "office_signatories_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_signatories" ADD CONSTRAINT "office_signatories_signature_image_id_office_images_id_fk" FOREIGN KEY ("signature_image_id") REFERENCES "public"."office_images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_signing_keys" ADD CONSTRAINT "office_signing_keys_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "issued_documents_sha256_key" ON "issued_documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "office_images_office_idx" ON "office_images" USING btree ("office_code");--> statement-breakpoint
CREATE INDEX "office_signatories_office_idx" ON "office_signatories" USING btree ("office_code");--> statement-breakpoint
CREATE UNIQUE INDEX "office_signatories_one_default_key" ON "office_signatories" USING btree ("office_code") WHERE "office_signatories"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "office_signatories_account_key" ON "office_signatories" USING btree ("account_id") WHERE "office_signatories"."account_id" is not null;--> statement-breakpoint
CREATE INDEX "office_signing_keys_office_idx" ON "office_signing_keys" USING btree ("office_code");