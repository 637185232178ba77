/**
 * 批量导入: the pure part. One sheet holds several applications, one goods line per row; rows with
 * the same invoice number form one application, whose own fields (type, consignee, destination,
 * transport …) are read from its first row that gives them; a later row that says otherwise is a
 * problem. Columns, header search, cells and goods lines are the goods import's (form/import-sheet.ts).
 */
import type { XlsxCell } from "../../../lib/xlsx-read.ts";
import { COUNTRIES, type CertificateTypeCode, findTransportMode, TRANSPORT_MODES } from "../../reference/index.ts";
import { type GoodsLine, MAX_GOODS_LINES } from "../edi/contract.ts";
import type { FiledProduct } from "../form/form-ops.ts";
import { IMPORT_COLUMNS } from "../form/goods-import.ts";
import {
  type CellProblem,
  dataRows,
  headerRecogniser,
  type ImportColumn,
  type LinkedFiling,
  locateHeader,
  readGoodsLine,
  type RowReader,
  rowReader,
} from "../form/import-sheet.ts";
import { typeLabel } from "../labels.ts";
import { certificateType, listCertificateTypes } from "../registry.ts";
import { BIM, MAX_APPLICATIONS } from "./bulk-import-messages.ts";

type ApplicationKey =
  | "invoiceNo"
  | "type"
  | "printMode"
  | "invoiceDate"
  | "currency"
  | "consigneeName"
  | "consigneeAddress"
  | "consigneeCountry"
  | "destinationCountry"
  | "loadingPort"
  | "dischargePort"
  | "via"
  | "transportMode"
  | "departureDate"
  | "vessel"
  | "remarks";
export type BulkColumnKey = ApplicationKey | (typeof IMPORT_COLUMNS)[number]["key"];

const col = (key: ApplicationKey, zh: string, en: string, aliases: string[], width = 16): ImportColumn<ApplicationKey> => ({ key, zh, en, aliases, width });

/** The template's columns: the application's fields, then the goods import's goods-line columns. */
export const BULK_COLUMNS: readonly ImportColumn<BulkColumnKey>[] = [
  IMPORT_COLUMNS.find((c) => c.key === "invoiceNo")!,
  col("type", "证书类型", "Certificate type", ["证书种类", "证书类别", "证书", "type", "certificatetype", "formtype", "form"], 14),
  col("printMode", "证书形式", "Print mode", ["打印方式", "printmode", "ecopco"], 10),
  col("invoiceDate", "发票日期", "Invoice date", ["开票日期", "invoicedate"], 12),
  col("currency", "币种", "Currency", ["币制", "货币", "currency"], 8),
  col("consigneeName", "收货人名称", "Consignee name", ["收货人", "进口商", "consignee", "importer", "buyer"], 28),
  col("consigneeAddress", "收货人地址", "Consignee address", ["进口商地址", "consigneeaddress", "importeraddress"], 36),
  col("consigneeCountry", "收货人国家", "Consignee country", ["进口国", "consigneecountry", "importercountry"], 12),
  col("destinationCountry", "目的国", "Destination country", ["目的国家", "运抵国", "最终目的国", "destination", "countryofdestination"], 12),
  col("loadingPort", "装运港", "Port of loading", ["起运港", "装货港", "启运港", "pol", "portofloading", "loadingport"]),
  col("dischargePort", "目的港", "Port of discharge", ["卸货港", "指运港", "pod", "portofdischarge", "dischargeport"]),
  col("via", "中转港", "Via", ["转运港", "via", "transitport"], 12),
  col("transportMode", "运输方式", "Means of transport", ["mode", "transport", "shipby", "transportmode"], 12),
  col("departureDate", "离港日期", "Departure date", ["出运日期", "装运日期", "开航日期", "shipmentdate", "etd", "departuredate"], 12),
  col("vessel", "运输工具", "Vessel/flight no.", ["船名航次", "航班号", "运输工具名称", "vessel", "vesselname", "vesselvoyage", "flightno"]),
  col("remarks", "备注", "Remarks", ["remarks", "remark", "notes"], 24),
  ...IMPORT_COLUMNS.filter((c) => c.key !== "invoiceNo"),
];

export const recogniseBulkHeader = headerRecogniser(BULK_COLUMNS);
const LABEL = Object.fromEntries(BULK_COLUMNS.map((c) => [c.key, c.zh])) as Record<BulkColumnKey, string>;
const REQUIRED: readonly BulkColumnKey[] = ["invoiceNo", "type", "description", "hsCode"];

