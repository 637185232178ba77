/**
 * The print pages in Chromium. They read as a clerk expects: Chinese names for type, print mode and
 * state; cancelling offered only when a job can be cancelled; every control with its own id.
 *
 * A print clerk's desk page follows a job from QUEUED to DONE without a reload: the
 * states arrive by server-sent events (htmx's SSE extension) and are morphed into the table. The job
 * goes through the real path: queued by the service, composed by the worker, then claimed, printed
 * and reported DONE through the desk agent's HTTP API (as an agent would; no printer needed).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { CERTIFICATE_STATUS_LABELS, PRINT_MODE_LABELS, typeLabel } from "../../src/modules/certificates/index.ts";
import { certificates } from "../../src/modules/certificates/schema.ts";
import { M } from "../../src/modules/print/messages.ts";
import { createOfficeDesk, queueBackPages } from "../../src/modules/print/service.ts";
import { startPrintWorker, type PrintWorker } from "../../src/modules/print/worker.ts";
import { type BrowserApp, signInAs, startBrowserApp } from "../support/browser.ts";
import { approvedCertificate, userOf } from "../support/print.ts";

let t: BrowserApp;
let worker: PrintWorker | null = null;

beforeAll(async () => {
  t = await startBrowserApp();
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

async function waitForState(page: Page, jobId: string, state: keyof typeof M.stateLabels) {
  const row = page.locator(`tr#job-${jobId}[data-state="${state}"]`);
  await row.waitFor({ timeout: 15_000 });
  expect(await row.locator(".badge").innerText()).toBe(M.stateLabels[state]);
}

test("the desk shows a job go from QUEUED to DONE live, keeping ticked boxes", async () => {
  const admin = await userOf(t.db, "admin1100");
  const { id: deskId, token } = await createOfficeDesk({ db: t.db, user: admin, name: "一号打印台", route: "AGENT" });
  const page = await t.browser.context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  let loads = 0;
  page.on("load", () => loads++);

  await page.goto(`${t.url}/sign-in`);
  await signInAs(page, { url: t.url, login: "print1100", password: DEMO_PASSWORD, db: t.db, config: t.config });
  const clerk = await userOf(t.db, "print1100");
  const other = await queueBackPages({ db: t.db, events: t.events, user: clerk, deskId, formType: "GENERAL", count: 9, verifyBaseUrl: t.url });
  await page.goto(`${t.url}/office/print?desk=${deskId}`);
  await page.waitForSelector(`tr#job-${other.id}`);
  await page.locator(`#pick-${other.id}`).check();
  loads = 0;

  const { id } = await queueBackPages({ db: t.db, events: t.events, user: clerk, deskId, formType: "GENERAL", count: 2, verifyBaseUrl: t.url });
  await waitForState(page, id, "QUEUED");

  worker = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 100 });
  await waitForState(page, id, "COMPOSED");
  await worker.stop();
  worker = null;

  const agent = async (state: string, extra: object = {}) => {
    const res = await fetch(`${t.url}/api/desk-agent/jobs/${id}/state`, {
      method: "POST",
      headers: { authorization: `Desk ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ instance: "browser-test-agent", state, ...extra }),
    });
    expect(res.status).toBe(200);
  };
  await agent("DOWNLOADING", { printer: { uri: "ipp://192.0.2.3/ipp/print", makeAndModel: "HP Color LaserJet Pro M252" } });
  await waitForState(page, id, "DOWNLOADING");
  await agent("PRINTING", { ippJobId: 12 });
  await waitForState(page, id, "PRINTING");
  await agent("DONE");
  await waitForState(page, id, "DONE");

  expect(loads).toBe(0);
  expect(await page.locator(`#pick-${other.id}`).isChecked()).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
}, 90_000);

const duplicateIds = (page: Page) =>
  page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });

test("打印与预览 names type, mode and state in Chinese, and offers cancelling only while a job can be cancelled", async () => {
  const admin = await userOf(t.db, "admin1100");
  const { id: deskId } = await createOfficeDesk({ db: t.db, user: admin, name: "三号打印台", route: "AGENT" });
  await createOfficeDesk({ db: t.db, user: admin, name: "四号打印台", route: "AGENT" });
  const { id } = await approvedCertificate(t.db, { printMode: "PCO" });
  // Printed once before (the count says so), no job left on record.
  await t.db.update(certificates).set({ printCount: 1 }).where(eq(certificates.id, id));

  const page = await (await t.browser.newContext()).newPage();
  await t.signIn(page, "print1100");
  await page.goto(`${t.url}/print/certificates/${id}`);
  const facts = await page.locator("dl.facts").innerText();
  expect(facts).toContain(typeLabel("GENERAL"));
  expect(facts).toContain(PRINT_MODE_LABELS.PCO!);
  expect(facts).toContain(CERTIFICATE_STATUS_LABELS.APPROVED);
  expect(facts).not.toMatch(/\bPCO\b(?!）)|APPROVED|GENERAL/);
  expect(await page.locator("#print-jobs").innerText()).toBe(M.noJobs);
  expect(await page.getByRole("button", { name: M.cancelSelected }).count()).toBe(0);
  expect(await duplicateIds(page)).toEqual([]);

  // A queued job can be cancelled: now the button is there, inside the live list.
  const clerk = await userOf(t.db, "print1100");
  await queueBackPages({ db: t.db, events: t.events, user: clerk, deskId, formType: "GENERAL", count: 1, verifyBaseUrl: t.url });
  await page.goto(`${t.url}/office/print?desk=${deskId}`);
  await page.locator("#print-jobs").getByRole("button", { name: M.cancelSelected }).waitFor();
  expect(await page.locator("#print-jobs .badge").first().innerText()).toBe(M.stateLabels.QUEUED);
});

test("打印设置: the printer's name field has its own label and id", async () => {
  await createOfficeDesk({ db: t.db, user: await userOf(t.db, "admin1100"), name: "网络打印台", route: "SERVER" });
  const page = await (await t.browser.newContext()).newPage();
  await t.signIn(page, "admin1100");
  await page.goto(`${t.url}/office/print/setup`);
  expect(await page.getByLabel("打印机名称").getAttribute("id")).toBe("f-printer-name");
  expect(await page.getByLabel("新打印台名称").getAttribute("id")).toBe("f-name");
  await page.locator("label[for=f-printer-name]").click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-printer-name");
  expect(await duplicateIds(page)).toEqual([]);
});
