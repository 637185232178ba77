import { and, desc, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { smsCodes, smsOutbox } from "./schema.ts";

export async function sendTimes(db: DbOrTx, column: "mobile" | "ip", value: string, since: Date) {
  const col = column === "mobile" ? smsCodes.mobile : smsCodes.ip;
  const rows = await db
    .select({ at: smsCodes.createdAt })
    .from(smsCodes)
    .where(and(eq(col, value), gt(smsCodes.createdAt, since)))
    .orderBy(smsCodes.createdAt);
  return rows.map((r) => r.at);
}

/** The latest code of a subject, locked for the rest of the transaction so a code is used once. */
export async function latestCodeForUpdate(db: DbOrTx, purpose: "registration" | "password_reset", subjectId: string) {
  const rows = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.purpose, purpose), eq(smsCodes.subjectId, subjectId)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1)
    .for("update");
  return rows[0];
}

export async function latestCode(db: DbOrTx, purpose: "registration" | "password_reset", subjectId: string) {
  const rows = await db
    .select({ mobile: smsCodes.mobile, createdAt: smsCodes.createdAt, expiresAt: smsCodes.expiresAt, usedAt: smsCodes.usedAt })
    .from(smsCodes)
    .where(and(eq(smsCodes.purpose, purpose), eq(smsCodes.subjectId, subjectId)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  return rows[0];
}

export function outboxOf(db: DbOrTx, officeCode: string, limit: number) {
  return db.select().from(smsOutbox).where(eq(smsOutbox.officeCode, officeCode)).orderBy(desc(smsOutbox.createdAt)).limit(limit);
}
