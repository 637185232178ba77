import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

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
  const shared = files["xl/sharedStrings.xml"]
    ? [...text("xl/sharedStrings.xml").matchAll(/<si>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>[\s\S]*?<\/si>/g)].map((m) => unescape(m[1]!))
    : [];
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

export type TestCell = string | number | { formula: string; cached?: string | number } | null;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const colName = (i: number): string => (i >= 26 ? colName(Math.floor(i / 26) - 1) : "") + String.fromCharCode(65 + (i % 26));

/**
 * Builds a real .xlsx as Excel writes one: strings in the shared-string table, numbers as numbers,
 * formulas with their cached result. `parts` adds or replaces package parts (an external link, a
 * macro project, a hostile sheet) by path.
 */
export function buildXlsx({ sheets, parts = {} }: { sheets: { name: string; rows: TestCell[][] }[]; parts?: Record<string, string | Uint8Array> }): Uint8Array {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const sst = (s: string) => {
    if (!index.has(s)) index.set(s, shared.push(s) - 1);
    return index.get(s)!;
  };
  const sheetXml = (rows: TestCell[][]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
      .map(
        (row, r) =>
          `<row r="${r + 1}">${row
            .map((v, c) => {
              const ref = `${colName(c)}${r + 1}`;
              if (v === null || v === "") return "";
              if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
              if (typeof v === "string") return `<c r="${ref}" t="s"><v>${sst(v)}</v></c>`;
              const cached = v.cached === undefined ? "" : `<v>${typeof v.cached === "number" ? v.cached : esc(v.cached)}</v>`;
              return `<c r="${ref}"${typeof v.cached === "string" ? ' t="str"' : ""}><f>${esc(v.formula)}</f>${cached}</c>`;
            })
            .join("")}</row>`,
      )
      .join("")}</sheetData></worksheet>`;
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s.rows));
  });
  const NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS}"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rIdS" Type="${NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files["xl/sharedStrings.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("")}</sst>`,
  );
  for (const [name, content] of Object.entries(parts)) files[name] = typeof content === "string" ? strToU8(content) : content;
  return zipSync(files, { level: 6 });
}

/** Rewrites the uncompressed size an entry declares, in its local header and the central directory: a lying zip. */
export function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  const named = (at: number) => nameBytes.every((b, i) => out[at + i] === b);
  for (let at = 0; at + 46 < out.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint16(at + 26, true) === nameBytes.length && named(at + 30)) view.setUint32(at + 22, size, true);
    if (sig === 0x02014b50 && view.getUint16(at + 28, true) === nameBytes.length && named(at + 46)) view.setUint32(at + 24, size, true);
  }
  return out;
}
