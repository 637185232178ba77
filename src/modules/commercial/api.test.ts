import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PDFDocument } from "pdf-lib";
import { startTestApp } from "../../../test/support/app.ts";
import { apiClient, tokenFor } from "../../../test/support/certificates.ts";
import { invoiceFields, invoicePdf } from "../../../test/support/commercial.ts";
import { noisePng } from "../../../test/support/images.ts";
import { userFor } from "../../../test/support/users.ts";
import { M } from "./messages.ts";
import { approveCommercialDocument } from "./office-actions.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
beforeAll(async () => {
  t = await startTestApp();
  api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
  other = apiClient(t.app, await tokenFor(t.db, "1100A4420"));
});
afterAll(() => t.close());

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

describe("EDI /commercial-documents", () => {
  test("create with the file as base64, send, get, list, and the signed PDF once approved", async () => {
    const pdf = await invoicePdf(2);
    const created = await api("POST", "/commercial-documents", { ...invoiceFields("CI-EDI-001"), file: { name: "ci.pdf", contentBase64: b64(pdf) } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: "DRAFT", applicationNo: expect.stringMatching(/^SZ\d{13}$/) });
    const id = created.json.id as string;
    expect((await api("POST", `/commercial-documents/${id}/send`)).json).toEqual({ status: "PENDING", issues: [] });
    const got = await api("GET", `/commercial-documents/${id}`);
    expect(got.json).toMatchObject({
      status: "PENDING",
      source: "EDI",
      documentNo: "CI-EDI-001",
      file: { name: "ci.pdf", pageCount: 2, byteSize: pdf.length, sha256: new Bun.CryptoHasher("sha256").update(pdf).digest("hex") },
    });
    expect(got.json.history.map((h: { status: string }) => h.status)).toEqual(["DRAFT", "PENDING"]);
    const list = await api("GET", "/commercial-documents?status=PENDING&q=CI-EDI-001");
    expect(list.json.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await api("GET", `/commercial-documents/${id}/pdf`)).status).toBe(409);
    await approveCommercialDocument({ db: t.db, reviewer: await userFor(t.db, "reviewer1100"), id });
    const res = await t.app.request(`/api/v1/commercial-documents/${id}/pdf`, { headers: { authorization: `Bearer ${await tokenFor(t.db, "1100A4419")}` } });
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect((await PDFDocument.load(new Uint8Array(await res.arrayBuffer()))).getPageCount()).toBe(3);
  });

  test("the file may come as multipart after a JSON create", async () => {
    const { json } = await api("POST", "/commercial-documents", invoiceFields("CI-EDI-MULTI"));
    const body = new FormData();
    const pdf = await invoicePdf(3);
    body.set("file", new File([pdf as Uint8Array<ArrayBuffer>], "multi.pdf", { type: "application/pdf" }));
    const token = await tokenFor(t.db, "1100A4419");
    const res = await t.app.request(`/api/v1/commercial-documents/${json.id}/file`, { method: "POST", body, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "multi.pdf", mediaType: "application/pdf", pageCount: 3, byteSize: pdf.length });
    expect((await api("POST", `/commercial-documents/${json.id}/send`)).json.status).toBe("PENDING");
    const again = await t.app.request(`/api/v1/commercial-documents/${json.id}/file`, { method: "POST", body, headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(409);
  });

  test("sending an incomplete application answers 422 with every missing field; another enterprise gets 404", async () => {
    const { json } = await api("POST", "/commercial-documents", { docType: "CONTRACT" });
    const sent = await api("POST", `/commercial-documents/${json.id}/send`);
    expect(sent.status).toBe(422);
    expect(sent.json.issues.map((i: { path: string }) => i.path)).toEqual(["documentNo", "destinationCountry", "purpose", "file"]);
    for (const [m, p] of [
      ["GET", ""],
      ["GET", "/pdf"],
      ["POST", "/send"],
    ] as const)
      expect((await other(m, `/commercial-documents/${json.id}${p}`)).status).toBe(404);
    expect((await other("GET", "/commercial-documents?q=CONTRACT")).json.items).toEqual([]);
  });

  test("a file that is not a document, bad base64, bad fields: 400 naming the field; past 10 MB: 413", async () => {
    const text = await api("POST", "/commercial-documents", { ...invoiceFields(), file: { contentBase64: b64(new TextEncoder().encode("hello")) } });
    expect(text.status).toBe(400);
    expect(text.json.error.issues).toEqual([{ path: "file", message: M.fileType }]);
    expect((await api("POST", "/commercial-documents", { ...invoiceFields(), file: { contentBase64: "@@@" } })).json.error.issues[0].path).toBe(
      "file.contentBase64",
    );
    const fields = await api("POST", "/commercial-documents", { ...invoiceFields(), destinationCountry: "ZZ" });
    expect(fields.status).toBe(400);
    expect(fields.json.error.issues).toEqual([{ path: "destinationCountry", message: M.countryUnknown }]);
    const big = await api("POST", "/commercial-documents", { ...invoiceFields(), file: { contentBase64: b64(noisePng(2000, 1800)) } });
    expect(big.status).toBe(413);
    expect(big.json.error.message).toStartWith("单据文件：文件大小为 10.");
    const huge = await api("POST", "/commercial-documents", { ...invoiceFields(), file: { contentBase64: "A".repeat(15 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.json.error.message).toBe(M.apiBodyTooLarge);
    // Every other operation keeps the 1 MiB limit.
    expect((await api("POST", "/certificates", "x".repeat(1024 * 1024 + 10))).status).toBe(413);
  });
});
