/**
 * What every Excel import of certificates shares (导入商品 on one certificate, 批量导入 of whole
 * applications): recognising columns by their header (the template's bilingual names and common
 * aliases), finding the header row, reading a cell as text, number or HS code with each problem
 * named by its row and column, and one goods line from a row. Reading the workbook safely is
 * src/lib/xlsx-read.ts.
 */
import { unstorableChar, unstorableMessage } from "../../../lib/charset.ts";
import type { XlsxCell } from "../../../lib/xlsx-read.ts";
import { createXlsxWriter } from "../../../lib/xlsx-write.ts";
import { hsCodesAgree } from "../checks/review-goods.ts";
import type { GoodsLine } from "../edi/contract.ts";
import type { CertificateType } from "../registry.ts";
import type { FiledProduct } from "./form-ops.ts";
import { GIM } from "./goods-import-messages.ts";

export type ImportColumn<K extends string> = { key: K; zh: string; en: string; aliases: readonly string[]; width: number };
export type CellProblem = { row: number; column: string; header: string; message: string };
export type LinkedFiling = { hsCode: string; nameZh: string; nameEn: string };

/** Header text reduced to what names a column: lower case, no spaces, brackets, dots or slashes. */
const normalize = (s: string) => s.toLowerCase().replace(/[\s()（）[\]【】.:：/\\_\-#№,，、&＆]+/g, "");

/** A recogniser for these columns: one of a column's names, or two of them side by side ("HS编码 HS code", "毛重 G.W."). */
export function headerRecogniser<K extends string>(columns: readonly ImportColumn<K>[]): (header: string) => K | null {
  const named = columns.map((c) => ({ key: c.key, names: new Set([c.zh, c.en, ...c.aliases].map(normalize)) }));
  return (header) => {
    const h = normalize(header);
    if (!h) return null;
    for (const { key, names } of named) {
      if (names.has(h)) return key;
      for (const a of names) if (h.startsWith(a) && names.has(h.slice(a.length))) return key;
    }
    return null;
  };
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

export const cellText = (v: XlsxCell | undefined): string => {
  if (v === null || v === undefined) return "";
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

const HEADER_SEARCH_ROWS = 10;

export type SheetHeader<K extends string> = { at: number; cells: readonly XlsxCell[]; columns: Map<K, number>; ignored: string[] };

/**
 * The header row: the first of the first 10 rows naming at least two known columns. Headers found
 * but not recognised are listed, so a misspelt column is noticed. Null when there is none.
 */
export function locateHeader<K extends string>(rows: readonly (readonly XlsxCell[])[], recognise: (h: string) => K | null): SheetHeader<K> | null {
  const at = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => new Set(r.map((c) => recognise(cellText(c))).filter(Boolean)).size >= 2);
  if (at < 0) return null;
  const cells = rows[at]!;
  const columns = new Map<K, number>();
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const text = cellText(cell);
    const key = recognise(text);
    if (key && !columns.has(key)) columns.set(key, i);
    else if (text) ignored.push(`${columnLetters(i)}：${text}`);
  });
  return { at, cells, columns, ignored };
}

/** The data rows below the header that hold anything, with their sheet row numbers (1-based, as Excel shows). */
export function dataRows(rows: readonly (readonly XlsxCell[])[], header: SheetHeader<string>) {
  return rows
    .slice(header.at + 1)
    .map((cells, offset) => ({ cells, rowNo: header.at + offset + 2 }))
    .filter((r) => r.cells.some((c) => cellText(c) !== ""));
}

/** Reads one row's cells by column key, collecting each cell's problem with its row and column. */
export function rowReader<K extends string>(header: SheetHeader<K>, cells: readonly XlsxCell[], rowNo: number) {
  const problems: CellProblem[] = [];
  const at = (key: K): XlsxCell => (header.columns.has(key) ? (cells[header.columns.get(key)!] ?? null) : null);
  const flag = (key: K, message: string) => {
    const i = header.columns.get(key)!;
    problems.push({ row: rowNo, column: columnLetters(i), header: cellText(header.cells[i] ?? null), message });
  };
  return {
    rowNo,
    problems,
    at,
    flag,
    raw: (key: K) => cellText(at(key)),
    text(key: K): string | null {
      const value = cellText(at(key));
      const cp = unstorableChar(value);
      if (cp) flag(key, unstorableMessage(cp));
      return (!cp && value) || null;
    },
    number(key: K, check: (n: number) => boolean, message: (raw: string) => string): number | null {
      const n = cellNumber(at(key));
      if (n === "invalid" || (n !== null && !check(n))) {
        flag(key, message(cellText(at(key))));
        return null;
      }
      return n;
    },
    hs(key: K): string | null {
      const hs = cellHs(at(key));
      if (hs === null) flag(key, GIM.hsMissing);
      else if (hs === "invalid") flag(key, GIM.hsInvalid(cellText(at(key))));
      return hs === "invalid" ? null : hs;
    },
  };
}
export type RowReader<K extends string> = ReturnType<typeof rowReader<K>>;

export type GoodsColumnKey =
  | "marks"
  | "packagesCount"
  | "packagesKind"
  | "description"
  | "hsCode"
  | "quantity"
  | "unit"
  | "grossWeight"
  | "value"
  | "criterion";

/**
 * One goods line from a row. A line matching exactly one of the enterprise's approved filings for
 * this type (HS codes agreeing on every digit both have, as machine review matches them) is linked:
 * its empty description, unit and criterion are filled from the filing, as 填入 does.
 */
export function readGoodsLine(
  r: RowReader<GoodsColumnKey>,
  { type, products }: { type: CertificateType; products: readonly FiledProduct[] },
): { line: GoodsLine; filing: LinkedFiling | null } {
  const description = r.text("description");
  if (!r.raw("description")) r.flag("description", GIM.descriptionMissing);
  const hsCode = r.hs("hsCode");
  const count = r.number("packagesCount", (n) => Number.isInteger(n) && n >= 0, GIM.countInvalid);
  const quantity = r.number("quantity", (n) => n > 0, GIM.quantityInvalid);
  const grossWeightKg = r.number("grossWeight", (n) => n > 0, GIM.weightInvalid);
  const value = r.number("value", (n) => n >= 0 && Math.round(n * 100) === n * 100, GIM.valueInvalid);
  // Linked only when one filing agrees: with two (a 6-digit line, two filed 10-digit codes) the
  // file must say which goods these are.
  const matches = hsCode ? products.filter((p) => hsCodesAgree(p.hsCode, hsCode)) : [];
  const product = matches.length === 1 ? matches[0] : undefined;
  const filedCriterion = product?.agreements.find((a) => a.type === type.code)?.originCriterion ?? null;
  // A filed product names what the description is missing, so its absence is no longer a problem.
  if (product && !description) {
    const i = r.problems.findIndex((p) => p.message === GIM.descriptionMissing);
    if (i >= 0) r.problems.splice(i, 1);
  }
  return {
    line: {
      marks: r.text("marks"),
      packages: { count, kind: r.text("packagesKind") },
      description: description ?? product?.nameEn ?? null,
      hsCode,
      originCriterion: type.criterionBox !== null ? (r.text("criterion") ?? filedCriterion) : null,
      quantity: { value: quantity, unit: r.text("unit") ?? product?.unit ?? null },
      grossWeightKg,
      value,
    },
    filing: product ? { hsCode: product.hsCode, nameZh: product.nameZh, nameEn: product.nameEn } : null,
  };
}

/** An import template: one header row naming each column in Chinese and English. */
export function templateWorkbook<K extends string>({
  sheetName,
  columns,
}: {
  sheetName: string;
  columns: readonly ImportColumn<K>[];
}): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  const writer = createXlsxWriter({
    sheetName,
    columns: columns.map((c) => ({ header: `${c.zh} ${c.en}`, width: c.width })),
    onData: (chunk) => chunks.push(chunk),
  });
  writer.finish();
  return new Uint8Array(Buffer.concat(chunks));
}
