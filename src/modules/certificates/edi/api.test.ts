import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { startTestApp } from "../../../../test/support/app.ts";
import { apiClient, goodBody, tokenFor } from "../../../../test/support/certificates.ts";
import { fixture } from "../../../../test/support/images.ts";
import { certificates } from "../schema.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
beforeAll(async () => {
  t = await startTestApp();
  api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
  other = apiClient(t.app, await tokenFor(t.db, "1100A4420"));
  // An approved ChAFTA filing for the working gloves, through the product API and the office review.
  const p = await api("POST", "/products", {
    hsCode: "6116100000",
    nameZh: "手套",
    nameEn: "WORKING GLOVES",
    unit: "PAIRS",
    agreements: [{ type: "CHAFTA", originCriterion: "WP" }],
  });
  await api("POST", `/products/${p.json.id}/send`);
  const { decideProduct } = await import("../../filing/service.ts");
  const reviewer = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "reviewer1100") });
  await decideProduct({ db: t.db, reviewer: { ...reviewer!, role: "office_reviewer" }, id: p.json.id, decision: "approve" });
});
afterAll(() => t.close());

const countRows = async () => (await t.db.select({ n: count() }).from(certificates))[0]!.n;

describe("certificates over the EDI API", () => {
  test("a good ChAFTA certificate is created as DRAFT, sent to PENDING, and marked EDI", async () => {
    const created = await api("POST", "/certificates", goodBody("CHAFTA"));
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.any(String), status: "DRAFT", problems: [] });
    const sent = await api("POST", `/certificates/${created.json.id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.json.status).toBe("PENDING");
    const got = await api("GET", `/certificates/${created.json.id}`);
    expect(got.json).toMatchObject({ status: "PENDING", type: "CHAFTA", number: null, applicationNo: expect.stringMatching(/^\d{13}$/) });
    expect(got.json.history.map((h: { status: string }) => h.status)).toEqual(["DRAFT", "PENDING"]);
    expect(got.json.history[0].note).toBe("EDI 接口提交");
    const row = await t.db.query.certificates.findFirst({ where: eq(certificates.id, created.json.id) });
    expect(row!.source).toBe("EDI");
  });

  test("problems are saved with the draft; send answers 422 with every one of them and nothing moves", async () => {
    const body = goodBody("CHAFTA");
    body.destinationCountry = "CN";
    body.goods![0]!.marks = "AS PER INVOICE";
    body.goods![0]!.originCriterion = "CTH";
    const created = await api("POST", "/certificates", body);
    expect(created.status).toBe(201);
    const rules = created.json.problems.map((p: { rule: string }) => p.rule);
    expect(rules).toEqual(expect.arrayContaining(["DEST_IS_CHINA", "MARKS_INVALID", "CRITERION_INVALID"]));
    const sent = await api("POST", `/certificates/${created.json.id}/send`);
    expect(sent.status).toBe(422);
    expect(sent.json.status).toBe("DRAFT");
    expect(sent.json.problems.map((p: { rule: string }) => p.rule)).toEqual(expect.arrayContaining(rules));
    expect((await api("GET", `/certificates/${created.json.id}`)).json.status).toBe("DRAFT");
  });

  test("PUT fixes a draft; a sent certificate can no longer be replaced (409)", async () => {
    const body = goodBody("GENERAL");
    const created = await api("POST", "/certificates", { ...body, remarks: "第一版" });
    expect(created.json.problems.map((p: { rule: string }) => p.rule)).toContain("CHARSET");
    const put = await api("PUT", `/certificates/${created.json.id}`, body);
    expect(put.status).toBe(200);
    expect(put.json.problems).toEqual([]);
    expect((await api("POST", `/certificates/${created.json.id}/send`)).status).toBe(200);
    const late = await api("PUT", `/certificates/${created.json.id}`, body);
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("conflict");
  });

  test("an invoice number held by a live certificate is refused at send, naming the holder", async () => {
    const first = await api("POST", "/certificates", goodBody("GENERAL", "INV-DUP-1"));
    await api("POST", `/certificates/${first.json.id}/send`);
    const holder = (await api("GET", `/certificates/${first.json.id}`)).json;
    const second = await api("POST", "/certificates", goodBody("GENERAL", "INV-DUP-1"));
    const dup = second.json.problems.find((p: { rule: string }) => p.rule === "INVOICE_DUPLICATE");
    expect(dup.field).toBe("invoice.number");
    expect(dup.message).toContain(holder.applicationNo);
    expect((await api("POST", `/certificates/${second.json.id}/send`)).status).toBe(422);
    // Another enterprise may use the same invoice number.
    const theirs = await other("POST", "/certificates", { ...goodBody("GENERAL", "INV-DUP-1"), exporter: null });
    expect(theirs.json.problems.map((p: { rule: string }) => p.rule)).not.toContain("INVOICE_DUPLICATE");
  });

  test("copy gives a new draft without the invoice number; amend is only for approved or issued certificates", async () => {
    const created = await api("POST", "/certificates", goodBody("GENERAL"));
    const copy = await api("POST", `/certificates/${created.json.id}/copy`);
    expect(copy.status).toBe(201);
    const copied = (await api("GET", `/certificates/${copy.json.id}`)).json;
    expect(copied.invoice.number).toBeNull();
    expect(copied.goods).toEqual(goodBody("GENERAL").goods);
    const amend = await api("POST", `/certificates/${created.json.id}/amend`);
    expect(amend.status).toBe(409);
  });

  test("the exporter and hand-signer default from the enterprise's record", async () => {
    const body = { ...goodBody("GENERAL"), exporter: null, handSigner: null };
    const created = await api("POST", "/certificates", body);
    const got = (await api("GET", `/certificates/${created.json.id}`)).json;
    expect(got.exporter).toEqual({ name: "BEIJING TUOBANG INVESTMENT CO., LTD.", address: "NO.1 JIANGUOMENWAI AVENUE, CHAOYANG DISTRICT, BEIJING, CHINA" });
    expect(got.handSigner).toBe("张三");
  });

  test("another enterprise's certificate is 404 on every endpoint", async () => {
    const created = await api("POST", "/certificates", goodBody("GENERAL"));
    const id = created.json.id;
    for (const [m, p] of [
      ["GET", `/certificates/${id}`],
      ["PUT", `/certificates/${id}`],
      ["POST", `/certificates/${id}/send`],
      ["POST", `/certificates/${id}/copy`],
      ["POST", `/certificates/${id}/amend`],
    ] as const) {
      const r = await other(m, p, m === "PUT" ? goodBody("GENERAL") : undefined);
      expect({ m, p, status: r.status }).toEqual({ m, p, status: 404 });
    }
    const list = await other("GET", "/certificates?pageSize=100");
    expect(list.json.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  test("bad shapes get a clear 400 or 413 and nothing is half-written", async () => {
    const before = await countRows();
    const malformed = await api("POST", "/certificates", '{"type": ');
    expect(malformed.status).toBe(400);
    const wrongTypes = await api("POST", "/certificates", { ...goodBody("GENERAL"), type: "NOPE", copies: "two", invoice: { number: 5, date: "2026-02-30" } });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.json.error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["type", "copies", "invoice.number", "invoice.date"]),
    );
    const line = goodBody("GENERAL").goods![0]!;
    const tooMany = await api("POST", "/certificates", { ...goodBody("GENERAL"), goods: Array.from({ length: 1000 }, () => line) });
    expect(tooMany.status).toBe(400);
    const huge = await api("POST", "/certificates", { ...goodBody("GENERAL"), goods: Array.from({ length: 10_000 }, () => line) });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("too_large");
    expect(await countRows()).toBe(before);
  });

  test("an optional field left out (packages.count of IN BULK goods) is read as null, not refused", async () => {
    const body = goodBody("GENERAL");
    const line = { ...body.goods![0]!, packages: { kind: "IN BULK" } };
    const created = await api("POST", "/certificates", { ...body, goods: [line], remarks: undefined });
    expect(created.status).toBe(201);
    expect(created.json.problems).toEqual([]);
    const got = await api("GET", `/certificates/${created.json.id}`);
    expect(got.json.goods[0].packages).toEqual({ count: null, kind: "IN BULK" });
    // Left out on packed goods it is still the review's PACKAGES problem, not a shape error.
    const packed = await api("POST", "/certificates", { ...body, goods: [{ ...line, packages: { kind: "CARTONS" } }] });
    expect(packed.status).toBe(201);
    expect(packed.json.problems.map((p: { field: string }) => p.field)).toContain("goods.0.packages.count");
  });

  test("image marks are judged by their bytes", async () => {
    const created = await api("POST", "/certificates", goodBody("GENERAL"));
    const png = await fixture("seal.png");
    const send = async (bytes: Uint8Array<ArrayBuffer>, name: string) => {
      const form = new FormData();
      form.append("file", new File([bytes], name));
      return t.app.request(`/api/v1/certificates/${created.json.id}/marks-image`, {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${await tokenFor(t.db, "1100A4419")}` },
      });
    };
    const fake = await send(new TextEncoder().encode("<?php echo 1; ?>"), "marks.png");
    expect(fake.status).toBe(400);
    const big = await send(new Uint8Array(400 * 1024 + 1).fill(1), "big.png");
    expect(big.status).toBe(413);
    const ok = await send(png, "marks.dat");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { mime: string }).mime).toBe("image/png");
  });

  test("lists filter by invoice number, status and importer", async () => {
    const a = await api("POST", "/certificates", {
      ...goodBody("GENERAL", "LIST-A"),
      consignee: { name: "KANGAROO IMPORTS PTY", address: "SYDNEY", country: "US" },
    });
    await api("POST", "/certificates", goodBody("GENERAL", "LIST-B"));
    const byInvoice = await api("GET", "/certificates?invoiceNo=LIST-A");
    expect(byInvoice.json.items.map((i: { id: string }) => i.id)).toEqual([a.json.id]);
    expect((await api("GET", "/certificates?importer=kangaroo")).json.items.map((i: { id: string }) => i.id)).toEqual([a.json.id]);
    expect((await api("GET", "/certificates?status=VOIDED")).json.total).toBe(0);
    expect((await api("GET", "/certificates?status=BOGUS")).status).toBe(400);
  });

  test("the certificate types are served with their boxes", async () => {
    const res = await t.app.request("/api/v1/reference/certificate-types");
    const types = ((await res.json()) as { items: { code: string; boxes: unknown[] }[] }).items;
    expect(types.map((x) => x.code)).toEqual(expect.arrayContaining(["GENERAL", "ACFTA", "CHAFTA", "CNKR", "CEPA_HK"]));
    expect(types.find((x) => x.code === "CHAFTA")!.boxes.length).toBeGreaterThan(5);
  });

  test("the PDF of a draft is the same drawing marked PREVIEW, with the real text", async () => {
    const created = await api("POST", "/certificates", goodBody("CHAFTA", "INV-PDF-77"));
    const res = await t.app.request(`/api/v1/certificates/${created.json.id}/pdf`, {
      headers: { authorization: `Bearer ${await tokenFor(t.db, "1100A4419")}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const file = `${require("node:os").tmpdir()}/origo-${created.json.id}.pdf`;
    await Bun.write(file, await res.arrayBuffer());
    const text = await Bun.$`pdftotext -layout ${file} -`.text();
    expect(text).toContain("PREVIEW");
    expect(text).toContain("INV-PDF-77");
    expect(text).toContain("WORKING GLOVES");
    expect((await other("GET", `/certificates/${created.json.id}/pdf`)).status).toBe(404);
  });
});
