import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { M } from "../../src/modules/accounts/messages.ts";
import { S } from "../../src/modules/registration/signup/messages.ts";
import { SMS_M } from "../../src/modules/sms/messages.ts";
import { startTestApp } from "../support/app.ts";
import { launchBrowser, serve, signInAs } from "../support/browser.ts";

/**
 * The whole self-registration in Chromium, as in the manual's 二(二): a demo enterprise that already
 * has an account (1100A4420) registers a second one, reading its SMS code from the office admin's
 * 短信发件箱 in a second browser. The captcha is switched off through config (CAPTCHA=off, which a
 * production process refuses); its own tests drive it through the server.
 */
let t: Awaited<ReturnType<typeof startTestApp>>;
let server: ReturnType<typeof serve>;
let registrant: Awaited<ReturnType<typeof launchBrowser>>;
let admin: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  t = await startTestApp({ captcha: false });
  server = serve(t.app);
  [registrant, admin] = await Promise.all([launchBrowser(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([registrant.close(), admin.close()]);
  server.stop();
  await t.close();
});

describe("self-registration in a real browser", () => {
  test("1100A4420 registers 1100A4420-1 with the SMS code from the office's outbox and lands signed in on the home page", async () => {
    const page = await registrant.context.newPage();
    const errors: string[] = [];
    // Chromium reports every 4xx response as a console error; the deliberate 422 below is not a fault.
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("status of 422")) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(server.url + "/sign-in");
    await page.getByRole("link", { name: M.registerLink }).click();
    await page.waitForURL(/\/register$/);

    // A first try with the name written differently from the filing: told which field, nothing lost.
    await page.getByLabel(S.officeCode).selectOption("1100B0");
    await page.getByLabel(S.regNo).fill("1100A4420");
    await page.getByLabel(S.enterpriseName).fill("中信金属（集团）有限公司");
    await page.getByLabel(S.signerName).fill("李四");
    await page.getByRole("button", { name: S.next }).click();
    await page.waitForLoadState("domcontentloaded");
    expect(await page.getByRole("alert").innerText()).toContain(S.checks.name);
    expect(await page.getByLabel(S.regNo).inputValue()).toBe("1100A4420");
    expect(await page.getByLabel(S.signerName).inputValue()).toBe("李四");

    await page.getByLabel(S.enterpriseName).fill("中信金属有限公司");
    await page.getByRole("button", { name: S.next }).click();
    await page.waitForURL(/\/register\/account$/);

    // The number already has account 1100A4420: the next free login is offered (manual Q1).
    expect(await page.getByRole("status").first().innerText()).toContain(S.existingAccounts("1100A4420", ["1100A4420"], "1100A4420-1"));
    expect(await page.getByLabel(S.login).inputValue()).toBe("1100A4420-1");
    await page.locator("#f-password").fill("citic2026new");
    await page.getByLabel(S.confirmPassword).fill("citic2026new");
    await page.getByLabel(S.mobile).fill("13800138000");
    await page.getByRole("button", { name: S.sendCode }).click();
    await page.locator("#sms-status").getByText(SMS_M.sent("138****8000")).waitFor();
    // htmx swapped only the status box: same page, the passwords still typed.
    expect(new URL(page.url()).pathname).toBe("/register/account");
    expect(await page.locator("#f-password").inputValue()).toBe("citic2026new");

    // The office admin reads the code in 短信发件箱 (the default outbox adapter).
    const office = await admin.context.newPage();
    await office.goto(server.url + "/sign-in?next=%2Foffice%2Fsms-outbox");
    await signInAs(office, { url: server.url, login: "admin1100", password: DEMO_PASSWORD, db: t.db, config: t.config });
    await office.waitForURL(/\/office\/sms-outbox$/);
    const row = office.locator("tbody tr", { hasText: "13800138000" }).first();
    const code = (await row.locator(".sms-text").innerText()).match(/\d{6}/)![0];

    await page.getByLabel(S.smsCode).fill(code);
    await page.getByRole("button", { name: S.register }).click();
    await page.waitForURL(/\/register\/done$/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(S.createdTitle);
    expect(await page.locator("dl.facts").innerText()).toContain("1100A4420-1");
    await page.getByRole("link", { name: S.createdContinue }).click();
    await page.waitForURL(/\/home$/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("中信金属有限公司");
    expect(await page.locator("header").innerText()).toContain("中信金属有限公司（企业用户）");
    expect(errors).toEqual([]);

    // The office's lookup now lists both accounts on the number.
    await office.goto(server.url + "/office/registrations?regNo=1100A4420");
    const accountsTable = await office.locator("table").last().innerText();
    expect(accountsTable).toContain("1100A4420");
    expect(accountsTable).toContain("1100A4420-1");
    expect(accountsTable).toContain("138****8000");
  });
});
