/**
 * 导入商品 (Excel): the pure part. Which column of a workbook is which goods-line field (the
 * template's bilingual headers and the names ERP exports and invoices commonly use), and each data
 * row turned into a goods line with every cell problem named by its row and column. Reading the
 * workbook safely is src/lib/xlsx-read.ts; saving is goods-import-service.ts.
 */
import { unstorableChar, unstorableMessage } from "../../../lib/charset.ts";
import type { XlsxCell } from "../../../lib/xlsx-read.ts";
import type { GoodsLine } from "../edi/contract.ts";
import type { FiledProduct } from "./form-ops.ts";
import { GIM } from "./goods-import-messages.ts";
import type { CertificateType } from "../registry.ts";
import { hsCodesAgree } from "../checks/review-goods.ts";

export type ImportColumnKey =
  | "marks"
  | "packagesCount"
  | "packagesKind"
  | "description"
  | "hsCode"
  | "quantity"
  | "unit"
  | "grossWeight"
  | "value"
  | "criterion"
  | "invoiceNo";

/** The template's columns in order: header (Chinese and English) and the other names recognised. */
export const IMPORT_COLUMNS: readonly { key: ImportColumnKey; zh: string; en: string; aliases: readonly string[]; width: number }[] = [
  {
    key: "marks",
    zh: "唛头",
    en: "Marks and numbers",
    aliases: ["唛头及编号", "唛头及号码", "标记", "标记及号码", "marks", "marksnos", "shippingmarks", "mark"],
    width: 18,
  },
  {
    key: "packagesCount",
    zh: "件数",
    en: "Number of packages",
    aliases: ["包装件数", "箱数", "包装数量", "packages", "noofpackages", "pkgs", "ctns", "packagecount"],
    width: 10,
  },
  {
    key: "packagesKind",
    zh: "包装种类",
    en: "Kind of packages",
    aliases: ["包装类型", "包装单位", "包装", "packagekind", "packagetype", "packing"],
    width: 14,
  },
  {
    key: "description",
    zh: "货物名称（英文）",
    en: "Description of goods",
    aliases: ["货物名称", "英文品名", "品名", "商品名称", "货物描述", "description", "goodsdescription", "commodity", "goods"],
    width: 36,
  },
  { key: "hsCode", zh: "HS编码", en: "HS code", aliases: ["商品编码", "hs编号", "税则号", "税号", "hs", "hscode", "tariffcode", "hstariffcode"], width: 14 },
  { key: "quantity", zh: "数量", en: "Quantity", aliases: ["qty", "quantity"], width: 10 },
  { key: "unit", zh: "单位", en: "Unit", aliases: ["数量单位", "计量单位", "unit", "uom"], width: 10 },
  {
    key: "grossWeight",
    zh: "毛重（千克）",
    en: "Gross weight (kg)",
    aliases: ["毛重", "毛重kg", "毛重kgs", "毛重千克", "毛重公斤", "gw", "gwkg", "gwkgs", "grossweight", "grossweightkg", "grossweightkgs"],
    width: 14,
  },
  { key: "value", zh: "金额", en: "Value", aliases: ["货值", "发票金额", "fob值", "fob", "value", "amount", "invoicevalue", "fobvalue"], width: 12 },
  { key: "criterion", zh: "原产地标准", en: "Origin criterion", aliases: ["origincriterion", "criterion", "originstandard"], width: 12 },
  { key: "invoiceNo", zh: "发票号", en: "Invoice no.", aliases: ["发票号码", "invoiceno", "invoicenumber", "invoice"], width: 16 },
];

const LABEL = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.zh])) as Record<ImportColumnKey, string>;

