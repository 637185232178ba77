/**
 * The reviewer's day: the 工作台 shows the waiting work, linked to its queues; the review page is
 * worked from the keyboard (shortcuts shown) and shows the number once approved.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { M } from "../../src/modules/review/messages.ts";
import { startTestApp } from "../support/app.ts";
import { launchBrowser, serve, signInAs } from "../support/browser.ts";
import { apiClient, goodBody, tokenFor } from "../support/certificates.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let server: ReturnType<typeof serve>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await startTestApp();
  server = serve(t.app);
  browser = await launchBrowser();
  api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
});
afterAll(async () => {
  await browser.close();
  server.stop();
  await t.close();
});

async function sendOverEdi(invoiceNo: string) {
  const created = await api("POST", "/certificates", goodBody("GENERAL", invoiceNo));
  expect((await api("POST", `/certificates/${created.json.id}/send`)).status).toBe(200);
  return created.json.id as string;
}

async function staff(login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, { url: server.url, login, password: DEMO_PASSWORD, db: t.db, config: t.config });
  return page;
}

test("the 工作台 counts each queue, names the oldest and what colleagues review; approve and next by keyboard, the number shown", async () => {
  const first = await sendOverEdi("CI-WB-1");
  await sendOverEdi("CI-WB-2");
  const third = await sendOverEdi("CI-WB-3");

  // A colleague opens the third one: it is claimed.
  const colleague = await staff("admin1100");
  await colleague.goto(`${server.url}/office/certificates/${third}`);

  const rev = await staff("reviewer1100");
  await rev.goto(server.url + "/office");
  const bench = rev.getByRole("region", { name: M.wbTitle });
  expect(await bench.getByRole("link", { name: /eCO-EDI/ }).innerText()).toMatch(/eCO-EDI\s*3/);
  expect(await bench.getByRole("link", { name: /PCO-EDI/ }).innerText()).toMatch(/PCO-EDI\s*0/);
  expect(await bench.getByRole("link", { name: new RegExp(M.productsTab) }).count()).toBe(1);
  const claimed = await bench.locator("h3 + ul").innerText();
  expect(claimed).toContain("CI-WB-3");
  expect(claimed).toContain("北京管理员");

  // The queue link opens the queue; the oldest link opens the first one sent.
  await bench.getByRole("link", { name: /CI-WB-1/ }).click();
  await rev.waitForURL(new RegExp(`/office/certificates/${first}$`));
  expect(await rev.locator("#shortcuts").innerText()).toBe(M.shortcuts);
  expect(await rev.locator("dl.boxes").innerText()).toContain(M.numberAtApproval);

  // Alt+A approves; the page then shows the number where the form has its Certificate No. box.
  await rev.keyboard.press("Alt+A");
  await rev.getByRole("status").filter({ hasText: /证书号/ }).waitFor();
  const number = (await rev.getByRole("status").innerText()).match(/证书号 (\S+)。/)![1]!;
  expect(await rev.locator("dl.boxes").innerText()).toContain(number);

  // Alt+N goes on to the next one waiting in the same queue.
  await rev.goto(server.url + "/office/certificates/" + third);
  await rev.keyboard.press("Alt+N");
  await rev.waitForURL(/\/office\/certificates\/[0-9a-f-]+$/);
  expect(await rev.getByRole("heading", { level: 1 }).innerText()).toContain("CI-WB-2");

  await rev.goto(server.url + "/office");
  expect(await rev.getByRole("region", { name: M.wbTitle }).locator("dl.facts").innerText()).toMatch(new RegExp(`${M.wbApprovedToday}\\s*1`));
});
