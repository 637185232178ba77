/**
 * The office's certificate desk over HTTP, as the office's browsers use it: queues and counts,
 * 查询, the review page, each action and its refusal, the "being reviewed" marker, the number
 * format setting, office isolation, and the Excel export opened and read back.
 */
import { CERTIFICATE_STATUS_LABELS, PRINT_MODE_LABELS } from "../certificates/index.ts";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { goodBody } from "../../../test/support/certificates.ts";
import { userFor } from "../../../test/support/users.ts";
import { readXlsx } from "../../../test/support/xlsx.ts";
import { CERTIFICATE_OFFICE_MESSAGES as OM, createCertificate, sendCertificate, type CertificateBody } from "../certificates/index.ts";
import { certificates } from "../certificates/schema.ts";
import { M } from "./messages.ts";
import { certificateExportChunks, certificateExports } from "./schema.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let exporter: CurrentUser;
let reviewer: TestClient;
let admin: TestClient;
let shanghai: TestClient;
let company: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  exporter = await userFor(t.db, "1100A4419");
  [reviewer, admin, shanghai, company] = [new TestClient(t.app), new TestClient(t.app), new TestClient(t.app), new TestClient(t.app)];
  await reviewer.signIn("reviewer1100", DEMO_PASSWORD);
  await admin.signIn("admin1100", DEMO_PASSWORD);
  await shanghai.signIn("reviewer3100", DEMO_PASSWORD);
  await company.signIn("1100A4419", DEMO_PASSWORD);
  // An approved ChAFTA filing for the gloves, so ChAFTA certificates pass review and show their filing.
  const filing = await import("../filing/service.ts");
  const p = await filing.createProduct({
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
  await filing.sendProduct({ db: t.db, user: exporter, id: p.id });
  await filing.decideProduct({ db: t.db, reviewer: await userFor(t.db, "reviewer1100"), id: p.id, decision: "approve" });
});
afterAll(() => t.close());

async function pending(body: CertificateBody = goodBody("GENERAL"), source: "WEB" | "EDI" = "WEB") {
  const { id } = await createCertificate({ db: t.db, user: exporter, body, source });
  await sendCertificate({ db: t.db, user: exporter, id });
  return id;
}
const html = async (res: Response) => ({ status: res.status, text: await res.text() });
const row = async (id: string) => (await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) }))!;
/** The count shown on a tab, read from the page. */
const tabCount = (page: string, label: string) =>
  Number(page.match(new RegExp(`${label.replace(/[-]/g, "\\-")}<span class="count">(\\d+)</span>`))?.[1] ?? NaN);

