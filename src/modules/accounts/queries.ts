import { and, count, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { accounts, recoveryCodes, sessions, signInThrottle, totpCredentials } from "./schema.ts";

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
