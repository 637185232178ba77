import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { App } from "../../src/app.tsx";
import type { Config } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
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
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
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
 * What every browser test starts with: a test app with demo data, served on a loopback port, and a
 * browser beside it. `signIn(page, login)` signs a demo account in through the real page. Call
 * `close()` in afterAll.
 */
export async function startBrowserApp(overrides: Partial<Config> = {}) {
  const t = await startTestApp(overrides);
  const server = serve(t.app);
  const browser = await launchBrowser();
  return {
    ...t,
    url: server.url,
    browser,
    signIn: (page: Page, login: string, password = DEMO_PASSWORD) => signInAs(page, { url: server.url, login, password, db: t.db, config: t.config }),
    async close() {
      await browser.close();
      server.stop();
      await t.close();
    },
  };
}
export type BrowserApp = Awaited<ReturnType<typeof startBrowserApp>>;
