import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, ne, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { enterprises } from "../registration/schema.ts";
import { LIVE, type CertificateStatus } from "./lifecycle.ts";
import { certificateCounters, certificateHistory, certificateMarksImages, certificateOfficeSettings, certificates } from "./schema.ts";

export function findCertificate(db: DbOrTx, id: string) {
  return db.query.certificates.findFirst({ where: eq(certificates.id, id) });
}

export async function lockCertificate(db: DbOrTx, id: string) {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id)).for("update");
  return row;
}

export function listHistory(db: DbOrTx, certificateId: string) {
  return db.query.certificateHistory.findMany({ where: eq(certificateHistory.certificateId, certificateId), orderBy: [asc(certificateHistory.id)] });
}

/** Another live certificate of the enterprise holding this invoice number (the one being replaced does not count). */
export async function findInvoiceHolder(db: DbOrTx, { enterpriseId, invoiceNo, excludeIds }: { enterpriseId: string; invoiceNo: string; excludeIds: string[] }) {
  const [row] = await db
    .select({ id: certificates.id, applicationNo: certificates.applicationNo, status: certificates.status })
    .from(certificates)
    .where(
      and(
        eq(certificates.enterpriseId, enterpriseId),
        eq(certificates.invoiceNo, invoiceNo),
        inArray(certificates.status, [...LIVE]),
        ...excludeIds.map((id) => ne(certificates.id, id)),
      ),
    )
    .limit(1);
  return row ?? null;
}

export function findMarksImage(db: DbOrTx, certificateId: string) {
  return db.query.certificateMarksImages.findFirst({ where: eq(certificateMarksImages.certificateId, certificateId) });
}

export async function nextApplicationSeq(db: DbOrTx): Promise<number> {
  const rows = await db.execute<{ n: string }>(sql`select nextval('application_no_seq') as n`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: { n: string }[] }).rows) as { n: string }[];
  return Number(list[0]!.n);
}

export type CertificateFilters = {
  status?: CertificateStatus;
  invoiceNo?: string;
  applicationNo?: string;
  number?: string;
  type?: string;
  invoiceDateFrom?: string;
  invoiceDateTo?: string;
  createdFrom?: string;
  createdTo?: string;
  importer?: string;
  printed?: boolean;
  visaPoint?: string;
  printMode?: string;
  source?: "WEB" | "EDI";
  /** Sent to the office on or after / on or before this day (YYYY-MM-DD, office calendar). */
  sentFrom?: string;
  sentTo?: string;
  /** Office search only: registration number or a part of the Chinese name. */
  enterprise?: string;
};

export const SORTS = {
  invoiceNo: certificates.invoiceNo,
  invoiceDate: certificates.invoiceDate,
  type: certificates.type,
  number: certificates.number,
  importer: certificates.importerName,
  status: certificates.status,
  remarks: certificates.remarks,
  handSigner: certificates.handSigner,
  amount: certificates.invoiceAmount,
  createdAt: certificates.createdAt,
  sentAt: certificates.sentAt,
} as const;
export type SortKey = keyof typeof SORTS;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
const endOfDay = (d: string) => new Date(`${d}T23:59:59.999+08:00`);
const startOfDay = (d: string) => new Date(`${d}T00:00:00+08:00`);