describe("the desk", () => {
  test("queues by print mode and source, with counts on the tabs and the manual's columns", async () => {
    const before = (await html(await reviewer.get("/office/certificates?tab=eco-edi"))).text;
    const web = await pending(goodBody("GENERAL", "CI-DESK-WEB"));
    const edi = await pending(goodBody("GENERAL", "CI-DESK-EDI"), "EDI");
    const pco = await pending({ ...goodBody("GENERAL", "CI-DESK-PCO"), printMode: "PCO" });
    const ediPage = await html(await reviewer.get("/office/certificates?tab=eco-edi"));
    expect(ediPage.status).toBe(200);
    expect(tabCount(ediPage.text, "eCO-EDI")).toBe(tabCount(before, "eCO-EDI") + 1);
    expect(tabCount(ediPage.text, "eCO-待审")).toBe(tabCount(before, "eCO-待审") + 1);
    expect(tabCount(ediPage.text, "PCO-待审")).toBe(tabCount(before, "PCO-待审") + 1);
    expect(tabCount(ediPage.text, "今日信息")).toBe(tabCount(before, "今日信息") + 3);
    expect(ediPage.text).toContain(`href="/office/certificates/${edi}"`);
    expect(ediPage.text).not.toContain(`href="/office/certificates/${web}"`);
    expect(ediPage.text).not.toContain("CI-DESK-WEB");
    for (const h of ["序号", "企业注册号", "企业名称", "签证点", "小微", "发票号", "状态"]) expect(ediPage.text).toContain(`<th scope="col">${h}</th>`);
    expect(ediPage.text).toContain("1100A4419");
    expect(ediPage.text).toContain("北京拓邦投资有限公司");
    expect(ediPage.text).toContain('href="/office/products"');
    const webPage = (await html(await reviewer.get("/office/certificates?tab=eco-pending"))).text;
    expect(webPage).toContain(`href="/office/certificates/${web}"`);
    expect(webPage).not.toContain("CI-DESK-EDI");
    expect((await html(await reviewer.get("/office/certificates?tab=pco-pending"))).text).toContain(`href="/office/certificates/${pco}"`);
  });

  test("查询 by enterprise and invoice number; a bad date is shown at its field", async () => {
    await pending(goodBody("GENERAL", "CI-FIND-ME"));
    const found = (await html(await reviewer.get("/office/certificates?tab=all&enterprise=1100A4419&invoiceNo=CI-FIND-ME"))).text;
    expect(found).toContain("CI-FIND-ME");
    expect(found).not.toContain("CI-DESK-WEB");
    const byName = (await html(await reviewer.get(`/office/certificates?tab=all&enterprise=${encodeURIComponent("拓邦")}&invoiceNo=CI-FIND-ME`))).text;
    expect(byName).toContain("CI-FIND-ME");
    const other = (await html(await reviewer.get("/office/certificates?tab=all&enterprise=1100A4420&invoiceNo=CI-FIND-ME"))).text;
    expect(other).toContain(M.none);
    const bad = await html(await reviewer.get("/office/certificates?tab=all&invoiceDateFrom=2026-13-45"));
    expect(bad.text).toContain(M.badDate);
    expect(bad.text).toContain('value="2026-13-45"');
  });

  test("another office sees none of it: not in its desk, 404 on the page and on every action", async () => {
    const id = await pending(goodBody("GENERAL", "CI-BEIJING-ONLY"));
    expect((await html(await shanghai.get("/office/certificates?tab=all&invoiceNo=CI-BEIJING-ONLY"))).text).toContain(M.none);
    expect((await shanghai.get(`/office/certificates/${id}`)).status).toBe(404);
    expect((await shanghai.get(`/office/certificates/${id}/void`)).status).toBe(404);
    for (const [path, fields] of [
      ["approval", {}],
      ["return", { reason: "x" }],
      ["void", { reason: "x" }],
      ["form-serial", { formSerial: "A1" }],
    ] as const)
      expect((await shanghai.post(`/office/certificates/${id}/${path}`, fields)).status).toBe(404);
    expect((await row(id)).status).toBe("PENDING");
    expect((await company.get(`/office/certificates/${id}`)).status).toBe(403);
  });
});