/** Header text reduced to what names a column: lower case, no spaces, brackets, dots or slashes. */
const normalize = (s: string) => s.toLowerCase().replace(/[\s()（）[\]【】.:：/\\_\-#№,，、&＆]+/g, "");

const NAMES: readonly { key: ImportColumnKey; names: Set<string> }[] = IMPORT_COLUMNS.map((c) => ({
  key: c.key,
  names: new Set([c.zh, c.en, ...c.aliases].map(normalize)),
}));

/** The column a header names: one of its names, or two of them side by side ("HS编码 HS code", "毛重 G.W."). */
export function recogniseHeader(header: string): ImportColumnKey | null {
  const h = normalize(header);
  if (!h) return null;
  for (const { key, names } of NAMES) {
    if (names.has(h)) return key;
    for (const a of names) if (h.startsWith(a) && names.has(h.slice(a.length))) return key;
  }
  return null;
}

/** Excel column letters for a 0-based index. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export type CellProblem = { row: number; column: string; header: string; message: string };
export type ImportedLine = { row: number; line: GoodsLine; problems: CellProblem[]; filing: { hsCode: string; nameZh: string; nameEn: string } | null };
export type ImportPreview = {
  /** Problems with the sheet as a whole (no header, a required column missing, too many lines). */
  sheetProblems: string[];
  lines: ImportedLine[];
  /** Headers found but not recognised, shown so a misspelt column is noticed. */
  ignoredHeaders: string[];
};

const HEADER_SEARCH_ROWS = 10;
const REQUIRED: readonly ImportColumnKey[] = ["description", "hsCode"];

const cellText = (v: XlsxCell): string => {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v).trim();
};

/** A number in a cell, or a numeric text with thousands separators; anything else is a problem. */
function cellNumber(v: XlsxCell): number | null | "invalid" {
  if (v === null || v === "") return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : "invalid";
  if (typeof v !== "string") return "invalid";
  const t = v.trim().replace(/[,，\s]/g, "");
  if (!t) return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : "invalid";
}

/**
 * The HS code's digits. A code typed as a number loses its leading zero in Excel (chapters 01–09:
 * 0101210010 becomes 101210010), so a number with an odd count of digits gets it back.
 */
function cellHs(v: XlsxCell): string | "invalid" | null {
  if (v === null || v === "") return null;
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 0) return "invalid";
    const d = String(v);
    return /^\d{5}$|^\d{7}$|^\d{9}$/.test(d) ? `0${d}` : /^\d{6,10}$/.test(d) ? d : "invalid";
  }
  const t = cellText(v).replace(/[.\s]/g, "");
  if (!t) return null;
  return /^\d{6,10}$/.test(t) ? t : "invalid";
}

/**
 * Turns the rows of a sheet into goods lines: finds the header row (the first of the first 10 rows
 * naming at least two known columns), then reads every non-empty row below it. Each line carries
 * the problems of its cells; a line matching exactly one of the enterprise's approved filings for
 * this type (HS codes agreeing on every digit both have, as machine review matches them) is linked:
 * its empty description, unit and criterion are filled from the filing, as 填入 does.
 * `invoiceNo` is the certificate's invoice number, which every row's invoice number must match.
 */
