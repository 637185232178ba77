import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { unstorableMessage } from "../src/lib/charset.ts";
import { DEMO_PASSWORD } from "../src/demo/data.ts";
import { certificates, commercialDocuments } from "../src/db/schema.ts";
import { createCommercialDocument, sendCommercialDocument } from "../src/modules/commercial/index.ts";
import { invoicePdf } from "./support/commercial.ts";
import { createCertificate, sendCertificate } from "../src/modules/certificates/index.ts";
import { createProduct, sendProduct } from "../src/modules/filing/service.ts";
import { productVersions } from "../src/modules/filing/schema.ts";
import { printDesks } from "../src/modules/print/schema.ts";
import { startTestApp, TestClient } from "./support/app.ts";
import { goodBody } from "./support/certificates.ts";
import { readForm } from "./support/forms.ts";
import { approvedCertificate } from "./support/print.ts";
import { userFor } from "./support/users.ts";

/**
 * Issue 10: every text field of every HTML form refuses NUL, other control characters and lone
 * surrogates (textField()'s rule) beside the field, keeping what was typed, and nothing is saved.
 * NUL used to be stripped silently. (A lone surrogate cannot travel in a urlencoded or multipart
 * body: the browser's UTF-8 encoding turns it into U+FFFD, which is a character like any other.)
 */
let t: Awaited<ReturnType<typeof startTestApp>>;
let company: TestClient;
let reviewer: TestClient;
let admin: TestClient;
let clerk: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  [company, reviewer, admin, clerk] = [new TestClient(t.app), new TestClient(t.app), new TestClient(t.app), new TestClient(t.app)];
  await company.signIn("1100A4419", DEMO_PASSWORD);
  await reviewer.signIn("reviewer1100", DEMO_PASSWORD);
  await admin.signIn("admin1100", DEMO_PASSWORD);
  await clerk.signIn("print1100", DEMO_PASSWORD);
});
afterAll(() => t.close());

/** The error paragraph tied to the control `inputId`, or undefined. */
const errorBeside = (html: string, inputId: string) => html.match(new RegExp(`id="${inputId}-error"[^>]*>([^<]*)<`))?.[1]?.trim();
const page = async (res: Response) => ({ status: res.status, html: await res.text() });
const NUL = unstorableMessage("U+0000");
const BELL = unstorableMessage("U+0007");

async function pendingProduct() {
  const exporter = await userFor(t.db, "1100A4419");
  const { id } = await createProduct({
    db: t.db,
    user: exporter,
    input: {
      hsCode: "6116100000",
      nameZh: "手套",
      nameEn: "WORKING GLOVES",
      unit: "PAIRS",
      materials: "",
      agreements: [{ type: "CHAFTA", originCriterion: "WP" }],
    },
  });
  await sendProduct({ db: t.db, user: exporter, id });
  return id;
}

async function sentCertificate() {
  const exporter = await userFor(t.db, "1100A4419");
  const { id } = await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL") });
  await sendCertificate({ db: t.db, user: exporter, id });
  return id;
}

describe("forms validated by a schema (parseForm)", () => {
  test("a NUL is no longer stripped but refused beside the field, as typed", async () => {
    const res = await page(await company.post("/account/tokens", { name: "ERP\u0000LINK" }));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "f-name")).toBe(NUL);
    expect((await readForm(res.html, 'form[action="/account/tokens"]')).name).toBe("ERP\u0000LINK");
  });

  test("sign-in and the office's signatory form too, whatever their schemas say", async () => {
    const signIn = await page(await new TestClient(t.app).post("/sign-in", { login: "1100A4419\u0000", password: DEMO_PASSWORD }));
    expect(signIn.status).toBe(422);
    expect(errorBeside(signIn.html, "f-login")).toBe(NUL);
    const signatory = await page(await admin.post("/office/endorsement/signatories", { nameLatin: "LI\u0007MING", accountId: "" }));
    expect(signatory.status).toBe(422);
    expect(signatory.html).toContain(BELL);
  });
});

