import { afterAll, beforeAll, expect, test } from "bun:test";
import { BIM } from "../../src/modules/certificates/bulk/bulk-import-messages.ts";
import { BULK_COLUMNS } from "../../src/modules/certificates/bulk/bulk-import.ts";
import { GIM } from "../../src/modules/certificates/form/goods-import-messages.ts";
import { violations } from "../support/axe.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { buildXlsx, readXlsx, type TestCell } from "../support/xlsx.ts";

let t: BrowserApp;

beforeAll(async () => {
  t = await startBrowserApp();
});
afterAll(async () => {
  await t.close();
});

test("an exporter downloads the bulk template, uploads two good applications and a bad one, reads the problems, confirms and finds the drafts in the list", async () => {
  const page = await (await t.browser.newContext()).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await t.signIn(page, "1100A4419");

  await page.goto(t.url + "/certificates");
  await page.getByRole("link", { name: BIM.entry }).click();
  await page.getByRole("heading", { name: BIM.title, level: 1 }).waitFor();
  expect(await violations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: BIM.template }).click()]);
  const header = readXlsx(new Uint8Array(await Bun.file((await download.path())!).arrayBuffer())).rows[0]!;
  expect(header).toEqual(BULK_COLUMNS.map((c) => `${c.zh} ${c.en}`));

  // The exporter fills the template as Excel stores it: the application's fields on its first row only.
  const row = (cells: Record<string, TestCell>) => BULK_COLUMNS.map((c) => cells[c.key] ?? null);
  const application = (invoiceNo: string) => ({
    invoiceNo,
    type: "一般原产地证",
    consigneeName: "ACME PTY LTD",
    consigneeAddress: "1 GEORGE ST, SYDNEY",
    destinationCountry: "AU",
    loadingPort: "TIANJIN",
    dischargePort: "SYDNEY",
    transportMode: "SEA",
    departureDate: "2026-12-20",
  });
  const line = (invoiceNo: string, description: string, hsCode: TestCell, quantity: TestCell = 100) => ({
    invoiceNo,
    marks: "N/M",
    packagesCount: 10,
    packagesKind: "CARTONS",
    description,
    hsCode,
    quantity,
    unit: "PIECES",
    grossWeight: 50,
  });
  const workbook = buildXlsx({
    sheets: [
      {
        name: "Applications",
        rows: [
          header,
          row({ ...application("BR-001"), ...line("BR-001", "COTTON T-SHIRTS", "6109100010") }),
          row(line("BR-001", "COTTON SOCKS", 6115950000)),
          row({ ...application("BR-002"), ...line("BR-002", "LEATHER SHOES", "6403990000") }),
          row({ ...application("BR-003"), ...line("BR-003", "PLASTIC TOYS", "950300", "many") }),
        ],
      },
    ],
  });
  await page.getByLabel(BIM.fileLabel).setInputFiles({
    name: "applications.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(workbook),
  });
  await page.getByRole("button", { name: BIM.upload }).click();
  await page.locator("#bulk-summary").waitFor();
  expect(await page.locator("#bulk-summary").innerText()).toBe(BIM.summary(2, 1));
  const q = BULK_COLUMNS.findIndex((c) => c.key === "quantity");
  const bad = page.locator('[data-invoice="BR-003"]');
  expect(await bad.innerText()).toContain(BIM.problem(5, String.fromCharCode(65 + q), header[q]!, GIM.quantityInvalid("many")));
  expect(await page.locator('[data-invoice="BR-001"]').innerText()).toContain(BIM.facts("一般原产地证", 2));
  expect(await violations(page)).toEqual([]);

  await page.getByRole("button", { name: BIM.confirm(2) }).click();
  await page.locator("#created-drafts").waitFor();
  expect(await page.getByRole("heading", { name: BIM.createdHeading(2) }).count()).toBe(1);
  const links = page.locator("#created-drafts a");
  expect(await links.count()).toBe(2);
  expect(await page.locator("#created-drafts").innerText()).toContain("BR-002");

  await page.goto(t.url + "/certificates");
  const list = await page.locator("main").innerText();
  expect(list).toContain("BR-001");
  expect(list).toContain("BR-002");
  expect(list).not.toContain("BR-003");
  expect(errors).toEqual([]);
});
