/** The office side: an enterprise's customs codes (增加海关编码): added as PENDING, approved or rejected with a reason. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { uniqueViolation } from "../../db/errors.ts";
import { conflict, notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { customsCodes } from "./schema.ts";
import { fieldConflict, lockEnterprise } from "./records-service.ts";

/**
 * Adds a customs code as PENDING. A code the office rejected earlier goes back to PENDING (resubmitted);
 * any other code already on the record is refused, naming its status.
 */
export async function addCustomsCode({
  db,
  officeCode,
  enterpriseId,
  code,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  code: string;
  actorId: string;
}) {
  const taken = (status: keyof typeof M.customsStatus) => fieldConflict("code", M.customsCodeTaken(M.customsStatus[status]));
  try {
    await db.transaction(async (tx) => {
      await lockEnterprise(tx, officeCode, enterpriseId);
      const existing = await q.findCustomsCode(tx, enterpriseId, { code });
      if (existing && existing.status !== "REJECTED") throw taken(existing.status);
      if (existing) {
        await tx.update(customsCodes).set({ status: "PENDING", decidedBy: null, decidedAt: null, reason: null }).where(eq(customsCodes.id, existing.id));
        await recordAudit(tx, {
          actorId,
          officeCode,
          entity: "customs_code",
          entityId: existing.id,
          action: "resubmitted",
          before: { code, status: existing.status, reason: existing.reason },
          after: { code, status: "PENDING" },
        });
        return;
      }
      const id = Bun.randomUUIDv7();
      await tx.insert(customsCodes).values({ id, enterpriseId, code, status: "PENDING" });
      await recordAudit(tx, { actorId, officeCode, entity: "customs_code", entityId: id, action: "added", after: { code, status: "PENDING" } });
    });
  } catch (e) {
    throw uniqueViolation(e) === "customs_codes_enterprise_code_key" ? taken("PENDING") : e;
  }
}

async function decideCustomsCode({
  db,
  officeCode,
  enterpriseId,
  codeId,
  actorId,
  decision,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  codeId: string;
  actorId: string;
  decision: { status: "APPROVED"; reason: null } | { status: "REJECTED"; reason: string };
}) {
  await db.transaction(async (tx) => {
    await lockEnterprise(tx, officeCode, enterpriseId);
    const [row] = await tx
      .select()
      .from(customsCodes)
      .where(and(eq(customsCodes.id, codeId), eq(customsCodes.enterpriseId, enterpriseId)))
      .for("update");
    if (!row) throw notFound();
    if (decision.status === "APPROVED" && row.status !== "PENDING") throw conflict(M.customsNotPending);
    if (decision.status === "REJECTED" && row.status === "REJECTED") throw conflict(M.customsNotRejectable);
    await tx
      .update(customsCodes)
      .set({ status: decision.status, reason: decision.reason, decidedBy: actorId, decidedAt: new Date() })
      .where(eq(customsCodes.id, codeId));
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "customs_code",
      entityId: codeId,
      action: decision.status === "APPROVED" ? "approved" : "rejected",
      before: { code: row.code, status: row.status },
      after: { code: row.code, status: decision.status, reason: decision.reason },
    });
  });
}

/** Approves a PENDING customs code; from then on the enterprise may send product filings (manual Q5). */
export function approveCustomsCode(args: { db: Db; officeCode: string; enterpriseId: string; codeId: string; actorId: string }) {
  return decideCustomsCode({ ...args, decision: { status: "APPROVED", reason: null } });
}

/** Rejects a pending code, or withdraws an approved one, with a reason the enterprise will read. */
export function rejectCustomsCode({ reason, ...args }: { db: Db; officeCode: string; enterpriseId: string; codeId: string; actorId: string; reason: string }) {
  return decideCustomsCode({ ...args, decision: { status: "REJECTED", reason } });
}
