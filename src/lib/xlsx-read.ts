/**
 * Reads one worksheet of an uploaded .xlsx safely. A workbook is a ZIP of XML parts, cheap to make
 * hostile (a few KB that inflate to gigabytes, a shared-string table of millions of entries, a cell
 * at XFD1048576 that makes any reader allocate a million rows), so it is checked in this order and
 * refused with a Chinese message at the first limit it passes, before anything is held whole:
 *   1. the upload's size (≤ 5 MB) and its leading bytes (a ZIP; an old .xls is named as such);
 *   2. the ZIP central directory alone: entry count, each XML part's declared uncompressed size,
 *      their total, the shared-string table's own cap, compression methods, no ZIP64;
 *   3. every XML part inflated as a stream into a counter (nothing kept but the workbook's sheet
 *      list): an entry that inflates past what it declared is a bomb, and the worksheets' row and
 *      cell references are counted as they stream by (≤ 5,000 data rows, ≤ 64 columns);
 * and only then handed to read-excel-file (docs/decisions/0017-xlsx-import.md), which reads cached
 * formula results as values and never looks at macros (vbaProject.bin) or external links.
 */
import { Inflate } from "fflate";
import { readSheet } from "read-excel-file/universal";

export type XlsxCell = string | number | boolean | Date | null;

export const XLSX_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  /** Data rows, the header row not counted. */
  maxRows: 5_000,
  maxColumns: 64,
  maxEntries: 2_000,
  /** Any one XML part, inflated. */
  maxPartBytes: 40 * 1024 * 1024,
  /** Every XML part together, inflated: what the reader may hold at once. */
  maxTotalBytes: 80 * 1024 * 1024,
  maxSharedStringsBytes: 16 * 1024 * 1024,
} as const;

export type XlsxProblem = "too_large" | "xls" | "not_xlsx" | "bomb" | "shared_strings" | "too_many_rows" | "too_wide" | "no_sheet" | "damaged";

export const XLSX_MESSAGES: Record<XlsxProblem, string> = {
  too_large: "文件超过 5 MB，请删去无关的工作表或分成几个文件导入。",
  xls: "这是旧版 Excel (.xls) 文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入。",
  not_xlsx: "这不是 Excel (.xlsx) 文件，请选择 .xlsx 格式的工作簿。",
  bomb: "工作簿解压后的内容异常巨大（可能是恶意构造的文件），已拒绝读取。请用 Excel 重新保存后再导入。",
  shared_strings: "工作簿中的文字表（共享字符串）过大，已拒绝读取。请只保留商品明细后再导入。",
  too_many_rows: `工作表超过 ${XLSX_LIMITS.maxRows.toLocaleString("en-US")} 行数据，请分成几个文件导入。`,
  too_wide: `工作表超过 ${XLSX_LIMITS.maxColumns} 列，请删去无关的列后再导入。`,
  no_sheet: "工作簿中找不到要读取的工作表。",
  damaged: "工作簿已损坏或格式不正确，无法读取。请用 Excel 或 WPS 打开后重新保存为 .xlsx 再导入。",
};

export class XlsxRefused extends Error {
  constructor(readonly problem: XlsxProblem) {
    super(XLSX_MESSAGES[problem]);
    this.name = "XlsxRefused";
  }
}

const refuse = (problem: XlsxProblem): never => {
  throw new XlsxRefused(problem);
};

type Entry = { name: string; method: number; flags: number; compressedSize: number; size: number; localOffset: number };

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const isXmlPart = (name: string) => name.endsWith(".xml") || name.endsWith(".xml.rels");
const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);
const isSharedStrings = (name: string) => /^xl\/sharedStrings[^/]*\.xml$/i.test(name);

/** The ZIP central directory (APPNOTE 4.3.12/4.3.16), read without inflating anything. */
function centralDirectory(b: Uint8Array): Entry[] {
  let eocd = -1;
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (u32(b, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) refuse("damaged");
  const count = u16(b, eocd + 10);
  const cdSize = u32(b, eocd + 12);
  const cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) refuse("bomb"); // ZIP64: no 5 MB workbook needs it
  if (count > XLSX_LIMITS.maxEntries) refuse("bomb");
  if (cdOffset + cdSize > eocd) refuse("damaged");
  const entries: Entry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > b.length || u32(b, at) !== 0x02014b50) refuse("damaged");
    const nameLen = u16(b, at + 28);
    const entry: Entry = {
      flags: u16(b, at + 8),
      method: u16(b, at + 10),
      compressedSize: u32(b, at + 20),
      size: u32(b, at + 24),
      localOffset: u32(b, at + 42),
      name: new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLen)),
    };
    entries.push(entry);
    at += 46 + nameLen + u16(b, at + 30) + u16(b, at + 32);
  }
  return entries;
}

/** Row and column extent of a worksheet, counted from its tags as they stream by. */
class SheetScan {
  rows = 0;
  rowCells = 0;
  maxRow = 0;
  maxColumn = 0;
  private carry = "";
  private readonly decoder = new TextDecoder("latin1"); // tags are ASCII; text content is never read here

