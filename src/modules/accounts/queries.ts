import { and, asc, count, eq, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { builtOnce, type Db, type DbOrTx } from "../../db/client.ts";
import { enterprises } from "../registration/schema.ts";
import { accounts, recoveryCodes, sessions, signInThrottle, totpCredentials } from "./schema.ts";

/**
 * An account may act while it is active and, for an enterprise account, while its enterprise is:
 * an office that deactivates an enterprise shuts out all of its accounts at once, and reactivating
 * it lets back in exactly those that were active before.
 */
const usable = sql<boolean>`(${accounts.active} and coalesce(${enterprises.active}, true))`;

export function findAccountByLogin(db: DbOrTx, login: string) {
  return db.query.accounts.findFirst({ where: eq(sql`lower(${accounts.login})`, login.toLowerCase()) });
}

export function findAccountById(db: DbOrTx, id: string) {
  return db.query.accounts.findFirst({ where: eq(accounts.id, id) });
}

/** The account with whether it may act (active, and its enterprise active), in one query. */
export async function findAccountWithUsable(db: DbOrTx, accountId: string) {
  const [row] = await db
    .select({ account: accounts, usable })
    .from(accounts)
    .leftJoin(enterprises, eq(enterprises.id, accounts.enterpriseId))
    .where(eq(accounts.id, accountId));
  return row;
}

/**
 * A row of `table` (an API token, say) with the account its `accountId` column names and whether
 * that account may act, in one query built once (db/client.ts builtOnce): `where` holds placeholders.
 */
export function withUsableAccount<T extends PgTable>({ table, accountId, where, name }: { table: T; accountId: PgColumn; where: SQL; name: string }) {
  return builtOnce(name, (db) =>
    db
      .select({ row: table as PgTable, account: accounts, usable })
      .from(table as PgTable)
      .innerJoin(accounts, eq(accounts.id, accountId))
      .leftJoin(enterprises, eq(enterprises.id, accounts.enterpriseId))
      .where(where)
      .limit(1),
  );
}

export async function isAccountUsable(db: DbOrTx, accountId: string) {
  const rows = await db.select({ usable }).from(accounts).leftJoin(enterprises, eq(enterprises.id, accounts.enterpriseId)).where(eq(accounts.id, accountId));
  return rows[0]?.usable === true;
}

export async function findSessionWithAccount(db: DbOrTx, sessionId: string) {
  const rows = await db
    .select({ session: sessions, account: accounts, usable })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(enterprises, eq(enterprises.id, accounts.enterpriseId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return rows[0];
}

export function findThrottle(db: DbOrTx, key: string) {
  return db.query.signInThrottle.findFirst({ where: eq(signInThrottle.key, key) });
}

export async function saveThrottle(db: DbOrTx, row: { key: string; failures: number; windowStart: Date; lockedUntil: Date | null }) {
  await db
    .insert(signInThrottle)
    .values(row)
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: { failures: row.failures, windowStart: row.windowStart, lockedUntil: row.lockedUntil },
    });
}

/**
 * Counts one request against `key` in one statement (the rate limit of the API): a new window when
 * the last began before `windowFrom`, locked until `lockUntil` when the count reaches `max`. A key
 * that is locked at `now` is left as it is and null returned (the caller reads lockedUntil); the
 * row lock of the upsert serialises processes counting at once.
 */
export async function countThrottled(
  db: Db,
  { key, now, windowFrom, lockUntil, max }: { key: string; now: Date; windowFrom: Date; lockUntil: Date; max: number },
) {
  // Dates go as text: the drivers do not serialise a Date in raw SQL.
  const rows = await throttleUpsert(db, {
    key,
    now: now.toISOString(),
    windowFrom: windowFrom.toISOString(),
    lockUntil: lockUntil.toISOString(),
    firstLock: max <= 1 ? lockUntil.toISOString() : null,
    max,
  });
  return rows.length === 1;
}

/** countThrottled's statement, built once (db/client.ts builtOnce): it runs on every API request. */
const throttleUpsert = builtOnce("count_throttled", (db) => {
  const t = signInThrottle;
  const at = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;
  const fresh = sql`${t.windowStart} < ${at("windowFrom")}`;
  const failures = sql`(case when ${fresh} then 1 else ${t.failures} + 1 end)`;
  // One statement in its own implicit transaction, whose commit need not wait for the disk (a count
  // lost to a crash costs nothing): the row is selected through set_config(…, true), which applies to
  // that transaction only. It was BEGIN, SET LOCAL, the upsert and COMMIT, on every API request.
  return db
    .insert(t)
    .select(sql`select ${sql.placeholder("key")}, 1, ${at("now")}, ${at("firstLock")} from (select set_config('synchronous_commit', 'off', true)) as sync`)
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures,
        windowStart: sql`(case when ${fresh} then ${at("now")} else ${t.windowStart} end)`,
        lockedUntil: sql`(case when ${failures} >= ${sql.placeholder("max")}::int then ${at("lockUntil")} else null end)`,
      },
      setWhere: sql`${t.lockedUntil} is null or ${t.lockedUntil} <= ${at("now")}`,
    })
    .returning({ key: t.key });
});

