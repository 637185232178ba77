import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestApp } from "../support/app.ts";
import { launchBrowser, serve } from "../support/browser.ts";

// The interactive EDI reference renders the generated document from our own origin, under our CSP,
// with no request leaving the server and no CSP violation.
let t: Awaited<ReturnType<typeof startTestApp>>;
let server: ReturnType<typeof serve>;
let b: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  t = await startTestApp();
  server = serve(t.app);
  b = await launchBrowser();
});
afterAll(async () => {
  await b.close();
  server.stop();
  await t.close();
});

test("/api/v1/docs shows every operation of the EDI API, loading nothing from elsewhere", async () => {
  const page = await b.context.newPage();
  const foreign: string[] = [];
  const violations: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`${server.url}/api/v1/docs`);
  await page.getByText("Create a DRAFT (always saved, even with problems)").first().waitFor({ timeout: 20_000 });
  await expect(page.getByText("Attach image marks (jpg/png/gif ≤ 400 KB, by content)").first().isVisible()).resolves.toBe(true);
  expect(violations).toEqual([]);
  expect(foreign).toEqual([]);
}, 60_000);
