CREATE TABLE "certificate_status_tally" (
	"enterprise_id" text NOT NULL,
	"status" "certificate_status" NOT NULL,
	"n" integer NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "certificate_status_tally_enterprise_idx" ON "certificate_status_tally" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "certificate_status_tally_unfolded_idx" ON "certificate_status_tally" USING btree ("enterprise_id") WHERE not "certificate_status_tally"."folded";--> statement-breakpoint
-- Kept by the database (docs/decisions/0027-status-tally.md): +1 for the status a certificate takes,
-- -1 for the one it leaves, written in the same transaction as the change.
CREATE FUNCTION "certificate_status_tally_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "certificate_status_tally" ("enterprise_id", "status", "n") VALUES (OLD."enterprise_id", OLD."status", -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "certificate_status_tally" ("enterprise_id", "status", "n") VALUES (NEW."enterprise_id", NEW."status", 1);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "certificates_tally_insert" AFTER INSERT ON "certificates" FOR EACH ROW EXECUTE FUNCTION "certificate_status_tally_add"();--> statement-breakpoint
CREATE TRIGGER "certificates_tally_delete" AFTER DELETE ON "certificates" FOR EACH ROW EXECUTE FUNCTION "certificate_status_tally_add"();--> statement-breakpoint
CREATE TRIGGER "certificates_tally_update" AFTER UPDATE OF "status", "enterprise_id" ON "certificates" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."enterprise_id" IS DISTINCT FROM NEW."enterprise_id")
  EXECUTE FUNCTION "certificate_status_tally_add"();--> statement-breakpoint
-- The certificates already there, as folded sums.
INSERT INTO "certificate_status_tally" ("enterprise_id", "status", "n", "folded")
  SELECT "enterprise_id", "status", count(*)::int, true FROM "certificates" GROUP BY "enterprise_id", "status";
