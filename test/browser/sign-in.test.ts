import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { M } from "../../src/modules/accounts/messages.ts";
import { startTestApp } from "../support/app.ts";
import { launchBrowser, serve } from "../support/browser.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let server: ReturnType<typeof serve>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;

beforeAll(async () => {
  t = await startTestApp();
  server = serve(t.app);
  browser = await launchBrowser();
  context = browser.context;
});
afterAll(async () => {
  await browser.close();
  server.stop();
  await t.close();
});

/** Opens a page and records console errors (a CSP violation or a broken script shows up there). */
async function open(path: string) {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + path);
  return { page, errors };
}

async function signIn(page: Page, login: string, password: string) {
  await page.getByLabel(M.login).fill(login);
  await page.getByLabel(M.password).fill(password);
  await page.getByRole("button", { name: M.signIn }).click();
  await page.waitForLoadState("domcontentloaded");
}

const roles = [
  { login: "1100A4419", expect: "北京拓邦投资有限公司", path: "/home" },
  { login: "admin1100", expect: "北京管理员", path: "/office" },
  { login: "reviewer1100", expect: "北京审核员", path: "/office" },
  { login: "print1100", expect: "北京打印员", path: "/office" },
];

describe("sign-in in a real browser", () => {
  for (const r of roles) {
    test(`${r.login} signs in and out`, async () => {
      await context.clearCookies();
      const { page, errors } = await open("/");
      expect(page.url()).toEndWith("/sign-in");
      await signIn(page, r.login, DEMO_PASSWORD);
      expect(new URL(page.url()).pathname).toBe(r.path);
      expect(await page.locator("body").innerText()).toContain(r.expect);
      await page.getByRole("button", { name: "退出" }).click();
      await page.waitForURL(/\/sign-in\?signed_out=1$/);
      expect(await page.getByRole("status").innerText()).toContain(M.signedOut);
      // Back to a private page after sign-out: sent to sign-in again.
      await page.goto(server.url + r.path);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  test("a wrong password shows the generic error and keeps the login typed", async () => {
    await context.clearCookies();
    const { page } = await open("/sign-in");
    await signIn(page, "1100A4420", "wrong-password-1");
    expect(await page.getByRole("alert").innerText()).toContain(M.badCredentials);
    expect(await page.getByLabel(M.login).inputValue()).toBe("1100A4420");
    expect(await page.getByLabel(M.password).inputValue()).toBe("");
    await page.close();
  });

  test("an enterprise user opening an office page sees the forbidden page", async () => {
    await context.clearCookies();
    const { page } = await open("/sign-in");
    await signIn(page, "1100A4420", DEMO_PASSWORD);
    const res = await page.goto(server.url + "/office/staff");
    expect(res!.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("无权访问");
    await page.close();
  });

  test("an office reviewer cannot open the admin's staff page, the admin can", async () => {
    await context.clearCookies();
    const { page } = await open("/sign-in?next=%2Foffice%2Fstaff");
    await signIn(page, "reviewer1100", DEMO_PASSWORD);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("无权访问");
    await context.clearCookies();
    await page.goto(server.url + "/sign-in?next=%2Foffice%2Fstaff");
    await signIn(page, "admin1100", DEMO_PASSWORD);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(M.staffTitle);
    expect(await page.locator("table").innerText()).toContain("reviewer1100");
    await page.close();
  });
});
