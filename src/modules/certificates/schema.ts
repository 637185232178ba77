import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  pgSequence,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { enterprises } from "../registration/schema.ts";
import type { CertificateBody } from "./edi/contract.ts";
import { STATUSES } from "./lifecycle.ts";
import type { Problem } from "./checks/review-problems.ts";

export const certificateStatus = pgEnum("certificate_status", STATUSES);
export const certificateSource = pgEnum("certificate_source", ["WEB", "EDI"]);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * A certificate application (制单) and, once approved, the certificate. The body is stored as the
 * contract shapes it (`body`); the columns beside it are copies of what lists, search and the
 * review desk filter and sort on, kept in step by the service on every write.
 */
export const certificates = pgTable(
  "certificates",
  {
    id: text("id").primaryKey(),
    enterpriseId: text("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    officeCode: text("office_code").notNull(),
    type: text("type").notNull(),
    printMode: text("print_mode").notNull(),
    status: certificateStatus("status").notNull().default("DRAFT"),
    source: certificateSource("source").notNull().default("WEB"),
    /** 申请号: assigned at creation, shown to both sides. */
    applicationNo: text("application_no").notNull(),
    /** 证书号: assigned at approval, unique and gap-free per office, type and year. */
    number: text("number"),
    verificationCode: text("verification_code"),
    body: jsonb("body").$type<CertificateBody>().notNull(),
    problems: jsonb("problems").$type<Problem[]>().notNull().default([]),
    // Search copies of the body.
    invoiceNo: text("invoice_no").notNull().default(""),
    invoiceDate: date("invoice_date"),
    invoiceAmount: numeric("invoice_amount", { precision: 16, scale: 2 }),
    importerName: text("importer_name").notNull().default(""),
    destinationCountry: text("destination_country"),
    handSigner: text("hand_signer"),
    remarks: text("remarks"),
    visaPoint: text("visa_point"),
    // Lifecycle.
    revision: integer("revision").notNull().default(1),
    replacesId: text("replaces_id"),
    replacedById: text("replaced_by_id"),
    returnReason: text("return_reason"),
    /** The body as it was when the office last returned it: a resent certificate is reviewed against it. */
    returnedBody: jsonb("returned_body").$type<CertificateBody>(),
    voidReason: text("void_reason"),
    formSerial: text("form_serial"),
    printCount: integer("print_count").notNull().default(0),
    reviewingBy: text("reviewing_by"),
    reviewingSince: timestamp("reviewing_since", { withTimezone: true }),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
  },
  // Lists order by (created_at desc, id desc): plain ascending indexes read backwards give exactly
  // that order (drizzle's .desc() means DESC NULLS LAST, which `order by … desc` cannot use).
  // An enterprise's invoice-number search matches inside (enterprise_id, invoice_no, id) without
  // reading the table (queries.ts invoiceContains). A search by invoice date is ordered by invoice
  // date, read from the office's invoice-date index; status rides along in it so the capped count
  // never visits the table. Importer and invoice substrings use trigram GIN indexes (pg_trgm;
  // btree_gin lets the importer index carry the office, so an office's search visits only its own
  // rows). An office's importer search asks certificate_importers for the whole names that contain
  // the part, then reads (office_code, importer_name, …) without visiting the table, status and
  // invoice date riding along (docs/decisions/0028). Plans and figures:
  // docs/decisions/0003-certificate-search-performance.md.
  (t) => [
    uniqueIndex("certificates_application_no_key").on(t.applicationNo),
    uniqueIndex("certificates_number_key").on(t.officeCode, t.number),
    index("certificates_enterprise_status_idx").on(t.enterpriseId, t.status, t.createdAt, t.id),
    index("certificates_enterprise_created_idx").on(t.enterpriseId, t.createdAt, t.id),
    index("certificates_enterprise_invoice_idx").on(t.enterpriseId, t.invoiceNo, t.id),
    index("certificates_office_status_idx").on(t.officeCode, t.status, t.printMode, t.sentAt),
    index("certificates_office_invoice_date_idx").on(t.officeCode, t.invoiceDate, t.createdAt, t.id, t.status),
    index("certificates_office_created_idx").on(t.officeCode, t.createdAt, t.id),
    index("certificates_office_importer_trgm_idx").using("gin", t.officeCode, t.importerName.op("gin_trgm_ops")),
    index("certificates_office_importer_idx").on(t.officeCode, t.importerName, t.createdAt, t.id, t.status, t.invoiceDate),
    index("certificates_invoice_trgm_idx").using("gin", t.invoiceNo.op("gin_trgm_ops")),
    // The office's certificates newest first by id: the keyset walk of an export.
    index("certificates_office_id_idx").on(t.officeCode, t.id),
    // A pre-printed form's serial (印刷号) is on one certificate only: a second use is a typo.
    uniqueIndex("certificates_form_serial_key").on(t.officeCode, t.formSerial).where(sql`${t.formSerial} is not null`),
  ],
);

/** Status history shown on both sides and returned by the API (`history: [{at, status, by, note}]`). */
export const certificateHistory = pgTable(
  "certificate_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    certificateId: text("certificate_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    status: certificateStatus("status").notNull(),
    actorId: text("actor_id"),
    by: text("by").notNull(),
    note: text("note"),
  },
  (t) => [index("certificate_history_cert_idx").on(t.certificateId, t.id)],
);