describe("product filing (商品备案)", () => {
  const product = { hsCode: "6116100000", nameZh: "手套\u0000", nameEn: "WORKING\u0007GLOVES", unit: "PAIRS", materials: "" };
  const versions = async () => (await t.db.select({ n: count() }).from(productVersions))[0]!.n;

  test("a new filing with control characters is refused beside each field; nothing is saved", async () => {
    const before = await versions();
    const res = await page(await company.post("/products", product));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "f-nameZh")).toBe(NUL);
    expect(errorBeside(res.html, "f-nameEn")).toBe(BELL);
    const kept = await readForm(res.html, 'form[action="/products"]');
    expect([kept.nameZh, kept.nameEn]).toEqual([product.nameZh, product.nameEn]);
    expect(await versions()).toBe(before);
  });

  test("an edit too; the stored filing is unchanged", async () => {
    const exporter = await userFor(t.db, "1100A4419");
    const { id } = await createProduct({ db: t.db, user: exporter, input: { ...product, nameZh: "手套", nameEn: "GLOVES", agreements: [] } });
    const res = await page(await company.post(`/products/${id}`, { ...product, nameZh: "手套" }));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "f-nameEn")).toBe(BELL);
    expect((await t.db.query.productVersions.findFirst({ where: eq(productVersions.productId, id) }))!.nameEn).toBe("GLOVES");
  });

  test("the office's rejection reason; the filing stays pending", async () => {
    const id = await pendingProduct();
    const res = await page(await reviewer.post(`/office/products/${id}/rejection`, { reason: "HS 编码不符\u0000" }));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "f-reason")).toBe(NUL);
    expect((await t.db.query.productVersions.findFirst({ where: eq(productVersions.productId, id) }))!.status).toBe("PENDING");
  });

  test("the search box refuses it beside the box and does not search", async () => {
    const res = await page(await company.get("/products?q=%E6%89%8B%07"));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "q")).toBe(BELL);
  });
});

describe("the office's review desk", () => {
  test("return and void reasons: refused beside the field, the certificate unchanged", async () => {
    const id = await sentCertificate();
    const returned = await page(await reviewer.post(`/office/certificates/${id}/return`, { reason: "请更正\u0000发票号" }));
    expect(returned.status).toBe(422);
    expect(errorBeside(returned.html, "f-reason")).toBe(NUL);
    expect(returned.html).toContain("请更正\u0000发票号");
    const voided = await page(await reviewer.post(`/office/certificates/${id}/void`, { reason: "\u001bVOID" }));
    expect(voided.status).toBe(422);
    expect(errorBeside(voided.html, "f-reason")).toBe(unstorableMessage("U+001B"));
    const row = (await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) }))!;
    expect([row.status, row.returnReason]).toEqual(["PENDING", null]);
  });

  test("the form serial of an approved paper certificate", async () => {
    const { id } = await approvedCertificate(t.db, { printMode: "PCO" });
    const serial = await page(await reviewer.post(`/office/certificates/${id}/form-serial`, { formSerial: "A1\u0007" }));
    expect(serial.status).toBe(422);
    expect(errorBeside(serial.html, "f-formSerial")).toBe(BELL);
    expect((await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) }))!.formSerial).toBeNull();
  });

  test("the number format setting and the desk's search", async () => {
    const setting = await page(await admin.post("/office/certificates/settings", { numberFormat: "{YY}C{OFFICE}\u0000{SERIAL:6}" }));
    expect(setting.status).toBe(422);
    expect(errorBeside(setting.html, "f-numberFormat")).toBe(NUL);
    const search = await page(await reviewer.get("/office/certificates?tab=all&invoiceNo=CI%07"));
    expect(errorBeside(search.html, "f-invoiceNo")).toBe(BELL);
  });
});

describe("the print desk and its setup", () => {
  test("a new desk's and a printer's names are refused beside the field; nothing is saved", async () => {
    const desks = async () => (await t.db.select({ n: count() }).from(printDesks))[0]!.n;
    const before = await desks();
    const desk = await page(await admin.post("/office/print/setup/desks", { name: "一号台\u0000", route: "SERVER" }));
    expect(desk.status).toBe(422);
    expect(errorBeside(desk.html, "f-name")).toBe(NUL);
    expect(await desks()).toBe(before);
    expect((await admin.post("/office/print/setup/desks", { name: "一号台", route: "SERVER" })).status).toBe(303);
    const deskId = (await t.db.query.printDesks.findFirst({ where: eq(printDesks.name, "一号台") }))!.id;
    const printer = await page(await admin.post("/office/print/setup/printers", { deskId, name: "HP\u0007", uri: "ipp://localhost:1/ipp/print" }));
    expect(printer.status).toBe(422);
    expect(errorBeside(printer.html, "f-printer-name")).toBe(BELL);
  });

  test("a reprint reason is refused beside the field and kept", async () => {
    const { id } = await approvedCertificate(t.db);
    await t.db.update(certificates).set({ printCount: 1 }).where(eq(certificates.id, id));
    const res = await page(await clerk.post(`/print/certificates/${id}/jobs`, { what: "certificate", reprintReason: "卡纸\u0000" }));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "f-reprintReason")).toBe(NUL);
    expect((await readForm(res.html, "#print-form")).reprintReason).toBe("卡纸\u0000");
  });
});

