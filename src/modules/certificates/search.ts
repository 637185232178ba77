/**
 * What a certificate search means in SQL: the filters of 单据查询 and the office's search, their
 * sort keys and default order, and the WHERE conditions every list, count and export shares
 * (queries.ts runs them). docs/decisions/0003 has the plans.
 */
import { aliasedTable, eq, gte, ilike, inArray, lte, sql, type SQL } from "drizzle-orm";
import { enterprises } from "../registration/index.ts";
import type { CertificateBody } from "./edi/contract.ts";
import { invoiceAmount, type CertificateStatus } from "./lifecycle.ts";
import { certificates } from "./schema.ts";

export type CertificateFilters = {
  status?: CertificateStatus;
  /** A part of the invoice number, any case (simple search). */
  invoiceNo?: string;
  applicationNo?: string;
  number?: string;
  type?: string;
  invoiceDateFrom?: string;
  invoiceDateTo?: string;
  createdFrom?: string;
  createdTo?: string;
  /** A part of the importer's (consignee's) name, any case. */
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

/**
 * Whether the filters search (any condition besides the status tab). A search's best plan depends
 * on what is searched (a whole invoice number or three letters, a day or three years), so its
 * statements are planned on every call (db/client.ts planEachCall); a tab's never does.
 */
export const isSearch = (f: CertificateFilters) => Object.entries(f).some(([k, v]) => k !== "status" && v !== undefined && v !== "");

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

/**
 * The order of a list nobody chose one for: newest first, except that a search by invoice date is
 * ordered by invoice date (newest first). That order reads the office's invoice-date index from the
 * end of the range; ordering such a search by creation time would walk every newer certificate.
 */
export const defaultSortFor = (f: CertificateFilters): SortKey => (f.invoiceDateFrom || f.invoiceDateTo ? "invoiceDate" : "createdAt");
/** Dates and amounts start with the largest, text with A. */
export const defaultDirFor = (sort: SortKey): "asc" | "desc" =>
  sort === "createdAt" || sort === "sentAt" || sort === "invoiceDate" || sort === "amount" ? "desc" : "asc";

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
export const endOfDay = (d: string) => new Date(`${d}T23:59:59.999+08:00`);
export const startOfDay = (d: string) => new Date(`${d}T00:00:00+08:00`);

/**
 * The most characters of an invoice number or importer name the search columns keep. Their btree
 * indexes refuse an entry over ~2.7 KB, which an incompressible number of a few thousand characters
 * exceeded (the save failed); 200 characters stay under it whatever the script, and no real number
 * or name comes near. The body keeps the whole text.
 */
const SEARCH_TEXT_MAX = 200;
/** A text as its search column holds it (duplicate-invoice look-ups compare with the column). Pure. */
export const asSearched = (s: string) => (s.length > SEARCH_TEXT_MAX ? Array.from(s).slice(0, SEARCH_TEXT_MAX).join("") : s);

/** The columns lists and search read, derived from the body on every write. */
export function searchColumns(body: CertificateBody) {
  return {
    type: body.type,
    printMode: body.printMode,
    invoiceNo: asSearched(body.invoice?.number?.trim() ?? ""),
    invoiceDate: body.invoice?.date ?? null,
    invoiceAmount: invoiceAmount(body.goods),
    importerName: asSearched(body.consignee?.name?.trim() ?? ""),
    destinationCountry: body.destinationCountry ?? null,
    handSigner: body.handSigner ?? null,
    remarks: body.remarks ?? null,
  };
}

const matched = aliasedTable(certificates, "matched");

/**
 * The end of a searched invoice number that the trigram index is asked for. Invoice numbers share
 * their beginnings (the exporter's prefix, the year and month) with thousands of others, and the
 * trigram index spends its time on such common trigrams: a whole number of the largest bench
 * exporter cost 9 ms in the index, its last six characters 0.06 ms. The whole term is then checked
 * on the rows found. Short terms, and tails without three letters or digits in a row (which give
 * the index no trigram to look up), are asked for whole. Pure.
 */
export function invoiceIndexPart(part: string) {
  const tail = part.slice(-6);
  return part.length > 6 && /[\p{L}\p{N}]{3}/u.test(tail) ? tail : part;
}

/**
 * A part of the invoice number, any case. The trigram index is asked for its end
 * (invoiceIndexPart) and the whole part is checked with strpos, which no index answers, so the
 * planner cannot hand the whole part to the index. Within one enterprise the match may instead
 * run inside its (enterprise_id, invoice_no, id) index without reading the table, which for all
 * but the largest exporters is cheaper; written as a semi-join so the planner can choose.
 */
function invoiceContains(scope: { enterpriseId?: string }, part: string): SQL {
  const indexed = invoiceIndexPart(part);
  const match = (column: typeof certificates.invoiceNo) =>
    indexed === part
      ? ilike(column, `%${escapeLike(part)}%`)
      : sql`${ilike(column, `%${escapeLike(indexed)}%`)} and strpos(lower(${column}), lower(${part})) > 0`;
  if (!scope.enterpriseId) return match(certificates.invoiceNo);
  return inArray(
    certificates.id,
    sql`(select ${matched.id} from ${certificates} ${sql.identifier("matched")} where ${matched.enterpriseId} = ${scope.enterpriseId} and ${match(matched.invoiceNo)})`,
  );
}

/**
 * The WHERE conditions of a search. `importerNames`, when given, are all the whole importer names
 * that contain the searched part (queries.ts officeImporterNames): the importer condition is then
 * an equality that certificates_office_importer_idx answers, instead of a substring test on rows.
 */
export function searchConditions(
  scope: { enterpriseId?: string; officeCode?: string },
  f: CertificateFilters,
  { importerNames }: { importerNames?: readonly string[] } = {},
): SQL[] {
  const w: SQL[] = [];
  if (scope.enterpriseId) w.push(eq(certificates.enterpriseId, scope.enterpriseId));
  if (scope.officeCode) w.push(eq(certificates.officeCode, scope.officeCode));
  if (f.status) w.push(eq(certificates.status, f.status));
  if (f.invoiceNo) w.push(invoiceContains(scope, f.invoiceNo));
  if (f.applicationNo) w.push(eq(certificates.applicationNo, f.applicationNo));
  if (f.number) w.push(eq(certificates.number, f.number));
  if (f.type) w.push(eq(certificates.type, f.type));
  if (f.invoiceDateFrom) w.push(gte(certificates.invoiceDate, f.invoiceDateFrom));
  if (f.invoiceDateTo) w.push(lte(certificates.invoiceDate, f.invoiceDateTo));
  if (f.createdFrom) w.push(gte(certificates.createdAt, startOfDay(f.createdFrom)));
  if (f.createdTo) w.push(lte(certificates.createdAt, endOfDay(f.createdTo)));
  if (f.importer)
    w.push(importerNames ? inArray(certificates.importerName, [...importerNames]) : ilike(certificates.importerName, `%${escapeLike(f.importer)}%`));
  if (f.printed !== undefined) w.push(f.printed ? sql`${certificates.printCount} > 0` : eq(certificates.printCount, 0));
  if (f.visaPoint) w.push(eq(certificates.visaPoint, f.visaPoint));
  if (f.printMode) w.push(eq(certificates.printMode, f.printMode));
  if (f.source) w.push(eq(certificates.source, f.source));
  if (f.sentFrom) w.push(gte(certificates.sentAt, startOfDay(f.sentFrom)));
  if (f.sentTo) w.push(lte(certificates.sentAt, endOfDay(f.sentTo)));
  if (f.enterprise)
    w.push(
      inArray(
        certificates.enterpriseId,
        sql`(select ${enterprises.id} from ${enterprises} where ${enterprises.regNo} = ${f.enterprise} or ${enterprises.nameZh} ilike ${`%${escapeLike(f.enterprise)}%`})`,
      ),
    );
  return w;
}
