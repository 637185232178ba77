import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { accounts, sessions, signInThrottle } from "./schema.ts";

export function findAccountByLogin(db: DbOrTx, login: string) {
  return db.query.accounts.findFirst({ where: eq(sql`lower(${accounts.login})`, login.toLowerCase()) });
}

export function findAccountById(db: DbOrTx, id: string) {
  return db.query.accounts.findFirst({ where: eq(accounts.id, id) });
}

export async function findSessionWithAccount(db: DbOrTx, sessionId: string) {
  const rows = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return rows[0];
}

export function findThrottle(db: DbOrTx, key: string) {
  return db.query.signInThrottle.findFirst({ where: eq(signInThrottle.key, key) });
}

export async function saveThrottle(
  db: DbOrTx,
  row: { key: string; failures: number; windowStart: Date; lockedUntil: Date | null },
) {
  await db
    .insert(signInThrottle)
    .values(row)
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: { failures: row.failures, windowStart: row.windowStart, lockedUntil: row.lockedUntil },
    });
}

export async function clearThrottle(db: DbOrTx, key: string) {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

export function listOfficeStaff(db: DbOrTx, officeCode: string) {
  return db.query.accounts.findMany({
    where: and(eq(accounts.officeCode, officeCode)),
    orderBy: (a, { asc }) => [asc(a.role), asc(a.login)],
  });
}

export function listAccountsOfEnterprise(db: DbOrTx, enterpriseId: string) {
  return db.query.accounts.findMany({ where: eq(accounts.enterpriseId, enterpriseId), orderBy: [asc(accounts.createdAt), asc(accounts.login)] });
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
