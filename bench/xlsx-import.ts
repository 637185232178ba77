// Reading an uploaded workbook: a full 5,000-row goods sheet must read in well under a second, and
// refusing a hostile one (zip bomb, huge shared strings, a far-away cell) must cost milliseconds and
// no memory, because the ZIP guard counts inflated bytes instead of keeping them.
import { readXlsxSheet, XlsxRefused } from "../src/lib/xlsx-read.ts";
import { certificateType } from "../src/modules/certificates/index.ts";
import { mapGoodsRows } from "../src/modules/certificates/form/goods-import.ts";
import { buildXlsx, declareSize } from "../test/support/xlsx.ts";
import { ms, summary } from "./lib.ts";

const ROUNDS = 5;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const sheet = (body: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;

export async function benchXlsxImport() {
  const header = ["唛头 Marks and numbers", "件数", "包装种类", "Description", "HS Code", "数量", "单位", "G.W.", "金额"];
  const rows = (n: number) => [
    header,
    ...Array.from({ length: n }, (_, i) => [
      `MARK ${i}`,
      10 + (i % 50),
      "CARTONS",
      `COTTON T-SHIRTS STYLE ${i}`,
      6109100010,
      100 + i,
      "PIECES",
      12.5 + i,
      250 + i,
    ]),
  ];
  const files: Record<string, Uint8Array> = {
    "5,000 goods rows (accepted)": buildXlsx({ sheets: [{ name: "Goods", rows: rows(5000) }] }),
    "5,000 × 64 cells (largest grid accepted)": buildXlsx({
      sheets: [{ name: "Wide", rows: Array.from({ length: 5001 }, (_, r) => Array.from({ length: 64 }, (_, c) => (c % 2 ? r * 1000 + c : `S${c}`))) }],
    }),
    "bomb: 45 MB sheet declared": buildXlsx({
      sheets: [{ name: "A", rows: [] }],
      parts: { "xl/worksheets/sheet1.xml": sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`.repeat(1_200_000)) },
    }),
    "bomb: 30 MB part declaring 1 KB": declareSize(
      buildXlsx({ sheets: [{ name: "A", rows: [["x"]] }], parts: { "xl/styles.xml": `<a>${"y".repeat(30_000_000)}</a>` } }),
      "xl/styles.xml",
      1000,
    ),
    "huge shared strings (20 MB)": buildXlsx({
      sheets: [{ name: "A", rows: [["x"]] }],
      parts: { "xl/sharedStrings.xml": `<sst>${`<si><t>${"鞋".repeat(30)}</t></si>`.repeat(220_000)}</sst>` },
    }),
    "cell at A1048576": buildXlsx({
      sheets: [{ name: "A", rows: [] }],
      parts: { "xl/worksheets/sheet1.xml": sheet(`<row r="1048576"><c r="A1048576"><v>1</v></c></row>`) },
    }),
  };
  const type = certificateType("GENERAL");
  console.log(`${ROUNDS} rounds a file; RSS sampled after each call, over the RSS after a full collection before the file\n`);
  console.log(`| file | bytes | verdict | median | p95 | RSS peak over baseline |`);
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  for (const [name, bytes] of Object.entries(files)) {
    const samples: number[] = [];
    let verdict = "";
    Bun.gc(true);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      try {
        const r = await readXlsxSheet(bytes);
        const p = mapGoodsRows({ rows: r.rows, type, products: [], invoiceNo: null, room: 999_999 });
        verdict = `${p.lines.length} lines`;
      } catch (e) {
        if (!(e instanceof XlsxRefused)) throw e;
        verdict = e.problem;
      }
      samples.push(performance.now() - t0);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const s = summary(samples);
    console.log(`| ${name} | ${bytes.length} | ${verdict} | ${ms(s.median)} | ${ms(s.p95)} | ${mb(peak - baseline)} |`);
  }
}
