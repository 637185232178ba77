import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { accounts } from "../accounts/schema.ts";
import { auditLog } from "./schema.ts";

export type AuditEntry = {
  actorId: string | null;
  officeCode?: string | null;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
};

/**
 * Appends one audit row. Call it with the transaction that makes the change, so the change and
 * its record commit or fail together.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    officeCode: entry.officeCode ?? null,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId ?? null,
  });
}

/** The history of one record, oldest first, with the actor's display name (audit is cross-cutting: it reads the accounts table directly). */
export async function listAudit({ db, entity, entityId }: { db: DbOrTx; entity: string; entityId: string }) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, after: auditLog.after, actorName: accounts.displayName, actorRole: accounts.role })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}

export type AuditRef = { entity: string; ids: readonly string[] };

/**
 * The audit rows about the given records, newest first: e.g. an enterprise together with its
 * hand-signers and accounts, so one page can show a record's whole history.
 */
export async function listAuditEntries({ db, refs, limit = 200 }: { db: DbOrTx; refs: readonly AuditRef[]; limit?: number }) {
  const wanted = refs.filter((r) => r.ids.length).map((r) => and(eq(auditLog.entity, r.entity), inArray(auditLog.entityId, [...r.ids])));
  if (!wanted.length) return [];
  return db
    .select()
    .from(auditLog)
    .where(or(...wanted))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
