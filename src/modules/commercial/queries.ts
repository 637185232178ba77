import { and, asc, count, desc, eq, ilike, ne, or, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client.ts";
import { enterprises } from "../registration/index.ts";
import type { CommercialStatus } from "./lifecycle.ts";
import {
  certificateAttachments,
  commercialDocuments,
  commercialDocumentTypes,
  commercialFiles,
  commercialHistory,
  commercialOfficeSettings,
} from "./schema.ts";

export type Scope = { enterpriseId: string } | { officeCode: string };
export type CommercialFilters = { status?: CommercialStatus; source?: "WEB" | "EDI"; query?: string };

const d = commercialDocuments;

const scopeWhere = (scope: Scope) => ("enterpriseId" in scope ? eq(d.enterpriseId, scope.enterpriseId) : eq(d.officeCode, scope.officeCode));

/** Columns of a list row: everything but nothing heavy. */
export const listColumns = {
  id: d.id,
  enterpriseId: d.enterpriseId,
  status: d.status,
  source: d.source,
  applicationNo: d.applicationNo,
  number: d.number,
  docType: d.docType,
  documentNo: d.documentNo,
  destinationCountry: d.destinationCountry,
  purpose: d.purpose,
  returnReason: d.returnReason,
  createdAt: d.createdAt,
  sentAt: d.sentAt,
  approvedAt: d.approvedAt,
  regNo: enterprises.regNo,
  enterpriseName: enterprises.nameZh,
};

function filterWhere(scope: Scope, f: CommercialFilters, withStatus = true) {
  const parts: (SQL | undefined)[] = [scopeWhere(scope)];
  if (withStatus && f.status) parts.push(eq(d.status, f.status));
  if (f.source) parts.push(eq(d.source, f.source));
  const q = f.query?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(or(ilike(d.applicationNo, like), ilike(d.number, like), ilike(d.documentNo, like), ilike(d.purpose, like)));
  }
  return and(...parts);
}

export async function listRows(
  db: DbOrTx,
  scope: Scope,
  f: CommercialFilters,
  { page, pageSize, oldestFirst = false }: { page: number; pageSize: number; oldestFirst?: boolean },
) {
  const where = filterWhere(scope, f);
  const order = oldestFirst ? [asc(d.sentAt), asc(d.id)] : [desc(d.createdAt), desc(d.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(d)
      .innerJoin(enterprises, eq(enterprises.id, d.enterpriseId))
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(d).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}
export type CommercialListRow = Awaited<ReturnType<typeof listRows>>["rows"][number];

/** Counts per status of what the search finds (its status aside): the tabs' counts. */
export async function countByStatus(db: DbOrTx, scope: Scope, f: CommercialFilters = {}) {
  const rows = await db
    .select({ status: d.status, n: count() })
    .from(d)
    .where(filterWhere(scope, f, false))
    .groupBy(d.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<CommercialStatus, number>>;
}

/** Pending applications of an office by source: the desk's 商事证明-EDI and 商事证明-待审 counts. */
export async function countPendingBySource(db: DbOrTx, officeCode: string) {
  const rows = await db
    .select({ source: d.source, n: count() })
    .from(d)
    .where(and(eq(d.officeCode, officeCode), eq(d.status, "PENDING")))
    .groupBy(d.source);
  const by = Object.fromEntries(rows.map((r) => [r.source, Number(r.n)]));
  return { edi: by.EDI ?? 0, web: by.WEB ?? 0 };
}

export const findDocument = async (db: DbOrTx, id: string) => (await db.select().from(d).where(eq(d.id, id)).limit(1))[0] ?? null;
export const lockDocument = async (db: DbOrTx, id: string) => (await db.select().from(d).where(eq(d.id, id)).for("update").limit(1))[0] ?? null;

/** The file's facts without its bytes. */
export async function findFileFacts(db: DbOrTx, documentId: string) {
  const [row] = await db
    .select({
      mediaType: commercialFiles.mediaType,
      fileName: commercialFiles.fileName,
      byteSize: commercialFiles.byteSize,
      pageCount: commercialFiles.pageCount,
      sha256: commercialFiles.sha256,
      uploadedAt: commercialFiles.uploadedAt,
    })
    .from(commercialFiles)
    .where(eq(commercialFiles.documentId, documentId))
    .limit(1);
  return row ?? null;
}
export type FileFacts = NonNullable<Awaited<ReturnType<typeof findFileFacts>>>;

export const findFile = async (db: DbOrTx, documentId: string) =>
  (await db.select().from(commercialFiles).where(eq(commercialFiles.documentId, documentId)).limit(1))[0] ?? null;

/** Bytes the enterprise keeps stored (commercial documents and 关联单据), the file of `exceptDocumentId` (being replaced) aside. */
export async function storedBytes(db: DbOrTx, enterpriseId: string, exceptDocumentId: string | null) {
  const [[files], [attached]] = await Promise.all([
    db
      .select({ n: sql<string>`coalesce(sum(${commercialFiles.byteSize}), 0)` })
      .from(commercialFiles)
      .where(and(eq(commercialFiles.enterpriseId, enterpriseId), exceptDocumentId ? ne(commercialFiles.documentId, exceptDocumentId) : undefined)),
    db
      .select({ n: sql<string>`coalesce(sum(${certificateAttachments.byteSize}), 0)` })
      .from(certificateAttachments)
      .where(eq(certificateAttachments.enterpriseId, enterpriseId)),
  ]);
  return Number(files?.n ?? 0) + Number(attached?.n ?? 0);
}

export async function saveFile(tx: DbOrTx, row: typeof commercialFiles.$inferInsert) {
  const { documentId: _, ...set } = row;
  await tx
    .insert(commercialFiles)
    .values(row)
    .onConflictDoUpdate({ target: commercialFiles.documentId, set: { ...set, uploadedAt: new Date() } });
}

export const listHistory = (db: DbOrTx, documentId: string) =>
  db.select().from(commercialHistory).where(eq(commercialHistory.documentId, documentId)).orderBy(asc(commercialHistory.id));

export async function nextApplicationSeq(db: DbOrTx): Promise<number> {
  const list = rowsOf<{ n: string }>(await db.execute(sql`select nextval('commercial_application_no_seq') as n`));
  return Number(list[0]!.n);
}

export const listTypes = (db: DbOrTx) => db.select().from(commercialDocumentTypes).orderBy(asc(commercialDocumentTypes.sort));

export const findOfficeSettings = async (db: DbOrTx, officeCode: string) =>
  (await db.select().from(commercialOfficeSettings).where(eq(commercialOfficeSettings.officeCode, officeCode)).limit(1))[0] ?? null;

export async function saveNumberFormat(tx: DbOrTx, { officeCode, numberFormat, updatedBy }: { officeCode: string; numberFormat: string; updatedBy: string }) {
  await tx
    .insert(commercialOfficeSettings)
    .values({ officeCode, numberFormat, updatedBy })
    .onConflictDoUpdate({ target: commercialOfficeSettings.officeCode, set: { numberFormat, updatedBy, updatedAt: new Date() } });
}

/** Approved or voided documents with this number (public verification compares the code). */
export const findByNumber = (db: DbOrTx, number: string) => db.select().from(d).where(eq(d.number, number)).limit(5);
