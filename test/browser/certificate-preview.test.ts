/**
 * 证书预览 in Chromium: on the exporter's certificate and print pages and on the office's review page the
 * certificate appears as a page image (fetched after the page, loaded lazily) and the PDF link
 * opens the same drawing.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { M } from "../../src/modules/print/messages.ts";
import { PREVIEW_TEXT } from "../../src/views/certificate-preview.tsx";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { approvedCertificate } from "../support/print.ts";

let t: BrowserApp;
beforeAll(async () => {
  t = await startBrowserApp();
});
afterAll(() => t.close());

/** The preview's first page image, scrolled into view and decoded; its PDF link fetched with the page's cookies. */
async function seePreview(page: Page) {
  // The block arrives after the page (htmx); its images load lazily as they scroll into view.
  const image = page.locator("#certificate-preview img").first();
  await image.scrollIntoViewIfNeeded({ timeout: 40_000 });
  await expect(image.getAttribute("loading")).resolves.toBe("lazy");
  await page.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>("#certificate-preview img");
      return !!img && img.complete && img.naturalWidth > 0;
    },
    undefined,
    { timeout: 40_000 },
  );
  const size = await image.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));
  expect(size).toEqual({ w: 992, h: 1403 });
  const pages = await page.locator("#certificate-preview img").count();
  expect(await image.getAttribute("alt")).toBe(M.previewPageAlt(1, pages));
  const link = page.getByRole("link", { name: M.previewPdf });
  const pdf = await page.request.get(new URL((await link.getAttribute("href"))!, t.url).href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(new TextDecoder().decode((await pdf.body()).subarray(0, 5))).toBe("%PDF-");
  return pdf;
}

test("the exporter's certificate and print pages and the office's review page show the certificate as it will print", async () => {
  const { id } = await approvedCertificate(t.db);
  const errors: string[] = [];

  const exporter = await t.browser.context.newPage();
  exporter.on("pageerror", (e) => errors.push(e.message));
  await t.signIn(exporter, "1100A4419");
  await exporter.goto(`${t.url}/certificates/${id}`);
  const marked = await seePreview(exporter);
  expect(await exporter.locator("#certificate-preview .hint").innerText()).toBe(M.previewMarked);
  expect(marked.headers()["content-disposition"]).toContain("-preview.pdf");
  await exporter.goto(`${t.url}/print/certificates/${id}`);
  await seePreview(exporter);

  const office = await (await t.browser.newContext()).newPage();
  office.on("pageerror", (e) => errors.push(e.message));
  await t.signIn(office, "reviewer1100");
  await office.goto(`${t.url}/office/certificates/${id}`);
  await seePreview(office);
  expect(errors).toEqual([]);
});

test("a draft's page links the preview of what was saved; the print page redraws after a change", async () => {
  const { createCertificate } = await import("../../src/modules/certificates/index.ts");
  const { goodBody } = await import("../support/certificates.ts");
  const { userOf } = await import("../support/print.ts");
  const { id } = await createCertificate({ db: t.db, user: await userOf(t.db, "1100A4419"), body: goodBody("GENERAL") });
  const page = await (await t.browser.newContext()).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await t.signIn(page, "1100A4419");
  await page.goto(`${t.url}/certificates/${id}`);
  // Nothing is drawn beside the form being edited: the preview is one link away.
  expect(await page.locator("#certificate-preview img").count()).toBe(0);
  const href = await page.getByRole("link", { name: PREVIEW_TEXT.openPreview }).getAttribute("href");
  expect(href).toBe(`/print/certificates/${id}`);

  const preview = await (await t.browser.newContext()).newPage();
  await t.signIn(preview, "1100A4419");
  await preview.goto(t.url + href);
  await seePreview(preview);
  const before = await preview.locator("#certificate-preview img").first().getAttribute("src");

  await page.locator("#f-remarks").fill("L/C NO. 778899");
  await page.locator("#f-remarks").blur();
  await page
    .locator("#autosave-status")
    .filter({ hasText: /已自动保存/ })
    .waitFor({ timeout: 40_000 });
  await preview.reload();
  await seePreview(preview);
  // A new drawing, a new image URL: the browser cannot show its old picture for it.
  expect(await preview.locator("#certificate-preview img").first().getAttribute("src")).not.toBe(before);
  expect(errors).toEqual([]);
});
