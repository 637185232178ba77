import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo/data.ts";
import { M as A } from "../../src/modules/accounts/messages.ts";
import { createCertificate, sendCertificate } from "../../src/modules/certificates/index.ts";
import { FM } from "../../src/modules/certificates/form/form-messages.ts";
import { M } from "../../src/modules/certificates/messages.ts";
import { certificates } from "../../src/modules/certificates/schema.ts";
import { createProduct, decideProduct, sendProduct } from "../../src/modules/filing/service.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { goodBody } from "../support/certificates.ts";

let t: BrowserApp;
let exporter: { id: string; login: string; role: "enterprise"; displayName: string; officeCode: string | null; enterpriseId: string | null };

beforeAll(async () => {
  t = await startBrowserApp();
  const account = async (login: string) => (await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, login) }))!;
  exporter = { ...(await account("1100A4419")), role: "enterprise" };
  // The exporter's working gloves are filed for ChAFTA and approved by the office.
  const p = await createProduct({
    db: t.db,
    user: exporter,
    input: {
      hsCode: "6116100000",
      nameZh: "劳保手套",
      nameEn: "WORKING GLOVES",
      unit: "PAIRS",
      materials: "",
      agreements: [{ type: "CHAFTA", originCriterion: "WP" }],
    },
  });
  await sendProduct({ db: t.db, user: exporter, id: p.id });
  await decideProduct({ db: t.db, reviewer: { ...(await account("reviewer1100")), role: "office_reviewer" }, id: p.id, decision: "approve" });
});
afterAll(async () => {
  await t.close();
});

async function signedIn() {
  const page = await (await t.browser.newContext()).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The refused send answers 422 on purpose; anything else logged as an error (a CSP violation, a broken script) fails the test.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("status of 422")) errors.push(m.text());
  });
  await page.goto(t.url + "/sign-in");
  await page.getByLabel(A.login).fill("1100A4419");
  await page.getByLabel(A.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: A.signIn }).click();
  await page.waitForLoadState("domcontentloaded");
  return { page, errors };
}

const problemsBeside = (page: Page, id: string) => page.locator(`#p-${id}`).innerText();
const waitForValue = (page: Page, selector: string, value: string) =>
  page.waitForFunction(([s, v]) => (document.querySelector(s!) as HTMLInputElement | null)?.value === v, [selector, value]);

const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

