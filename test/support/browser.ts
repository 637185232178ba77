import { afterAll, beforeAll } from "bun:test";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { App } from "../../src/app.tsx";
import type { Config } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { M as AM } from "../../src/modules/accounts/messages.ts";
import { startTestApp } from "./app.ts";
import { currentTotpCode } from "./two-factor.ts";

/**
 * Debian's Chromium, headless, with the flags this machine's closed network needs. `context` is a
 * first browser profile; `newContext()` gives another (a second person at another desk).
 */
export async function launchBrowser(): Promise<{ browser: Browser; context: BrowserContext; newContext(): Promise<BrowserContext>; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const newContext = () => browser.newContext({ locale: "zh-CN" });
  const context = await newContext();
  return { browser, context, newContext, close: () => browser.close() };
}

/** Serves the app on a free loopback port, as `bun run start` would. */
export function serve(app: App) {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch, idleTimeout: 30 });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}

/**
 * Signs in through the real sign-in page as a person would; office staff then type the code their
 * authenticator app shows (the demo key, read back from the test database).
 */
export async function signInAs(page: Page, { url, login, password, db, config }: { url: string; login: string; password: string; db: Db; config: Config }) {
  if (!new URL(page.url()).pathname.startsWith("/sign-in")) await page.goto(url + "/sign-in");
  await page.getByLabel(AM.login).fill(login);
  await page.getByLabel(AM.password).fill(password);
  await page.getByRole("button", { name: AM.signIn }).click();
  await page.waitForLoadState("domcontentloaded");
  if (new URL(page.url()).pathname === "/two-factor") {
    await page.getByLabel(AM.code).fill(await currentTotpCode({ db, config, login }));
    await page.getByRole("button", { name: AM.verify }).click();
    await page.waitForLoadState("domcontentloaded");
  }
}

/**
 * A browser test file's setup: a test app served on loopback and Chromium, started before the
 * file's tests and closed after them. Read the fields inside tests (they are set in beforeAll).
 */
export function browserSuite() {
  const suite = {} as { t: Awaited<ReturnType<typeof startTestApp>>; server: ReturnType<typeof serve>; browser: Awaited<ReturnType<typeof launchBrowser>> };
  beforeAll(async () => {
    suite.t = await startTestApp();
    suite.server = serve(suite.t.app);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser.close();
    suite.server.stop();
    await suite.t.close();
  });
  return suite;
}