/** The key's throttle row, created empty if missing and locked until `tx` ends (processes counting at once wait their turn). */
export async function lockThrottle(tx: DbOrTx, key: string, now: Date) {
  await tx.insert(signInThrottle).values({ key, failures: 0, windowStart: now }).onConflictDoNothing();
  const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for("update");
  return row!;
}

export async function clearThrottle(db: DbOrTx, key: string) {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

export function listOfficeStaff(db: DbOrTx, officeCode: string) {
  return db
    .select({ account: accounts, totpConfirmedAt: totpCredentials.confirmedAt })
    .from(accounts)
    .leftJoin(totpCredentials, eq(totpCredentials.accountId, accounts.id))
    .where(eq(accounts.officeCode, officeCode))
    .orderBy(accounts.role, accounts.login);
}

export function findTotpCredential(db: DbOrTx, accountId: string) {
  return db.query.totpCredentials.findFirst({ where: eq(totpCredentials.accountId, accountId) });
}

/**
 * Records `step` as the last accepted one unless an equal or later step got there first (a second
 * request with the same code): true when this call won, which is what stops a replay.
 */
export async function claimTotpStep(db: DbOrTx, accountId: string, step: number, confirm: boolean) {
  const rows = await db
    .update(totpCredentials)
    .set(confirm ? { lastUsedStep: step, confirmedAt: new Date() } : { lastUsedStep: step })
    .where(
      and(
        eq(totpCredentials.accountId, accountId),
        confirm ? isNull(totpCredentials.confirmedAt) : isNotNull(totpCredentials.confirmedAt),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step)),
      ),
    )
    .returning({ accountId: totpCredentials.accountId });
  return rows.length === 1;
}

/** Marks an unused recovery code used; true when it was there and unused. */
export async function claimRecoveryCode(db: DbOrTx, accountId: string, codeHash: string) {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, accountId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export function listEnterpriseAccounts(db: DbOrTx, enterpriseId: string) {
  return db
    .select({
      id: accounts.id,
      login: accounts.login,
      displayName: accounts.displayName,
      mobile: accounts.mobile,
      active: accounts.active,
      createdAt: accounts.createdAt,
    })
    .from(accounts)
    .where(and(eq(accounts.enterpriseId, enterpriseId), eq(accounts.role, "enterprise")))
    .orderBy(asc(accounts.login));
}

/** Logins equal to `prefix` or starting with `prefix-` (case-insensitive). */
export async function loginsWithPrefix(db: DbOrTx, prefix: string) {
  const p = prefix.toLowerCase();
  const rows = await db
    .select({ login: accounts.login })
    .from(accounts)
    .where(sql`lower(${accounts.login}) = ${p} or starts_with(lower(${accounts.login}), ${`${p}-`})`);
  return rows.map((r) => r.login);
}
