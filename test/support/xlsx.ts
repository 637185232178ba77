import { strFromU8, unzipSync } from "fflate";

const unescape = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);
const columnIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/**
 * Opens an .xlsx as a spreadsheet program would start to: unzips it, checks the package points to
 * its first worksheet, and reads that sheet's cells (inline or shared strings, numbers) into rows
 * of text, placed by each cell's reference.
 */
export function readXlsx(bytes: Uint8Array): { files: string[]; rows: string[][] } {
  const files = unzipSync(bytes);
  const text = (name: string) => {
    const f = files[name];
    if (!f) throw new Error(`the workbook has no ${name}`);
    return strFromU8(f);
  };
  if (!text("[Content_Types].xml").includes('PartName="/xl/worksheets/sheet1.xml"')) throw new Error("sheet1 is not declared in [Content_Types].xml");
  if (!text("_rels/.rels").includes('Target="xl/workbook.xml"')) throw new Error("the package does not point to the workbook");
  const shared = files["xl/sharedStrings.xml"] ? [...text("xl/sharedStrings.xml").matchAll(/<si>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>[\s\S]*?<\/si>/g)].map((m) => unescape(m[1]!)) : [];
  const rows: string[][] = [];
  for (const row of text("xl/worksheets/sheet1.xml").matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of row[2]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*)>([\s\S]*?)<\/c>/g)) {
      const [, col, attrs, inner] = c;
      const value = /t="inlineStr"/.test(attrs!) ? (inner!.match(/<t[^>]*>([\s\S]*?)<\/t>/)?.[1] ?? "") : (inner!.match(/<v>([\s\S]*?)<\/v>/)?.[1] ?? "");
      cells[columnIndex(col!)] = /t="s"/.test(attrs!) ? shared[Number(value)]! : unescape(value);
    }
    rows[Number(row[1]) - 1] = Array.from(cells, (v) => v ?? "");
  }
  return { files: Object.keys(files), rows };
}
