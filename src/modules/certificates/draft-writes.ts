import { eq, sql, type SQL } from "drizzle-orm";
import { builtOnce, slot, type DbOrTx } from "../../db/client.ts";
import { certificates } from "./schema.ts";

// The writes of every EDI create and send, built once (db/client.ts builtOnce), as their reads in
// queries.ts: drizzle building the SQL text on each call cost more of the app's CPU than the
// statements (docs/decisions/0020).

/** A new certificate's columns (its application number is drawn by the insert, see insertCertificate). */
export type NewCertificateRow = Pick<
  typeof certificates.$inferInsert,
  | "id"
  | "enterpriseId"
  | "officeCode"
  | "visaPoint"
  | "source"
  | "body"
  | "problems"
  | "replacesId"
  | "createdBy"
  | "type"
  | "printMode"
  | "invoiceNo"
  | "invoiceDate"
  | "invoiceAmount"
  | "importerName"
  | "destinationCountry"
  | "handSigner"
  | "remarks"
>;
const NEW_COLUMNS = [
  "id",
  "enterpriseId",
  "officeCode",
  "visaPoint",
  "source",
  "body",
  "problems",
  "replacesId",
  "createdBy",
  "type",
  "printMode",
  "invoiceNo",
  "invoiceDate",
  "invoiceAmount",
  "importerName",
  "destinationCountry",
  "handSigner",
  "remarks",
] as const satisfies readonly (keyof NewCertificateRow)[];

/**
 * Inserts a certificate and returns its application number, drawn inside the insert: the year and
 * the next value of the sequence, padded to nine digits as `formatApplicationNo` does (never cut:
 * lpad would cut a longer one; the scalar subquery draws the sequence once). Sent at once, so a
 * caller's statements started after it run after it.
 */
export async function insertCertificate(db: DbOrTx, year: number, row: NewCertificateRow) {
  const values: Record<string, unknown> = { year: String(year) };
  for (const k of NEW_COLUMNS) values[k] = row[k] ?? null;
  values.body = JSON.stringify(row.body);
  values.problems = JSON.stringify(row.problems ?? []);
  const [inserted] = await certificateInsert(db, values);
  return inserted!.applicationNo;
}

const certificateInsert = builtOnce("certificate_insert", (db) =>
  db
    .insert(certificates)
    .values({
      ...(Object.fromEntries(NEW_COLUMNS.map((k) => [k, slot(k)])) as Record<(typeof NEW_COLUMNS)[number], SQL>),
      applicationNo: sql`(select ${slot("year")} || lpad(n, greatest(9, length(n)), '0') from (select nextval('application_no_seq')::text as n) s)`,
    })
    .returning({ applicationNo: certificates.applicationNo }),
);

/** The send's update: PENDING at `now`, with review's problems (JSON text). */
export const markSent = builtOnce("certificate_mark_sent", (db) =>
  db
    .update(certificates)
    .set({ status: "PENDING", sentAt: slot("now"), problems: slot("problems"), returnReason: null, updatedAt: slot("now") })
    .where(eq(certificates.id, sql.placeholder("id"))),
);
