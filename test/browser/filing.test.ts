import { afterAll, beforeAll, expect, test } from "bun:test";
import { M } from "../../src/modules/filing/messages.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";

let t: BrowserApp;

beforeAll(async () => {
  t = await startBrowserApp();
});
afterAll(async () => {
  await t.close();
});

test("an exporter files a product, fixes a criterion, sends it; the reviewer approves it", async () => {
  const ent = await t.browser.context.newPage();
  await t.signIn(ent, "1100A4419");
  await ent.getByRole("link", { name: "商品备案", exact: true }).click();
  await ent.getByRole("link", { name: M.newTitle }).click();
  await ent.getByLabel(M.hsCode).fill("6116100000");
  await ent.getByLabel(M.nameZh).fill("劳保手套");
  await ent.getByLabel(M.nameEn).fill("WORKING GLOVES");
  await ent.getByLabel(M.unit).selectOption("PAIRS");
  await ent.getByLabel("备案 中国-澳大利亚自贸协定", { exact: false }).check();
  await ent.getByLabel(/澳大利亚.*原产地标准/).fill("CTH");
  await ent.getByRole("button", { name: M.save }).click();
  expect(await ent.getByRole("status").innerText()).toContain(M.saved);
  // The wrong criterion is shown; sending is refused with it listed.
  await ent.getByRole("button", { name: M.send }).click();
  expect(await ent.getByRole("alert").innerText()).toContain("CTH");
  await ent.getByRole("link", { name: M.edit }).click();
  await ent.getByLabel(/澳大利亚.*原产地标准/).fill("WP");
  await ent.getByRole("button", { name: M.save }).click();
  await ent.getByRole("button", { name: M.send }).click();
  expect(await ent.getByRole("status").innerText()).toContain(M.sent);

  const rev = await (await t.browser.newContext()).newPage();
  await t.signIn(rev, "reviewer1100");
  await rev.getByRole("link", { name: M.officeQueueTitle }).first().click();
  await rev.getByRole("link", { name: "6116100000" }).click();
  await rev.getByRole("button", { name: M.approve }).click();
  expect(await rev.getByRole("status").innerText()).toContain(M.approved);

  await ent.reload();
  expect(await ent.locator("dl.facts").innerText()).toContain(M.statusLabels.APPROVED!);
});
