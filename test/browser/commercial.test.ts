/**
 * 商事证明 end to end in a real browser: the exporter applies for a commercial invoice with its PDF,
 * the office approves it beside the document, and the public checks the issued file at /verify.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { M } from "../../src/modules/commercial/messages.ts";
import { M as VM } from "../../src/modules/verify/messages.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { invoicePdf } from "../support/commercial.ts";
import { readQrCode } from "../support/pdf.ts";

let t: BrowserApp;
beforeAll(async () => {
  t = await startBrowserApp();
});
afterAll(async () => {
  await t.close();
});

describe("商事证明: exporter → office → verify", () => {
  test("a commercial invoice is applied for, approved beside its pages, downloaded signed and verified", async () => {
    const exporter = await (await t.browser.newContext()).newPage();
    await t.signIn(exporter, "1100A4419");
    await exporter.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "商事证明" }).click();
    await exporter.getByRole("link", { name: M.newTitle }).click();
    await exporter.getByLabel(M.fields.docType!).selectOption("COMMERCIAL_INVOICE");
    await exporter.getByLabel(M.fields.documentNo!).fill("CI-BROWSER-77");
    await exporter.getByLabel(M.fields.destinationCountry!).fill("AE");
    await exporter.getByLabel(M.fields.purpose!).fill("L/C negotiation");
    await exporter.getByLabel(M.fields.copies!).fill("2");
    await exporter
      .getByLabel(M.fields.file!)
      .setInputFiles({ name: "CI-BROWSER-77.pdf", mimeType: "application/pdf", buffer: Buffer.from(await invoicePdf(2, "INVOICE CI-BROWSER-77")) });
    await exporter.getByRole("button", { name: M.save }).click();
    await exporter.getByText(M.saved).waitFor();
    await exporter.getByRole("button", { name: M.send }).click();
    await exporter.getByText(M.sent).waitFor();
    const detailUrl = exporter.url();

    const reviewer = await (await t.browser.newContext()).newPage();
    await t.signIn(reviewer, "reviewer1100");
    await reviewer.getByRole("link", { name: "原产地证书签发" }).click();
    await reviewer.getByRole("link", { name: new RegExp(`^${M.deskTabs.pending}`) }).click();
    const row = reviewer.getByRole("row").filter({ hasText: "CI-BROWSER-77" });
    await row.getByRole("link").first().click();
    await reviewer.getByRole("heading", { name: new RegExp(M.reviewTitle) }).waitFor();
    expect(await reviewer.getByText(M.pages(2)).count()).toBeGreaterThan(0);
    expect(await reviewer.locator("iframe.document-page").count()).toBe(2);
    await reviewer.getByRole("button", { name: M.approve }).click();
    const notice = await reviewer.getByRole("status").innerText();
    const number = notice.match(/S\d{2}1100B0\d{6}/)![0];
    expect(notice).toContain(M.approved(number));

    await exporter.goto(detailUrl);
    expect(await exporter.getByRole("main").innerText()).toContain(number);
    const download = await exporter.request.get(`${detailUrl.replace(/\?.*$/, "")}/pdf`);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    const pdf = new Uint8Array(await download.body());

    const qr = await readQrCode(pdf);
    expect(qr).toContain(`/verify?no=${number}&code=`);
    const visitor = await (await t.browser.newContext()).newPage();
    await visitor.goto(t.url + new URL(qr!).pathname + new URL(qr!).search);
    const facts = await visitor.getByRole("status").innerText();
    for (const s of [number, VM.valid, "CI-BROWSER-77", "BEIJING TUOBANG INVESTMENT CO., LTD."]) expect(facts).toContain(s);
    await visitor.getByLabel(VM.file).setInputFiles({ name: `${number}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(pdf) });
    await visitor.getByRole("button", { name: VM.checkFile }).click();
    await visitor.getByText(VM.issuedCopy).waitFor();
  }, 60_000);
});
