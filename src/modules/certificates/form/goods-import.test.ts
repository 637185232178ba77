import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { approvedFiling, GLOVES_FILING } from "../../../../test/support/certificates.ts";
import { startTestApp, TestClient } from "../../../../test/support/app.ts";
import { decodeHtml, readForm } from "../../../../test/support/forms.ts";
import { buildXlsx, declareSize, readXlsx, type TestCell } from "../../../../test/support/xlsx.ts";
import { DEMO_PASSWORD } from "../../../demo/data.ts";
import { unstorableMessage } from "../../../lib/charset.ts";
import { XLSX_MESSAGES } from "../../../lib/xlsx-read.ts";
import { CM } from "../lifecycle-messages.ts";
import { IMPORT_COLUMNS, mapGoodsRows, recogniseHeader } from "./goods-import.ts";
import { GIM } from "./goods-import-messages.ts";
import { certificateType } from "../registry.ts";
import { certificates } from "../schema.ts";

describe("goods columns and rows (pure)", () => {
  test("the template's headers and common ERP and invoice names are recognised", () => {
    for (const c of IMPORT_COLUMNS) expect(recogniseHeader(`${c.zh} ${c.en}`)).toBe(c.key);
    expect(["HS编码", "HS Code", "商品编码", "H.S. CODE"].map(recogniseHeader)).toEqual(["hsCode", "hsCode", "hsCode", "hsCode"]);
    expect(["毛重", "G.W.", "G.W.(KGS)", "毛重(kg)", "Gross Weight"].map(recogniseHeader)).toEqual(Array(5).fill("grossWeight"));
    expect(["Invoice No.", "发票号码", "Marks & Nos.", "No. of Packages", "Description of Goods"].map(recogniseHeader)).toEqual([
      "invoiceNo",
      "invoiceNo",
      "marks",
      "packagesCount",
      "description",
    ]);
    expect(recogniseHeader("备注")).toBeNull();
  });

  test("every cell problem is named by row and column; an HS code that lost its leading zero gets it back", () => {
    const rows: TestCell[][] = [
      ["Commercial invoice CI-1"],
      ["Description", "HS Code", "G.W.", "Invoice No.", "备注"],
      ["LIVE HORSES", 101210010, 500, "CI-1", "x"],
      ["SHOES", "64O3", "12kg", "CI-2", null],
      [null, null, null, null, null],
      [null, 6403990000, 3, null, null],
    ];
    const p = mapGoodsRows({ rows: rows as never, type: certificateType("GENERAL"), products: [], invoiceNo: "CI-1", room: 999 });
    expect(p.sheetProblems).toEqual([]);
    expect(p.ignoredHeaders).toEqual(["E：备注"]);
    expect(p.lines.map((l) => l.row)).toEqual([3, 4, 6]);
    expect(p.lines[0]!.line.hsCode).toBe("0101210010");
    expect(p.lines[0]!.problems).toEqual([]);
    expect(p.lines[1]!.problems).toEqual([
      { row: 4, column: "B", header: "HS Code", message: GIM.hsInvalid("64O3") },
      { row: 4, column: "C", header: "G.W.", message: GIM.weightInvalid("12kg") },
      { row: 4, column: "D", header: "Invoice No.", message: GIM.invoiceMismatch("CI-2", "CI-1") },
    ]);
    expect(p.lines[2]!.problems).toEqual([{ row: 6, column: "A", header: "Description", message: GIM.descriptionMissing }]);
    // Excel writes a control character as _x0007_; read back, it is named like the form names it.
    const odd = mapGoodsRows({
      rows: [
        ["品名", "HS编码"],
        ["BELL\u0007", "851010"],
      ],
      type: certificateType("GENERAL"),
      products: [],
      invoiceNo: null,
      room: 9,
    });
    expect(odd.lines[0]!.problems).toEqual([{ row: 2, column: "A", header: "品名", message: unstorableMessage("U+0007") }]);
  });

  test("a line matching one approved filing is linked and its empty cells filled from it; two matching filings link none", () => {
    const filing = (hsCode: string, nameEn: string) => ({
      productId: hsCode,
      hsCode,
      nameZh: "手套",
      nameEn,
      unit: "PAIRS",
      agreements: [{ type: "CHAFTA", originCriterion: "WP" }],
    });
    const products = [filing("6116100000", "WORKING GLOVES"), filing("6116109000", "OTHER GLOVES"), filing("6116910000", "WOOL GLOVES")];
    const rows = [
      ["品名", "HS编码", "原产地标准"],
      [null, 6116100000, null],
      ["GLOVES", "611691", "PE"],
      ["GLOVES", "611610", null],
    ];
    const p = mapGoodsRows({ rows, type: certificateType("CHAFTA"), products, invoiceNo: null, room: 999 });
    expect(p.lines[0]).toMatchObject({
      filing: { hsCode: "6116100000" },
      line: { description: "WORKING GLOVES", originCriterion: "WP", quantity: { unit: "PAIRS" } },
      problems: [],
    });
    expect(p.lines[1]).toMatchObject({ filing: { hsCode: "6116910000" }, line: { description: "GLOVES", originCriterion: "PE" } });
    expect(p.lines[2]).toMatchObject({ filing: null, line: { description: "GLOVES", originCriterion: null }, problems: [] });
  });

  test("no header, or no HS code column, is said once for the sheet", () => {
    const type = certificateType("GENERAL");
    expect(mapGoodsRows({ rows: [["a", "b"]], type, products: [], invoiceNo: null, room: 9 }).sheetProblems).toEqual([GIM.noHeader]);
    expect(mapGoodsRows({ rows: [["品名", "毛重"]], type, products: [], invoiceNo: null, room: 9 }).sheetProblems).toEqual([GIM.columnMissing("HS编码")]);
  });
});

