/**
 * The print pages read as a clerk expects: Chinese names for type, print mode and state; cancelling
 * offered only when a job can be cancelled; every control with its own id (打印设置's two name fields).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { CERTIFICATE_STATUS_LABELS, PRINT_MODE_LABELS, typeLabel } from "../../src/modules/certificates/index.ts";
import { certificates } from "../../src/modules/certificates/schema.ts";
import { M } from "../../src/modules/print/messages.ts";
import { createOfficeDesk, queueBackPages } from "../../src/modules/print/service.ts";
import { startTestApp } from "../support/app.ts";
import { launchBrowser, serve, signInAs } from "../support/browser.ts";
import { approvedCertificate, userOf } from "../support/print.ts";

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

const duplicateIds = (page: Page) =>
  page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });

test("打印与预览 names type, mode and state in Chinese, and offers cancelling only while a job can be cancelled", async () => {
  const admin = await userOf(t.db, "admin1100");
  const { id: deskId } = await createOfficeDesk({ db: t.db, user: admin, name: "一号打印台", route: "AGENT" });
  await createOfficeDesk({ db: t.db, user: admin, name: "二号打印台", route: "AGENT" });
  const { id } = await approvedCertificate(t.db, { printMode: "PCO" });
  // Printed once before (the count says so), no job left on record.
  await t.db.update(certificates).set({ printCount: 1 }).where(eq(certificates.id, id));

  const page = await (await browser.newContext()).newPage();
  await signInAs(page, { url: server.url, login: "print1100", password: DEMO_PASSWORD, db: t.db, config: t.config });
  await page.goto(`${server.url}/print/certificates/${id}`);
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
  await queueBackPages({ db: t.db, events: t.events, user: clerk, deskId, formType: "GENERAL", count: 1, verifyBaseUrl: server.url });
  await page.goto(`${server.url}/office/print?desk=${deskId}`);
  await page.locator("#print-jobs").getByRole("button", { name: M.cancelSelected }).waitFor();
  expect(await page.locator("#print-jobs .badge").first().innerText()).toBe(M.stateLabels.QUEUED);
});

test("打印设置: the printer's name field has its own label and id", async () => {
  await createOfficeDesk({ db: t.db, user: await userOf(t.db, "admin1100"), name: "网络打印台", route: "SERVER" });
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, { url: server.url, login: "admin1100", password: DEMO_PASSWORD, db: t.db, config: t.config });
  await page.goto(`${server.url}/office/print/setup`);
  expect(await page.getByLabel("打印机名称").getAttribute("id")).toBe("f-printer-name");
  expect(await page.getByLabel("新打印台名称").getAttribute("id")).toBe("f-name");
  await page.locator("label[for=f-printer-name]").click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-printer-name");
  expect(await duplicateIds(page)).toEqual([]);
});