function conditions(scope: { enterpriseId?: string; officeCode?: string }, f: CertificateFilters): SQL[] {
  const w: SQL[] = [];
  if (scope.enterpriseId) w.push(eq(certificates.enterpriseId, scope.enterpriseId));
  if (scope.officeCode) w.push(eq(certificates.officeCode, scope.officeCode));
  if (f.status) w.push(eq(certificates.status, f.status));
  if (f.invoiceNo) w.push(eq(certificates.invoiceNo, f.invoiceNo));
  if (f.applicationNo) w.push(eq(certificates.applicationNo, f.applicationNo));
  if (f.number) w.push(eq(certificates.number, f.number));
  if (f.type) w.push(eq(certificates.type, f.type));
  if (f.invoiceDateFrom) w.push(gte(certificates.invoiceDate, f.invoiceDateFrom));
  if (f.invoiceDateTo) w.push(lte(certificates.invoiceDate, f.invoiceDateTo));
  if (f.createdFrom) w.push(gte(certificates.createdAt, startOfDay(f.createdFrom)));
  if (f.createdTo) w.push(lte(certificates.createdAt, endOfDay(f.createdTo)));
  if (f.importer) w.push(ilike(certificates.importerName, `%${escapeLike(f.importer)}%`));
  if (f.printed !== undefined) w.push(f.printed ? sql`${certificates.printCount} > 0` : eq(certificates.printCount, 0));
  if (f.visaPoint) w.push(eq(certificates.visaPoint, f.visaPoint));
  if (f.printMode) w.push(eq(certificates.printMode, f.printMode));
  if (f.source) w.push(eq(certificates.source, f.source));
  if (f.sentFrom) w.push(gte(certificates.sentAt, startOfDay(f.sentFrom)));
  if (f.sentTo) w.push(lte(certificates.sentAt, endOfDay(f.sentTo)));
  if (f.enterprise) w.push(sql`(${enterprises.regNo} = ${f.enterprise} or ${enterprises.nameZh} ilike ${`%${escapeLike(f.enterprise)}%`})`);
  return w;
}

export const listColumns = {
  id: certificates.id,
  type: certificates.type,
  printMode: certificates.printMode,
  status: certificates.status,
  source: certificates.source,
  applicationNo: certificates.applicationNo,
  number: certificates.number,
  invoiceNo: certificates.invoiceNo,
  invoiceDate: certificates.invoiceDate,
  invoiceAmount: certificates.invoiceAmount,
  importerName: certificates.importerName,
  destinationCountry: certificates.destinationCountry,
  handSigner: certificates.handSigner,
  remarks: certificates.remarks,
  visaPoint: certificates.visaPoint,
  printCount: certificates.printCount,
  returnReason: certificates.returnReason,
  reviewingBy: certificates.reviewingBy,
  reviewingSince: certificates.reviewingSince,
  createdAt: certificates.createdAt,
  sentAt: certificates.sentAt,
  enterpriseId: certificates.enterpriseId,
  regNo: enterprises.regNo,
  enterpriseName: enterprises.nameZh,
  smallMicro: enterprises.smallMicro,
};

