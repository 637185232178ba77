import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../../app-env.ts";
import { DEMO_PASSWORD } from "../../../demo/data.ts";
import { startTestApp, TestClient } from "../../../../test/support/app.ts";
import { goodBody } from "../../../../test/support/certificates.ts";
import type { CertificateTypeCode } from "../../reference/index.ts";
import { STATUS_LABELS } from "../labels.ts";
import { LM } from "./list-messages.ts";
import { listCertificateRows } from "../queries.ts";
import { certificates } from "../schema.ts";
import { createCertificate, listCertificates } from "../service.ts";

/**
 * 单据查询 through the pages: tabs and counts, every advanced filter, sorting, paging that keeps
 * the conditions, and that nobody ever sees another enterprise's certificates.
 */
let t: Awaited<ReturnType<typeof startTestApp>>;
let web: TestClient;
let me: CurrentUser;
let them: CurrentUser;

async function userOf(login: string): Promise<CurrentUser> {
  const a = (await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, login) }))!;
  return { id: a.id, login: a.login, role: a.role, displayName: a.displayName, officeCode: a.officeCode, enterpriseId: a.enterpriseId };
}

type Patch = Partial<typeof certificates.$inferInsert>;

/** A saved certificate of `user`, its body changed by `edit`, its row (status, dates …) set by `patch` as the office's actions would. */
async function cert(
  user: CurrentUser,
  invoiceNo: string,
  { type = "GENERAL", importer, invoiceDate, patch = {} }: { type?: CertificateTypeCode; importer?: string; invoiceDate?: string; patch?: Patch } = {},
) {
  const body = goodBody(type, invoiceNo);
  if (importer) body.consignee = { ...body.consignee!, name: importer };
  if (invoiceDate) body.invoice = { ...body.invoice!, date: invoiceDate };
  if (user !== me) body.exporter = null;
  const { id } = await createCertificate({ db: t.db, user, body });
  if (Object.keys(patch).length) await t.db.update(certificates).set(patch).where(eq(certificates.id, id));
  const row = (await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) }))!;
  return row;
}

