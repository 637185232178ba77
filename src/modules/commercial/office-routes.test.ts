import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PDFDocument } from "pdf-lib";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { invoiceFields, invoicePdf } from "../../../test/support/commercial.ts";
import { pdfText } from "../../../test/support/pdf.ts";
import { userFor } from "../../../test/support/users.ts";
import { checkPdfSignature } from "../endorsement/pdf-signature.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { M } from "./messages.ts";
import { createCommercialDocument, sendCommercialDocument } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let reviewer: TestClient;
let admin: TestClient;
let exporter: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  reviewer = new TestClient(t.app);
  await reviewer.signIn("reviewer1100", DEMO_PASSWORD);
  admin = new TestClient(t.app);
  await admin.signIn("admin1100", DEMO_PASSWORD);
  exporter = new TestClient(t.app);
  await exporter.signIn("1100A4419", DEMO_PASSWORD);
});
afterAll(() => t.close());

async function pendingApplication(documentNo: string, source: "WEB" | "EDI" = "WEB") {
  const user = await userFor(t.db, "1100A4419");
  const { id } = await createCommercialDocument({
    db: t.db,
    user,
    input: invoiceFields(documentNo),
    file: { bytes: await invoicePdf(2, `INVOICE ${documentNo}`), name: "invoice.pdf" },
    source,
  });
  await sendCommercialDocument({ db: t.db, user, id });
  return id;
}

describe("the office's 商事证明 desk", () => {
  test("the certificate desk carries the three 商事证明 tabs with their counts; the desk lists by queue", async () => {
    await pendingApplication("CI-DESK-WEB");
    await pendingApplication("CI-DESK-EDI", "EDI");
    const desk = await (await reviewer.get("/office/certificates")).text();
    for (const label of Object.values(M.deskTabs)) expect(desk).toContain(label);
    expect(desk).toContain('href="/office/commercial?tab=edi"');
    const workbench = await (await reviewer.get("/office")).text();
    expect(workbench).toContain('href="/office/commercial?tab=pending"');
    const edi = await (await reviewer.get("/office/commercial?tab=edi")).text();
    expect(edi).toContain("CI-DESK-EDI");
    expect(edi).not.toContain("CI-DESK-WEB");
    const web = await (await reviewer.get("/office/commercial?tab=pending")).text();
    expect(web).toContain("CI-DESK-WEB");
    expect(web).toContain("北京拓邦投资有限公司");
  });

  test("the review page shows the application beside its document page by page; each page is its own PDF", async () => {
    const id = await pendingApplication("CI-REVIEW-1");
    const html = await (await reviewer.get(`/office/commercial/${id}`)).text();
    expect(html).toContain("CI-REVIEW-1");
    expect(html).toContain(M.pages(2));
    expect(html).toContain(`/office/commercial/${id}/file/pages/2`);
    const page = await reviewer.get(`/office/commercial/${id}/file/pages/2`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    const one = await PDFDocument.load(new Uint8Array(await page.arrayBuffer()));
    expect(one.getPageCount()).toBe(1);
    expect((await reviewer.get(`/office/commercial/${id}/file/pages/3`)).status).toBe(404);
    // Every other page keeps refusing to be framed.
    expect((await reviewer.get(`/office/commercial/${id}`)).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  test("return needs a reason (kept as typed on refusal); approve gives a number and a signed PDF: certificate page then the document", async () => {
    const id = await pendingApplication("CI-APPROVE-1");
    const refused = await reviewer.post(`/office/commercial/${id}/return`, { reason: "" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(M.reasonRequired);
    expect((await reviewer.post(`/office/commercial/${id}/approval`, {})).status).toBe(303);
    const page = await (await reviewer.get(`/office/commercial/${id}?done=approved`)).text();
    const number = page.match(/S\d{2}1100B0\d{6}/)![0];
    expect(page).toContain(M.approved(number));
    const res = await exporter.get(`/commercial/${id}/pdf`);
    expect(res.status).toBe(200);
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(3);
    const sig = checkPdfSignature(pdf);
    expect(sig.kind).toBe("valid");
    expect(sig.kind === "valid" && sig.wholeFile && sig.reason).toBe(number);
    const text = await pdfText(pdf);
    for (const s of [number, "CERTIFICATE", "CI-APPROVE-1", "are authentic", "INVOICE CI-APPROVE-1"]) expect(text).toContain(s);
    // The same bytes every time, for both sides.
    const again = new Uint8Array(await (await reviewer.get(`/office/commercial/${id}/pdf`)).arrayBuffer());
    expect(again).toEqual(pdf);
  });

  test("void asks for a reason and is final", async () => {
    const id = await pendingApplication("CI-VOID-1");
    expect((await reviewer.post(`/office/commercial/${id}/void`, { reason: "" })).status).toBe(422);
    expect((await reviewer.post(`/office/commercial/${id}/void`, { reason: "重复申请" })).status).toBe(303);
    expect(await (await exporter.get(`/commercial/${id}`)).text()).toContain(M.statusLabels.VOIDED!);
    expect((await reviewer.post(`/office/commercial/${id}/void`, { reason: "again" })).status).toBe(409);
  });

  test("the office admin sets the number format; a template without the year is refused", async () => {
    const bad = await admin.post("/office/commercial/settings", { numberFormat: "{T}{N6}" });
    expect(bad.status).toBe(422);
    expect((await admin.post("/office/commercial/settings", { numberFormat: "SZ{T}{YYYY}{N5}" })).status).toBe(303);
    const id = await pendingApplication("CI-FORMAT-1");
    await reviewer.post(`/office/commercial/${id}/approval`, {});
    expect(await (await reviewer.get(`/office/commercial/${id}`)).text()).toMatch(/SZS\d{4}\d{5}/);
  });
});