describe("the review page", () => {
  test("shows the boxes, a fresh machine review, the filings the lines refer to, the enterprise and the history", async () => {
    const id = await pending(goodBody("CHAFTA", "CI-CHAFTA-1"));
    const page = await html(await reviewer.get(`/office/certificates/${id}`));
    expect(page.status).toBe(200);
    expect(page.text).toContain(M.machineReviewOk);
    expect(page.text).toContain("Exporter&#39;s name, address and country");
    expect(page.text).toContain("BEIJING TUOBANG INVESTMENT CO., LTD.");
    expect(page.text).toContain("FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA VIA HONGKONG");
    expect(page.text).toContain("WORKING GLOVES");
    expect(page.text).toContain(M.filingCriterion("WP"));
    expect(page.text).toMatch(/href="\/office\/products\/[0-9a-f-]+">6116100000<\/a>/);
    expect(page.text).toContain("NO.1 JIANGUOMENWAI AVENUE");
    expect(page.text).toContain("张三");
    expect(page.text).toContain(M.historyTitle);
    expect(page.text).toContain(CERTIFICATE_STATUS_LABELS.PENDING);
  });

  test("a colleague opening it sees who is reviewing it and since when", async () => {
    const id = await pending();
    const first = (await html(await reviewer.get(`/office/certificates/${id}`))).text;
    expect(first).not.toContain("正在审核（");
    const since = (await row(id)).reviewingSince!;
    const hhmm = new Date(since.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
    const second = (await html(await admin.get(`/office/certificates/${id}`))).text;
    expect(second).toContain(M.reviewingBy("北京审核员", hhmm));
    expect((await html(await admin.get("/office/certificates?tab=eco-pending"))).text).toContain(M.reviewingBy("北京审核员", hhmm));
  });

  test("审核通过 shows the number; a second approval is told it was already approved", async () => {
    const id = await pending();
    const res = await reviewer.post(`/office/certificates/${id}/approval`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/office/certificates/${id}?done=approved`);
    const { number } = await row(id);
    expect((await html(await reviewer.get(res.headers.get("location")!))).text).toContain(M.approvedNotice(number!));
    const again = await html(await admin.post(`/office/certificates/${id}/approval`, {}));
    expect(again.status).toBe(409);
    expect(again.text).toContain(OM.alreadyApproved(number));
  });

  test("退回 needs a reason; with one the certificate is RETURNED and a return from the wrong state is refused", async () => {
    const id = await pending();
    const empty = await html(await reviewer.post(`/office/certificates/${id}/return`, { reason: "" }));
    expect(empty.status).toBe(422);
    expect(empty.text).toContain(OM.reasonRequired);
    const ok = await reviewer.post(`/office/certificates/${id}/return`, { reason: "请补充船名航次" });
    expect(ok.status).toBe(303);
    expect(await row(id)).toMatchObject({ status: "RETURNED", returnReason: "请补充船名航次" });
    const again = await html(await reviewer.post(`/office/certificates/${id}/return`, { reason: "再退" }));
    expect(again.status).toBe(409);
    expect(again.text).toContain(OM.notReturnable("RETURNED"));
  });

  test("作废 asks for confirmation saying it is final and pointing to 改证重发, then voids", async () => {
    const id = await pending();
    const confirm = (await html(await reviewer.get(`/office/certificates/${id}/void`))).text;
    expect(confirm).toContain(M.voidFinal);
    expect(confirm).toContain("改证重发");
    const empty = await html(await reviewer.post(`/office/certificates/${id}/void`, { reason: "" }));
    expect(empty.status).toBe(422);
    expect(empty.text).toContain(OM.voidReasonRequired);
    expect((await reviewer.post(`/office/certificates/${id}/void`, { reason: "企业申请" })).status).toBe(303);
    expect((await row(id)).status).toBe("VOIDED");
    const again = await html(await reviewer.post(`/office/certificates/${id}/void`, { reason: "再作废" }));
    expect(again.status).toBe(409);
    expect(again.text).toContain(OM.voidVoided);
  });

  test("修改印刷号 issues an approved PCO certificate; a serial on another certificate is refused at the field", async () => {
    const a = await pending({ ...goodBody("GENERAL"), printMode: "PCO" });
    const b = await pending({ ...goodBody("GENERAL"), printMode: "PCO" });
    await reviewer.post(`/office/certificates/${a}/approval`, {});
    await reviewer.post(`/office/certificates/${b}/approval`, {});
    const serial = `S${Date.now()}`;
    expect((await reviewer.post(`/office/certificates/${a}/form-serial`, { formSerial: serial })).status).toBe(303);
    expect(await row(a)).toMatchObject({ status: "ISSUED", formSerial: serial });
    const taken = await html(await reviewer.post(`/office/certificates/${b}/form-serial`, { formSerial: serial }));
    expect(taken.status).toBe(409);
    expect(taken.text).toContain(OM.serialTaken((await row(a)).number!));
    expect(taken.text).toContain(`value="${serial}"`);
  });
});

describe("certificate number format", () => {
  test("an admin sets it and sees an example; a reviewer may not; an unsafe one is refused at the field", async () => {
    expect((await reviewer.get("/office/certificates/settings")).status).toBe(403);
    const page = (await html(await admin.get("/office/certificates/settings"))).text;
    expect(page).toContain('value="{T}{YY}{OFFICE}{N6}"');
    const bad = await html(await admin.post("/office/certificates/settings", { numberFormat: "{T}{N6}" }));
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(OM.formatProblems.missing_year);
    expect((await admin.post("/office/certificates/settings", { numberFormat: "{T}{YYYY}{OFFICE}{N6}" })).status).toBe(303);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect((await html(await admin.get("/office/certificates/settings"))).text).toContain(`C${year}1100B0000042`);
    await admin.post("/office/certificates/settings", { numberFormat: "{T}{YY}{OFFICE}{N6}" });
  });
});

describe("导出Excel", () => {
  /** Follows the export page's progress fragment until it stops polling, as htmx would. */
  async function awaitExport(client: TestClient, location: string) {
    for (let i = 0; i < 400; i++) {
      const fragment = await (await client.get(`${location}/progress`)).text();
      if (!fragment.includes("hx-trigger")) return fragment;
      await Bun.sleep(25);
    }
    throw new Error("the export did not finish");
  }

  test("exports the current search as a real .xlsx with every matching row, not only the page", async () => {
    const marker = `CI-XL-${crypto.randomUUID().slice(0, 6)}`;
    // 1,234 certificates straight into the table (the services are tested elsewhere): three batches of the export.
    const template = await row(await pending(goodBody("GENERAL", `${marker}-0000`)));
    const rows = Array.from({ length: 1233 }, (_, i) => ({
      ...template,
      id: Bun.randomUUIDv7(),
      applicationNo: `XL${marker}${i}`,
      invoiceNo: `${marker}-${String(i + 1).padStart(4, "0")}`,
      number: null,
      formSerial: null,
    }));
    for (let i = 0; i < rows.length; i += 400) await t.db.insert(certificates).values(rows.slice(i, i + 400));

    // The export form carries the search it was shown with: every pending certificate of the enterprise.
    const res = await reviewer.post("/office/certificates/exports", { tab: "all", enterprise: "1100A4419", status: "PENDING", invoiceNo: "" });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/office\/certificates\/exports\/[0-9a-f-]+$/);
    const page = (await html(await reviewer.get(location))).text;
    expect(page).toMatch(/正在导出|导出完成/);
    const done = await awaitExport(reviewer, location);
    const exp = (await t.db.query.certificateExports.findFirst({ where: eq(certificateExports.id, location.split("/").pop()!) }))!;
    expect(done).toContain(M.exportDone(exp.done));

    const file = await reviewer.get(`${location}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(file.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("原产地证书")}`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.byteLength).toBe(Number(file.headers.get("content-length")));
    const sheet = readXlsx(bytes).rows;
    expect(sheet[0]!.slice(0, 7)).toEqual(["序号", "企业注册号", "企业名称", "签证点", "小微", "发票号", "状态"]);
    const pendingCount = (await t.db.select().from(certificates).where(eq(certificates.status, "PENDING"))).length;
    expect(sheet).toHaveLength(pendingCount + 1);
    expect(exp.total).toBe(pendingCount);
    const mine = sheet.filter((r) => r[5]!.startsWith(marker));
    expect(mine).toHaveLength(1234);
    expect(new Set(mine.map((r) => r[5])).size).toBe(1234);
    expect(mine[0]!.slice(1, 7)).toEqual([
      "1100A4419",
      "北京拓邦投资有限公司",
      template.visaPoint ?? "",
      "否",
      mine[0]![5]!,
      CERTIFICATE_STATUS_LABELS.PENDING,
    ]);
    expect(sheet.slice(1).map((r) => Number(r[0]))).toEqual(Array.from({ length: pendingCount }, (_, i) => i + 1));
  });

  test("a queue tab exports that queue; another office cannot open the export", async () => {
    const id = await pending(goodBody("GENERAL", "CI-XL-PCO"));
    await t.db.update(certificates).set({ printMode: "PCO" }).where(eq(certificates.id, id));
    const res = await reviewer.post("/office/certificates/exports", { tab: "pco-pending" });
    const location = res.headers.get("location")!;
    await awaitExport(reviewer, location);
    const sheet = readXlsx(new Uint8Array(await (await reviewer.get(`${location}/file`)).arrayBuffer())).rows;
    const expected = await t.db.select().from(certificates).where(eq(certificates.status, "PENDING"));
    expect(sheet.length - 1).toBe(expected.filter((c) => c.printMode === "PCO" && c.source === "WEB").length);
    expect(sheet.some((r) => r[5] === "CI-XL-PCO")).toBe(true);
    expect(sheet.slice(1).every((r) => r[10] === PRINT_MODE_LABELS.PCO && r[6] === CERTIFICATE_STATUS_LABELS.PENDING)).toBe(true);
    expect((await shanghai.get(location)).status).toBe(404);
    expect((await shanghai.get(`${location}/file`)).status).toBe(404);
    const chunks = await t.db
      .select()
      .from(certificateExportChunks)
      .where(eq(certificateExportChunks.exportId, location.split("/").pop()!));
    expect(chunks.length).toBeGreaterThan(0);
  });
});
