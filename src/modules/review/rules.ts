/**
 * Pure rules of the office's certificate desk: its queues (the manual's tabs, §四(一)), the search
 * form's filters, and how a certificate body reads in the read-only view and in the export.
 */
import { z } from "zod";
import type { CertificateBody, CertificateFilters, CertificateListRow, GoodsLine, SortKey } from "../certificates/index.ts";
import {
  CERTIFICATE_FIELD_LABELS as FIELD_LABELS,
  listCertificateTypes,
  printModeLabel,
  routeLine,
  statusLabel,
  STATUSES,
  typeLabel,
} from "../certificates/index.ts";
import { countryLabel, findCountry } from "../reference/index.ts";
import { formatDateTime } from "../../lib/time.ts";
import { M } from "./messages.ts";

type QueueCount = { status: string; printMode: string; source: string; n: number };

export type Tab = {
  key: string;
  label: string;
  filters: (today: string) => CertificateFilters;
  /** Queues are worked oldest first; 今日信息 shows the latest first. */
  sort: SortKey;
  dir: "asc" | "desc";
  count: (groups: QueueCount[], sentToday: number) => number;
};

const queue = (status: "PENDING" | "APPROVED", printMode: "ECO" | "PCO", source?: "WEB" | "EDI") => ({
  filters: () => ({ status, printMode, ...(source ? { source } : {}) }),
  sort: "sentAt" as const,
  dir: "asc" as const,
  count: (groups: QueueCount[]) =>
    groups.filter((g) => g.status === status && g.printMode === printMode && (!source || g.source === source)).reduce((n, g) => n + g.n, 0),
});

/**
 * The desk's tabs as in the manual's screenshot. EDI queues hold what arrived through the EDI API,
 * 待审 what was sent from the pages, so each pending certificate is in exactly one queue.
 */
export const TABS: readonly Tab[] = [
  {
    key: "today",
    label: "今日信息",
    filters: (today) => ({ sentFrom: today, sentTo: today }),
    sort: "sentAt",
    dir: "desc",
    count: (_, sentToday) => sentToday,
  },
  { key: "eco-edi", label: "eCO-EDI", ...queue("PENDING", "ECO", "EDI") },
  { key: "eco-pending", label: "eCO-待审", ...queue("PENDING", "ECO", "WEB") },
  { key: "eco-print", label: "eCO-待打印", ...queue("APPROVED", "ECO") },
  { key: "pco-edi", label: "PCO-EDI", ...queue("PENDING", "PCO", "EDI") },
  { key: "pco-pending", label: "PCO-待审", ...queue("PENDING", "PCO", "WEB") },
  { key: "pco-print", label: "PCO-待打印", ...queue("APPROVED", "PCO") },
];

export const DEFAULT_TAB = "today";
/** The search tab: every certificate of the office, narrowed by the search form. */
export const SEARCH_TAB = "all";

const optional = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => s || undefined);
const day = optional.refine((s) => s === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))), M.badDate);
const oneOf = <T extends string>(values: readonly T[]) => optional.transform((s) => (values.includes(s as T) ? (s as T) : undefined));

/** The search form (GET parameters): the enterprise list's filters plus the enterprise. Unknown choices are ignored. */
export const searchSchema = z.object({
  enterprise: optional,
  invoiceNo: optional,
  applicationNo: optional,
  number: optional,
  type: oneOf(listCertificateTypes().map((t) => t.code)),
  status: oneOf(STATUSES),
  printMode: oneOf(["ECO", "PCO"] as const),
  source: oneOf(["WEB", "EDI"] as const),
  invoiceDateFrom: day,
  invoiceDateTo: day,
  createdFrom: day,
  createdTo: day,
  importer: optional,
  printed: oneOf(["yes", "no"] as const),
  visaPoint: optional,
});
export type SearchForm = z.infer<typeof searchSchema>;
export const SEARCH_FIELDS = Object.keys(searchSchema.shape) as (keyof SearchForm)[];

export function searchToFilters(s: SearchForm): CertificateFilters {
  const { printed, ...rest } = s;
  const filters: CertificateFilters = { ...rest, ...(printed ? { printed: printed === "yes" } : {}) };
  for (const k of Object.keys(filters) as (keyof CertificateFilters)[]) if (filters[k] === undefined) delete filters[k];
  return filters;
}

export { statusLabel };

// ---- reading a body ----

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const countryText = (code: string | null | undefined) => {
  const c = code ? findCountry(code) : undefined;
  return c ? countryLabel(c) : text(code);
};
const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? "" : v ? M.yes : M.no);

