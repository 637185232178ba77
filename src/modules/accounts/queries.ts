import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { enterprises } from "../../db/schema.ts";
import { accounts, sessions, signInThrottle } from "./schema.ts";

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

export async function isAccountUsable(db: DbOrTx, accountId: string) {
  const rows = await db
    .select({ usable })
    .from(accounts)
    .leftJoin(enterprises, eq(enterprises.id, accounts.enterpriseId))
    .where(eq(accounts.id, accountId));
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

export function listEnterpriseAccounts(db: DbOrTx, enterpriseId: string) {
  return db
    .select({ id: accounts.id, login: accounts.login, displayName: accounts.displayName, mobile: accounts.mobile, active: accounts.active, createdAt: accounts.createdAt })
    .from(accounts)
    .where(and(eq(accounts.enterpriseId, enterpriseId), eq(accounts.role, "enterprise")))
    .orderBy(asc(accounts.login));
}

export function listAccountNames(db: DbOrTx, ids: string[]) {
  return db.select({ id: accounts.id, login: accounts.login, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, ids));
}
