import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, eq, inArray } from "drizzle-orm";
import { approvedFiling, GLOVES_FILING } from "../../../../test/support/certificates.ts";
import { startTestApp, TestClient } from "../../../../test/support/app.ts";
import { decodeHtml, readForm } from "../../../../test/support/forms.ts";
import { userFor } from "../../../../test/support/users.ts";
import { buildXlsx, declareSize, readXlsx, type TestCell } from "../../../../test/support/xlsx.ts";
import { DEMO_PASSWORD } from "../../../demo/data.ts";
import { XLSX_MESSAGES } from "../../../lib/xlsx-read.ts";
import { auditLog } from "../../audit/schema.ts";
import { GIM } from "../form/goods-import-messages.ts";
import { certificates } from "../schema.ts";
import { BULK_COLUMNS, mapApplicationRows, recogniseBulkHeader } from "./bulk-import.ts";
import { BIM, MAX_APPLICATIONS } from "./bulk-import-messages.ts";
import { confirmBulkImport, previewBulkImport } from "./bulk-import-service.ts";

const HEADER = BULK_COLUMNS.map((c) => `${c.zh} ${c.en}`);
const colOf = (key: string) => BULK_COLUMNS.findIndex((c) => c.key === key);
/** A template row: the given cells by column key, the rest empty. */
const rowOf = (cells: Record<string, TestCell>): TestCell[] => {
  const r: TestCell[] = HEADER.map(() => null);
  for (const [k, v] of Object.entries(cells)) r[colOf(k)] = v;
  return r;
};
const app = (invoiceNo: string, type: string, extra: Record<string, TestCell> = {}) =>
  rowOf({
    invoiceNo,
    type,
    invoiceDate: "2026-11-20",
    currency: "usd",
    consigneeName: "ACME PTY LTD",
    consigneeAddress: "1 GEORGE ST, SYDNEY",
    destinationCountry: "澳大利亚",
    loadingPort: "TIANJIN",
    dischargePort: "SYDNEY",
    transportMode: "海运",
    departureDate: "2026/12/5",
    vessel: "COSCO V.123",
    ...extra,
  });
const goods = (invoiceNo: string, description: string | null, hsCode: TestCell, extra: Record<string, TestCell> = {}) =>
  rowOf({
    invoiceNo,
    description,
    hsCode,
    marks: "N/M",
    packagesCount: 10,
    packagesKind: "CARTONS",
    quantity: 100,
    unit: "PIECES",
    grossWeight: 50,
    value: 1000,
    ...extra,
  });
const merge = (a: TestCell[], b: TestCell[]) => a.map((v, i) => v ?? b[i] ?? null);

/** Three applications: CI-A (general, two lines), CI-B (ChAFTA, one line), CI-C (bad: a wrong HS code, an unknown country). */
const mixedWorkbook = () =>
  buildXlsx({
    sheets: [
      {
        name: "Applications",
        rows: [
          HEADER,
          merge(app("CI-A", "GENERAL"), goods("CI-A", "COTTON T-SHIRTS", "6109100010")),
          goods("CI-A", "LEATHER SHOES", 6403990000),
          merge(app("CI-B", "中澳", { printMode: "ECO" }), goods("CI-B", null, 6116100000, { unit: null, quantity: 500 })),
          merge(app("CI-C", "GENERAL", { destinationCountry: "ATLANTIS" }), goods("CI-C", "BAGS", "42O2")),
        ],
      },
    ],
  });

describe("applications from rows (pure)", () => {
  test("the template's headers are each recognised as their own column", () => {
    expect(HEADER.map(recogniseBulkHeader)).toEqual(BULK_COLUMNS.map((c) => c.key));
  });

  test("rows group by invoice number; application fields come from the first row; a conflicting later row and a row without invoice are named", () => {
    const rows = [
      HEADER,
      merge(app("X-1", "GENERAL"), goods("X-1", "A", "610910")),
      goods("x-1", "B", "610910", { destinationCountry: "NZ" }),
      goods("", "C", "610910"),
      merge(app("X-2", "NOPE"), goods("X-2", "D", "610910")),
    ];
    const p = mapApplicationRows({ rows: rows as never, productsFor: () => [] });
    expect(p.sheetProblems).toEqual([]);
    expect(p.applications.map((a) => [a.fields.invoiceNo, a.fields.type, a.lines.length])).toEqual([
      ["X-1", "GENERAL", 2],
      ["X-2", null, 1],
    ]);
    const [x1, x2] = p.applications;
    expect(x1!.fields).toMatchObject({ destinationCountry: "AU", transportMode: "SEA", departureDate: "2026-12-05", currency: "USD" });
    const letter = (k: string) => String.fromCharCode(65 + colOf(k));
    expect(x1!.problems).toEqual([
      { row: 3, column: letter("destinationCountry"), header: HEADER[colOf("destinationCountry")]!, message: BIM.conflicting("NZ", 2, "AU") },
    ]);
    expect(x2!.problems[0]).toEqual({ row: 5, column: letter("type"), header: HEADER[colOf("type")]!, message: BIM.typeInvalid("NOPE") });
    expect(p.orphanProblems).toEqual([{ row: 4, column: "A", header: HEADER[0]!, message: BIM.invoiceMissing }]);
  });

  test(`more than ${MAX_APPLICATIONS} applications is refused for the sheet; a missing type column is named`, () => {
    const many = [HEADER, ...Array.from({ length: MAX_APPLICATIONS + 1 }, (_, i) => merge(app(`N-${i}`, "GENERAL"), goods(`N-${i}`, "A", "610910")))];
    expect(mapApplicationRows({ rows: many as never, productsFor: () => [] }).sheetProblems).toEqual([BIM.tooManyApplications(MAX_APPLICATIONS + 1)]);
    expect(mapApplicationRows({ rows: [["发票号", "HS编码", "品名"]], productsFor: () => [] }).sheetProblems).toEqual([BIM.columnMissing("证书类型")]);
  });
});

