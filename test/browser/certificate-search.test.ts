import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { M as A } from "../../src/modules/accounts/messages.ts";
import { createCertificate } from "../../src/modules/certificates/index.ts";
import { LM } from "../../src/modules/certificates/list/list-messages.ts";
import { certificates } from "../../src/modules/certificates/schema.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { goodBody } from "../support/certificates.ts";

let t: BrowserApp;
let oldId: string;

beforeAll(async () => {
  t = await startBrowserApp();
  const a = (await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "1100A4419") }))!;
  const user = { id: a.id, login: a.login, role: a.role, displayName: a.displayName, officeCode: a.officeCode, enterpriseId: a.enterpriseId };
  // An issued certificate from three years ago, and a recent draft.
  const body = goodBody("GENERAL", "HK-2023-0815");
  body.invoice = { ...body.invoice!, date: "2023-08-15" };
  body.consignee = { ...body.consignee!, name: "VICTORIA HARBOUR TRADING LTD" };
  oldId = (await createCertificate({ db: t.db, user, body })).id;
  const longAgo = new Date("2023-08-16T02:00:00Z");
  await t.db.update(certificates).set({ status: "ISSUED", number: "C23110000815", createdAt: longAgo, sentAt: longAgo }).where(eq(certificates.id, oldId));
  await createCertificate({ db: t.db, user, body: goodBody("GENERAL", "NEW-2026-0001") });
});
afterAll(async () => {
  await t.close();
});

test("an exporter finds a three-year-old certificate by part of its invoice number and opens it", async () => {
  const page = await t.browser.context.newPage();
  await page.goto(t.url + "/sign-in");
  await page.getByLabel(A.login).fill("1100A4419");
  await page.getByLabel(A.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: A.signIn }).click();
  await page.waitForLoadState("domcontentloaded");

  await page.getByRole("link", { name: "原产地证书", exact: true }).click();
  await page.getByRole("searchbox", { name: LM.simpleSearch }).fill("2023-08");
  await page.getByRole("button", { name: LM.search }).first().click();
  await page.waitForURL(/invoiceNo=2023-08/);
  const rows = page.locator("table.certs tbody tr");
  expect(await rows.count()).toBe(1);
  expect(await rows.first().innerText()).toContain("VICTORIA HARBOUR TRADING LTD");
  expect(await rows.first().innerText()).toContain("已发证");

  // Sorting by a column keeps the search and tells assistive technology how the rows are ordered.
  await page.getByRole("link", { name: `${LM.sortBy(LM.colImporter)}（${LM.sortAsc}）` }).click();
  await page.waitForURL(/sort=importer/);
  expect(page.url()).toContain("invoiceNo=2023-08");
  expect(await page.getByRole("columnheader", { name: new RegExp(LM.colImporter) }).getAttribute("aria-sort")).toBe("ascending");

  await page.getByRole("link", { name: "HK-2023-0815", exact: true }).click();
  await page.waitForURL(`${t.url}/certificates/${oldId}`);
});

test("the advanced search finds by importer within an invoice-date range the user chooses", async () => {
  const page = await t.browser.context.newPage();
  await page.goto(t.url + "/certificates");
  await page.getByText(LM.advanced, { exact: true }).click();
  await page.getByLabel(LM.importer).fill("victoria");
  await page.getByRole("group", { name: LM.invoiceDate }).getByLabel(LM.from).fill("2023-01-01");
  await page.getByRole("group", { name: LM.invoiceDate }).getByLabel(LM.to).fill("2023-12-31");
  await page.getByRole("form", { name: LM.advanced }).getByRole("button", { name: LM.search }).click();
  await page.waitForURL(/importer=victoria/);
  const rows = page.locator("table.certs tbody tr");
  expect(await rows.count()).toBe(1);
  expect(await rows.first().innerText()).toContain("HK-2023-0815");
});
