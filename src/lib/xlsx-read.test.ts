import { describe, expect, test } from "bun:test";
import { strToU8 } from "fflate";
import { buildXlsx, declareSize } from "../../test/support/xlsx.ts";
import { inspectXlsx, readXlsxSheet, XLSX_LIMITS, XLSX_MESSAGES, type XlsxProblem } from "./xlsx-read.ts";

async function refusal(bytes: Uint8Array): Promise<XlsxProblem | "read"> {
  try {
    await readXlsxSheet(bytes);
    return "read";
  } catch (err) {
    expect((err as Error).message).toBe(XLSX_MESSAGES[(err as { problem: XlsxProblem }).problem]);
    return (err as { problem: XlsxProblem }).problem;
  }
}

describe("readXlsxSheet", () => {
  test("reads the first sheet: shared strings, numbers, cached formula results; macros and external links are ignored", async () => {
    const bytes = buildXlsx({
      sheets: [
        {
          name: "商品",
          rows: [
            ["唛头", "HS编码", "毛重"],
            ["N/M", 6403990000, 12.5],
            ["A&B <1>", { formula: 'CONCATENATE("64","03")', cached: "6403" }, { formula: "B2*2", cached: 25 }],
            [null, { formula: "NOW()" }, { formula: "1/0" }],
          ],
        },
        { name: "Other", rows: [["x"]] },
      ],
      parts: {
        "xl/externalLinks/externalLink1.xml":
          '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1"/></externalLink>',
        "xl/vbaProject.bin": new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]),
      },
    });
    const { sheetNames, sheet, rows } = await readXlsxSheet(bytes);
    expect(sheetNames).toEqual(["商品", "Other"]);
    expect(sheet).toBe("商品");
    expect(rows[0]).toEqual(["唛头", "HS编码", "毛重"]);
    expect(rows[1]).toEqual(["N/M", 6403990000, 12.5]);
    expect(rows[2]).toEqual(["A&B <1>", "6403", 25]);
    expect(rows.length).toBe(3); // a row of never-calculated formulas reads as empty and is dropped
    expect((await readXlsxSheet(bytes, { sheet: "Other" })).rows).toEqual([["x"]]);
  });

  test("bad cells: a formula error reads as empty; a shared-string index past the table is a damaged workbook", async () => {
    const cells = (inner: string) =>
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>${inner}</row></sheetData></worksheet>`;
    const withCell = (inner: string) => buildXlsx({ sheets: [{ name: "A", rows: [["a"]] }], parts: { "xl/worksheets/sheet1.xml": cells(inner) } });
    expect((await readXlsxSheet(withCell(`<c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1"><v>7</v></c>`))).rows).toEqual([["a", null, 7]]);
    expect(await refusal(withCell(`<c r="B1" t="s"><v>999</v></c>`))).toBe("damaged");
    expect(await refusal(withCell(`<c r="B1"><v>12,5</v></c>`))).toBe("damaged");
  });

  test("a sheet that is not there is named as such", async () => {
    const bytes = buildXlsx({ sheets: [{ name: "A", rows: [["x"]] }] });
    expect(await readXlsxSheet(bytes, { sheet: "B" }).catch((e) => e.problem)).toBe("no_sheet");
  });

  test("more than 5 MB is refused before the zip is opened", async () => {
    expect(await refusal(new Uint8Array(XLSX_LIMITS.maxBytes + 1))).toBe("too_large");
  });

  test("an old .xls, a random file and a truncated workbook each get their own message", async () => {
    expect(await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toBe("xls");
    expect(await refusal(strToU8("名称,HS编码\n鞋,6403990000\n"))).toBe("not_xlsx");
    const good = buildXlsx({ sheets: [{ name: "A", rows: [["x", 1]] }] });
    expect(await refusal(good.subarray(0, good.length - 40))).toBe("damaged");
    const flipped = good.slice();
    flipped.fill(0x55, 60, 200); // the first entry's deflate stream
    expect(["damaged", "bomb"]).toContain(await refusal(flipped));
  });

  test("zip bomb: a part declaring more than the limit is refused from the central directory", async () => {
    // 45 MB of one repeated row compresses to a few tens of KB.
    const rows = `<row r="1"><c r="A1"><v>1</v></c></row>`.repeat(1_200_000);
    const bytes = buildXlsx({
      sheets: [{ name: "A", rows: [] }],
      parts: { "xl/worksheets/sheet1.xml": `<worksheet><sheetData>${rows}</sheetData></worksheet>` },
    });
    expect(bytes.length).toBeLessThan(XLSX_LIMITS.maxBytes);
    expect(await refusal(bytes)).toBe("bomb");
  });

  test("zip bomb: a part that inflates past the size it declares is stopped while streaming", async () => {
    const padding = `<!--${"x".repeat(3_000_000)}-->`;
    const bytes = buildXlsx({ sheets: [{ name: "A", rows: [["x"]] }], parts: { "xl/styles.xml": `<styleSheet>${padding}</styleSheet>` } });
    expect(await refusal(declareSize(bytes, "xl/styles.xml", 1000))).toBe("bomb");
  });

  test("huge shared strings are refused before they are read", async () => {
    const strings = Array.from({ length: 400_000 }, (_, i) => `<si><t>ITEM ${i} ${"鞋".repeat(10)}</t></si>`).join("");
    const bytes = buildXlsx({
      sheets: [{ name: "A", rows: [["x"]] }],
      parts: { "xl/sharedStrings.xml": `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>` },
    });
    expect(bytes.length).toBeLessThan(XLSX_LIMITS.maxBytes);
    expect(await refusal(bytes)).toBe("shared_strings");
  });

  test("more than 5,000 data rows, a far-away cell or a too-wide sheet are refused while the sheet streams", async () => {
    const many = Array.from({ length: XLSX_LIMITS.maxRows + 1 }, (_, i) => [`L${i}`, i]);
    expect(await refusal(buildXlsx({ sheets: [{ name: "A", rows: [["h", "n"], ...many] }] }))).toBe("too_many_rows");
    const ok = Array.from({ length: XLSX_LIMITS.maxRows }, (_, i) => [`L${i}`, i]);
    expect((await readXlsxSheet(buildXlsx({ sheets: [{ name: "A", rows: [["h", "n"], ...ok] }] }))).rows.length).toBe(XLSX_LIMITS.maxRows + 1);
    const far = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>`;
    expect(await refusal(buildXlsx({ sheets: [{ name: "A", rows: [] }], parts: { "xl/worksheets/sheet1.xml": far } }))).toBe("too_many_rows");
    const wide = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>`;
    expect(await refusal(buildXlsx({ sheets: [{ name: "A", rows: [] }], parts: { "xl/worksheets/sheet1.xml": wide } }))).toBe("too_wide");
    const unreferenced = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>${"<c><v>1</v></c>".repeat(XLSX_LIMITS.maxColumns + 1)}</row></sheetData></worksheet>`;
    expect(await refusal(buildXlsx({ sheets: [{ name: "A", rows: [] }], parts: { "xl/worksheets/sheet1.xml": unreferenced } }))).toBe("too_wide");
  });

  test("inspection keeps only the sheet list", () => {
    expect(inspectXlsx(buildXlsx({ sheets: [{ name: "S&1", rows: [] }] })).sheetNames).toEqual(["S&1"]);
  });
});
