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

test("a certificate resent after return, and an amendment, open on what changed, field by field and line by line", async () => {
  const body = goodBody("GENERAL", "CI-WB-BACK");
  const id = await sendOverEdi("CI-WB-BACK");
  const rev = await staff("reviewer1100");
  await rev.goto(`${server.url}/office/certificates/${id}`);
  // A first sending has nothing to compare with.
  expect(await rev.locator("#changes").count()).toBe(0);
  await rev.getByLabel(M.returnReason).fill("毛重有误，请核对");
  await rev.getByRole("button", { name: M.returnButton }).click();
  await rev.getByRole("status").filter({ hasText: M.returnedNotice }).waitFor();

  // The exporter corrects the weight, adds a line and a remark, and sends again.
  const line = body.goods![0]!;
  const fixed = { ...body, remarks: "WEIGHT CORRECTED", goods: [{ ...line, grossWeightKg: 318 }, { ...line, description: "SAFETY GLOVES" }] };
  expect((await api("PUT", `/certificates/${id}`, fixed)).status).toBe(200);
  expect((await api("POST", `/certificates/${id}/send`)).status).toBe(200);

  await rev.goto(`${server.url}/office/certificates/${id}`);
  await rev.waitForFunction(() => document.activeElement?.id === "changes");
  const changes = rev.getByRole("region", { name: M.changesReturned });
  const text = await changes.innerText();
  expect(text).toContain("备注");
  expect(text).toContain("WEIGHT CORRECTED");
  expect(text).toContain(M.changesLine(1, "changed"));
  expect(text).toMatch(/毛重（千克）\s+\d+(\.\d+)?\s+318/);
  expect(text).toContain(M.changesLine(2, "added"));
  expect(text).toContain("SAFETY GLOVES");
  expect(text).not.toContain("发票号");

  // Approved, then amended by the exporter: the amendment is compared with the certificate it replaces.
  await rev.keyboard.press("Alt+A");
  await rev.getByRole("status").filter({ hasText: /证书号/ }).waitFor();
  const amended = (await api("POST", `/certificates/${id}/amend`)).json.id as string;
  expect((await api("PUT", `/certificates/${amended}`, { ...fixed, consignee: { ...fixed.consignee!, name: "NEW BUYER LTD" } })).status).toBe(200);
  expect((await api("POST", `/certificates/${amended}/send`)).status).toBe(200);
  await rev.goto(`${server.url}/office/certificates/${amended}`);
  const amendment = await rev.getByRole("region", { name: M.changesAmended }).innerText();
  expect(amendment).toContain("收货人名称");
  expect(amendment).toContain("NEW BUYER LTD");
  expect(amendment).not.toContain("备注");
});