test("an exporter fills a ChAFTA certificate, sends it with problems, sees each beside its field, fixes them and sends it", async () => {
  const { page, errors } = await signedIn();
  await page.goto(t.url + "/certificates/new?type=CHAFTA");
  await page.getByRole("heading", { name: /中国-澳大利亚自贸协定原产地证书/ }).waitFor();
  // The exporter comes from the filing.
  expect(await page.getByLabel("出口商名称").inputValue()).toBe("BEIJING TUOBANG INVESTMENT CO., LTD.");

  await page.getByLabel("生产商名称").fill("SAME");
  await page.getByLabel("收货人名称").fill("ACME，TRADING LTD"); // a full-width comma
  await page.getByLabel("收货人地址").fill("1 GEORGE ST, SYDNEY");
  await page.getByLabel("收货人国家/地区").fill("AUSTRALIA(澳大利亚)(601)");
  await page.getByLabel("起运港").fill("CHINA(中国)(142) / DALIAN");
  await page.getByLabel("目的港").fill("AUSTRALIA(澳大利亚)(601) / ADELAIDE");
  await page.getByLabel("运输方式").selectOption("SEA");
  await page.getByLabel("出运日期").fill(day(5));
  await page.getByLabel("运输工具编号").fill("COSCO STAR V.123");
  // The route line is generated live as the exporter works (autosave answers with it).
  await page.locator("#route-preview").getByText("FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA").waitFor();
  expect(await page.locator("#autosave-status").innerText()).toMatch(/已自动保存 \d\d:\d\d/);

  // The goods line is filled from the approved filing.
  await page.getByLabel(FM.lineLabel("goods.*.product")).selectOption({ label: "6116100000 劳保手套 WORKING GLOVES (WP)" });
  await page.getByRole("button", { name: FM.lineAction(FM.fill, 1) }).click();
  await waitForValue(page, "#f-goods-0-hsCode", "6116100000");
  expect(await page.locator("#f-goods-0-originCriterion").inputValue()).toBe("WP");
  await page.locator("#f-goods-0-marks").fill("AS PER INVOICE");
  await page.locator("#f-goods-0-packages-count").fill("150");
  await page.locator("#f-goods-0-packages-kind").fill("CARTONS");
  await page.locator("#f-goods-0-quantity-value").fill("1500");
  await page.locator("#f-goods-0-grossWeightKg").fill("320.5");
  await page.getByLabel("发票号").fill(`CI-${crypto.randomUUID().slice(0, 8)}`);
  await page.getByLabel("发票日期").fill(day(-2));
  await page.getByLabel("目的国/地区").fill("CN"); // wrong: mainland China
  await page.getByLabel("出境海关").fill("0900 大连关区");

  await page.getByRole("button", { name: FM.send, exact: true }).click();
  await page.waitForLoadState("domcontentloaded");
  const summary = page.getByRole("alert").filter({ hasText: "未发送" });
  const summaryText = await summary.innerText();
  for (const message of [M.destIsChina, M.marksPlaceholder("AS PER INVOICE")]) expect(summaryText).toContain(message);
  expect(await problemsBeside(page, "destinationCountry")).toContain(M.destIsChina);
  expect(await problemsBeside(page, "goods-0-marks")).toContain(M.marksPlaceholder("AS PER INVOICE"));
  expect(await problemsBeside(page, "consignee-name")).toContain("全角字符 '，' 应为半角 ','");
  // Nothing typed was lost.
  expect(await page.locator("#f-goods-0-marks").inputValue()).toBe("AS PER INVOICE");
  expect(await page.getByLabel("运输工具编号").inputValue()).toBe("COSCO STAR V.123");

  // One click turns the full-width comma half-width.
  await page
    .locator("#p-consignee-name")
    .getByRole("button", { name: FM.toHalfWidthLabel("收货人名称") })
    .click();
  await waitForValue(page, "#f-consignee-name", "ACME,TRADING LTD");
  expect(await problemsBeside(page, "consignee-name")).toBe("");

  await page.getByLabel("目的国/地区").fill("AUSTRALIA(澳大利亚)(601)");
  await page.locator("#f-goods-0-marks").fill("N/M");
  await page.getByRole("button", { name: FM.send, exact: true }).click();
  await page.getByRole("status").filter({ hasText: FM.sent }).waitFor();
  expect(await page.locator("#cert-form").count()).toBe(0);
  expect(errors).toEqual([]);
});

test("copy a certificate, then amend an approved one and send it again", async () => {
  const body = goodBody("CHAFTA");
  const created = await createCertificate({ db: t.db, user: exporter, body });
  await sendCertificate({ db: t.db, user: exporter, id: created.id });
  await t.db.update(certificates).set({ status: "APPROVED", number: "A2611000000009", approvedAt: new Date() }).where(eq(certificates.id, created.id));

  const { page, errors } = await signedIn();
  await page.goto(`${t.url}/certificates/${created.id}`);
  await page.getByRole("button", { name: FM.copy, exact: true }).click();
  await page.getByRole("status").filter({ hasText: FM.copied }).waitFor();
  expect(await page.getByLabel("发票号").inputValue()).toBe("");
  expect(await page.locator("#f-goods-0-description").inputValue()).toBe("WORKING GLOVES");

  await page.goto(`${t.url}/certificates/${created.id}`);
  await page.getByRole("button", { name: FM.amend }).click();
  await page.getByRole("status").filter({ hasText: FM.amended }).waitFor();
  expect(await page.getByText(FM.replaces).count()).toBe(1);
  expect(await page.getByLabel("发票号").inputValue()).toBe(body.invoice!.number!);
  await page.getByLabel("备注").fill("AMENDED: CORRECTED GROSS WEIGHT");
  await page.locator("#f-goods-0-grossWeightKg").fill("318");
  await page.getByRole("button", { name: FM.send, exact: true }).click();
  await page.getByRole("status").filter({ hasText: FM.sent }).waitFor();
  const amended = await t.db.query.certificates.findFirst({ where: eq(certificates.replacesId, created.id) });
  expect(amended).toMatchObject({ status: "PENDING", remarks: "AMENDED: CORRECTED GROSS WEIGHT" });
  expect(amended!.body.goods![0]!.grossWeightKg).toBe(318);
  expect(amended!.invoiceNo).toBe(body.invoice!.number!);
  expect(errors).toEqual([]);
});

