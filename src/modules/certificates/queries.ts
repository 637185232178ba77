import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, ne, sql } from "drizzle-orm";
import { builtOnce, planEachCall, rowsOf, slot, type DbOrTx } from "../../db/client.ts";
import { enterprises } from "../registration/index.ts";
import { LIVE, type CertificateStatus } from "./lifecycle.ts";
import {
  defaultDirFor,
  defaultSortFor,
  endOfDay,
  escapeLike,
  isSearch,
  searchConditions,
  SORTS,
  startOfDay,
  type CertificateFilters,
  type SortKey,
} from "./search.ts";
import { tallyByStatus } from "./status-tally.ts";
import { certificateCounters, certificateHistory, certificateImporters, certificateMarksImages, certificateOfficeSettings, certificates } from "./schema.ts";

export function findCertificate(db: DbOrTx, id: string) {
  return db.query.certificates.findFirst({ where: eq(certificates.id, id) });
}

// The reads of every create and send are built once (db/client.ts builtOnce): building the SQL
// cost more of the app's CPU than running it.
const lockById = builtOnce("certificate_lock", (db) =>
  db
    .select()
    .from(certificates)
    .where(eq(certificates.id, sql.placeholder("id")))
    .for("update"),
);

export async function lockCertificate(db: DbOrTx, id: string) {
  const [row] = await lockById(db, { id });
  return row;
}

export function listHistory(db: DbOrTx, certificateId: string) {
  return db.query.certificateHistory.findMany({ where: eq(certificateHistory.certificateId, certificateId), orderBy: [asc(certificateHistory.id)] });
}

/** Another live certificate of the enterprise holding this invoice number (the one being replaced does not count). */
export async function findInvoiceHolder(
  db: DbOrTx,
  { enterpriseId, invoiceNo, excludeIds }: { enterpriseId: string; invoiceNo: string; excludeIds: string[] },
) {
  const [first, second] = excludeIds;
  const [row] = second
    ? await invoiceHolderExcludingTwo(db, { enterpriseId, invoiceNo, first, second })
    : first
      ? await invoiceHolderExcludingOne(db, { enterpriseId, invoiceNo, first })
      : await invoiceHolder(db, { enterpriseId, invoiceNo });
  return row ?? null;
}

/** findInvoiceHolder's statement for none, one or two excluded ids. */
const invoiceHolderQuery = (excluded: number) => (db: DbOrTx) =>
  db
    .select({ id: certificates.id, applicationNo: certificates.applicationNo, status: certificates.status })
    .from(certificates)
    .where(
      and(
        eq(certificates.enterpriseId, sql.placeholder("enterpriseId")),
        eq(certificates.invoiceNo, sql.placeholder("invoiceNo")),
        inArray(certificates.status, [...LIVE]),
        ...["first", "second"].slice(0, excluded).map((name) => ne(certificates.id, sql.placeholder(name))),
      ),
    )
    .limit(1);
const invoiceHolder = builtOnce("invoice_holder", invoiceHolderQuery(0));
const invoiceHolderExcludingOne = builtOnce("invoice_holder_1", invoiceHolderQuery(1));
const invoiceHolderExcludingTwo = builtOnce("invoice_holder_2", invoiceHolderQuery(2));

const marksImageOf = builtOnce("marks_image", (db) =>
  db
    .select()
    .from(certificateMarksImages)
    .where(eq(certificateMarksImages.certificateId, sql.placeholder("certificateId"))),
);

