import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import type { CurrentUser } from "../../../app-env.ts";
import type { Db } from "../../../db/client.ts";
import { createTestDatabase, withEmbeddedDemoDatabase, type TestDatabase } from "../../../../test/support/db.ts";
import { goodBody } from "../../../../test/support/certificates.ts";
import { userFor } from "../../../../test/support/users.ts";
import { iterateOfficeCertificates } from "../office/office.ts";
import { IMPORTER_NAMES_MAX } from "../queries.ts";
import { createCertificate, listCertificates, updateCertificate } from "../service.ts";

/**
 * The office's importer search (docs/decisions/0028): a part of the name is matched against the
 * names the office's certificates carry (certificate_importers, kept by triggers), and the whole
 * names are then looked up. What a reviewer must never notice is that indirection: a certificate is
 * found by any part of its importer's current name, in any case, as soon as it is saved.
 */
let t: TestDatabase;
let me: CurrentUser;
let them: CurrentUser;
let reviewer: CurrentUser;

function bodyFor(user: CurrentUser, invoiceNo: string, importer: string) {
  const body = goodBody("GENERAL", invoiceNo);
  body.consignee = { ...body.consignee!, name: importer };
  if (user.login !== "1100A4419") body.exporter = null;
  return body;
}

const save = (db: Db, user: CurrentUser, invoiceNo: string, importer: string) => createCertificate({ db, user, body: bodyFor(user, invoiceNo, importer) });

/** The invoice numbers an office's importer search finds, sorted, and its total. */
async function officeFinds(db: Db, user: CurrentUser, importer: string) {
  const list = await listCertificates({ db, user, filters: { importer } });
  return { invoices: list.rows.map((r) => r.invoiceNo).sort(), total: list.total };
}

beforeAll(async () => {
  t = await createTestDatabase();
  me = await userFor(t.db, "1100A4419");
  them = await userFor(t.db, "1100A4420");
  reviewer = await userFor(t.db, "reviewer1100");
});
afterAll(() => t.drop());

describe("office importer search", () => {
  test("a certificate is found by any part of its importer's name, in any case, as soon as it is saved, and by its new name once edited", async () => {
    const { id } = await save(t.db, me, "IMP-1", "Östlund Handels AB");
    await save(t.db, them, "IMP-2", "ÖSTLUND HANDELS AB");
    expect(await officeFinds(t.db, reviewer, "handels")).toEqual({ invoices: ["IMP-1", "IMP-2"], total: 2 });
    expect(await officeFinds(t.db, reviewer, "östlund h")).toEqual({ invoices: ["IMP-1", "IMP-2"], total: 2 });
    // A page past the end shows no row and still says how many there are.
    const pastTheEnd = await listCertificates({ db: t.db, user: reviewer, filters: { importer: "handels" }, page: 3, pageSize: 1 });
    expect({ rows: pastTheEnd.rows.length, total: pastTheEnd.total }).toEqual({ rows: 0, total: 2 });
    // An export of the search walks the same certificates, batch by batch.
    const exported: string[] = [];
    for await (const rows of iterateOfficeCertificates({ db: t.db, user: reviewer, filters: { importer: "handels" }, batch: 1 }))
      exported.push(...rows.map((r) => r.invoiceNo));
    expect(exported).toEqual(["IMP-2", "IMP-1"]);

    await updateCertificate({ db: t.db, user: me, id, body: bodyFor(me, "IMP-1", "QX BALTIC WIDGETS OY") });
    expect(await officeFinds(t.db, reviewer, "handels")).toEqual({ invoices: ["IMP-2"], total: 1 });
    // Two letters give the names' trigram index nothing to look up: the names are tested one by one.
    expect(await officeFinds(t.db, reviewer, "qx")).toEqual({ invoices: ["IMP-1"], total: 1 });
    expect(await officeFinds(t.db, reviewer, "baltic wid")).toEqual({ invoices: ["IMP-1"], total: 1 });
    // Another office's reviewer finds none of them.
    expect(await officeFinds(t.db, await userFor(t.db, "reviewer3100"), "baltic")).toEqual({ invoices: [], total: 0 });
  });

  test("% and _ in the searched part are characters of the name, not wildcards", async () => {
    await save(t.db, me, "PCT-1", "100% COTTON MILLS LTD");
    await save(t.db, me, "PCT-2", "1000 COTTON MILLS LTD");
    await save(t.db, me, "PCT-3", "A_B TRADING");
    await save(t.db, me, "PCT-4", "AXB TRADING");
    expect((await officeFinds(t.db, reviewer, "100%")).invoices).toEqual(["PCT-1"]);
    expect((await officeFinds(t.db, reviewer, "a_b")).invoices).toEqual(["PCT-3"]);
  });

  test("a part that more names contain than are looked up one by one still finds exactly its certificates", async () => {
    // Names no certificate carries any more stay among the office's names; here they make the
    // part common enough that the search tests it on the certificates instead.
    await t.db.execute(
      sql`insert into certificate_importers (office_code, importer_name)
          select '1100B0', 'ZQ FORMER PARTNER ' || g from generate_series(1, ${IMPORTER_NAMES_MAX + 5}) g`,
    );
    await save(t.db, me, "ZQ-1", "ZQ CURRENT PARTNER LTD");
    await save(t.db, them, "ZQ-2", "NOT A MATCH LTD");
    expect(await officeFinds(t.db, reviewer, "zq")).toEqual({ invoices: ["ZQ-1"], total: 1 });
    expect(await officeFinds(t.db, reviewer, "zq current")).toEqual({ invoices: ["ZQ-1"], total: 1 });
  });
});

describe("texts longer than an index entry", () => {
  test("an invoice number and an importer name of thousands of random characters are saved, found by their beginning, and a second use of the number is still caught", async () => {
    const random = () => Buffer.from(crypto.getRandomValues(new Uint8Array(4000))).toString("base64");
    const [invoiceNo, importer] = [random(), random()];
    const { id } = await save(t.db, me, invoiceNo, importer);
    expect((await officeFinds(t.db, reviewer, importer.slice(0, 30))).total).toBe(1);
    const mine = await listCertificates({ db: t.db, user: me, filters: { invoiceNo: invoiceNo.slice(0, 40) } });
    expect(mine.rows.map((r) => r.id)).toEqual([id]);
    const again = await save(t.db, me, invoiceNo, "ANOTHER IMPORTER LTD");
    expect(again.problems.map((p) => p.rule)).toContain("INVOICE_DUPLICATE");
  });
});

describe("office importer search on the embedded database", () => {
  test("the migration's triggers keep the office's names on PGlite too", async () => {
    await withEmbeddedDemoDatabase(async (db) => {
      await save(db, await userFor(db, "1100A4419"), "EMB-1", "FJORDLAND SEAFOOD AS");
      expect(await officeFinds(db, await userFor(db, "reviewer1100"), "dland sea")).toEqual({ invoices: ["EMB-1"], total: 1 });
    });
  }, 60_000);
});
