-- Certificate search (docs/decisions/0003): trigram matching for importer and invoice substrings,
-- and btree_gin so the importer's trigram index can carry the office code. Both are trusted
-- extensions (the database owner may create them); PGlite bundles them (src/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "certificates_enterprise_status_idx";--> statement-breakpoint
DROP INDEX "certificates_enterprise_created_idx";--> statement-breakpoint
DROP INDEX "certificates_enterprise_invoice_idx";--> statement-breakpoint
DROP INDEX "certificates_office_invoice_date_idx";--> statement-breakpoint
CREATE INDEX "certificates_office_created_idx" ON "certificates" USING btree ("office_code","created_at","id");--> statement-breakpoint
CREATE INDEX "certificates_office_importer_trgm_idx" ON "certificates" USING gin ("office_code","importer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "certificates_invoice_trgm_idx" ON "certificates" USING gin ("invoice_no" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "certificates_enterprise_status_idx" ON "certificates" USING btree ("enterprise_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "certificates_enterprise_created_idx" ON "certificates" USING btree ("enterprise_id","created_at","id");--> statement-breakpoint
CREATE INDEX "certificates_enterprise_invoice_idx" ON "certificates" USING btree ("enterprise_id","invoice_no","id");--> statement-breakpoint
CREATE INDEX "certificates_office_invoice_date_idx" ON "certificates" USING btree ("office_code","invoice_date","created_at","id","status");