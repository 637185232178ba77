import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type Database } from "../../../db/client.ts";
import { createTestDatabase, testDatabaseOptions, testDbKind, type TestDatabase } from "../../../../test/support/db.ts";
import { countByStatus, listCertificateRows } from "../queries.ts";

/**
 * Which statements PostgreSQL plans anew on every call (docs/decisions/0020): a search's plan
 * depends on what is searched, so it must never run on a plan reused from another search (the
 * largest exporter's invoice search cost 6x the database time that way); a tab's statements reuse
 * their plans (planning them anew was most of their cost). Read from pg_prepared_statements of the
 * one connection the statements ran on: a search's statements are never kept there.
 */
let t: TestDatabase;
let one: Database;

beforeAll(async () => {
  t = await createTestDatabase({ demo: false });
  one = openDatabase({ kind: "postgres", options: testDatabaseOptions(t.name, 1) });
});
afterAll(async () => {
  await one?.close();
  await t.drop();
});

async function plansOf(fragment: string) {
  const rows = rowsOf<{ statement: string; generic_plans: number; custom_plans: number }>(
    await one.db.execute(sql`select statement, generic_plans::int, custom_plans::int from pg_prepared_statements`),
  );
  return rows.filter((r) => r.statement.includes(fragment));
}

describe.skipIf(testDbKind === "pglite")("plans of the certificate lists", () => {
  test("a search is planned for its values on every call; a tab reuses its plan", async () => {
    const enterpriseId = "any-enterprise";
    for (let i = 0; i < 8; i++) {
      await listCertificateRows(one.db, { enterpriseId }, { invoiceNo: `INV-2026-${i}0001` }, { page: 1, pageSize: 20 });
      await countByStatus(one.db, { enterpriseId }, { invoiceNo: `INV-2026-${i}0001` });
      await listCertificateRows(one.db, { enterpriseId }, { status: "ISSUED" }, { page: 1, pageSize: 20, withTotal: false });
    }
    // Unnamed statements: never kept by the connection, so no plan of one search serves another.
    expect(await plansOf("strpos(")).toEqual([]);
    const [tab] = await plansOf('"certificates"."status" = $');
    expect(tab!.generic_plans).toBeGreaterThan(0);
  });
});