export async function findMarksImage(db: DbOrTx, certificateId: string) {
  // Core builder, not db.query, built once: read on every send.
  const [row] = await marksImageOf(db, { certificateId });
  return row;
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

type Scope = { enterpriseId?: string; officeCode?: string };

/**
 * Beyond this many importer names containing the searched part, an office's search tests the part
 * on its certificates instead: so common a part is found on most of them, and the newest-first
 * walk fills a page at once, where looking up every name would read a good share of the office.
 */
export const IMPORTER_NAMES_MAX = 200;

/**
 * The whole importer names of the office that contain `part` (any case), from
 * certificate_importers; null when more than IMPORTER_NAMES_MAX do. Planned per call: a part of
 * three letters or more is found through the names' trigram index (0.1 ms), a shorter one by
 * testing the office's names; a reused plan tested every name for every part (2.5 ms).
 */
async function officeImporterNames(db: DbOrTx, officeCode: string, part: string) {
  const rows = await planEachCall(db)
    .select({ name: certificateImporters.importerName })
    .from(certificateImporters)
    .where(and(eq(certificateImporters.officeCode, officeCode), ilike(certificateImporters.importerName, `%${escapeLike(part)}%`)))
    .limit(IMPORTER_NAMES_MAX + 1);
  return rows.length > IMPORTER_NAMES_MAX ? null : rows.map((r) => r.name);
}

/**
 * searchConditions for a scope, with an office's importer part first turned into the whole names
 * that contain it: those are looked up in certificates_office_importer_idx, where a substring test
 * visited every certificate that a trigram index offered (docs/decisions/0028).
 */
async function searchFor(db: DbOrTx, scope: Scope, filters: CertificateFilters) {
  const importerNames = scope.officeCode && filters.importer ? await officeImporterNames(db, scope.officeCode, filters.importer) : null;
  return { where: searchConditions(scope, filters, importerNames ? { importerNames } : {}), byNames: importerNames !== null };
}

/**
 * One page of a list and its total. Office scopes count at most `countCap` rows (`capped` says the
 * total is a lower bound): counting a broad filter over an office's hundreds of thousands of
 * certificates would cost more than the page itself (docs/decisions/0003). An enterprise's own
 * certificates are counted exactly. `withTotal: false` skips the count for callers that already
 * know it (the list page sums its tab counts). Ties are broken by creation time, then id, in the
 * same direction, which is the order the indexes hold.
 */
export async function listCertificateRows(
  db: DbOrTx,
  scope: Scope,
  filters: CertificateFilters,
  {
    sort = defaultSortFor(filters),
    dir = defaultDirFor(sort),
    page,
    pageSize,
    countCap,
    withTotal = true,
  }: { sort?: SortKey; dir?: "asc" | "desc"; page: number; pageSize: number; countCap?: number; withTotal?: boolean },
) {
  const search = isSearch(filters);
  const { where: conditions, byNames } = await searchFor(db, scope, filters);
  const where = and(...conditions);
  const by = dir === "asc" ? asc : desc;
  const order = [by(SORTS[sort]), ...(sort === "createdAt" ? [] : [by(certificates.createdAt)]), by(certificates.id)];
  const h = search ? planEachCall(db) : db;
  const matching = h.select({ one: sql`1` }).from(certificates).where(where);
  // The total rides on the page's statement, one statement instead of two: per call, planning and
  // the round trips of a second statement cost more than its count (docs/decisions/0028).
  const counted = sql<number>`(select count(*)::int from (${countCap ? matching.limit(countCap + 1) : matching}) m)`;
  const list = h
    .select({ ...listColumns, total: withTotal ? counted : sql<number>`null` })
    .from(certificates)
    .innerJoin(enterprises, eq(enterprises.id, certificates.enterpriseId));
  const offset = (page - 1) * pageSize;
  // A search by whole importer names picks the page's ids in certificates_office_importer_idx,
  // which answers its conditions and sort keys without visiting the table, and reads only those
  // rows: reading each of a thousand matching wide rows to sort them was most of its cost
  // (docs/decisions/0028). Other searches walk an index in the page's order and stop at the page.
  const pageIds = () =>
    h
      .select({ id: certificates.id })
      .from(certificates)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset(offset);
  const found = await (byNames
    ? list.where(inArray(certificates.id, pageIds())).orderBy(...order)
    : list
        .where(where)
        .orderBy(...order)
        .limit(pageSize)
        .offset(offset));
  const rows = found.map(({ total: _, ...row }) => row);
  // A page past the end has no row to carry the total: counted on its own (a first page is empty).
  async function totalPastTheEnd() {
    if (page === 1) return 0;
    const [row] = rowsOf<{ n: number }>(await h.execute(sql`select ${counted} as n`));
    return Number(row?.n ?? 0);
  }
  const n = !withTotal ? 0 : found.length ? Number(found[0]!.total) : await totalPastTheEnd();
  return countCap && n > countCap ? { rows, total: countCap, capped: true } : { rows, total: n, capped: false };
}

export type CertificateListRow = Awaited<ReturnType<typeof listCertificateRows>>["rows"][number];

/**
 * Counts per status for one enterprise or one office (home page and tab counts), optionally within
 * a search. An enterprise's counts without a search come from its status tally (status-tally.ts):
 * a few rows, where counting them walked every certificate of the enterprise.
 */
export async function countByStatus(db: DbOrTx, scope: Scope, filters: CertificateFilters = {}) {
  if (scope.enterpriseId && !scope.officeCode && !isSearch(filters)) return tallyByStatus(db, scope.enterpriseId);
  const rows = await planEachCall(db)
    .select({ status: certificates.status, n: sql<number>`count(*)::int` })
    .from(certificates)
    .where(and(...(await searchFor(db, scope, { ...filters, status: undefined })).where))
    .groupBy(certificates.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<CertificateStatus, number>>;
}

/**
 * The filtered rows, newest first, `batch` at a time (keyset on the time-ordered id): what an export
 * walks through without holding the whole set, and without the skips and repeats an OFFSET walk
 * would give while certificates arrive. The search's conditions (an importer part's whole names
 * included) are worked out once for the whole walk.
 */
export async function* walkCertificateRows(db: DbOrTx, scope: Scope, filters: CertificateFilters, batch: number) {
  const { where } = await searchFor(db, scope, filters);
  const h = isSearch(filters) ? planEachCall(db) : db;
  let beforeId: string | null = null;
  for (;;) {
    const rows = await h
      .select(listColumns)
      .from(certificates)
      .innerJoin(enterprises, eq(enterprises.id, certificates.enterpriseId))
      .where(and(...where, ...(beforeId ? [lt(certificates.id, beforeId)] : [])))
      .orderBy(desc(certificates.id))
      .limit(batch);
    if (rows.length) yield rows;
    if (rows.length < batch) return;
    beforeId = rows.at(-1)!.id;
  }
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

/** The body of one certificate (the one an amendment replaces), without access checks: callers check the amendment. */
export async function findCertificateBody(db: DbOrTx, id: string) {
  const [row] = await db.select({ body: certificates.body }).from(certificates).where(eq(certificates.id, id));
  return row?.body ?? null;
}

/**
 * What the reviewer's workbench shows beside the queue counts: the longest-waiting pending
 * certificate, pending certificates a colleague is reviewing now (claims since `claimedSince`), and
 * how many were approved today.
 */
export async function officeWorkbenchFacts(
  db: DbOrTx,
  { officeCode, today, claimedSince, me }: { officeCode: string; today: string; claimedSince: Date; me: string },
) {
  const pending = and(eq(certificates.officeCode, officeCode), eq(certificates.status, "PENDING"));
  const brief = {
    id: certificates.id,
    applicationNo: certificates.applicationNo,
    invoiceNo: certificates.invoiceNo,
    sentAt: certificates.sentAt,
    reviewingBy: certificates.reviewingBy,
    reviewingSince: certificates.reviewingSince,
  };
  const [[oldest], claimed, [approved]] = await Promise.all([
    db.select(brief).from(certificates).where(pending).orderBy(asc(certificates.sentAt)).limit(1),
    db
      .select(brief)
      .from(certificates)
      .where(and(pending, ne(certificates.reviewingBy, me), gte(certificates.reviewingSince, claimedSince)))
      .orderBy(asc(certificates.reviewingSince))
      .limit(20),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(certificates)
      .where(and(eq(certificates.officeCode, officeCode), gte(certificates.approvedAt, startOfDay(today)), lte(certificates.approvedAt, endOfDay(today)))),
  ]);
  return { oldest: oldest ?? null, claimed, approvedToday: Number(approved?.n ?? 0) };
}

/**
 * The next serial of an office, type and year. The upsert locks the counter row until the caller's
 * transaction ends, so racing approvals take serials one after another, and a rolled-back approval
 * gives its serial back: numbers stay unique and without gaps.
 */
// Taken on every approval: built once (db/client.ts builtOnce).
const counterNext = builtOnce("certificate_counter_next", (db) =>
  db
    .insert(certificateCounters)
    .values({ officeCode: slot("officeCode"), type: slot("type"), year: slot("year"), last: 1 })
    .onConflictDoUpdate({
      target: [certificateCounters.officeCode, certificateCounters.type, certificateCounters.year],
      set: { last: sql`${certificateCounters.last} + 1` },
    })
    .returning({ last: certificateCounters.last }),
);

export async function nextCertificateSerial(tx: DbOrTx, key: { officeCode: string; type: string; year: number }): Promise<number> {
  const [row] = await counterNext(tx, key);
  return row!.last;
}

const officeSettingsOf = builtOnce("certificate_office_settings", (db) =>
  db
    .select()
    .from(certificateOfficeSettings)
    .where(eq(certificateOfficeSettings.officeCode, sql.placeholder("officeCode")))
    .limit(1),
);

export async function findOfficeSettings(db: DbOrTx, officeCode: string) {
  const [row] = await officeSettingsOf(db, { officeCode });
  return row;
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
  return db
    .select({ id: certificates.id, number: certificates.number, applicationNo: certificates.applicationNo, status: certificates.status })
    .from(certificates)
    .where(inArray(certificates.id, ids));
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

/** The certificate with this application number (申请号) within the scope, whatever its date or status. */
export async function findIdByApplicationNo(db: DbOrTx, scope: Scope, applicationNo: string) {
  const [row] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.applicationNo, applicationNo), ...searchConditions(scope, {})))
    .limit(1);
  return row?.id ?? null;
}

const attentionColumns = {
  id: certificates.id,
  type: certificates.type,
  status: certificates.status,
  applicationNo: certificates.applicationNo,
  invoiceNo: certificates.invoiceNo,
  importerName: certificates.importerName,
  returnReason: certificates.returnReason,
  problems: certificates.problems,
  updatedAt: certificates.updatedAt,
};

/**
 * What the exporter has to act on, newest first: RETURNED certificates (with the office's reason)
 * and drafts whose last machine review found a blocking problem. At most `limit` of each.
 */
export async function listAttention(db: DbOrTx, { enterpriseId, limit }: { enterpriseId: string; limit: number }) {
  const [returned, blocked] = await Promise.all([
    db
      .select(attentionColumns)
      .from(certificates)
      .where(and(eq(certificates.enterpriseId, enterpriseId), eq(certificates.status, "RETURNED")))
      .orderBy(desc(certificates.createdAt), desc(certificates.id))
      .limit(limit),
    db
      .select(attentionColumns)
      .from(certificates)
      .where(
        and(eq(certificates.enterpriseId, enterpriseId), eq(certificates.status, "DRAFT"), sql`${certificates.problems} @> '[{"severity":"error"}]'::jsonb`),
      )
      .orderBy(desc(certificates.createdAt), desc(certificates.id))
      .limit(limit),
  ]);
  return { returned, blocked };
}

/** The latest history entries of an enterprise's certificates (用户首页 recent activity). */
export function listRecentHistory(db: DbOrTx, { enterpriseId, limit }: { enterpriseId: string; limit: number }) {
  return db
    .select({
      id: certificateHistory.id,
      at: certificateHistory.at,
      status: certificateHistory.status,
      by: certificateHistory.by,
      note: certificateHistory.note,
      certificateId: certificates.id,
      applicationNo: certificates.applicationNo,
      invoiceNo: certificates.invoiceNo,
      type: certificates.type,
    })
    .from(certificateHistory)
    .innerJoin(certificates, eq(certificates.id, certificateHistory.certificateId))
    .where(eq(certificates.enterpriseId, enterpriseId))
    .orderBy(desc(certificateHistory.id))
    .limit(limit);
}

/**
 * Certificates approved so far, per office: the gap-free numbering counters hold exactly that, so
 * it costs a few rows however many certificates there are (for /metrics).
 */
export async function approvedCountsByOffice(db: DbOrTx): Promise<{ officeCode: string; approved: number }[]> {
  const rows = await db
    .select({ officeCode: certificateCounters.officeCode, approved: sql<number>`sum(${certificateCounters.last})::int` })
    .from(certificateCounters)
    .groupBy(certificateCounters.officeCode);
  return rows.map((r) => ({ officeCode: r.officeCode, approved: Number(r.approved) }));
}