test("work survives a reload without 保存, and goods lines are edited from the keyboard with focus kept", async () => {
  const { page, errors } = await signedIn();
  await page.goto(t.url + "/certificates/new?type=CHAFTA");
  const draftUrl = page.url();
  await page.getByLabel("收货人名称").fill("KOALA IMPORTS PTY LTD");
  await page.getByLabel("收货人地址").focus(); // leaving the field is a change: it autosaves
  await page
    .locator("#autosave-status")
    .getByText(/已自动保存/)
    .waitFor();
  await page.goto(draftUrl);
  expect(await page.getByLabel("收货人名称").inputValue()).toBe("KOALA IMPORTS PTY LTD");

  await page.locator("#f-goods-0-description").fill("WORKING GLOVES");
  await page.getByRole("button", { name: FM.addLine }).press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "f-goods-1-marks");
  await page.keyboard.type("N/M");
  await page.locator("#f-goods-1-description").fill("SAFETY GLOVES");
  await page.getByRole("button", { name: FM.lineAction(FM.upLine, 2) }).press("Enter");
  await waitForValue(page, "#f-goods-0-description", "SAFETY GLOVES");
  expect(await page.locator("#f-goods-1-description").inputValue()).toBe("WORKING GLOVES");
  expect(await page.locator("#f-goods-0-marks").inputValue()).toBe("N/M");
  // Focus stays with the moved line: now first, its 下移 button.
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(FM.lineAction(FM.downLine, 1));
  await page.goto(draftUrl);
  expect(await page.locator("#f-goods-0-description").inputValue()).toBe("SAFETY GLOVES");
  expect(errors).toEqual([]);
});