export function mapGoodsRows({
  rows,
  type,
  products,
  invoiceNo,
  room,
}: {
  rows: readonly (readonly XlsxCell[])[];
  type: CertificateType;
  products: readonly FiledProduct[];
  invoiceNo: string | null;
  room: number;
}): ImportPreview {
  const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => new Set(r.map((c) => recogniseHeader(cellText(c))).filter(Boolean)).size >= 2);
  if (headerAt < 0) return { sheetProblems: [GIM.noHeader], lines: [], ignoredHeaders: [] };
  const header = rows[headerAt]!;
  const columns = new Map<ImportColumnKey, number>();
  const ignoredHeaders: string[] = [];
  header.forEach((cell, i) => {
    const text = cellText(cell);
    const key = recogniseHeader(text);
    if (key && !columns.has(key)) columns.set(key, i);
    else if (text) ignoredHeaders.push(`${columnLetters(i)}：${text}`);
  });
  const missing = REQUIRED.filter((k) => !columns.has(k));
  if (missing.length) return { sheetProblems: missing.map((k) => GIM.columnMissing(LABEL[k])), lines: [], ignoredHeaders };

  const criterionBox = type.criterionBox !== null;
  const lines: ImportedLine[] = [];
  let fileInvoice: string | null = invoiceNo;
  rows.slice(headerAt + 1).forEach((row, offset) => {
    if (!row.some((c) => cellText(c) !== "")) return;
    const rowNo = headerAt + offset + 2;
    const problems: CellProblem[] = [];
    const at = (key: ImportColumnKey) => (columns.has(key) ? (row[columns.get(key)!] ?? null) : null);
    const flag = (key: ImportColumnKey, message: string) => {
      const i = columns.get(key)!;
      problems.push({ row: rowNo, column: columnLetters(i), header: cellText(header[i] ?? null), message });
    };
    const text = (key: ImportColumnKey) => {
      const value = cellText(at(key));
      const cp = unstorableChar(value);
      if (cp) flag(key, unstorableMessage(cp));
      return (!cp && value) || null;
    };
    const number = (key: ImportColumnKey, check: (n: number) => boolean, message: (raw: string) => string) => {
      const n = cellNumber(at(key));
      if (n === "invalid" || (n !== null && !check(n))) {
        flag(key, message(cellText(at(key))));
        return null;
      }
      return n;
    };

    const description = text("description");
    if (!cellText(at("description"))) flag("description", GIM.descriptionMissing);
    const hs = cellHs(at("hsCode"));
    if (hs === null) flag("hsCode", GIM.hsMissing);
    else if (hs === "invalid") flag("hsCode", GIM.hsInvalid(cellText(at("hsCode"))));
    const count = number("packagesCount", (n) => Number.isInteger(n) && n >= 0, GIM.countInvalid);
    const quantity = number("quantity", (n) => n > 0, GIM.quantityInvalid);
    const grossWeightKg = number("grossWeight", (n) => n > 0, GIM.weightInvalid);
    const value = number("value", (n) => n >= 0 && Math.round(n * 100) === n * 100, GIM.valueInvalid);
    const invoice = text("invoiceNo");
    if (invoice) {
      if (fileInvoice && invoice.toUpperCase() !== fileInvoice.toUpperCase()) flag("invoiceNo", GIM.invoiceMismatch(invoice, fileInvoice));
      fileInvoice ??= invoice;
    }

    const hsCode = typeof hs === "string" && hs !== "invalid" ? hs : null;
    // Linked only when one filing agrees: with two (a 6-digit line, two filed 10-digit codes) the
    // file must say which goods these are.
    const matches = hsCode ? products.filter((p) => hsCodesAgree(p.hsCode, hsCode)) : [];
    const product = matches.length === 1 ? matches[0] : undefined;
    const filedCriterion = product?.agreements.find((a) => a.type === type.code)?.originCriterion ?? null;
    const line: GoodsLine = {
      marks: text("marks"),
      packages: { count, kind: text("packagesKind") },
      description: description ?? product?.nameEn ?? null,
      hsCode,
      originCriterion: criterionBox ? (text("criterion") ?? filedCriterion) : null,
      quantity: { value: quantity, unit: text("unit") ?? product?.unit ?? null },
      grossWeightKg,
      value,
    };
    // A filed product names what the description is missing, so its absence is no longer a problem.
    const kept = product && !description ? problems.filter((p) => p.message !== GIM.descriptionMissing) : problems;
    lines.push({ row: rowNo, line, problems: kept, filing: product ? { hsCode: product.hsCode, nameZh: product.nameZh, nameEn: product.nameEn } : null });
  });

  const sheetProblems: string[] = [];
  if (!lines.length) sheetProblems.push(GIM.noLines);
  const good = lines.filter((l) => !l.problems.length).length;
  if (good > room) sheetProblems.push(GIM.tooManyLines(good, room));
  return { sheetProblems, lines, ignoredHeaders };
}
