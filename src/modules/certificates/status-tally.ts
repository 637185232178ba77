/**
 * An enterprise's certificates counted per status without counting them: the tabs of 单据查询 and
 * the home page add up a few rows of `certificate_status_tally` (schema.ts), which triggers on
 * `certificates` keep (migration 0021). Each change adds a row, so the rows grow; folding replaces
 * an enterprise's rows by one per status. docs/decisions/0027-status-tally.md.
 */
import { eq, sql } from "drizzle-orm";
import { builtOnce, rowsOf, type Db, type DbOrTx } from "../../db/client.ts";
import { log } from "../../lib/log.ts";
import { startWorkLoop } from "../../lib/work-loop.ts";
import type { CertificateStatus } from "./lifecycle.ts";
import { certificateStatusTally as tally } from "./schema.ts";

const countsOf = builtOnce("status_tally", (db) =>
  db
    .select({ status: tally.status, n: sql<number>`sum(${tally.n})::int` })
    .from(tally)
    .where(eq(tally.enterpriseId, sql.placeholder("enterpriseId")))
    .groupBy(tally.status),
);

/** The enterprise's certificates per status (statuses it has none of are absent), as of the caller's snapshot. */
export async function tallyByStatus(db: DbOrTx, enterpriseId: string) {
  const rows = await countsOf(db, { enterpriseId });
  return Object.fromEntries(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.status, Number(r.n)])) as Partial<Record<CertificateStatus, number>>;
}

/**
 * Replaces the enterprise's tally rows by their sums, one folded row per status, in one statement.
 * Safe beside writers and beside another fold: the delete takes only rows committed before it
 * began (a writer's row still in flight stays for the next fold), and a row another fold deleted
 * first is skipped by this one, so nothing is counted twice or lost. Returns the rows folded.
 */
export async function foldStatusTally({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  const [row] = rowsOf<{ folded: number }>(
    await db.execute(sql`
      with gone as (delete from ${tally} where ${tally.enterpriseId} = ${enterpriseId} returning ${tally.status}, ${tally.n}),
      added as (
        insert into ${tally} (enterprise_id, status, n, folded)
        select ${enterpriseId}, status, sum(n)::int, true from gone group by status having sum(n) <> 0
      )
      select count(*)::int as folded from gone`),
  );
  return row?.folded ?? 0;
}

/** Enterprises with at least `atLeast` rows not yet folded, `limit` of them. */
async function enterprisesToFold(db: DbOrTx, { atLeast, limit }: { atLeast: number; limit: number }) {
  const rows = await db
    .select({ enterpriseId: tally.enterpriseId })
    .from(tally)
    // As the partial index's predicate says it, so a reused (generic) plan can use that index.
    .where(sql`not ${tally.folded}`)
    .groupBy(tally.enterpriseId)
    .having(sql`count(*) >= ${atLeast}`)
    .limit(limit);
  return rows.map((r) => r.enterpriseId);
}

export const TALLY_FOLD_POLL_MS = 60_000;
/** Rows not yet folded that make an enterprise worth folding: below this its counts read a few dozen rows. */
export const TALLY_FOLD_AT = 32;

/**
 * The folding loop, one per app process (started in src/main.ts): every `pollMs`, and at once
 * again while it finds work, folds the enterprises with at least TALLY_FOLD_AT unfolded rows.
 * Counts are right whether or not it runs; it only keeps them cheap to read. `stop()` waits for a
 * fold in progress.
 */
export function startStatusTallyFolding({ db, pollMs = TALLY_FOLD_POLL_MS }: { db: Db; pollMs?: number }) {
  const id = `status-tally-${process.pid}`;
  const loop = startWorkLoop<string[]>({
    name: "status tally",
    id,
    pollMs,
    claim: async () => {
      const due = await enterprisesToFold(db, { atLeast: TALLY_FOLD_AT, limit: 50 });
      return due.length ? due : null;
    },
    work: async (enterpriseIds) => {
      for (const enterpriseId of enterpriseIds) await foldStatusTally({ db, enterpriseId });
    },
    onWorkError: (err) => log.error("status tally fold failed", { worker: id, err }),
  });
  return { stop: loop.stop, kick: loop.kick };
}