/** The application's own fields as read from the sheet, before they become a certificate body. */
export type ApplicationFields = {
  invoiceNo: string;
  type: CertificateTypeCode | null;
  printMode: "ECO" | "PCO" | null;
  invoiceDate: string | null;
  currency: string | null;
  consignee: { name: string | null; address: string | null; country: string | null };
  destinationCountry: string | null;
  loadingPort: string | null;
  dischargePort: string | null;
  via: string | null;
  transportMode: string | null;
  departureDate: string | null;
  vessel: string | null;
  remarks: string | null;
};
export type BulkLine = { row: number; line: GoodsLine; filing: LinkedFiling | null };
export type BulkApplication = {
  fields: ApplicationFields;
  firstRow: number;
  lines: BulkLine[];
  /** Every cell problem of its rows, by row. */
  problems: CellProblem[];
  /** Problems of the application as a whole (too many goods lines). */
  whole: string[];
};
export type BulkPreview = { sheetProblems: string[]; applications: BulkApplication[]; ignoredHeaders: string[] };

const squash = (s: string) => s.toUpperCase().replace(/[\s_\-–—()（）]/g, "");
const TYPE_NAMES = new Map<string, CertificateTypeCode>(
  listCertificateTypes().flatMap((t) => [squash(t.code), squash(t.nameZh), squash(typeLabel(t.code))].map((n) => [n, t.code] as const)),
);
const COUNTRY_NAMES = new Map<string, string>(
  COUNTRIES.flatMap((c) => [c.iso2, c.iso3, c.nameEn, c.nameZh].map((n) => [n.toUpperCase().trim(), c.iso2] as const)),
);
const MODE_NAMES = new Map(TRANSPORT_MODES.map((m) => [m.nameZh, m.code]));
const PRINT_MODES: Record<string, "ECO" | "PCO"> = { ECO: "ECO", PCO: "PCO", 电子: "ECO", 电子证书: "ECO", 套打: "PCO", 套打证书: "PCO" };

/** A date cell (Excel date, or text 2026-12-01, 2026/12/1, 2026.12.1) as YYYY-MM-DD. */
function dateOf(r: RowReader<BulkColumnKey>, key: BulkColumnKey): string | null {
  const raw = r.text(key);
  if (!raw) return null;
  const m = raw.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
  const iso = m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : "";
  const d = new Date(`${iso}T00:00:00Z`);
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    r.flag(key, BIM.dateInvalid(raw));
    return null;
  }
  return iso;
}

/** A value looked up in a table (a type, a country), the cell flagged when the table has no such name. */
function lookUp<T>(r: RowReader<BulkColumnKey>, key: BulkColumnKey, find: (raw: string) => T | undefined, message: (raw: string) => string): T | null {
  const raw = r.text(key);
  if (!raw) return null;
  const found = find(raw);
  if (found === undefined) r.flag(key, message(raw));
  return found ?? null;
}

/** One row's application fields: what a row gives, null where its cell is empty (or wrong, then flagged). */
function readFields(r: RowReader<BulkColumnKey>, invoiceNo: string) {
  const country = (key: BulkColumnKey) => lookUp(r, key, (raw) => COUNTRY_NAMES.get(raw.toUpperCase()), BIM.countryInvalid);
  return {
    invoiceNo,
    type: lookUp(r, "type", (raw) => TYPE_NAMES.get(squash(raw)), BIM.typeInvalid),
    printMode: lookUp(r, "printMode", (raw) => PRINT_MODES[squash(raw)], BIM.printModeInvalid),
    invoiceDate: dateOf(r, "invoiceDate"),
    currency: r.text("currency")?.toUpperCase() ?? null,
    consigneeName: r.text("consigneeName"),
    consigneeAddress: r.text("consigneeAddress"),
    consigneeCountry: country("consigneeCountry"),
    destinationCountry: country("destinationCountry"),
    loadingPort: r.text("loadingPort"),
    dischargePort: r.text("dischargePort"),
    via: r.text("via"),
    transportMode: lookUp(r, "transportMode", (raw) => findTransportMode(raw)?.code ?? MODE_NAMES.get(raw.trim()), BIM.modeInvalid),
    departureDate: dateOf(r, "departureDate"),
    vessel: r.text("vessel"),
    remarks: r.text("remarks"),
  };
}
type RowFields = ReturnType<typeof readFields>;

type Group = { firstRow: number; rows: { r: RowReader<BulkColumnKey>; fields: RowFields }[] };