describe("批量导入 against PostgreSQL", () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  const as = async (login: string) => {
    const c = new TestClient(t.app);
    await c.signIn(login, DEMO_PASSWORD);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await approvedFiling(t.db, GLOVES_FILING);
  });
  afterAll(() => t.close());

  test("a good workbook becomes one draft per invoice, of that enterprise only, with history and audit; bad applications are named and not created", async () => {
    const user = await userFor(t.db, "1100A4419");
    const p = await previewBulkImport({ db: t.db, user, bytes: mixedWorkbook() });
    expect(p.applications.map((a) => a.fields.invoiceNo)).toEqual(["CI-A", "CI-B", "CI-C"]);
    const bad = p.applications[2]!.problems.map((x) => x.message);
    expect(bad).toEqual([BIM.countryInvalid("ATLANTIS"), GIM.hsInvalid("42O2")]);
    expect(p.bodies.map((b) => b.invoice?.number)).toEqual(["CI-A", "CI-B"]);
    // Nothing is created by the preview.
    expect(await t.db.$count(certificates, inArray(certificates.invoiceNo, ["CI-A", "CI-B", "CI-C"]))).toBe(0);

    const created = await confirmBulkImport({ db: t.db, user, bodiesJson: JSON.stringify(p.bodies), requestId: "bulk-test" });
    expect(created.map((d) => d.invoiceNo)).toEqual(["CI-A", "CI-B"]);
    const rows = await t.db
      .select()
      .from(certificates)
      .where(inArray(certificates.invoiceNo, ["CI-A", "CI-B", "CI-C"]));
    expect(rows.map((r) => [r.invoiceNo, r.type, r.status, r.enterpriseId]).sort()).toEqual([
      ["CI-A", "GENERAL", "DRAFT", user.enterpriseId!],
      ["CI-B", "CHAFTA", "DRAFT", user.enterpriseId!],
    ]);
    const b = rows.find((r) => r.invoiceNo === "CI-B")!;
    expect(b.body).toMatchObject({
      consignee: { name: "ACME PTY LTD", address: "1 GEORGE ST, SYDNEY" },
      destinationCountry: "AU",
      transport: { from: { country: "CN", port: "TIANJIN" }, to: { country: "AU", port: "SYDNEY" }, mode: "SEA", departureDate: "2026-12-05" },
      invoice: { number: "CI-B", date: "2026-11-20", currency: "USD" },
    });
    // The goods line was linked to the filing, as the goods import links it.
    expect(b.body.goods![0]).toMatchObject({ description: "WORKING GLOVES", originCriterion: "WP", quantity: { value: 500, unit: "PAIRS" } });
    // Filled from the enterprise's record, reviewed, audited like any draft.
    expect(b.body.exporter?.name).toBeTruthy();
    expect(Array.isArray(b.problems)).toBe(true);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.requestId, "bulk-test"), eq(auditLog.action, "created")));
    expect(audits.map((a) => a.entityId).sort()).toEqual(rows.map((r) => r.id).sort());

    // Other enterprises see none of them.
    const other = await userFor(t.db, "1100A4420");
    const { getCertificatesByIds } = await import("../service.ts");
    expect(await getCertificatesByIds({ db: t.db, user: other, ids: rows.map((r) => r.id) })).toEqual([]);
  });

  test("the pages: list link, template, upload → preview by application with rows and columns → confirmation → links to the drafts", async () => {
    const ent = await as("1100A4419");
    expect(decodeHtml(await (await ent.get("/certificates")).text())).toContain(`href="/certificates/imports"`);
    const tpl = await ent.get("/certificates/imports/template");
    expect(tpl.headers.get("content-type")).toContain("spreadsheetml");
    expect(readXlsx(new Uint8Array(await tpl.arrayBuffer())).rows[0]).toEqual(HEADER);

    const workbook = buildXlsx({
      sheets: [
        {
          name: "A",
          rows: [HEADER, merge(app("PG-1", "GENERAL"), goods("PG-1", "TOYS", "950300")), merge(app("PG-2", "GENERAL"), goods("PG-2", "X", "9503OO"))],
        },
      ],
    });
    const res = await ent.upload("/certificates/imports", workbook, "apps.xlsx", "application/octet-stream", "file");
    expect(res.status).toBe(200);
    const raw = await res.text();
    const html = decodeHtml(raw);
    expect(html).toContain(BIM.summary(1, 1));
    expect(html).toContain(BIM.application("PG-2"));
    const hs = colOf("hsCode");
    expect(html).toContain(BIM.problem(3, String.fromCharCode(65 + hs), HEADER[hs]!, GIM.hsInvalid("9503OO")));
    expect(await t.db.$count(certificates, eq(certificates.invoiceNo, "PG-1"))).toBe(0);

    const form = await readForm(raw, `form[action="/certificates/imports/confirmation"]`);
    expect(Object.keys(form).sort()).toEqual(["_csrf", "bodies"]);
    const done = await ent.post("/certificates/imports/confirmation", form);
    expect(done.status).toBe(303);
    const created = await t.db.query.certificates.findFirst({ where: eq(certificates.invoiceNo, "PG-1") });
    expect(created?.status).toBe("DRAFT");
    const result = decodeHtml(await (await ent.get(done.headers.get("location")!)).text());
    expect(result).toContain(BIM.createdHeading(1));
    expect(result).toContain(`href="/certificates/${created!.id}"`);
    // Machine review ran on the draft as on any: its blocking problems are counted beside the link.
    const toFix = created!.problems.filter((p) => p.severity === "error").length;
    expect(result).toContain(toFix ? BIM.toFix(toFix) : BIM.noneToFix);
    // The same confirmation posted again, or the same workbook uploaded again, creates nothing twice.
    const again = await ent.post("/certificates/imports/confirmation", form);
    expect(again.status).toBe(409);
    expect(decodeHtml(await again.text())).toContain(BIM.uploadAgain);
    expect(await t.db.$count(certificates, eq(certificates.invoiceNo, "PG-1"))).toBe(1);
    const reupload = decodeHtml(await (await ent.upload("/certificates/imports", workbook, "apps.xlsx", "application/octet-stream", "file")).text());
    expect(reupload).toContain(BIM.invoiceHeld("PG-1", created!.applicationNo));
    expect(reupload).not.toContain(`action="/certificates/imports/confirmation"`);
    // Another enterprise reading the same result address sees no links.
    const other = await as("1100A4420");
    expect(decodeHtml(await (await other.get(done.headers.get("location")!)).text())).not.toContain(created!.id);
  });

  test("hostile, oversized or over-limit workbooks are refused with their message and nothing is created", async () => {
    const ent = await as("1100A4419");
    const bomb = declareSize(
      buildXlsx({ sheets: [{ name: "A", rows: [["x"]] }], parts: { "xl/styles.xml": `<a>${"y".repeat(2_000_000)}</a>` } }),
      "xl/styles.xml",
      100,
    );
    const r1 = await ent.upload("/certificates/imports", bomb, "bomb.xlsx", "application/octet-stream", "file");
    expect(r1.status).toBe(422);
    expect(decodeHtml(await r1.text())).toContain(XLSX_MESSAGES.bomb);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    const r2 = await ent.upload("/certificates/imports", big, "big.xlsx", "application/octet-stream", "file");
    expect(r2.status).toBe(413);
    expect(decodeHtml(await r2.text())).toContain(XLSX_MESSAGES.too_large);
    const rows = [HEADER, ...Array.from({ length: MAX_APPLICATIONS + 1 }, (_, i) => merge(app(`OV-${i}`, "GENERAL"), goods(`OV-${i}`, "A", "610910")))];
    const r3 = await ent.upload("/certificates/imports", buildXlsx({ sheets: [{ name: "A", rows }] }), "many.xlsx", "application/octet-stream", "file");
    const html = decodeHtml(await r3.text());
    expect(html).toContain(BIM.tooManyApplications(MAX_APPLICATIONS + 1));
    expect(html).not.toContain(`action="/certificates/imports/confirmation"`);
    const user = await userFor(t.db, "1100A4419");
    const bodies = Array.from({ length: MAX_APPLICATIONS + 1 }, (_, i) => ({ type: "GENERAL", printMode: "ECO", invoice: { number: `OV-${i}` } }));
    await expect(confirmBulkImport({ db: t.db, user, bodiesJson: JSON.stringify(bodies) })).rejects.toThrow(BIM.dataInvalid);
    expect(await t.db.$count(certificates, eq(certificates.invoiceNo, "OV-0"))).toBe(0);
  });

  test("an enterprise without an office-approved customs code is refused with the next step", async () => {
    const unapproved = await as("1100P0000");
    const page = await unapproved.get("/certificates/imports");
    expect(page.status).toBe(403);
    expect(decodeHtml(await page.text())).toContain(BIM.notApproved);
    expect((await unapproved.upload("/certificates/imports", mixedWorkbook(), "a.xlsx", "application/octet-stream", "file")).status).toBe(403);
    const user = await userFor(t.db, "1100P0000");
    await expect(confirmBulkImport({ db: t.db, user, bodiesJson: "[]" })).rejects.toThrow(BIM.notApproved);
  });
});
