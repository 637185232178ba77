import { and, asc, count, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import { enterprises, handSigners, offices } from "../schema.ts";
import { passwordResets, registrationAttempts } from "../signup-schema.ts";

export function listOffices(db: DbOrTx) {
  return db.select({ code: offices.code, nameZh: offices.nameZh }).from(offices).orderBy(asc(offices.code));
}

export async function officeExists(db: DbOrTx, code: string) {
  return (await db.select({ code: offices.code }).from(offices).where(eq(offices.code, code)).limit(1)).length > 0;
}

/** Registration numbers are filed upper-case; the lookup ignores case anyway. */
export function findEnterpriseByRegNo(db: DbOrTx, regNo: string) {
  return db.query.enterprises.findFirst({ where: eq(sql`upper(${enterprises.regNo})`, regNo.toUpperCase()) });
}

export function findEnterpriseById(db: DbOrTx, id: string) {
  return db.query.enterprises.findFirst({ where: eq(enterprises.id, id) });
}

export async function activeSignerNames(db: DbOrTx, enterpriseId: string) {
  const rows = await db
    .select({ name: handSigners.name })
    .from(handSigners)
    .where(and(eq(handSigners.enterpriseId, enterpriseId), eq(handSigners.active, true)))
    .orderBy(asc(handSigners.name));
  return rows.map((r) => r.name);
}

export async function countIdentityFailures(db: DbOrTx, ip: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(registrationAttempts)
    .where(and(eq(registrationAttempts.ip, ip), gt(registrationAttempts.createdAt, since), isNull(registrationAttempts.enterpriseId)));
  return row?.n ?? 0;
}

/** A live attempt: not expired and not completed. */
export function findLiveAttempt(db: DbOrTx, id: string, now: Date) {
  return db.query.registrationAttempts.findFirst({
    where: and(eq(registrationAttempts.id, id), gt(registrationAttempts.expiresAt, now), isNull(registrationAttempts.completedAt)),
  });
}

export function lastFailedAttempt(db: DbOrTx, regNo: string) {
  return db.query.registrationAttempts.findFirst({
    where: and(eq(registrationAttempts.regNo, regNo.toUpperCase()), isNotNull(registrationAttempts.lastFailedAt)),
    orderBy: [desc(registrationAttempts.lastFailedAt)],
  });
}

export function findLiveReset(db: DbOrTx, id: string, now: Date) {
  return db.query.passwordResets.findFirst({
    where: and(eq(passwordResets.id, id), gt(passwordResets.expiresAt, now), isNull(passwordResets.completedAt)),
  });
}