  push(chunk: Uint8Array) {
    const text = this.carry + this.decoder.decode(chunk, { stream: true });
    const open = text.lastIndexOf("<");
    const cut = open >= 0 && text.indexOf(">", open) < 0 ? open : text.length;
    this.carry = text.slice(cut);
    if (this.carry.length > 4096) this.carry = ""; // no tag of interest is this long; do not grow
    for (const m of text.slice(0, cut).matchAll(/<(?:[A-Za-z_][\w.-]*:)?(row|c)([\s/][^>]*)?>/g)) {
      const [, tag, attrs = ""] = m;
      if (tag === "row") {
        this.rows++;
        this.rowCells = 0;
      } else if (++this.rowCells > XLSX_LIMITS.maxColumns) refuse("too_wide"); // unreferenced cells sit side by side
      const ref = /\br="([A-Z]*)(\d*)"/.exec(attrs);
      if (ref?.[2]) this.maxRow = Math.max(this.maxRow, Number(ref[2]));
      if (ref?.[1])
        this.maxColumn = Math.max(
          this.maxColumn,
          [...ref[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0),
        );
    }
    if (Math.max(this.rows, this.maxRow) > XLSX_LIMITS.maxRows + 1) refuse("too_many_rows");
    if (this.maxColumn > XLSX_LIMITS.maxColumns) refuse("too_wide");
  }
}

/** Inflates one entry into `sink`, refusing when it yields more than it declared. */
function streamEntry(b: Uint8Array, e: Entry, sink: (chunk: Uint8Array) => void) {
  const at = e.localOffset;
  if (at + 30 > b.length || u32(b, at) !== 0x04034b50) refuse("damaged");
  const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
  if (start + e.compressedSize > b.length) refuse("damaged");
  const data = b.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) refuse("bomb");
    sink(data);
    return;
  }
  let produced = 0;
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > e.size) refuse("bomb");
    sink(chunk);
  });
  // Deflate expands at most ~1032:1, so feeding 1 KB at a time bounds each inflated chunk near
  // 1 MB: fflate inflates a whole pushed chunk before handing it over.
  const STEP = 1024;
  try {
    for (let i = 0; i < data.length; i += STEP) inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof XlsxRefused) throw err;
    refuse("damaged");
  }
  if (produced !== e.size) refuse("damaged");
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e[0] === "#"
      ? codePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[e]!,
  );
const codePoint = (n: number) => (n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "");

/**
 * Checks a workbook against every limit above without holding more than one inflated chunk at a
 * time. Returns its sheet names in workbook order.
 */
export function inspectXlsx(bytes: Uint8Array): { sheetNames: string[] } {
  if (bytes.length > XLSX_LIMITS.maxBytes) refuse("too_large");
  if (bytes.length >= 8 && u32(bytes, 0) === 0xe011cfd0 && u32(bytes, 4) === 0xe11ab1a1) refuse("xls");
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) refuse("not_xlsx");
  const entries = centralDirectory(bytes).filter((e) => isXmlPart(e.name));
  if (!entries.some((e) => e.name === "xl/workbook.xml")) refuse("not_xlsx");
  let total = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) refuse("bomb");
    if (e.flags & 1) refuse("damaged"); // encrypted entry
    if (e.method !== 0 && e.method !== 8) refuse("damaged");
    if (isSharedStrings(e.name) && e.size > XLSX_LIMITS.maxSharedStringsBytes) refuse("shared_strings");
    if (e.size > XLSX_LIMITS.maxPartBytes) refuse("bomb");
    total += e.size;
  }
  if (total > XLSX_LIMITS.maxTotalBytes) refuse("bomb");

  let workbook = "";
  const decoder = new TextDecoder();
  for (const e of entries) {
    if (isWorksheet(e.name)) {
      const scan = new SheetScan();
      streamEntry(bytes, e, (chunk) => scan.push(chunk));
    } else if (e.name === "xl/workbook.xml") {
      streamEntry(bytes, e, (chunk) => {
        if (workbook.length < 1024 * 1024) workbook += decoder.decode(chunk, { stream: true });
      });
    } else {
      streamEntry(bytes, e, () => {});
    }
  }
  const sheetNames = [...workbook.matchAll(/<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*?\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
  if (!sheetNames.length) refuse("no_sheet");
  return { sheetNames };
}

/**
 * One worksheet (the first unless `sheet` names another) as rows of cells, after `inspectXlsx`
 * passed. Formula cells give their cached result; a formula error or a never-calculated formula
 * reads as an empty cell. Dates are Date objects (UTC midnight of the day shown).
 */
export async function readXlsxSheet(
  bytes: Uint8Array,
  { sheet }: { sheet?: string } = {},
): Promise<{ sheetNames: string[]; sheet: string; rows: XlsxCell[][] }> {
  const { sheetNames } = inspectXlsx(bytes);
  const name = sheet ?? sheetNames[0]!;
  if (!sheetNames.includes(name)) refuse("no_sheet");
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const rows = (await readSheet(buffer, name)) as XlsxCell[][];
    return { sheetNames, sheet: name, rows };
  } catch (err) {
    if (err instanceof XlsxRefused) throw err;
    if (err instanceof Error && err.name === "SheetNotFoundError") refuse("no_sheet");
    return refuse("damaged");
  }
}