describe("导入商品 (Excel) pages", () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let ent: TestClient;
  const as = async (login: string) => {
    const c = new TestClient(t.app);
    await c.signIn(login, DEMO_PASSWORD);
    return c;
  };
  const row = async (id: string) => (await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) }))!;
  const newDraft = async () => (await ent.get("/certificates/new?type=CHAFTA")).headers.get("location")!.split("/").pop()!;

  beforeAll(async () => {
    t = await startTestApp();
    ent = await as("1100A4419");
    await approvedFiling(t.db, GLOVES_FILING);
  });
  afterAll(() => t.close());

  const workbook = () =>
    buildXlsx({
      sheets: [
        {
          name: "Invoice",
          rows: [
            ["Marks", "件数", "包装种类", "Description", "HS Code", "数量", "单位", "G.W.", "金额"],
            ["N/M", 100, "CARTONS", null, 6116100000, 5000, null, 520.5, 12500],
            ["N/M", 10, "CARTONS", "LEATHER SHOES", "64O3", 200, "PAIRS", "12kg", 800],
            ["N/M", 20, "CARTONS", "COTTON T-SHIRTS", "6109.10.0010", 1000, "PIECES", 300, { formula: "1000*2.5", cached: 2500 }],
          ],
        },
      ],
    });

  test("the form links to the import page, whose template names every column in Chinese and English", async () => {
    const id = await newDraft();
    expect(decodeHtml(await (await ent.get(`/certificates/${id}`)).text())).toContain(`href="/certificates/${id}/goods-import"`);
    const page = decodeHtml(await (await ent.get(`/certificates/${id}/goods-import`)).text());
    expect(page).toContain(GIM.template);
    const res = await ent.get(`/certificates/${id}/goods-import/template`);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const { rows } = readXlsx(new Uint8Array(await res.arrayBuffer()));
    expect(rows[0]).toEqual(IMPORT_COLUMNS.map((c) => `${c.zh} ${c.en}`));
    expect(rows[0]!.map(recogniseHeader)).toEqual(IMPORT_COLUMNS.map((c) => c.key));
  });

  test("upload → preview (nothing saved, every problem by row and column) → confirm appends the good lines, linked to the filing, reviewed", async () => {
    const id = await newDraft();
    const before = await row(id);
    const res = await ent.upload(`/certificates/${id}/goods-import`, workbook(), "invoice.xlsx", "application/octet-stream", "file");
    expect(res.status).toBe(200);
    const raw = await res.text();
    const html = decodeHtml(raw);
    expect(html).toContain(GIM.summary(2, 1));
    expect(html).toContain(`第 3 行 E 列（HS Code）：${GIM.hsInvalid("64O3")}`);
    expect(html).toContain(`第 3 行 H 列（G.W.）：${GIM.weightInvalid("12kg")}`);
    expect(html).toContain(GIM.filed("6116100000", "劳保手套"));
    expect((await row(id)).revision).toBe(before.revision);

    const form = await readForm(raw, `form[action="/certificates/${id}/goods-import/confirmation"]`);
    expect(Object.keys(form).sort()).toEqual(["_csrf", "lines", "revision"]);
    const done = await ent.post(`/certificates/${id}/goods-import/confirmation`, form);
    expect(done.status).toBe(303);
    const after = await row(id);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.body.goods!.map((g) => g.hsCode)).toEqual(["6116100000", "6109100010"]);
    expect(after.body.goods![0]).toMatchObject({
      description: "WORKING GLOVES",
      originCriterion: "WP",
      quantity: { value: 5000, unit: "PAIRS" },
      grossWeightKg: 520.5,
      value: 12500,
      packages: { count: 100, kind: "CARTONS" },
    });
    expect(after.body.goods![1]!.value).toBe(2500);
    // Machine review ran on the result: the T-shirts have no ChAFTA filing.
    expect(after.problems.some((p) => p.rule === "PRODUCT_NOT_FILED" && p.field === "goods.1.hsCode")).toBe(true);

    // The same preview confirmed again is stale: refused, nothing appended twice.
    const again = await ent.post(`/certificates/${id}/goods-import/confirmation`, form);
    expect(again.status).toBe(409);
    const refused = decodeHtml(await again.text());
    expect(refused).toContain(CM.staleRevision);
    expect(refused).toContain(GIM.uploadAgain);
    expect(refused).toContain(GIM.upload);
    expect((await row(id)).body.goods).toHaveLength(2);
  });

  test("a hostile or broken workbook gets its message and changes nothing", async () => {
    const id = await newDraft();
    const bomb = declareSize(
      buildXlsx({ sheets: [{ name: "A", rows: [["x"]] }], parts: { "xl/styles.xml": `<a>${"y".repeat(2_000_000)}</a>` } }),
      "xl/styles.xml",
      100,
    );
    const res = await ent.upload(`/certificates/${id}/goods-import`, bomb, "bomb.xlsx", "application/octet-stream", "file");
    expect(res.status).toBe(422);
    expect(decodeHtml(await res.text())).toContain(XLSX_MESSAGES.bomb);
    const junk = await ent.upload(`/certificates/${id}/goods-import`, new TextEncoder().encode("not a workbook"), "a.xlsx", "application/octet-stream", "file");
    expect(decodeHtml(await junk.text())).toContain(XLSX_MESSAGES.not_xlsx);
  });

  test("another enterprise's certificate is not found", async () => {
    const id = await newDraft();
    const other = await as("1100A4420");
    expect((await other.get(`/certificates/${id}/goods-import`)).status).toBe(404);
    expect((await other.upload(`/certificates/${id}/goods-import`, workbook(), "a.xlsx", "application/octet-stream", "file")).status).toBe(404);
  });
});
