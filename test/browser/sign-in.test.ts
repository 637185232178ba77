import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import decodeQR from "@paulmillr/qr/decode.js";
import type { BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { createAccount } from "../../src/modules/accounts/index.ts";
import { M } from "../../src/modules/accounts/messages.ts";
import { parseTotpSecret, totpCode, totpStep } from "../../src/modules/accounts/totp.ts";
import { type BrowserApp, signInAs, startBrowserApp } from "../support/browser.ts";

let t: BrowserApp;
let context: BrowserContext;

beforeAll(async () => {
  t = await startBrowserApp();
  context = t.browser.context;
});
afterAll(async () => {
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
  await page.goto(t.url + path);
  return { page, errors };
}

const signIn = (page: Page, login: string, password: string) => signInAs(page, { url: t.url, login, password, db: t.db, config: t.config });

/** Reads the QR code as a phone camera would: the rendered SVG drawn to pixels, then decoded. */
async function scanQrCode(page: Page) {
  const image = await page.evaluate(async () => {
    const svg = document.querySelector("svg.qr")!;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 480;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0, 480, 480);
    return { width: 480, height: 480, data: Array.from(ctx.getImageData(0, 0, 480, 480).data) };
  });
  return decodeQR(image);
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
      await page.goto(t.url + r.path);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  test("a new office account enrols with an authenticator app at its first sign-in", async () => {
    await createAccount({
      db: t.db,
      account: { login: "newclerk1100", password: DEMO_PASSWORD, role: "print_clerk", officeCode: "1100B0", displayName: "新打印员" },
    });
    await context.clearCookies();
    const { page, errors } = await open("/sign-in");
    await signIn(page, "newclerk1100", DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/two-factor/enrol");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(M.enrolTitle);
    // The nav is withheld until the second factor is given.
    expect(await page.getByRole("navigation").count()).toBe(0);

    const uri = new URL(await scanQrCode(page));
    expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe("otpauth://totp/Origo:newclerk1100");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    const shown = await page.locator("#totp-secret").innerText();
    expect(shown.replaceAll(" ", "")).toBe(uri.searchParams.get("secret")!);

    await page.getByLabel(M.code).fill("000000");
    await page.getByRole("button", { name: M.enrolConfirm }).click();
    expect(await page.getByRole("alert").innerText()).toContain(M.wrongCode);

    await page.getByLabel(M.code).fill(totpCode(parseTotpSecret(uri.searchParams.get("secret")!), totpStep(new Date())));
    await page.getByRole("button", { name: M.enrolConfirm }).click();
    await page.waitForLoadState("domcontentloaded");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(M.recoveryCodesTitle);
    expect(await page.getByRole("list", { name: M.recoveryCodesTitle }).getByRole("listitem").count()).toBe(10);
    await page.getByRole("link", { name: M.recoveryCodesSaved }).click();
    await page.waitForURL(/\/office$/);
    expect(await page.locator("body").innerText()).toContain("新打印员");
    // The one console line is the browser noting the refused wrong code; nothing broke under the CSP.
    expect(errors).toEqual(["Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"]);
    await page.close();
  });

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
    const res = await page.goto(t.url + "/office/staff");
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
    await page.goto(t.url + "/sign-in?next=%2Foffice%2Fstaff");
    await signIn(page, "admin1100", DEMO_PASSWORD);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(M.staffTitle);
    expect(await page.locator("table").innerText()).toContain("reviewer1100");
    await page.close();
  });
});
