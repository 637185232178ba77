CREATE TYPE "public"."commercial_status" AS ENUM('DRAFT', 'PENDING', 'RETURNED', 'APPROVED', 'VOIDED');--> statement-breakpoint
CREATE SEQUENCE "public"."commercial_application_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "commercial_document_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"statement_zh" text NOT NULL,
	"statement_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commercial_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"office_code" text NOT NULL,
	"status" "commercial_status" DEFAULT 'DRAFT' NOT NULL,
	"source" text DEFAULT 'WEB' NOT NULL,
	"application_no" text NOT NULL,
	"number" text,
	"verification_code" text,
	"doc_type" text,
	"document_no" text DEFAULT '' NOT NULL,
	"destination_country" text,
	"purpose" text DEFAULT '' NOT NULL,
	"copies" integer DEFAULT 1 NOT NULL,
	"remarks" text DEFAULT '' NOT NULL,
	"return_reason" text,
	"void_reason" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "commercial_files" (
	"document_id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"media_type" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"page_count" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commercial_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "commercial_status" NOT NULL,
	"actor_id" text,
	"by" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "commercial_office_settings" (
	"office_code" text PRIMARY KEY NOT NULL,
	"number_format" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commercial_documents" ADD CONSTRAINT "commercial_documents_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commercial_files" ADD CONSTRAINT "commercial_files_document_id_commercial_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."commercial_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commercial_documents_application_no_key" ON "commercial_documents" USING btree ("application_no");--> statement-breakpoint
CREATE UNIQUE INDEX "commercial_documents_number_key" ON "commercial_documents" USING btree ("office_code","number");--> statement-breakpoint
CREATE INDEX "commercial_documents_enterprise_idx" ON "commercial_documents" USING btree ("enterprise_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "commercial_documents_office_idx" ON "commercial_documents" USING btree ("office_code","status","source","sent_at");--> statement-breakpoint
CREATE INDEX "commercial_files_enterprise_idx" ON "commercial_files" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "commercial_history_document_idx" ON "commercial_history" USING btree ("document_id","id");--> statement-breakpoint
-- Reference data: the kinds of commercial document an office certifies (CCPIT 商事证明书). Wording
-- is the office's attestation printed on the certificate page; {document}, {no} and {enterprise} are filled in.
INSERT INTO "commercial_document_types" ("code", "name_zh", "name_en", "kind", "statement_zh", "statement_en", "sort") VALUES
('COMMERCIAL_INVOICE', '商业发票', 'Commercial Invoice', 'authenticity', '兹证明所附{enterprise}{document}（编号：{no}）上的印章及签字属实。', 'This is to certify that the seal and signature on the attached {document} No. {no} of {enterprise} are authentic.', 10),
('PACKING_LIST', '装箱单', 'Packing List', 'authenticity', '兹证明所附{enterprise}{document}（编号：{no}）上的印章及签字属实。', 'This is to certify that the seal and signature on the attached {document} No. {no} of {enterprise} are authentic.', 20),
('CONTRACT', '合同', 'Contract', 'authenticity', '兹证明所附{enterprise}{document}（编号：{no}）上的印章及签字属实。', 'This is to certify that the seal and signature on the attached {document} No. {no} of {enterprise} are authentic.', 30),
('PRICE_LIST', '价格单', 'Price List', 'authenticity', '兹证明所附{enterprise}{document}（编号：{no}）上的印章及签字属实。', 'This is to certify that the seal and signature on the attached {document} No. {no} of {enterprise} are authentic.', 40),
('FREE_SALE', '自由销售证明', 'Certificate of Free Sale', 'facts', '兹证明所附{enterprise}{document}（编号：{no}）所述事实属实。', 'This is to certify that the facts stated in the attached {document} No. {no} of {enterprise} are true as stated.', 50),
('FORCE_MAJEURE', '不可抗力事实性证明', 'Force Majeure Certificate', 'facts', '兹证明所附{enterprise}{document}（编号：{no}）所述不可抗力事实属实。', 'This is to certify that the facts of force majeure stated in the attached {document} No. {no} of {enterprise} are true as stated.', 60),
('FACTUAL', '其他事实性证明', 'Certificate of Facts', 'facts', '兹证明所附{enterprise}{document}（编号：{no}）所述事实属实。', 'This is to certify that the facts stated in the attached {document} No. {no} of {enterprise} are true as stated.', 70),
('OTHER', '其他商业单据', 'Commercial Document', 'authenticity', '兹证明所附{enterprise}{document}（编号：{no}）上的印章及签字属实。', 'This is to certify that the seal and signature on the attached {document} No. {no} of {enterprise} are authentic.', 80);
