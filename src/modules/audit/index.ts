import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import { builtOnce, slot, type DbOrTx } from "../../db/client.ts";
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
  await insertAudit(tx, {
    actorId: entry.actorId,
    officeCode: entry.officeCode ?? null,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before == null ? null : JSON.stringify(entry.before),
    after: entry.after == null ? null : JSON.stringify(entry.after),
    requestId: entry.requestId ?? null,
  });
}

// Built once (db/client.ts builtOnce): every write of the app records one.
const insertAudit = builtOnce("audit_insert", (db) =>
  db.insert(auditLog).values({
    actorId: slot("actorId"),
    officeCode: slot("officeCode"),
    entity: slot("entity"),
    entityId: slot("entityId"),
    action: slot("action"),
    before: slot("before"),
    after: slot("after"),
    requestId: slot("requestId"),
  }),
);

export type AuditRef = { entity: string; ids: readonly string[] };

/**
 * The audit rows about the given records with each actor's name and login (audit is cross-cutting:
 * it reads the accounts table directly), newest first by default: e.g. an enterprise together with
 * its hand-signers and accounts, so one page can show a record's whole history.
 */
export async function listAuditEntries({
  db,
  refs,
  limit = 200,
  order = "newest",
}: {
  db: DbOrTx;
  refs: readonly AuditRef[];
  limit?: number;
  order?: "newest" | "oldest";
}) {
  const wanted = refs.filter((r) => r.ids.length).map((r) => and(eq(auditLog.entity, r.entity), inArray(auditLog.entityId, [...r.ids])));
  if (!wanted.length) return [];
  const rows = await db
    .select({ entry: auditLog, actorName: accounts.displayName, actorLogin: accounts.login })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorId))
    .where(or(...wanted))
    .orderBy(...(order === "newest" ? [desc(auditLog.at), desc(auditLog.id)] : [asc(auditLog.id)]))
    .limit(limit);
  return rows.map((r) => ({ ...r.entry, actorName: r.actorName, actorLogin: r.actorLogin }));
}

/** The history of one record, oldest first. */
export function listAudit({ db, entity, entityId }: { db: DbOrTx; entity: string; entityId: string }) {
  return listAuditEntries({ db, refs: [{ entity, ids: [entityId] }], order: "oldest", limit: 1000 });
}
