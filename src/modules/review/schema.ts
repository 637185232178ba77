import { customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea", fromDriver: (v) => new Uint8Array(v) });

export const exportStatus = pgEnum("certificate_export_status", ["RUNNING", "DONE", "FAILED"]);

/**
 * An Excel export (导出Excel) of the office desk's current filter. The file is written in the
 * background in chunks (certificate_export_chunks) while `done` counts rows for the progress shown
 * to the clerk; `updatedAt` is its heartbeat, so an export whose process died shows as interrupted.
 * Kept in the database like all state, so any app process can serve the download.
 */
export const certificateExports = pgTable(
  "certificate_exports",
  {
    id: text("id").primaryKey(),
    officeCode: text("office_code").notNull(),
    requestedBy: text("requested_by").notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull(),
    status: exportStatus("status").notNull().default("RUNNING"),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    byteSize: integer("byte_size").notNull().default(0),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("certificate_exports_office_idx").on(t.officeCode, t.createdAt)],
);

/** The bytes of an export's .xlsx, in order. */
export const certificateExportChunks = pgTable(
  "certificate_export_chunks",
  {
    exportId: text("export_id").notNull(),
    seq: integer("seq").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.seq] })],
);