/** Image marks printed on the continuation page (jpg/png/gif ≤ 400 KB, checked by content). */
export const certificateMarksImages = pgTable("certificate_marks_images", {
  certificateId: text("certificate_id").primaryKey(),
  mime: text("mime").notNull(),
  bytes: bytea("bytes").notNull(),
  uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Counters behind certificate numbers. The approval transaction locks the row of its office, type
 * and year (upsert … returning), so numbers are unique and without gaps even under racing approvals.
 */
export const certificateCounters = pgTable(
  "certificate_counters",
  {
    officeCode: text("office_code").notNull(),
    type: text("type").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.officeCode, t.type, t.year] })],
);

/**
 * An office's certificate settings. `numberFormat` is the template of certificate numbers
 * (numbers.ts); offices without a row use the default there.
 */
export const certificateOfficeSettings = pgTable("certificate_office_settings", {
  officeCode: text("office_code").primaryKey(),
  numberFormat: text("number_format").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * How many certificates each enterprise has per status, as rows to add up: the list's tabs and the
 * home page read a few rows here instead of counting the enterprise's certificates (22,000 for the
 * largest bench exporter). Written only by the database: triggers on `certificates` (migration
 * 0021) add a row of +1 / -1 for every insert, delete and change of status, in the writing
 * transaction, so no service can forget it and concurrent writers never wait on a shared row.
 * `foldStatusTally` (status-tally.ts) replaces an enterprise's rows by their sums (`folded`) now
 * and then. Counts are `sum(n)` per status. docs/decisions/0027-status-tally.md.
 */
export const certificateStatusTally = pgTable(
  "certificate_status_tally",
  {
    enterpriseId: text("enterprise_id").notNull(),
    status: certificateStatus("status").notNull(),
    n: integer("n").notNull(),
    folded: boolean("folded").notNull().default(false),
  },
  (t) => [
    index("certificate_status_tally_enterprise_idx").on(t.enterpriseId, t.status),
    // The folding loop's look-up: enterprises with many rows not yet folded.
    index("certificate_status_tally_unfolded_idx").on(t.enterpriseId).where(sql`not ${t.folded}`),
  ],
);

/**
 * Every importer (consignee) name an office's certificates have carried, once: what an office's
 * importer search matches its part against (a few thousand names where the office has hundreds of
 * thousands of certificates), before looking the whole names up in certificates_office_importer_idx.
 * Written only by the database: triggers on `certificates` (migration 0022) add the name of every
 * inserted certificate and every changed name, in the writing transaction. Names are never removed
 * (a name no certificate carries any more matches nothing). docs/decisions/0028-importer-names.md.
 */
export const certificateImporters = pgTable(
  "certificate_importers",
  {
    officeCode: text("office_code").notNull(),
    importerName: text("importer_name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.officeCode, t.importerName] }),
    index("certificate_importers_name_trgm_idx").using("gin", t.importerName.op("gin_trgm_ops")),
  ],
);

/** Application numbers (申请号): one sequence for the whole system; they need no gap-free rule. */
export const applicationNoSeq = pgSequence("application_no_seq", { startWith: 1 });
