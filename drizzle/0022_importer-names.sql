CREATE TABLE "certificate_importers" (
	"office_code" text NOT NULL,
	"importer_name" text NOT NULL,
	CONSTRAINT "certificate_importers_office_code_importer_name_pk" PRIMARY KEY("office_code","importer_name")
);
--> statement-breakpoint
CREATE INDEX "certificate_importers_name_trgm_idx" ON "certificate_importers" USING gin ("importer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "certificates_office_importer_idx" ON "certificates" USING btree ("office_code","importer_name","created_at","id","status","invoice_date");--> statement-breakpoint
-- Kept by the database (docs/decisions/0028-importer-names.md): the name of every certificate
-- inserted, and every name a certificate changes to, in the same transaction. An existing name
-- costs one look-up in the primary key; a new one, one row.
CREATE FUNCTION "certificate_importers_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "certificate_importers" ("office_code", "importer_name") VALUES (NEW."office_code", NEW."importer_name") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "certificates_importers_insert" AFTER INSERT ON "certificates" FOR EACH ROW
  WHEN (NEW."importer_name" <> '')
  EXECUTE FUNCTION "certificate_importers_add"();--> statement-breakpoint
CREATE TRIGGER "certificates_importers_update" AFTER UPDATE OF "importer_name", "office_code" ON "certificates" FOR EACH ROW
  WHEN (NEW."importer_name" <> '' AND (OLD."importer_name" IS DISTINCT FROM NEW."importer_name" OR OLD."office_code" IS DISTINCT FROM NEW."office_code"))
  EXECUTE FUNCTION "certificate_importers_add"();--> statement-breakpoint
-- The names already there.
INSERT INTO "certificate_importers" ("office_code", "importer_name")
  SELECT DISTINCT "office_code", "importer_name" FROM "certificates" WHERE "importer_name" <> '';
