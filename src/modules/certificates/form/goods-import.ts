/**
 * 导入商品 (Excel): the pure part. Which column of a workbook is which goods-line field (the
 * template's bilingual headers and the names ERP exports and invoices commonly use), and each data
 * row turned into a goods line with every cell problem named by its row and column. Reading the
 * workbook safely is src/lib/xlsx-read.ts; saving is goods-import-service.ts.
 */
import type { XlsxCell } from "../../../lib/xlsx-read.ts";
import type { GoodsLine } from "../edi/contract.ts";
import type { FiledProduct } from "./form-ops.ts";
import { GIM } from "./goods-import-messages.ts";
import type { CertificateType } from "../registry.ts";
import {
  type CellProblem,
  columnLetters,
  dataRows,
  type GoodsColumnKey,
  headerRecogniser,
  type ImportColumn,
  type LinkedFiling,
  locateHeader,
  readGoodsLine,
  rowReader,
} from "./import-sheet.ts";

export type ImportColumnKey = GoodsColumnKey | "invoiceNo";

/** The template's columns in order: header (Chinese and English) and the other names recognised. */
export const IMPORT_COLUMNS: readonly ImportColumn<ImportColumnKey>[] = [
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

/** The column a header names, among the goods import's columns. */
export const recogniseHeader = headerRecogniser(IMPORT_COLUMNS);

export { columnLetters, type CellProblem };
export type ImportedLine = { row: number; line: GoodsLine; problems: CellProblem[]; filing: LinkedFiling | null };
export type ImportPreview = {
  /** Problems with the sheet as a whole (no header, a required column missing, too many lines). */
  sheetProblems: string[];
  lines: ImportedLine[];
  /** Headers found but not recognised, shown so a misspelt column is noticed. */
  ignoredHeaders: string[];
};

const REQUIRED: readonly ImportColumnKey[] = ["description", "hsCode"];

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
  const header = locateHeader(rows, recogniseHeader);
  if (!header) return { sheetProblems: [GIM.noHeader], lines: [], ignoredHeaders: [] };
  const missing = REQUIRED.filter((k) => !header.columns.has(k));
  if (missing.length) return { sheetProblems: missing.map((k) => GIM.columnMissing(LABEL[k])), lines: [], ignoredHeaders: header.ignored };

  const lines: ImportedLine[] = [];
  let fileInvoice: string | null = invoiceNo;
  for (const { cells, rowNo } of dataRows(rows, header)) {
    const r = rowReader(header, cells, rowNo);
    const { line, filing } = readGoodsLine(r, { type, products });
    const invoice = r.text("invoiceNo");
    if (invoice) {
      if (fileInvoice && invoice.toUpperCase() !== fileInvoice.toUpperCase()) r.flag("invoiceNo", GIM.invoiceMismatch(invoice, fileInvoice));
      fileInvoice ??= invoice;
    }
    lines.push({ row: rowNo, line, problems: r.problems, filing });
  }
  const ignoredHeaders = header.ignored;

  const sheetProblems: string[] = [];
  if (!lines.length) sheetProblems.push(GIM.noLines);
  const good = lines.filter((l) => !l.problems.length).length;
  if (good > room) sheetProblems.push(GIM.tooManyLines(good, room));
  return { sheetProblems, lines, ignoredHeaders };
}
