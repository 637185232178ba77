import { bigserial, boolean, customType, index, integer, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { enterprises } from "../registration/schema.ts";
import { COMMERCIAL_STATUSES } from "./lifecycle.ts";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

export const commercialStatus = pgEnum("commercial_status", COMMERCIAL_STATUSES);

/**
 * The kinds of commercial document an office certifies (商事证明): reference data, seeded by the
 * migration (drizzle/0015_commercial-documents.sql) and changed there, not in code. `kind` says
 * what the office attests: the seal and signature are authentic, or the facts are as stated; the
 * statements are the wording printed on the certificate page, with {document}, {no} and
 * {enterprise} filled in.
 */
export const commercialDocumentTypes = pgTable("commercial_document_types", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind").notNull(),
  statementZh: text("statement_zh").notNull(),
  statementEn: text("statement_en").notNull(),
  sort: integer("sort").notNull().default(0),
  active: boolean("active").notNull().default(true),
});

/** An application for a commercial document certificate and, once approved, the certificate. */
export const commercialDocuments = pgTable(
  "commercial_documents",
  {
    id: text("id").primaryKey(),
    enterpriseId: text("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    officeCode: text("office_code").notNull(),
    status: commercialStatus("status").notNull().default("DRAFT"),
    source: text("source").notNull().default("WEB"),
    /** 申请号, e.g. SZ2026000000012. */
    applicationNo: text("application_no").notNull(),
    /** 证明书号: at approval, gap-free per office and year. */
    number: text("number"),
    verificationCode: text("verification_code"),
    docType: text("doc_type"),
    documentNo: text("document_no").notNull().default(""),
    destinationCountry: text("destination_country"),
    purpose: text("purpose").notNull().default(""),
    copies: integer("copies").notNull().default(1),
    remarks: text("remarks").notNull().default(""),
    returnReason: text("return_reason"),
    voidReason: text("void_reason"),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("commercial_documents_application_no_key").on(t.applicationNo),
    uniqueIndex("commercial_documents_number_key").on(t.officeCode, t.number),
    index("commercial_documents_enterprise_idx").on(t.enterpriseId, t.status, t.createdAt, t.id),
    index("commercial_documents_office_idx").on(t.officeCode, t.status, t.source, t.sentAt),
  ],
);

/**
 * The uploaded document (PDF, or a JPEG/PNG scan), one per application, in the database with its
 * SHA-256. `byteSize` is what the enterprise's quota adds up.
 */
export const commercialFiles = pgTable(
  "commercial_files",
  {
    documentId: text("document_id")
      .primaryKey()
      .references(() => commercialDocuments.id),
    enterpriseId: text("enterprise_id").notNull(),
    mediaType: text("media_type").notNull(),
    fileName: text("file_name").notNull(),
    byteSize: integer("byte_size").notNull(),
    pageCount: integer("page_count").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("commercial_files_enterprise_idx").on(t.enterpriseId)],
);

/** Status history shown on both sides (and returned by the API). */
export const commercialHistory = pgTable(
  "commercial_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    documentId: text("document_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    status: commercialStatus("status").notNull(),
    actorId: text("actor_id"),
    by: text("by").notNull(),
    note: text("note"),
  },
  (t) => [index("commercial_history_document_idx").on(t.documentId, t.id)],
);

/** An office's commercial-certificate number template (its own, beside the certificates' one). */
export const commercialOfficeSettings = pgTable("commercial_office_settings", {
  officeCode: text("office_code").primaryKey(),
  numberFormat: text("number_format").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const commercialApplicationNoSeq = pgSequence("commercial_application_no_seq", { startWith: 1 });

/**
 * 关联单据: the invoice and packing list (PDF) an exporter attaches to a certificate application.
 * The reviewer reads them beside the application; they never print. They count against the same
 * per-enterprise quota as commercial documents.
 */
export const certificateAttachments = pgTable(
  "certificate_attachments",
  {
    id: text("id").primaryKey(),
    certificateId: text("certificate_id").notNull(),
    enterpriseId: text("enterprise_id").notNull(),
    kind: text("kind").notNull(),
    fileName: text("file_name").notNull(),
    byteSize: integer("byte_size").notNull(),
    pageCount: integer("page_count").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    uploadedBy: text("uploaded_by"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("certificate_attachments_certificate_idx").on(t.certificateId), index("certificate_attachments_enterprise_idx").on(t.enterpriseId)],
);
