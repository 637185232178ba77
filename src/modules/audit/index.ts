import type { DbOrTx } from "../../db/client.ts";
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