export async function listCertificateRows(
  db: DbOrTx,
  scope: { enterpriseId?: string; officeCode?: string },
  filters: CertificateFilters,
  { sort = "createdAt", dir = "desc", page, pageSize }: { sort?: SortKey; dir?: "asc" | "desc"; page: number; pageSize: number },
) {
  const where = and(...conditions(scope, filters));
  const order = dir === "asc" ? asc(SORTS[sort]) : desc(SORTS[sort]);
  const needsJoin = !!filters.enterprise;
  const [rows, [count]] = await Promise.all([
    db
      .select(listColumns)
      .from(certificates)
      .innerJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
      .where(where)
      .orderBy(order, desc(certificates.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    needsJoin
      ? db.select({ n: sql<number>`count(*)::int` }).from(certificates).innerJoin(enterprises, eq(enterprises.id, certificates.enterpriseId)).where(where)
      : db.select({ n: sql<number>`count(*)::int` }).from(certificates).where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export type CertificateListRow = Awaited<ReturnType<typeof listCertificateRows>>["rows"][number];

/** Counts per status for one enterprise or one office (home page and tab counts). */
export async function countByStatus(db: DbOrTx, scope: { enterpriseId?: string; officeCode?: string }) {
  const where = scope.enterpriseId ? eq(certificates.enterpriseId, scope.enterpriseId) : eq(certificates.officeCode, scope.officeCode!);
  const rows = await db.select({ status: certificates.status, n: sql<number>`count(*)::int` }).from(certificates).where(where).groupBy(certificates.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<CertificateStatus, number>>;
}

/**
 * One batch of the filtered rows, newest first, after `beforeId` (keyset on the time-ordered id):
 * what an export walks through without holding the whole set, and without the skips and repeats
 * an OFFSET walk would give while certificates arrive.
 */
export function listCertificateRowsBefore(db: DbOrTx, scope: { enterpriseId?: string; officeCode?: string }, filters: CertificateFilters, { beforeId, limit }: { beforeId: string | null; limit: number }) {
  const where = [...conditions(scope, filters), ...(beforeId ? [lt(certificates.id, beforeId)] : [])];
  return db
    .select(listColumns)
    .from(certificates)
    .innerJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
    .where(and(...where))
    .orderBy(desc(certificates.id))
    .limit(limit);
}

/** The office's pending and approved certificates counted by print mode and source, and those sent today. */
export async function countOfficeQueues(db: DbOrTx, officeCode: string, today: string) {
  const [groups, [sentToday]] = await Promise.all([
    db
      .select({ status: certificates.status, printMode: certificates.printMode, source: certificates.source, n: sql<number>`count(*)::int` })
      .from(certificates)
      .where(and(eq(certificates.officeCode, officeCode), inArray(certificates.status, ["PENDING", "APPROVED"])))
      .groupBy(certificates.status, certificates.printMode, certificates.source),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(certificates)
      .where(and(eq(certificates.officeCode, officeCode), gte(certificates.sentAt, startOfDay(today)), lte(certificates.sentAt, endOfDay(today)))),
  ]);
  return { groups: groups.map((g) => ({ ...g, n: Number(g.n) })), sentToday: Number(sentToday?.n ?? 0) };
}

/**
 * The next serial of an office, type and year. The upsert locks the counter row until the caller's
 * transaction ends, so racing approvals take serials one after another, and a rolled-back approval
 * gives its serial back: numbers stay unique and without gaps.
 */
export async function nextCertificateSerial(tx: DbOrTx, key: { officeCode: string; type: string; year: number }): Promise<number> {
  const [row] = await tx
    .insert(certificateCounters)
    .values({ ...key, last: 1 })
    .onConflictDoUpdate({ target: [certificateCounters.officeCode, certificateCounters.type, certificateCounters.year], set: { last: sql`${certificateCounters.last} + 1` } })
    .returning({ last: certificateCounters.last });
  return row!.last;
}

export function findOfficeSettings(db: DbOrTx, officeCode: string) {
  return db.query.certificateOfficeSettings.findFirst({ where: eq(certificateOfficeSettings.officeCode, officeCode) });
}

export async function saveNumberFormat(db: DbOrTx, { officeCode, numberFormat, updatedBy }: { officeCode: string; numberFormat: string; updatedBy: string }) {
  await db
    .insert(certificateOfficeSettings)
    .values({ officeCode, numberFormat, updatedBy })
    .onConflictDoUpdate({ target: certificateOfficeSettings.officeCode, set: { numberFormat, updatedBy, updatedAt: new Date() } });
}

/** Another certificate of the office carrying this pre-printed form serial (印刷号). */
export async function findFormSerialHolder(db: DbOrTx, { officeCode, formSerial, excludeId }: { officeCode: string; formSerial: string; excludeId: string }) {
  const [row] = await db
    .select({ id: certificates.id, number: certificates.number, applicationNo: certificates.applicationNo })
    .from(certificates)
    .where(and(eq(certificates.officeCode, officeCode), eq(certificates.formSerial, formSerial), ne(certificates.id, excludeId)))
    .limit(1);
  return row ?? null;
}

/** Number and application number of certificates by id (the links between a replacement and its original). */
export function findCertificateRefs(db: DbOrTx, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.select({ id: certificates.id, number: certificates.number, applicationNo: certificates.applicationNo, status: certificates.status }).from(certificates).where(inArray(certificates.id, ids));
}

/** A live (not VOIDED or REPLACED) 改证重发 draft already started from this certificate, if any. */
export async function findLiveAmendment(db: DbOrTx, replacesId: string) {
  const [row] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.replacesId, replacesId), inArray(certificates.status, [...LIVE])))
    .limit(1);
  return row ?? null;
}
