import { describe, expect, test } from "bun:test";
import { readXlsx } from "../../test/support/xlsx.ts";
import { columnName, createXlsxWriter } from "./xlsx-write.ts";

function write(
  rows: (string | number | null)[][],
  columns = [
    { header: "序号", width: 6 },
    { header: "企业名称", width: 30 },
    { header: "金额", width: 10 },
  ],
) {
  const chunks: Uint8Array[] = [];
  let finals = 0;
  const w = createXlsxWriter({ sheetName: "原产地证书", columns, onData: (c, final) => (chunks.push(c), final && finals++) });
  for (const r of rows) w.addRow(r);
  w.finish();
  expect(finals).toBe(1);
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

describe("streaming xlsx writer", () => {
  test("a workbook with a header row and text and number cells, read back as written", () => {
    const { bytes } = write([
      [1, "北京拓邦投资有限公司", 2500.5],
      [2, `A&B <"CO"> =SUM(A1)`, null],
      [3, " padded ", 0],
    ]);
    const { files, rows } = readXlsx(bytes);
    expect(files).toEqual(
      expect.arrayContaining([
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
      ]),
    );
    expect(rows).toEqual([
      ["序号", "企业名称", "金额"],
      ["1", "北京拓邦投资有限公司", "2500.5"],
      ["2", `A&B <"CO"> =SUM(A1)`],
      ["3", " padded ", "0"],
    ]);
  });

  test("characters XML cannot carry are dropped instead of breaking the file", () => {
    const { rows } = readXlsx(write([[1, "bell\u0007 and lone \uD800 surrogate, emoji 📦 kept", 1]]).bytes);
    expect(rows[1]![1]).toBe("bell and lone  surrogate, emoji 📦 kept");
  });

  test("a large sheet comes out in many chunks as it is written, not as one buffer at the end", () => {
    const many = Array.from({ length: 20_000 }, (_, i) => [i + 1, `ENTERPRISE ${i} ${crypto.randomUUID()}`, i * 1.5]);
    const { bytes, chunks } = write(many);
    expect(chunks).toBeGreaterThan(10);
    const { rows } = readXlsx(bytes);
    expect(rows).toHaveLength(20_001);
    expect(rows[20_000]).toEqual(["20000", many[19_999]![1] as string, String(19_999 * 1.5)]);
  });

  test("column names past Z", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});
