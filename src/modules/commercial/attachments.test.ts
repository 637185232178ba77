import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ORIGIN, startTestApp, TestClient } from "../../../test/support/app.ts";
import { apiClient, goodBody, tokenFor } from "../../../test/support/certificates.ts";
import { invoicePdf } from "../../../test/support/commercial.ts";
import { fixture } from "../../../test/support/images.ts";
import { pdfText } from "../../../test/support/pdf.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { M } from "./messages.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let a: TestClient;
let b: TestClient;
let reviewer: TestClient;
let shanghai: TestClient;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  t = await startTestApp();
  [a, b, reviewer, shanghai] = [new TestClient(t.app), new TestClient(t.app), new TestClient(t.app), new TestClient(t.app)];
  await a.signIn("1100A4419", DEMO_PASSWORD);
  await b.signIn("1100A4420", DEMO_PASSWORD);
  await reviewer.signIn("reviewer1100", DEMO_PASSWORD);
  await shanghai.signIn("reviewer3100", DEMO_PASSWORD);
  api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
});
afterAll(() => t.close());

async function attach(client: TestClient, certificateId: string, kind: string, file: { bytes: Uint8Array; name: string }) {
  const body = new FormData();
  body.set("_csrf", client.csrf);
  body.set("kind", kind);
  body.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: "application/pdf" }));
  return client.request(`/certificates/${certificateId}/attachments`, { method: "POST", body, headers: { origin: ORIGIN } });
}

describe("关联单据 on certificate applications", () => {
  test("the exporter attaches an invoice and a packing list; the reviewer reads them beside the application; they never print", async () => {
    const { json } = await api("POST", "/certificates", goodBody("GENERAL"));
    const id = json.id as string;
    expect(await (await a.get(`/certificates/${id}`)).text()).toContain(`/certificates/${id}/attachments`);
    expect((await attach(a, id, "INVOICE", { bytes: await invoicePdf(1, "ATTACHED INVOICE XJ-1"), name: "invoice.pdf" })).status).toBe(303);
    expect((await attach(a, id, "PACKING_LIST", { bytes: await invoicePdf(2, "ATTACHED PACKING XJ-1"), name: "packing.pdf" })).status).toBe(303);
    const page = await (await a.get(`/certificates/${id}/attachments?done=added`)).text();
    expect(page).toContain(M.attachmentAdded);
    expect(page).toContain("invoice.pdf");
    expect(page).toContain("packing.pdf");

    const scan = await attach(a, id, "INVOICE", { bytes: await fixture("seal.png"), name: "scan.pdf" });
    expect(scan.status).toBe(422);
    expect(await scan.text()).toContain(M.attachmentNotPdf);
    expect((await attach(a, id, "NOPE", { bytes: await invoicePdf(1), name: "x.pdf" })).status).toBe(422);

    expect((await api("POST", `/certificates/${id}/send`)).status).toBe(200);
    const review = await (await reviewer.get(`/office/certificates/${id}`)).text();
    expect(review).toContain(M.attachmentsTitle);
    const attachmentId = review.match(/\/certificate-attachments\/([0-9a-f-]+)/)![1]!;
    const file = await reviewer.get(`/certificate-attachments/${attachmentId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");

    // Sent: no more changes.
    const locked = await attach(a, id, "INVOICE", { bytes: await invoicePdf(1), name: "late.pdf" });
    expect(locked.status).toBe(409);
    expect(await locked.text()).toContain(M.attachmentsLocked);
    expect((await a.post(`/certificates/${id}/attachments/${attachmentId}/deletion`, {})).status).toBe(409);

    // Another enterprise and another office see nothing of them.
    expect((await b.get(`/certificates/${id}/attachments`)).status).toBe(404);
    expect((await b.get(`/certificate-attachments/${attachmentId}`)).status).toBe(404);
    expect((await shanghai.get(`/certificate-attachments/${attachmentId}`)).status).toBe(404);

    // The certificate's own drawing holds none of their text.
    const res = await t.app.request(`/api/v1/certificates/${id}/pdf`, { headers: { authorization: `Bearer ${await tokenFor(t.db, "1100A4419")}` } });
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).not.toContain("ATTACHED");
  });

  test("an attachment may be removed while the certificate is a draft", async () => {
    const { json } = await api("POST", "/certificates", goodBody("GENERAL"));
    await attach(a, json.id, "INVOICE", { bytes: await invoicePdf(1), name: "wrong.pdf" });
    const page = await (await a.get(`/certificates/${json.id}/attachments`)).text();
    const attachmentId = page.match(/\/certificate-attachments\/([0-9a-f-]+)/)![1]!;
    expect((await b.post(`/certificates/${json.id}/attachments/${attachmentId}/deletion`, {})).status).toBe(404);
    expect((await a.post(`/certificates/${json.id}/attachments/${attachmentId}/deletion`, {})).status).toBe(303);
    expect(await (await a.get(`/certificates/${json.id}/attachments`)).text()).toContain(M.attachmentsNone);
  });
});
