CREATE TABLE "verification_lookups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"found" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "verification_lookups_ip_at_idx" ON "verification_lookups" USING btree ("ip","at");