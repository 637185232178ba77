import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { M } from "../../src/modules/registration/messages.ts";
import { type BrowserApp, signInAs, startBrowserApp } from "../support/browser.ts";

let t: BrowserApp;

beforeAll(async () => {
  t = await startBrowserApp();
});
afterAll(async () => {
  await t.close();
});

async function signIn(page: Page, login: string) {
  await page.goto(t.url + "/sign-in");
  await signInAs(page, { url: t.url, login, password: DEMO_PASSWORD, db: t.db, config: t.config });
}

describe("office personnel in a real browser", () => {
  test("a hand-signer the office adds is on the enterprise's home page at its next load, with no sync step (manual Q10)", async () => {
    const { context } = t.browser;
    await context.clearCookies();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));

    // The enterprise is signed in and looking at its home page.
    await signIn(page, "1100A4419");
    expect(new URL(page.url()).pathname).toBe("/home");
    expect(await page.locator("main").innerText()).not.toContain("王小明");
    const enterpriseSession = await context.cookies();

    // Meanwhile, the office admin (another browser session) adds a hand-signer.
    await context.clearCookies();
    await signIn(page, "admin1100");
    await page.getByRole("link", { name: M.listTitle }).click();
    await page.getByLabel("搜索").fill("1100A4419");
    await page.getByRole("button", { name: "查询" }).click();
    await page.getByRole("link", { name: "1100A4419" }).click();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain("北京拓邦投资有限公司");
    await page.getByLabel(M.fields.signerName).fill("王小明");
    await page.getByLabel(M.fields.signerPhone).fill("13900000000");
    expect(await page.getByLabel(M.fields.signerActive, { exact: true }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "添加手签员" }).click();
    await page.waitForLoadState("domcontentloaded");
    expect(await page.getByRole("status").innerText()).toContain(M.done.signerAdded);
    expect(await page.locator("#signers-title + table").innerText()).toContain("王小明");

    // The enterprise reloads its page: the new signer is there.
    await context.clearCookies();
    await context.addCookies(enterpriseSession);
    await page.goto(t.url + "/home");
    expect(new URL(page.url()).pathname).toBe("/home");
    expect(await page.locator("main").innerText()).toContain("王小明");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a form error keeps what was typed and names the field in Chinese", async () => {
    const { context } = t.browser;
    await context.clearCookies();
    const page = await context.newPage();
    await signIn(page, "admin1100");
    await page.goto(t.url + "/office/enterprises/new");
    await page.getByLabel(M.fields.nameZh).fill("北京浏览器测试有限公司");
    await page.getByLabel(M.fields.creditCode).fill("91350100M000100Y44");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForLoadState("domcontentloaded");
    const summary = await page.getByRole("alert").innerText();
    expect(summary).toContain(`${M.fields.creditCode}：${M.creditCodeCheck}`);
    expect(summary).toContain(M.required(M.fields.nameEn));
    expect(await page.getByLabel(M.fields.nameZh).inputValue()).toBe("北京浏览器测试有限公司");
    expect(await page.getByLabel(M.fields.creditCode).inputValue()).toBe("91350100M000100Y44");
    await page.close();
  });
});