/** The invoice numbers of the result rows, in order. */
async function invoices(path: string) {
  const res = await web.get(path);
  const html = await res.text();
  const tbody = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
  return { status: res.status, html, rows: [...tbody.matchAll(/<tr><td><a href="\/certificates\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!) };
}

let old: Awaited<ReturnType<typeof cert>>;

beforeAll(async () => {
  t = await startTestApp();
  me = await userOf("1100A4419");
  them = await userOf("1100A4420");
  web = new TestClient(t.app);
  await web.signIn("1100A4419", DEMO_PASSWORD);
  const threeYearsAgo = new Date(Date.now() - 3 * 365 * 86_400_000);
  old = await cert(me, "OLD-2023-77", {
    invoiceDate: "2023-03-01",
    importer: "NORDIC FJORD AS",
    patch: { status: "ISSUED", number: "C23110000001", printCount: 1, createdAt: threeYearsAgo, sentAt: threeYearsAgo },
  });
  await cert(me, "RET-1", { importer: "KANGAROO IMPORTS PTY LTD", patch: { status: "RETURNED", returnReason: "货物描述与发票不符", sentAt: new Date() } });
  await cert(me, "PEND-1", { importer: "Maple Leaf Trading Inc", patch: { status: "PENDING", sentAt: new Date(), remarks: "L/C NO. 998" } });
  await cert(me, "APPR-1", { type: "CNKR", importer: "HAN RIVER CO LTD", patch: { status: "APPROVED", number: "K26110000001", visaPoint: "1100B1" } });
  await cert(me, "DRAFT-1", { importer: "ACME TRADING LTD" });
  await cert(them, "THEIRS-1", { importer: "KANGAROO IMPORTS PTY LTD" });
});
afterAll(() => t.close());

describe("certificate list tabs", () => {
  test("each status tab shows its count and only its certificates; 所有证书 shows every one, however old", async () => {
    const all = await invoices("/certificates");
    expect(all.rows.sort()).toEqual(["APPR-1", "DRAFT-1", "OLD-2023-77", "PEND-1", "RET-1"]);
    expect(all.html).toMatch(/<a href="\/certificates" aria-current="page">所有证书<span class="count">5<\/span>/);
    for (const [status, label, expected] of [
      ["DRAFT", STATUS_LABELS.DRAFT, ["DRAFT-1"]],
      ["PENDING", STATUS_LABELS.PENDING, ["PEND-1"]],
      ["RETURNED", STATUS_LABELS.RETURNED, ["RET-1"]],
      ["APPROVED", STATUS_LABELS.APPROVED, ["APPR-1"]],
      ["ISSUED", STATUS_LABELS.ISSUED, ["OLD-2023-77"]],
      ["VOIDED", STATUS_LABELS.VOIDED, []],
    ] as const) {
      const tab = await invoices(`/certificates?status=${status}`);
      expect({ status, rows: tab.rows }).toEqual({ status, rows: [...expected] });
      expect(tab.html).toContain(`<a href="/certificates?status=${status}" aria-current="page">${label}<span class="count">${expected.length}</span>`);
    }
  });

  test("a returned certificate shows the office's reason in the list", async () => {
    const { html } = await invoices("/certificates?status=RETURNED");
    expect(html).toContain(`${LM.returnReason}：货物描述与发票不符`);
  });

  test("tab counts follow the search; tab links keep the search", async () => {
    const { html } = await invoices("/certificates?importer=kangaroo");
    expect(html).toContain(`<a href="/certificates?status=RETURNED&amp;importer=kangaroo">${STATUS_LABELS.RETURNED}<span class="count">1</span>`);
    expect(html).toContain(`<a href="/certificates?status=PENDING&amp;importer=kangaroo">${STATUS_LABELS.PENDING}<span class="count">0</span>`);
  });
});

describe("search", () => {
  test("simple search finds an invoice number by any part of it, in any case, whatever its date (manual Q8)", async () => {
    expect((await invoices("/certificates?invoiceNo=old-2023")).rows).toEqual(["OLD-2023-77"]);
    expect((await invoices("/certificates?invoiceNo=OLD-2023-77")).rows).toEqual(["OLD-2023-77"]);
  });

  test("a long number is matched whole, not by the end the index is asked for; in the office's search too", async () => {
    // Shares the last six characters (what the trigram index is asked for) with OLD-2023-77, not the rest.
    const other = await cert(me, "NEW-2023-77");
    expect((await invoices("/certificates?invoiceNo=old-2023-77")).rows).toEqual(["OLD-2023-77"]);
    expect((await invoices("/certificates?invoiceNo=2023-77")).rows.sort()).toEqual(["NEW-2023-77", "OLD-2023-77"]);
    expect((await invoices("/certificates?invoiceNo=D-2023-7")).rows).toEqual(["OLD-2023-77"]);
    const reviewer = await userOf("reviewer1100");
    expect((await listCertificates({ db: t.db, user: reviewer, filters: { invoiceNo: "Old-2023-77" } })).rows.map((r) => r.invoiceNo)).toEqual(["OLD-2023-77"]);
    // The tabs count what the page finds.
    expect((await invoices("/certificates?invoiceNo=old-2023-77")).html).toMatch(/所有证书<span class="count">1<\/span>/);
    await t.db.delete(certificates).where(eq(certificates.id, other.id)); // the other tests count five
  });

  test("a search that finds nothing under other conditions says where the invoice number is", async () => {
    const r = await invoices("/certificates?invoiceNo=OLD-2023&invoiceDateFrom=2026-01-01");
    expect(r.rows).toEqual([]);
    expect(r.html).toContain(LM.invoiceElsewhere("OLD-2023", 1));
    expect(r.html).toContain('href="/certificates?invoiceNo=OLD-2023"');
  });

  test("each advanced filter narrows the list", async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const cases: [string, string[]][] = [
      [`applicationNo=${old.applicationNo}`, ["OLD-2023-77"]],
      ["type=CNKR", ["APPR-1"]],
      ["status=PENDING", ["PEND-1"]],
      ["invoiceDateFrom=2023-01-01&invoiceDateTo=2023-12-31", ["OLD-2023-77"]],
      ["invoiceDateFrom=2024-01-01", ["APPR-1", "DRAFT-1", "PEND-1", "RET-1"]],
      [`createdFrom=${today}&createdTo=${today}`, ["APPR-1", "DRAFT-1", "PEND-1", "RET-1"]],
      ["createdTo=2024-01-01", ["OLD-2023-77"]],
      ["importer=maple leaf", ["PEND-1"]],
      ["importer=100%", []],
      ["printed=yes", ["OLD-2023-77"]],
      ["printed=no", ["APPR-1", "DRAFT-1", "PEND-1", "RET-1"]],
      ["visaPoint=1100B1", ["APPR-1"]],
      ["importer=kangaroo&status=RETURNED", ["RET-1"]],
    ];
    for (const [qs, expected] of cases) {
      const r = await invoices(`/certificates?${qs}`);
      expect({ qs, rows: r.rows.sort() }).toEqual({ qs, rows: expected });
    }
  });

  test("the advanced search opens by itself when one of its conditions is set, with the values kept", async () => {
    const { html } = await invoices("/certificates?importer=kangaroo&type=GENERAL");
    expect(html).toMatch(/<details class="advanced" open/);
    expect(html).toContain('id="f-importer" name="importer" type="text" value="kangaroo"');
    expect(html).toContain('<option value="GENERAL" selected="">');
    expect((await invoices("/certificates")).html).not.toMatch(/<details class="advanced" open/);
  });

  test("a date that is not a date is a field error, not a silent empty list", async () => {
    const r = await invoices("/certificates?invoiceDateFrom=2026-02-30&createdFrom=2026-03-01&createdTo=2026-01-01");
    expect(r.status).toBe(422);
    expect(r.html).toContain(LM.badDate);
    expect(r.html).toContain(LM.badRange);
    expect(r.html).toContain('href="#f-invoiceDateFrom"');
  });
});

describe("sorting and paging", () => {
  test("columns sort both ways and say so to screen readers; sort links keep the search", async () => {
    const asc = await invoices("/certificates?sort=importer&dir=asc");
    expect(asc.rows).toEqual(["DRAFT-1", "APPR-1", "RET-1", "PEND-1", "OLD-2023-77"]);
    expect(asc.html).toMatch(/<th scope="col" aria-sort="ascending"><a href="\/certificates\?sort=importer&amp;dir=desc"/);
    const desc = await invoices("/certificates?sort=importer&dir=desc");
    expect(desc.rows).toEqual(["OLD-2023-77", "PEND-1", "RET-1", "APPR-1", "DRAFT-1"]);
    expect((await invoices("/certificates?sort=invoiceDate&dir=asc")).rows[0]).toBe("OLD-2023-77");
    expect((await invoices("/certificates?sort=invoiceNo&dir=asc")).rows).toEqual(["APPR-1", "DRAFT-1", "OLD-2023-77", "PEND-1", "RET-1"]);
    const filtered = await invoices("/certificates?status=PENDING&importer=maple");
    expect(filtered.html).toContain('href="/certificates?status=PENDING&amp;importer=maple&amp;sort=amount&amp;dir=asc"');
    expect(filtered.html.match(/aria-sort=/g)).toBeNull();
  });

  test("a search by invoice date is ordered by invoice date, newest first, and the header says so", async () => {
    const r = await invoices("/certificates?invoiceDateFrom=2020-01-01&importer=o");
    expect(r.rows.at(-1)).toBe("OLD-2023-77");
    expect(r.rows[0]).not.toBe("OLD-2023-77");
    expect(r.html).toMatch(/<th scope="col" aria-sort="descending"><a [^>]*>发票号<\/a>\/<a [^>]*>日期<span aria-hidden="true"> ▼<\/span>/);
  });

  test("pages keep every condition and the sort", async () => {
    for (let i = 0; i < 23; i++) await cert(me, `PAGE-${String(i).padStart(2, "0")}`, { importer: "PAGING GMBH" });
    const first = await invoices("/certificates?importer=paging&sort=invoiceNo&dir=asc");
    expect(first.rows).toHaveLength(20);
    expect(first.rows[0]).toBe("PAGE-00");
    // A full first page: the tabs are counted by the database, not from the page (list-service.ts).
    expect(first.html).toContain("第 1 / 2 页，共 23 条");
    expect(first.html).toMatch(/所有证书<span class="count">23<\/span>/);
    const next = first.html.match(/<a href="([^"]+)">下一页<\/a>/)![1]!.replaceAll("&amp;", "&");
    expect(next).toBe("/certificates?importer=paging&sort=invoiceNo&dir=asc&page=2");
    const second = await invoices(next);
    expect(second.rows).toEqual(["PAGE-20", "PAGE-21", "PAGE-22"]);
    expect(second.html).toContain("第 2 / 2 页，共 23 条");
  });
});

describe("isolation and links by application number", () => {
  test("another enterprise's certificates never appear, whatever the search", async () => {
    for (const qs of ["", "?importer=kangaroo", "?invoiceNo=THEIRS", "?status=DRAFT"])
      expect((await invoices(`/certificates${qs}`)).rows).not.toContain("THEIRS-1");
    const theirs = (await t.db.query.certificates.findFirst({ where: eq(certificates.invoiceNo, "THEIRS-1") }))!;
    expect((await invoices(`/certificates?applicationNo=${theirs.applicationNo}`)).rows).toEqual([]);
  });

  test("/certificates/by-application/N opens the holder of any date, and is 404 for another enterprise's number", async () => {
    const mine = await web.get(`/certificates/by-application/${old.applicationNo}`);
    expect(mine.status).toBe(302);
    expect(mine.headers.get("location")).toBe(`/certificates/${old.id}`);
    const theirs = (await t.db.query.certificates.findFirst({ where: eq(certificates.invoiceNo, "THEIRS-1") }))!;
    expect((await web.get(`/certificates/by-application/${theirs.applicationNo}`)).status).toBe(404);
    expect((await web.get("/certificates/by-application/2026999999999")).status).toBe(404);
  });

  test("an office searches its own office's certificates only; a capped count says it is a lower bound", async () => {
    const reviewer = await userOf("reviewer1100");
    const list = await listCertificates({ db: t.db, user: reviewer, filters: { importer: "kangaroo" } });
    expect(list.rows.map((r) => r.invoiceNo).sort()).toEqual(["RET-1", "THEIRS-1"]);
    expect(list.capped).toBe(false);
    const byRegNo = await listCertificates({ db: t.db, user: reviewer, filters: { enterprise: "1100A4420" } });
    expect(byRegNo.rows.map((r) => r.invoiceNo)).toEqual(["THEIRS-1"]);
    const byName = await listCertificates({ db: t.db, user: reviewer, filters: { enterprise: "中信", importer: "kangaroo" } });
    expect(byName.rows.map((r) => r.invoiceNo)).toEqual(["THEIRS-1"]);
    // An enterprise's own list ignores the office's enterprise filter.
    expect((await listCertificates({ db: t.db, user: me, filters: { enterprise: "1100A4420", invoiceNo: "RET-1" } })).rows.map((r) => r.invoiceNo)).toEqual([
      "RET-1",
    ]);
    const shanghai = await userOf("reviewer3100");
    expect((await listCertificates({ db: t.db, user: shanghai, filters: {} })).total).toBe(0);
    const capped = await listCertificateRows(t.db, { officeCode: "1100B0" }, { importer: "paging" }, { page: 1, pageSize: 5, countCap: 10 });
    expect({ rows: capped.rows.length, total: capped.total, capped: capped.capped }).toEqual({ rows: 5, total: 10, capped: true });
    const exact = await listCertificateRows(t.db, { officeCode: "1100B0" }, { importer: "kangaroo" }, { page: 1, pageSize: 5, countCap: 10 });
    expect({ total: exact.total, capped: exact.capped }).toEqual({ total: 2, capped: false });
  });
});

describe("创建原产地证书", () => {
  test("lists every type, the thirteen of v1 first, each starting the form of that type", async () => {
    const res = await web.get("/certificates/types");
    expect(res.status).toBe(200);
    const html = await res.text();
    const links = [...html.matchAll(/href="\/certificates\/new\?type=([A-Z_]+)"/g)].map((m) => m[1]);
    expect(links.slice(0, 13)).toEqual(["GENERAL", "APTA", "ACFTA", "CNNZ", "CNSG", "CNCR", "CEPA_HK", "CEPA_MO", "CNIS", "CNCH", "CHAFTA", "CNKR", "CNPE"]);
    expect(links).toContain("RCEP");
    expect(html).toContain("CERTIFICATE OF ORIGIN");
    expect(html).toContain(`${LM.typesLetter} E`);
    // Notes for developers (unverified layouts) stay off the exporter's page.
    expect(html).not.toContain("待核实");
  });
});
