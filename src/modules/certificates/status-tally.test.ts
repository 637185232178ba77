import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { openDatabase, rowsOf, type DbOrTx } from "../../db/client.ts";
import { createTestDatabase, testDatabaseOptions, testDbKind, withEmbeddedDemoDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { goodBody } from "../../../test/support/certificates.ts";
import { userFor } from "../../../test/support/users.ts";
import type { CertificateStatus } from "./lifecycle.ts";
import { certificates } from "./schema.ts";
import { countCertificatesByStatus, createCertificate } from "./service.ts";
import { foldStatusTally, tallyByStatus } from "./status-tally.ts";

/**
 * The status tally (docs/decisions/0027): what the list's tabs and the home page show must equal
 * counting the certificates, after any mix of writes, with folds running beside them.
 */
let t: TestDatabase;
let me: CurrentUser;

/** Every enterprise's certificates per status, counted the slow way and read from the tally. */
async function bothWays(db: DbOrTx) {
  const counted = rowsOf<{ e: string; s: string; n: number }>(
    await db.execute(sql`select enterprise_id as e, status::text as s, count(*)::int as n from certificates group by 1, 2 order by 1, 2`),
  );
  const tallied = rowsOf<{ e: string; s: string; n: number }>(
    await db.execute(
      sql`select enterprise_id as e, status::text as s, sum(n)::int as n from certificate_status_tally group by 1, 2 having sum(n) <> 0 order by 1, 2`,
    ),
  );
  return { counted, tallied };
}

const tallyRows = async (db: DbOrTx, enterpriseId: string) =>
  rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from certificate_status_tally where enterprise_id = ${enterpriseId}`))[0]!.n;

/** Certificates of two enterprises in several statuses, made the way the app makes them, then changed by hand. */
async function someCertificates(db: TestDatabase["db"], logins: string[]) {
  for (const login of logins) {
    const user = await userFor(db, login);
    for (const [i, status] of (["DRAFT", "PENDING", "PENDING", "ISSUED", "RETURNED"] as const).entries()) {
      const { id } = await createCertificate({ db, user, body: goodBody("GENERAL", `${login}-${i}`) });
      if (status !== "DRAFT") await db.update(certificates).set({ status }).where(eq(certificates.id, id));
    }
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  me = await userFor(t.db, "1100A4419");
  await someCertificates(t.db, ["1100A4419", "1100A4420"]);
});
afterAll(() => t.drop());

describe("status tally", () => {
  test("the tabs' counts and a count of the rows agree", async () => {
    const { counted, tallied } = await bothWays(t.db);
    expect(counted.length).toBeGreaterThan(3);
    expect(tallied).toEqual(counted);
    const counts = await countCertificatesByStatus({ db: t.db, user: me });
    const mine = Object.fromEntries(counted.filter((r) => r.e === me.enterpriseId).map((r) => [r.s, r.n]));
    expect(counts).toEqual(mine);
  });

  test("creating, changing status, editing without a status change and deleting each move the counts as a user sees them", async () => {
    const before = await countCertificatesByStatus({ db: t.db, user: me });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await createCertificate({ db: t.db, user: me, body: goodBody("GENERAL", `TALLY-${n}`) })).id);
    await t.db.update(certificates).set({ status: "PENDING" }).where(eq(certificates.id, ids[0]!));
    await t.db.update(certificates).set({ status: "PENDING" }).where(eq(certificates.id, ids[0]!)); // no change
    await t.db.update(certificates).set({ remarks: "only the remarks" }).where(eq(certificates.id, ids[1]!));
    await t.db.delete(certificates).where(eq(certificates.id, ids[2]!));
    const after = await countCertificatesByStatus({ db: t.db, user: me });
    expect(after.DRAFT ?? 0).toBe((before.DRAFT ?? 0) + 1);
    expect(after.PENDING ?? 0).toBe((before.PENDING ?? 0) + 1);
    const { counted, tallied } = await bothWays(t.db);
    expect(tallied).toEqual(counted);
  });

  test("a fold leaves one row per status and the same counts", async () => {
    const enterpriseId = me.enterpriseId!;
    const before = await tallyByStatus(t.db, enterpriseId);
    expect(await tallyRows(t.db, enterpriseId)).toBeGreaterThan(Object.keys(before).length);
    expect(await foldStatusTally({ db: t.db, enterpriseId })).toBeGreaterThan(0);
    expect(await tallyRows(t.db, enterpriseId)).toBe(Object.keys(before).length);
    expect(await tallyByStatus(t.db, enterpriseId)).toEqual(before);
  });

  test.skipIf(testDbKind === "pglite")("writers on many connections and folds from two pools at once lose and double nothing", async () => {
    const enterpriseId = me.enterpriseId!;
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) ids.push((await createCertificate({ db: t.db, user: me, body: goodBody("GENERAL", `RACE-${i}`) })).id);
    // A second process's pool: its folds race this one's.
    const other = openDatabase({ kind: "postgres", options: testDatabaseOptions(t.name, 4) });
    const cycle: CertificateStatus[] = ["PENDING", "RETURNED", "PENDING", "APPROVED", "ISSUED", "VOIDED"];
    let writing = true;
    const folder = async (db: DbOrTx) => {
      let folds = 0;
      while (writing) {
        await foldStatusTally({ db, enterpriseId });
        folds++;
      }
      return folds;
    };
    try {
      const folds = Promise.all([folder(t.db), folder(other.db)]);
      await Promise.all(
        ids.map(async (id, i) => {
          for (const status of cycle)
            await t.db.transaction(async (tx) => {
              await tx.update(certificates).set({ status }).where(eq(certificates.id, id));
              // Half of them also change a second certificate in the same transaction, as an amendment does.
              if (i % 2)
                await tx
                  .update(certificates)
                  .set({ status })
                  .where(eq(certificates.id, ids[(i + 1) % ids.length]!));
            });
        }),
      );
      writing = false;
      expect(Math.min(...(await folds))).toBeGreaterThan(0);
    } finally {
      writing = false;
      await other.close();
    }
    const { counted, tallied } = await bothWays(t.db);
    expect(tallied).toEqual(counted);
  });
});

describe("status tally on the embedded database", () => {
  test("the migration's triggers keep it on PGlite as on PostgreSQL", async () => {
    await withEmbeddedDemoDatabase(async (db) => {
      await someCertificates(db, ["1100A4419", "1100A4420"]);
      const { counted, tallied } = await bothWays(db);
      expect(counted.length).toBeGreaterThan(3);
      expect(tallied).toEqual(counted);
    });
  }, 60_000);
});
