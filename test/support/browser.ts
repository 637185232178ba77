import { chromium, type Browser, type BrowserContext } from "playwright-core";
import type { App } from "../../src/app.tsx";

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