describe("the certificate form and list", () => {
  test("a control character is refused beside its field and kept as typed; the draft never holds it", async () => {
    const { id } = await createCertificate({ db: t.db, user: await userFor(t.db, "1100A4419"), body: goodBody("GENERAL") });
    const form = await readForm(await (await company.get(`/certificates/${id}`)).text(), "#cert-form");
    expect(form).toHaveProperty("remarks");
    const res = await page(await company.post(`/certificates/${id}`, { ...form, remarks: "L/C\u0000123" }));
    expect(res.status).toBe(422);
    expect(res.html).toContain(NUL);
    expect((await readForm(res.html, "#cert-form")).remarks).toBe("L/C\u0000123");
    const stored = (await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) }))!;
    expect(JSON.stringify(stored.body)).not.toContain("\\u0000");
  });

  test("the list's search fields refuse it beside the field", async () => {
    const res = await page(await company.get("/certificates?importer=ACME%00"));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "f-importer")).toBe(NUL);
  });
});

describe("商事证明 (commercial documents)", () => {
  const fields = { docType: "COMMERCIAL_INVOICE", documentNo: "CI-1", destinationCountry: "AE", purpose: "结汇\u0000", copies: "1", remarks: "注意\u0007" };
  const documents = async () => (await t.db.select({ n: count() }).from(commercialDocuments))[0]!.n;

  test("the application form refuses control characters beside each field, keeps what was typed, saves nothing", async () => {
    const before = await documents();
    const res = await page(await company.post("/commercial", fields));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "f-purpose")).toBe(NUL);
    expect(errorBeside(res.html, "f-remarks")).toBe(BELL);
    const kept = await readForm(res.html, 'form[action="/commercial"]');
    expect([kept.purpose, kept.remarks, kept.documentNo]).toEqual([fields.purpose, fields.remarks, "CI-1"]);
    expect(await documents()).toBe(before);
  });

  test("the office's return reason; the application stays pending", async () => {
    const exporter = await userFor(t.db, "1100A4419");
    const { id } = await createCommercialDocument({
      db: t.db,
      user: exporter,
      input: { ...fields, purpose: "结汇", remarks: "" },
      file: { bytes: await invoicePdf(1), name: "i.pdf" },
    });
    await sendCommercialDocument({ db: t.db, user: exporter, id });
    const res = await page(await reviewer.post(`/office/commercial/${id}/return`, { reason: "金额不符\u0000" }));
    expect(res.status).toBe(422);
    expect(errorBeside(res.html, "f-returnReason")).toBe(NUL);
    expect((await t.db.query.commercialDocuments.findFirst({ where: eq(commercialDocuments.id, id) }))!.status).toBe("PENDING");
  });

  test("both search boxes refuse it beside the box and do not search", async () => {
    for (const [who, path] of [
      [company, "/commercial?q=%E5%8F%91%07"],
      [reviewer, "/office/commercial?tab=all&q=%E5%8F%91%07"],
    ] as const) {
      const res = await page(await who.get(path));
      expect({ path, status: res.status, error: errorBeside(res.html, "q") }).toEqual({ path, status: 422, error: BELL });
    }
  });
});

describe("ids in page addresses", () => {
  test("a control character in a record's address is a 404 page, never a database error", async () => {
    for (const [who, path] of [
      [company, "/products/%00"],
      [company, "/certificates/%00"],
      [company, "/print/certificates/A%07"],
      [reviewer, "/office/certificates/%00"],
      [company, "/commercial/%00"],
      [reviewer, "/office/commercial/A%07"],
      [company, "/certificate-attachments/%00"],
      [clerk, "/office/print?desk=%00"],
    ] as const) {
      const res = await who.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
