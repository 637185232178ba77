import { sql } from "drizzle-orm";
import { bigserial, customType, index, integer, pgEnum, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { JOB_STATES } from "./rules.ts";

/** Binary column; postgres.js hands back a Buffer, PGlite a Uint8Array: both arrive as Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

/** DESIGN.md "Printing"; DOWNLOADING is the desk agent fetching the document (the manual's 下载中). */
export const printJobState = pgEnum("print_job_state", JOB_STATES);
/** COMMERCIAL: the certificate page of a commercial document certificate (商事证明), printed on paper. */
export const printJobKind = pgEnum("print_job_kind", ["CERTIFICATE", "BACK_PAGE", "CALIBRATION", "COMMERCIAL"]);
/** `SERVER`: the app sends IPP jobs itself; `AGENT`: the desk's own agent connects out and prints. */
export const printRoute = pgEnum("print_route", ["SERVER", "AGENT"]);

/**
 * A print desk: where paper comes out. An office has one or more; an enterprise allowed local
 * printing has one, always served by its desk agent. `printerId` is the printer the desk used last
 * (the next job goes there). The agent token is stored as its SHA-256 only.
 */
export const printDesks = pgTable(
  "print_desks",
  {
    id: text("id").primaryKey(),
    officeCode: text("office_code").notNull(),
    enterpriseId: text("enterprise_id"),
    name: text("name").notNull(),
    route: printRoute("route").notNull(),
    printerId: text("printer_id"),
    agentTokenHash: text("agent_token_hash"),
    agentSeenAt: timestamp("agent_seen_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("print_desks_office_idx").on(t.officeCode),
    uniqueIndex("print_desks_enterprise_key").on(t.enterpriseId).where(sql`${t.enterpriseId} is not null`),
    uniqueIndex("print_desks_agent_token_key").on(t.agentTokenHash).where(sql`${t.agentTokenHash} is not null`),
  ],
);

/**
 * A printer of a desk, by IPP URI, with what it reported over IPP the last time it was asked and
 * the approved model that matched. PCO offsets (mm, positive = right / down) live here because they
 * belong to the paper path of one printer.
 */
export const printPrinters = pgTable(
  "print_printers",
  {
    id: text("id").primaryKey(),
    deskId: text("desk_id")
      .notNull()
      .references(() => printDesks.id),
    name: text("name").notNull(),
    uri: text("uri").notNull(),
    makeAndModel: text("make_and_model").notNull().default(""),
    modelLabel: text("model_label"),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    calibrationXMm: real("calibration_x_mm").notNull().default(0),
    calibrationYMm: real("calibration_y_mm").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("print_printers_desk_uri_key").on(t.deskId, t.uri).where(sql`${t.removedAt} is null`)],
);

/**
 * An office's approved printer models. An office without any row uses the manual's list
 * (src/print/printer-models.ts); its first edit copies that list here. Removed entries keep their
 * row (`removedAt`) so the office's list never silently falls back to the defaults.
 */
export const printApprovedModels = pgTable(
  "print_approved_models",
  {
    id: text("id").primaryKey(),
    officeCode: text("office_code").notNull(),
    vendor: text("vendor").notNull(),
    code: text("code").notNull(),
    label: text("label").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("print_approved_models_key").on(t.officeCode, t.vendor, t.code)],
);

/**
 * One print job: a certificate (all its copies), back pages (a count) or a PCO calibration sheet.
 * The queue is claimed with FOR UPDATE SKIP LOCKED; `leaseOwner`/`leaseUntil` say which worker or
 * agent holds it and until when (renewed while it works), so a job whose holder died is found and
 * resumed. `ippJobId` is the printer's id once it accepted the document: after a crash the printer
 * is asked about that job instead of being sent the document again.
 */
export const printJobs = pgTable(
  "print_jobs",
  {
    id: text("id").primaryKey(),
    deskId: text("desk_id")
      .notNull()
      .references(() => printDesks.id),
    officeCode: text("office_code").notNull(),
    /** The certificate's enterprise (or the desk's for desk-only jobs); null for office back pages and calibration. */
    enterpriseId: text("enterprise_id"),
    certificateId: text("certificate_id"),
    kind: printJobKind("kind").notNull(),
    /** Form type for back pages and calibration sheets; the certificate's type otherwise. */
    formType: text("form_type"),
    /** Shown in lists: the certificate number, or what the job is. */
    title: text("title").notNull(),
    copies: integer("copies").notNull(),
    state: printJobState("state").notNull().default("QUEUED"),
    reprintReason: text("reprint_reason"),
    /** 1, then one more per retry: part of the IPP job's tag, so a retry never mistakes the last attempt's IPP job for its own. */
    run: integer("run").notNull().default(1),
    /** Fixed at creation for calibration sheets; otherwise set from the desk's printer when composing. */
    printerId: text("printer_id"),
    ippJobId: integer("ipp_job_id"),
    /** Why the job is where it is, in words for the desk: the printer's own message on failure. */
    message: text("message"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** Base of the QR code's verification URL, fixed when the job was queued. */
    verifyBaseUrl: text("verify_base_url").notNull(),
    requestedBy: text("requested_by"),
    requestedByName: text("requested_by_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("print_jobs_claim_idx").on(t.state, t.notBefore),
    index("print_jobs_desk_idx").on(t.deskId, t.createdAt.desc()),
    index("print_jobs_certificate_idx").on(t.certificateId),
    // One certificate job on its way to paper (or waiting for a decision) at a time: a second click
    // on 打印 is refused instead of printing twice.
    uniqueIndex("print_jobs_one_open_per_certificate").on(t.certificateId).where(sql`${t.kind} = 'CERTIFICATE' and ${t.state} not in ('DONE', 'CANCELLED')`),
  ],
);

/** The composed document of a job, kept so that a retry, a resumed job or the agent prints the very same bytes. */
export const printJobDocuments = pgTable("print_job_documents", {
  jobId: text("job_id").primaryKey(),
  pdf: bytea("pdf").notNull(),
  sha256: text("sha256").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every state a job went through, with who or what moved it and why. Its id is the SSE event id. */
export const printJobHistory = pgTable(
  "print_job_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: text("job_id").notNull(),
    deskId: text("desk_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    state: printJobState("state").notNull(),
    actorId: text("actor_id"),
    by: text("by").notNull(),
    note: text("note"),
  },
  (t) => [index("print_job_history_job_idx").on(t.jobId, t.id), index("print_job_history_desk_idx").on(t.deskId, t.id)],
);
