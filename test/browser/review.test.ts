/**
 * The office's certificate desk in a real browser, with the exporter on the other side. The
 * exporter sends over the EDI API (its own channel on this branch; the enterprise certificate
 * pages are built beside this desk) and reads the outcome there.
 */
import { CERTIFICATE_STATUS_LABELS, officeToday } from "../../src/modules/certificates/index.ts";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, asc, eq, gte } from "drizzle-orm";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { CERTIFICATE_OFFICE_MESSAGES as OM } from "../../src/modules/certificates/index.ts";
import { certificates } from "../../src/modules/certificates/schema.ts";
import { M } from "../../src/modules/review/messages.ts";
import { type BrowserApp, signInAs, startBrowserApp } from "../support/browser.ts";
import { apiClient, goodBody, tokenFor } from "../support/certificates.ts";
import { readXlsx } from "../support/xlsx.ts";

let t: BrowserApp;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await startBrowserApp();
  api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
});
afterAll(async () => {
  await t.close();
});

async function signIn(page: Page, login: string) {
  await page.goto(t.url + "/sign-in");
  await signInAs(page, { url: t.url, login, password: DEMO_PASSWORD, db: t.db, config: t.config });
}

/** The exporter sends a certificate over EDI; returns its id. */
async function sendOverEdi(invoiceNo: string, printMode: "ECO" | "PCO" = "ECO") {
  const created = await api("POST", "/certificates", { ...goodBody("GENERAL", invoiceNo), printMode });
  expect((await api("POST", `/certificates/${created.json.id}/send`)).status).toBe(200);
  return created.json.id as string;
}

async function staffPage(login: string) {
  const page = await (await t.browser.newContext()).newPage();
  await signIn(page, login);
  return page;
}

async function openFromQueue(page: Page, tab: string, invoiceNo: string) {
  await page.getByRole("link", { name: "原产地证书签发" }).click();
  await page.getByRole("navigation", { name: M.tabsLabel }).getByRole("link", { name: tab }).click();
  await page.getByRole("link", { name: `${M.view} ${invoiceNo}` }).click();
}

describe("审核 seen from both sides", () => {
  test("the reviewer approves; a colleague sees who is reviewing and then that it is done; the exporter gets the number", async () => {
    const id = await sendOverEdi("CI-BROWSER-OK");
    const rev = await (await t.browser.newContext()).newPage();
    await signIn(rev, "reviewer1100");
    await openFromQueue(rev, "eCO-EDI", "CI-BROWSER-OK");
    expect(await rev.getByRole("heading", { level: 1 }).innerText()).toContain("CI-BROWSER-OK");
    expect(await rev.locator("#machine-title + *").innerText()).toContain(M.machineReviewOk);

    const colleague = await (await t.browser.newContext()).newPage();
    await signIn(colleague, "admin1100");
    await colleague.goto(`${t.url}/office/certificates/${id}`);
    expect(await colleague.getByRole("status").innerText()).toMatch(/^北京审核员 正在审核（\d\d:\d\d 起）$/);

    await rev.getByRole("button", { name: M.approve }).click();
    const notice = await rev.getByRole("status").innerText();
    const number = notice.match(/证书号 (\S+)。/)?.[1];
    expect(number).toMatch(/^C\d{2}1100B0\d{6}$/);

    // The colleague's page still offers 审核通过; pressing it tells them it is done, and by which number.
    await colleague.getByRole("button", { name: M.approve }).click();
    expect(await colleague.getByRole("alert").first().innerText()).toBe(OM.alreadyApproved(number!));

    const seen = await api("GET", `/certificates/${id}`);
    expect(seen.json).toMatchObject({ status: "APPROVED", number });
    expect(seen.json.history.at(-1)).toMatchObject({ status: "APPROVED", by: "北京审核员" });
  });

  test("the reviewer returns with a reason (asked for when missing); the exporter reads the reason and can send again", async () => {
    const id = await sendOverEdi("CI-BROWSER-BACK");
    const rev = await (await t.browser.newContext()).newPage();
    await signIn(rev, "reviewer1100");
    await openFromQueue(rev, "eCO-EDI", "CI-BROWSER-BACK");
    await rev.getByRole("button", { name: M.returnButton }).click();
    expect(await rev.locator("#f-reason-error").innerText()).toBe(OM.reasonRequired);
    await rev.getByLabel(M.returnReason).fill("运输工具编号请填写实际船名航次");
    await rev.getByRole("button", { name: M.returnButton }).click();
    expect(await rev.getByRole("status").innerText()).toContain(M.returnedNotice);

    const seen = await api("GET", `/certificates/${id}`);
    expect(seen.json.status).toBe("RETURNED");
    expect(seen.json.history.at(-1)).toMatchObject({ status: "RETURNED", note: "运输工具编号请填写实际船名航次" });
    expect((await api("POST", `/certificates/${id}/send`)).json.status).toBe("PENDING");
  });
});