test("a new form opens calm: a neutral to-do list, a field is marked only once left or after 检查, and a fix clears aria-invalid at once", async () => {
  const { page, errors } = await signedIn();
  await page.goto(t.url + "/certificates/new?type=CHAFTA");
  await page.getByRole("heading", { name: /中国-澳大利亚自贸协定原产地证书/ }).waitFor();
  // Nothing is red before anything is typed; what is still needed is listed, each once, by its label.
  expect(await page.locator("[aria-invalid=true]").count()).toBe(0);
  expect(await page.locator(".field-error").count()).toBe(0);
  const summary = await page.locator("#problem-summary").innerText();
  expect(summary).toContain(M.consigneeNameRequired);
  expect(summary).not.toContain("收货人名称：收货人名称");
  // The pick-lists are not in the page; they arrive when the form is first used.
  expect(await page.locator("datalist").count()).toBe(0);

  // A Chinese name, left: the problem in plain words beside the field, the field invalid.
  await page.getByLabel("收货人名称").fill("悉尼，TRADING");
  await page.getByLabel("收货人地址").focus();
  await page.locator("#p-consignee-name").getByText("英文证书上不能出现中文字符：'悉'、'尼'").waitFor();
  expect(await problemsBeside(page, "consignee-name")).toContain("全角字符 '，' 应为半角 ','");
  expect(await page.getByLabel("收货人名称", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator("datalist#dl-countries").count()).toBe(1);
  // The address was only entered, not left: still calm.
  expect(await page.getByLabel("收货人地址").getAttribute("aria-invalid")).toBeNull();
  // Fixed: the mark goes with the next live check, without a reload.
  await page.getByLabel("收货人名称", { exact: true }).fill("SYDNEY TRADING");
  await page.getByLabel("收货人地址").focus();
  await page.waitForFunction(() => !document.getElementById("f-consignee-name")!.hasAttribute("aria-invalid"));
  expect(await problemsBeside(page, "consignee-name")).toBe("");

  // Countries and customs districts by Chinese name.
  await page.getByLabel("目的国/地区").fill("澳大利亚");
  await page.getByLabel("出境海关").fill("天津");
  await page.getByRole("button", { name: FM.check, exact: true }).click();
  await page.locator("#problem-summary").getByText(M.consigneeAddressRequired).waitFor();
  // After 检查 every problem is marked beside its field; the names typed were understood.
  expect(await page.getByLabel("收货人地址").getAttribute("aria-invalid")).toBe("true");
  expect(await problemsBeside(page, "destinationCountry")).toBe("");
  expect(await problemsBeside(page, "exportCustoms")).toBe("");
  await page.getByRole("button", { name: FM.save, exact: true }).click();
  await page.getByRole("status").filter({ hasText: FM.saved }).waitFor();
  expect(await page.getByLabel("出境海关").inputValue()).toBe("0200 天津关区");
  expect(await page.getByLabel("目的国/地区").inputValue()).toBe("AUSTRALIA(澳大利亚)(601)");

  // 填入 after the person resized a box (the browser writes a style attribute): no CSP complaint.
  await page.locator("#f-goods-0-description").evaluate((el: HTMLElement) => (el.style.height = "120px"));
  await page.getByLabel(FM.lineLabel("goods.*.product")).selectOption({ label: "6116100000 劳保手套 WORKING GLOVES (WP)" });
  await page.getByRole("button", { name: FM.lineAction(FM.fill, 1) }).click();
  await waitForValue(page, "#f-goods-0-hsCode", "6116100000");
  expect(errors).toEqual([]);
});

test("leaving an empty field shows its problem at once, without a save, and only for that field", async () => {
  const { page, errors } = await signedIn();
  await page.goto(t.url + "/certificates/new?type=CHAFTA");
  await page.getByRole("heading", { name: /中国-澳大利亚自贸协定原产地证书/ }).waitFor();
  const revision = await page.locator("#f-revision").inputValue();
  // Into 收货人名称 and out again without typing: no `change`, yet its problem shows beside it.
  await page.getByLabel("收货人名称").focus();
  await page.getByLabel("收货人地址").focus();
  await page.locator("#p-consignee-name").getByText(M.consigneeNameRequired).waitFor();
  expect(await page.getByLabel("收货人名称", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  // The one entered but not left, and one never entered, stay calm; nothing was written.
  expect(await page.getByLabel("收货人地址").getAttribute("aria-invalid")).toBeNull();
  expect(await page.getByLabel("生产商名称").getAttribute("aria-invalid")).toBeNull();
  expect(await page.locator("#f-revision").inputValue()).toBe(revision);
  // Left empty in turn: marked too, and typing a name then clears the first mark.
  await page.getByLabel("收货人名称", { exact: true }).fill("SYDNEY TRADING");
  await page.getByLabel("生产商名称").focus();
  await page.locator("#p-consignee-address").getByText(M.consigneeAddressRequired).waitFor();
  await page.waitForFunction(() => !document.getElementById("f-consignee-name")!.hasAttribute("aria-invalid"));
  expect(await page.getByLabel("收货人地址").getAttribute("aria-invalid")).toBe("true");
  expect(errors).toEqual([]);
});