/** A body field (contract path, not under goods) as the office reads it. */
export function fieldText(body: CertificateBody, path: string, extra: { marksImage?: boolean } = {}): string {
  switch (path) {
    case "transport.from":
    case "transport.to": {
      const place = path === "transport.from" ? body.transport?.from : body.transport?.to;
      return [text(place?.port), countryText(place?.country)].filter(Boolean).join(", ");
    }
    case "transport.routeText":
      return routeLine(body.transport);
    case "consignee.country":
      return countryText(body.consignee?.country);
    case "destinationCountry":
      return countryText(body.destinationCountry);
    case "marksImage":
      return extra.marksImage ? "已上传（打印在续页）" : "";
    case "localPrint":
    case "printSeal":
      return yesNo(body[path]);
    case "printMode":
      return printModeLabel(body.printMode);
  }
  let v: unknown = body;
  for (const part of path.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
  return text(v);
}

/** A goods field (`goods.*.x`) of line `index` as the office reads it. */
export function lineFieldText(line: GoodsLine, field: string, index: number): string {
  switch (field) {
    case "goods.*.itemNumber":
      return String(index + 1);
    case "goods.*.packages":
      return [text(line.packages?.count), text(line.packages?.kind)].filter(Boolean).join(" ");
    case "goods.*.quantity":
      return [text(line.quantity?.value), text(line.quantity?.unit)].filter(Boolean).join(" ");
    default:
      return text((line as Record<string, unknown>)[field.slice("goods.*.".length)]);
  }
}

// ---- what changed ----

export type FieldChange = { label: string; before: string; after: string };
export type LineChange = { no: number; kind: "added" | "removed" | "changed"; changes: FieldChange[] };

/** The fields compared, as the review page reads them (a place is one field: port and country). */
const COMPARED = [
  "exporter.name",
  "exporter.address",
  "producer.name",
  "producer.address",
  "consignee.name",
  "consignee.address",
  "consignee.country",
  "destinationCountry",
  "transport.from",
  "transport.to",
  "transport.via",
  "transport.mode",
  "transport.departureDate",
  "transport.vessel",
  "transport.routeText",
  "invoice.number",
  "invoice.date",
  "invoice.currency",
  "handSigner",
  "remarks",
  "printMode",
  "localPrint",
  "printSeal",
  "copies",
  "exportCustoms",
  "declarationNo",
];
const LINE_COMPARED = [
  "goods.*.marks",
  "goods.*.packages",
  "goods.*.description",
  "goods.*.hsCode",
  "goods.*.originCriterion",
  "goods.*.quantity",
  "goods.*.grossWeightKg",
  "goods.*.value",
];

/**
 * What changed between two versions of a certificate, as the office reads them: each field that
 * differs, then each goods line added, removed or changed (by position), field by field.
 */
export function diffCertificates(before: CertificateBody, after: CertificateBody): { fields: FieldChange[]; lines: LineChange[] } {
  const fields = COMPARED.flatMap((f) => {
    const [b, a] = [fieldText(before, f), fieldText(after, f)];
    return b === a ? [] : [{ label: FIELD_LABELS[f]!, before: b, after: a }];
  });
  const [old, now] = [before.goods ?? [], after.goods ?? []];
  const lines: LineChange[] = [];
  for (let i = 0; i < Math.max(old.length, now.length); i++) {
    const [b, a] = [old[i], now[i]];
    const changes = LINE_COMPARED.flatMap((f) => {
      const [x, y] = [b ? lineFieldText(b, f, i) : "", a ? lineFieldText(a, f, i) : ""];
      return x === y ? [] : [{ label: FIELD_LABELS[f]!, before: x, after: y }];
    });
    if (!b) lines.push({ no: i + 1, kind: "added", changes });
    else if (!a) lines.push({ no: i + 1, kind: "removed", changes });
    else if (changes.length) lines.push({ no: i + 1, kind: "changed", changes });
  }
  return { fields, lines };
}

/** Fields a certificate carries that no box prints (declared to the office only). */
export const UNBOXED_FIELDS = ["printMode", "localPrint", "printSeal", "copies", "exportCustoms", "declarationNo"] as const;

// ---- export ----

export type ExportColumn = { header: string; width: number; value: (r: CertificateListRow, seq: number) => string | number | null };

const dateText = (d: Date | null) => (d ? formatDateTime(d) : null);

/** The export's columns: the desk's columns first (manual §四(一)), then what the office most asks about. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: M.columns.seq, width: 7, value: (_, seq) => seq },
  { header: M.columns.regNo, width: 12, value: (r) => r.regNo },
  { header: M.columns.enterpriseName, width: 30, value: (r) => r.enterpriseName },
  { header: M.columns.visaPoint, width: 10, value: (r) => r.visaPoint },
  { header: M.columns.smallMicro, width: 6, value: (r) => (r.smallMicro ? M.yes : M.no) },
  { header: M.columns.invoiceNo, width: 20, value: (r) => r.invoiceNo },
  { header: M.columns.status, width: 14, value: (r) => statusLabel(r.status) },
  { header: M.applicationNo, width: 16, value: (r) => r.applicationNo },
  { header: M.number, width: 18, value: (r) => r.number },
  { header: M.columns.type, width: 12, value: (r) => typeLabel(r.type) },
  { header: M.printMode, width: 8, value: (r) => printModeLabel(r.printMode) },
  { header: M.source, width: 8, value: (r) => M.sources[r.source] ?? r.source },
  { header: "发票日期", width: 12, value: (r) => r.invoiceDate },
  { header: "发票金额", width: 14, value: (r) => (r.invoiceAmount === null ? null : Number(r.invoiceAmount)) },
  { header: "进口商", width: 30, value: (r) => r.importerName },
  { header: "目的国", width: 8, value: (r) => r.destinationCountry },
  { header: "手签员", width: 10, value: (r) => r.handSigner },
  { header: "打印次数", width: 8, value: (r) => r.printCount },
  { header: M.sentAt, width: 17, value: (r) => dateText(r.sentAt) },
  { header: "退回原因", width: 30, value: (r) => r.returnReason },
];