/**
 * The application's fields: each from the first row giving it. A later row giving another value is
 * flagged at its cell, so two invoices accidentally sharing a number are noticed.
 */
function mergeFields(group: Group): ApplicationFields {
  const first = new Map<keyof RowFields, { value: string; row: number }>();
  for (const { r, fields } of group.rows) {
    for (const [k, value] of Object.entries(fields) as [keyof RowFields, string | null][]) {
      if (value === null || k === "invoiceNo") continue;
      const seen = first.get(k);
      if (!seen) first.set(k, { value, row: r.rowNo });
      else if (seen.value !== value) r.flag(k, BIM.conflicting(r.raw(k), seen.row, seen.value));
    }
  }
  const v = (k: keyof RowFields) => first.get(k)?.value ?? null;
  return {
    invoiceNo: group.rows[0]!.fields.invoiceNo,
    type: v("type") as CertificateTypeCode | null,
    printMode: v("printMode") as "ECO" | "PCO" | null,
    invoiceDate: v("invoiceDate"),
    currency: v("currency"),
    consignee: { name: v("consigneeName"), address: v("consigneeAddress"), country: v("consigneeCountry") },
    destinationCountry: v("destinationCountry"),
    loadingPort: v("loadingPort"),
    dischargePort: v("dischargePort"),
    via: v("via"),
    transportMode: v("transportMode"),
    departureDate: v("departureDate"),
    vessel: v("vessel"),
    remarks: v("remarks"),
  };
}

/**
 * Turns a sheet into applications, one per invoice number (compared without regard to case), in the
 * order they first appear. Every cell problem is named by row and column; a row without an invoice
 * number belongs to no application and is a problem of the sheet. `productsFor` gives the
 * enterprise's approved filings usable on a type, to link goods lines as the goods import does.
 */
export function mapApplicationRows({
  rows,
  productsFor,
}: {
  rows: readonly (readonly XlsxCell[])[];
  productsFor: (type: CertificateTypeCode) => readonly FiledProduct[];
}): BulkPreview & { orphanProblems: CellProblem[] } {
  const header = locateHeader(rows, recogniseBulkHeader);
  if (!header) return { sheetProblems: [BIM.noHeader], applications: [], ignoredHeaders: [], orphanProblems: [] };
  const missing = REQUIRED.filter((k) => !header.columns.has(k));
  if (missing.length)
    return { sheetProblems: missing.map((k) => BIM.columnMissing(LABEL[k])), applications: [], ignoredHeaders: header.ignored, orphanProblems: [] };

  const groups = new Map<string, Group>();
  const orphanProblems: CellProblem[] = [];
  const body = dataRows(rows, header);
  for (const { cells, rowNo } of body) {
    const r = rowReader(header, cells, rowNo);
    const invoiceNo = r.text("invoiceNo");
    if (!invoiceNo) {
      if (!r.problems.length) r.flag("invoiceNo", BIM.invoiceMissing);
      orphanProblems.push(...r.problems);
      continue;
    }
    const key = invoiceNo.toUpperCase();
    const group = groups.get(key) ?? { firstRow: rowNo, rows: [] };
    group.rows.push({ r, fields: readFields(r, invoiceNo) });
    groups.set(key, group);
  }

  const sheetProblems: string[] = [];
  if (!body.length) sheetProblems.push(BIM.noLines);
  if (groups.size > MAX_APPLICATIONS) sheetProblems.push(BIM.tooManyApplications(groups.size));
  const applications = [...groups.values()].map((group): BulkApplication => {
    const fields = mergeFields(group);
    if (!group.rows.some(({ r }) => r.raw("type"))) group.rows[0]!.r.flag("type", BIM.typeMissing);
    // Without a known type the goods are still read (as a general certificate) so their problems show too.
    const type = certificateType(fields.type ?? "GENERAL");
    const products = productsFor(type.code);
    const lines = group.rows.map(({ r }) => ({ row: r.rowNo, ...readGoodsLine(r, { type, products }) }));
    const problems = group.rows.flatMap(({ r }) => r.problems).sort((a, b) => a.row - b.row);
    const whole = lines.length > MAX_GOODS_LINES ? [BIM.tooManyLines(lines.length, MAX_GOODS_LINES)] : [];
    return { fields, firstRow: group.firstRow, lines, problems, whole };
  });
  return { sheetProblems, applications, ignoredHeaders: header.ignored, orphanProblems };
}
