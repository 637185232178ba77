/**
 * The office's certificate desk in a real browser, with the exporter on the other side. The
 * exporter sends over the EDI API (its own channel on this branch; the enterprise certificate
 * pages are built beside this desk) and reads the outcome there.
 */
import { CERTIFICATE_STATUS_LABELS } from "../../src/modules/certificates/index.ts";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { CERTIFICATE_OFFICE_MESSAGES as OM } from "../../src/modules/certificates/index.ts";
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
async function sendOverEdi(invoiceNo: string) {
  const created = await api("POST", "/certificates", goodBody("GENERAL", invoiceNo));
  expect((await api("POST", `/certificates/${created.json.id}/send`)).status).toBe(200);
  return created.json.id as string;
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
  expect(rows.slice(1).map((r) => r[5]).sort()).toEqual(expect.arrayContaining(["CI-BROWSER-XL1", "CI-BROWSER-XL2"]));
  expect(rows.slice(1).every((r) => r[11] === "EDI 接口" && r[6] === CERTIFICATE_STATUS_LABELS.PENDING)).toBe(true);
});
