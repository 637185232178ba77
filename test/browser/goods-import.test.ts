import { afterAll, beforeAll, expect, test } from "bun:test";
import { GIM } from "../../src/modules/certificates/form/goods-import-messages.ts";
import { IMPORT_COLUMNS } from "../../src/modules/certificates/form/goods-import.ts";
import { violations } from "../support/axe.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { approvedFiling, GLOVES_FILING } from "../support/certificates.ts";
import { buildXlsx, readXlsx } from "../support/xlsx.ts";

let t: BrowserApp;

beforeAll(async () => {
  t = await startBrowserApp();
  await approvedFiling(t.db, GLOVES_FILING);
});
afterAll(async () => {
  await t.close();
});

test("an exporter downloads the template, imports a workbook with good and bad rows, sees the bad ones by row and column, and confirms the good ones into the form", async () => {
  const page = await (await t.browser.newContext()).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await t.signIn(page, "1100A4419");

  await page.goto(t.url + "/certificates/new?type=CHAFTA");
  await page.getByRole("link", { name: GIM.entry }).click();
  await page.getByRole("heading", { name: new RegExp(GIM.title.replace(/[()（）]/g, ".")) }).waitFor();

  expect(await violations(page)).toEqual([]);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: GIM.template }).click()]);
  const template = readXlsx(new Uint8Array(await Bun.file((await download.path())!).arrayBuffer()));
  expect(template.rows[0]).toEqual(IMPORT_COLUMNS.map((c) => `${c.zh} ${c.en}`));

  // The exporter fills the template's columns as Excel would store them.
  const header = template.rows[0]!;
  const workbook = buildXlsx({
    sheets: [
      {
        name: "Goods",
        rows: [
          header,
          ["N/M", 100, "CARTONS", "", 6116100000, 5000, "", 520.5, 12500, "", ""],
          ["N/M", 10, "CARTONS", "LEATHER SHOES", "640399", "many", "PAIRS", 120, 800, "WO", ""],
          ["N/M", 20, "CARTONS", "WORKING GLOVES, LEATHER", "6116.10.0000", 1000, "PAIRS", 300, { formula: "1000*2.5", cached: 2500 }, "WP", ""],
        ],
      },
    ],
  });
  await page.getByLabel(GIM.fileLabel).setInputFiles({
    name: "invoice-goods.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(workbook),
  });
  await page.getByRole("button", { name: GIM.upload }).click();
  await page.locator("#import-summary").waitFor();
  expect(await page.locator("#import-summary").innerText()).toBe(GIM.summary(2, 1));
  expect(await page.locator('tr[data-row="3"]').innerText()).toContain(`第 3 行 F 列（${header[5]}）：${GIM.quantityInvalid("many")}`);
  expect(await page.locator('tr[data-row="2"]').innerText()).toContain(GIM.filed("6116100000", "劳保手套"));

  expect(await violations(page)).toEqual([]);
  await page.getByRole("button", { name: GIM.confirm(2) }).click();
  await page.waitForURL(/\/certificates\/[^/]+\?done=saved/);
  expect(await page.locator('[name="goods.0.description"]').inputValue()).toBe("WORKING GLOVES");
  expect(await page.locator('[name="goods.0.hsCode"]').inputValue()).toBe("6116100000");
  expect(await page.locator('[name="goods.1.description"]').inputValue()).toBe("WORKING GLOVES, LEATHER");
  expect(await page.locator('[name="goods.2.description"]').count()).toBe(0);
  expect(errors).toEqual([]);
});