test("导出Excel from a queue: progress while it runs, then the download opens as a workbook", async () => {
  await sendOverEdi("CI-BROWSER-XL1");
  await sendOverEdi("CI-BROWSER-XL2");
  const page = await (await t.browser.newContext()).newPage();
  await signIn(page, "reviewer1100");
  await page.getByRole("link", { name: "原产地证书签发" }).click();
  await page.getByRole("navigation", { name: M.tabsLabel }).getByRole("link", { name: "eCO-EDI" }).click();
  await page.getByRole("button", { name: M.exportExcel }).click();
  expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(M.exportTitle);
  // htmx polls the progress until the fragment without a trigger (the download link) arrives.
  const link = page.getByRole("link", { name: /下载 Excel 文件/ });
  await link.waitFor({ timeout: 15_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^原产地证书-\d{8}-\d{4}\.xlsx$/);
  const rows = readXlsx(new Uint8Array(await readFile((await download.path())!))).rows;
  expect(rows[0]![5]).toBe("发票号");
  expect(
    rows
      .slice(1)
      .map((r) => r[5])
      .sort(),
  ).toEqual(expect.arrayContaining(["CI-BROWSER-XL1", "CI-BROWSER-XL2"]));
  expect(rows.slice(1).every((r) => r[11] === "EDI 接口" && r[6] === CERTIFICATE_STATUS_LABELS.PENDING)).toBe(true);
});

test("the 工作台 counts each queue, names the oldest and what colleagues review; approve and next by keyboard, the number shown", async () => {
  // PCO over EDI: a queue this file's other tests leave empty.
  const first = await sendOverEdi("CI-WB-1", "PCO");
  await sendOverEdi("CI-WB-2", "PCO");
  const third = await sendOverEdi("CI-WB-3", "PCO");

  // A colleague opens the third one: it is claimed.
  const colleague = await staffPage("admin1100");
  await colleague.goto(`${t.url}/office/certificates/${third}`);

  const rev = await staffPage("reviewer1100");
  await rev.goto(t.url + "/office");
  const bench = rev.getByRole("region", { name: M.wbTitle });
  expect(await bench.getByRole("link", { name: /PCO-EDI/ }).innerText()).toMatch(/PCO-EDI\s*3/);
  const ecoEdi = await t.db.$count(certificates, and(eq(certificates.status, "PENDING"), eq(certificates.printMode, "ECO"), eq(certificates.source, "EDI")));
  expect(await bench.getByRole("link", { name: /eCO-EDI/ }).innerText()).toMatch(new RegExp(`eCO-EDI\\s*${ecoEdi}`));
  expect(await bench.getByRole("link", { name: new RegExp(M.productsTab) }).count()).toBe(1);
  const claimed = await bench.locator("h3 + ul").innerText();
  expect(claimed).toContain("CI-WB-3");
  expect(claimed).toContain("北京管理员");

  // The oldest waiting is named and linked.
  const [oldest] = await t.db.select().from(certificates).where(eq(certificates.status, "PENDING")).orderBy(asc(certificates.sentAt)).limit(1);
  expect(await bench.getByRole("link", { name: new RegExp(oldest!.invoiceNo) }).getAttribute("href")).toBe(`/office/certificates/${oldest!.id}`);
  // The queue link opens the queue.
  await bench.getByRole("link", { name: /PCO-EDI/ }).click();
  await rev.getByRole("link", { name: `${M.view} CI-WB-1` }).click();
  await rev.waitForURL(new RegExp(`/office/certificates/${first}$`));
  expect(await rev.locator("#shortcuts").innerText()).toBe(M.shortcuts);
  expect(await rev.locator("dl.boxes").innerText()).toContain(M.numberAtApproval);

  // Alt+A approves; the page then shows the number where the form has its Certificate No. box.
  await rev.keyboard.press("Alt+A");
  await rev
    .getByRole("status")
    .filter({ hasText: /证书号/ })
    .waitFor();
  const number = (await rev.getByRole("status").innerText()).match(/证书号 (\S+)。/)![1]!;
  expect(await rev.locator("dl.boxes").innerText()).toContain(number);

  // Alt+N goes on to the next one waiting in the same queue.
  await rev.goto(t.url + "/office/certificates/" + third);
  await rev.keyboard.press("Alt+N");
  await rev.waitForURL(/\/office\/certificates\/[0-9a-f-]+$/);
  expect(await rev.getByRole("heading", { level: 1 }).innerText()).toContain("CI-WB-2");

  await rev.goto(t.url + "/office");
  const approvedToday = await t.db.$count(certificates, gte(certificates.approvedAt, new Date(`${officeToday()}T00:00:00+08:00`)));
  expect(await rev.getByRole("region", { name: M.wbTitle }).locator("dl.facts").innerText()).toMatch(new RegExp(`${M.wbApprovedToday}\\s*${approvedToday}`));
});

test("a certificate resent after return, and an amendment, open on what changed, field by field and line by line", async () => {
  const body = goodBody("GENERAL", "CI-WB-BACK");
  const id = await sendOverEdi("CI-WB-BACK");
  const rev = await staffPage("reviewer1100");
  await rev.goto(`${t.url}/office/certificates/${id}`);
  // A first sending has nothing to compare with.
  expect(await rev.locator("#changes").count()).toBe(0);
  await rev.getByLabel(M.returnReason).fill("毛重有误，请核对");
  await rev.getByRole("button", { name: M.returnButton }).click();
  await rev.getByRole("status").filter({ hasText: M.returnedNotice }).waitFor();

  // The exporter corrects the weight, adds a line and a remark, and sends again.
  const line = body.goods![0]!;
  const fixed = {
    ...body,
    remarks: "WEIGHT CORRECTED",
    goods: [
      { ...line, grossWeightKg: 318 },
      { ...line, description: "SAFETY GLOVES" },
    ],
  };
  expect((await api("PUT", `/certificates/${id}`, fixed)).status).toBe(200);
  expect((await api("POST", `/certificates/${id}/send`)).status).toBe(200);

  await rev.goto(`${t.url}/office/certificates/${id}`);
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
  await rev
    .getByRole("status")
    .filter({ hasText: /证书号/ })
    .waitFor();
  const amended = (await api("POST", `/certificates/${id}/amend`)).json.id as string;
  expect((await api("PUT", `/certificates/${amended}`, { ...fixed, consignee: { ...fixed.consignee!, name: "NEW BUYER LTD" } })).status).toBe(200);
  expect((await api("POST", `/certificates/${amended}/send`)).status).toBe(200);
  await rev.goto(`${t.url}/office/certificates/${amended}`);
  const amendment = await rev.getByRole("region", { name: M.changesAmended }).innerText();
  expect(amendment).toContain("收货人名称");
  expect(amendment).toContain("NEW BUYER LTD");
  expect(amendment).not.toContain("备注");
});
