/**
 * The list page's query string (单据查询): tabs, simple and advanced search, sorting and paging all
 * live in the URL, so every link (a tab, a sort header, the next page) keeps the other conditions
 * and a search can be bookmarked or sent to a colleague. Pure: no I/O.
 */
import { z } from "zod";
import { unstorableChar, unstorableMessage } from "../../../lib/charset.ts";
import { CERTIFICATE_TYPE_CODES } from "../../reference/index.ts";
import { STATUSES } from "../lifecycle.ts";
import { LM } from "./list-messages.ts";
import { defaultDirFor, defaultSortFor, SORTS, type CertificateFilters, type SortKey } from "../search.ts";

/** The parameters the page reads, in the order they appear in links. */
export const LIST_PARAMS = [
  "status",
  "invoiceNo",
  "applicationNo",
  "type",
  "invoiceDateFrom",
  "invoiceDateTo",
  "createdFrom",
  "createdTo",
  "importer",
  "printed",
  "visaPoint",
  "sort",
  "dir",
  "page",
] as const;
export type ListParam = (typeof LIST_PARAMS)[number];
export type ListValues = Partial<Record<ListParam, string>>;

/** Parameters of the advanced search: when any is set the advanced form opens by itself. */
export const ADVANCED_PARAMS: readonly ListParam[] = [
  "applicationNo",
  "type",
  "invoiceDateFrom",
  "invoiceDateTo",
  "createdFrom",
  "createdTo",
  "importer",
  "printed",
  "visaPoint",
];

const DATE_PARAMS = ["invoiceDateFrom", "invoiceDateTo", "createdFrom", "createdTo"] as const;
const isoDate = z.iso.date();
const isSortKey = (s: string): s is SortKey => Object.hasOwn(SORTS, s);

export type ListQuery = {
  /** What was asked, trimmed, for the form and for links (unknown values dropped). */
  values: ListValues;
  /** Field errors for typed dates; the list is then not run with them. */
  errors: Record<string, string>;
  filters: CertificateFilters;
  sort: SortKey;
  dir: "asc" | "desc";
  page: number;
};

/**
 * Reads the query string. Values that only links produce (status, type, sort, dir, page, printed)
 * fall back to their default when unknown; typed dates that are not dates become field errors.
 */
export function parseListQuery(query: Record<string, string | undefined>): ListQuery {
  const values: ListValues = {};
  for (const k of LIST_PARAMS) {
    const v = (query[k] ?? "").trim().slice(0, 200);
    if (v) values[k] = v;
  }
  if (values.status && !(STATUSES as readonly string[]).includes(values.status)) delete values.status;
  if (values.type && !(CERTIFICATE_TYPE_CODES as readonly string[]).includes(values.type)) delete values.type;
  if (values.printed && values.printed !== "yes" && values.printed !== "no") delete values.printed;
  if (values.sort && !isSortKey(values.sort)) delete values.sort;
  if (values.dir && values.dir !== "asc" && values.dir !== "desc") delete values.dir;
  const page = Math.min(100_000, Math.max(1, Number.parseInt(values.page ?? "1", 10) || 1));
  if (page === 1) delete values.page;
  else values.page = String(page);

  const errors: Record<string, string> = {};
  // Typed text the database cannot take (textField()'s rule) is refused beside its field, as typed.
  for (const [k, v] of Object.entries(values)) {
    const cp = unstorableChar(v);
    if (cp) errors[k] = unstorableMessage(cp);
  }
  for (const k of DATE_PARAMS) if (values[k] && !isoDate.safeParse(values[k]).success) errors[k] = LM.badDate;
  for (const [from, to] of [
    ["invoiceDateFrom", "invoiceDateTo"],
    ["createdFrom", "createdTo"],
  ] as const)
    if (!errors[from] && !errors[to] && values[from] && values[to] && values[from]! > values[to]!) errors[to] = LM.badRange;

  const date = (k: (typeof DATE_PARAMS)[number]) => (errors[k] ? undefined : values[k]);
  const filters: CertificateFilters = {
    status: values.status as CertificateFilters["status"],
    invoiceNo: values.invoiceNo,
    applicationNo: values.applicationNo,
    type: values.type,
    invoiceDateFrom: date("invoiceDateFrom"),
    invoiceDateTo: date("invoiceDateTo"),
    createdFrom: date("createdFrom"),
    createdTo: date("createdTo"),
    importer: values.importer,
    printed: values.printed ? values.printed === "yes" : undefined,
    visaPoint: values.visaPoint,
  };
  const sort = (values.sort as SortKey | undefined) ?? defaultSortFor(filters);
  const dir = values.dir === "asc" || values.dir === "desc" ? values.dir : defaultDirFor(sort);
  return { values, errors, filters, sort, dir, page };
}

/** `/certificates?…` with the current values changed by `patch` (undefined or "" removes a key). */
export function listHref(values: ListValues, patch: ListValues = {}) {
  const merged: ListValues = { ...values, ...patch };
  const params = new URLSearchParams();
  for (const k of LIST_PARAMS) if (merged[k]) params.set(k, merged[k]!);
  const qs = params.toString();
  return qs ? `/certificates?${qs}` : "/certificates";
}
