/**
 * A streaming .xlsx writer: one worksheet of text and number cells, written row by row into a ZIP
 * stream (fflate), so an export of any length holds only the rows not yet compressed. The parts
 * are the minimum SpreadsheetML (ECMA-376) that Excel, WPS and LibreOffice open: content types,
 * package and workbook relationships, workbook, a stylesheet (bold header) and the sheet, with
 * inline strings, so no shared-string table has to be held until the end. Inline strings are never
 * evaluated as formulas, so a cell starting with "=" stays text.
 */
import { strToU8, Zip, ZipDeflate } from "fflate";

export type Cell = string | number | null | undefined;
export type XlsxColumn = { header: string; width: number };

/** Excel's limits: rows per sheet and characters per cell. */
export const XLSX_MAX_ROWS = 1_048_576;
const MAX_CELL_CHARS = 32_767;

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escape = (s: string) => s.replace(NOT_XML, "").replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellXml(ref: string, value: Cell, style: string): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : "";
  const s = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value;
  const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}" t="inlineStr"${style}><is><t${space}>${escape(s)}</t></is></c>`;
}

const STATIC_PARTS = (sheetName: string): [string, string][] => [
  [
    "[Content_Types].xml",
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  ],
  ["_rels/.rels", `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  [
    "xl/workbook.xml",
    `${HEAD}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${escape(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    "xl/_rels/workbook.xml.rels",
    `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  ],
  [
    "xl/styles.xml",
    `${HEAD}<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  ],
];

/**
 * Starts a workbook whose bytes go to `onData` as they are produced (synchronously, in order; the
 * last call has `final` true). Write the rows with `addRow`, then call `finish`. The header row
 * is bold and stays in view while scrolling.
 */
export function createXlsxWriter({
  sheetName,
  columns,
  onData,
}: {
  sheetName: string;
  columns: readonly XlsxColumn[];
  onData: (chunk: Uint8Array, final: boolean) => void;
}) {
  let failed: Error | null = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else onData(chunk, final);
  });
  for (const [name, xml] of STATIC_PARTS(sheetName)) {
    const part = new ZipDeflate(name, { level: 6 });
    zip.add(part);
    part.push(strToU8(xml), true);
  }
  const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 6 });
  zip.add(sheet);

  let pending = "";
  let rowNo = 0;
  const flush = (final = false) => {
    if (pending || final) sheet.push(strToU8(pending), final);
    pending = "";
  };
  const row = (cells: readonly Cell[], style = "") => {
    if (rowNo >= XLSX_MAX_ROWS) throw new RangeError(`an Excel sheet holds at most ${XLSX_MAX_ROWS} rows`);
    rowNo++;
    pending += `<row r="${rowNo}">${cells.map((v, i) => cellXml(`${columnName(i)}${rowNo}`, v, style)).join("")}</row>`;
    if (pending.length > 64 * 1024) flush();
    if (failed) throw failed;
  };

  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("");
  pending = `${HEAD}<worksheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>`;
  row(
    columns.map((c) => c.header),
    ' s="1"',
  );

  return {
    /** Appends one data row (cells in column order; null or "" leaves a cell empty). */
    addRow(cells: readonly Cell[]) {
      row(cells);
    },
    /** Rows written so far, the header included. */
    get rows() {
      return rowNo;
    },
    /** Closes the sheet and the ZIP; `onData` has received the whole file when this returns. */
    finish() {
      pending += "</sheetData></worksheet>";
      flush(true);
      zip.end();
      if (failed) throw failed;
    },
  };
}
