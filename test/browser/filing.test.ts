import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { M } from "../../src/modules/filing/messages.ts";
import { startTestApp } from "../support/app.ts";
import { launchBrowser, serve, signInAs } from "../support/browser.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let server: ReturnType<typeof serve>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  t = await startTestApp();
  server = serve(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  server.stop();
  await t.close();
});

const signIn = (page: Page, login: string) => signInAs(page, { url: server.url, login, password: DEMO_PASSWORD, db: t.db, config: t.config });

test("an exporter files a product, fixes a criterion, sends it; the reviewer approves it", async () => {
  const ent = await browser.context.newPage();
  await signIn(ent, "1100A4419");
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

  const rev = await (await browser.newContext()).newPage();
  await signIn(rev, "reviewer1100");
  await rev.getByRole("link", { name: M.officeQueueTitle }).first().click();
  await rev.getByRole("link", { name: "6116100000" }).click();
  await rev.getByRole("button", { name: M.approve }).click();
  expect(await rev.getByRole("status").innerText()).toContain(M.approved);

  await ent.reload();
  expect(await ent.locator("dl.facts").innerText()).toContain(M.statusLabels.APPROVED!);
});
