-- Trigram indexes for substring search on importer and invoice number (pg_trgm is a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "certificates_enterprise_status_idx";--> statement-breakpoint
DROP INDEX "certificates_enterprise_created_idx";--> statement-breakpoint
CREATE INDEX "certificates_office_created_idx" ON "certificates" USING btree ("office_code","created_at","id");--> statement-breakpoint
CREATE INDEX "certificates_importer_trgm_idx" ON "certificates" USING gin ("importer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "certificates_invoice_trgm_idx" ON "certificates" USING gin ("invoice_no" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "certificates_enterprise_status_idx" ON "certificates" USING btree ("enterprise_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "certificates_enterprise_created_idx" ON "certificates" USING btree ("enterprise_id","created_at","id");