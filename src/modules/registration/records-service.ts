/** The office side: offices and enterprise records (create, list, edit, activate), and the checks its sibling services share. */
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { uniqueViolation } from "../../db/errors.ts";
import { AppError, conflict, notFound } from "../../lib/errors.ts";
import { listEnterpriseAccounts } from "../accounts/index.ts";
import { listAuditEntries, recordAudit } from "../audit/index.ts";
import { PAGE_SIZE } from "./data.ts";
import type { EnterpriseFields } from "./forms.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { regNoPrefix, suggestRegNo } from "./rules.ts";
import { customsCodes, enterprises, handSigners, offices } from "./schema.ts";

type Enterprise = typeof enterprises.$inferSelect;

export type NewOffice = { code: string; nameZh: string; nameEn: string; placeEn?: string; addressEn?: string; tel?: string; fax?: string };
export type NewEnterprise = {
  officeCode: string;
  regNo: string;
  nameZh: string;
  nameEn: string;
  addressEn: string;
  nature?: string;
  smallMicro?: boolean;
  visaPoint: string;
  creditCode?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  signers?: { name: string; nameLatin?: string | null; phone?: string | null; isDefault?: boolean }[];
  /** Customs codes filed with the record, already approved (demo data and imports from the old system). */
  approvedCustomsCodes?: string[];
};

/** Creates an office (operators and demo data). */
export async function createOffice({ db, office }: { db: Db; office: NewOffice }) {
  await db.insert(offices).values(office);
}

export async function hasAnyOffice({ db }: { db: Db }) {
  return (await db.select({ code: offices.code }).from(offices).limit(1)).length > 0;
}

/** A conflict a form shows next to the field it is about. */
export const fieldConflict = (path: string, message: string) => new AppError("conflict", message, [{ path, message }]);

const regNoTaken = (regNo: string) => fieldConflict("regNo", M.regNoTaken(regNo));

/** A credit code held by another record; names that record's number only to its own office. */
async function creditCodeTaken(db: DbOrTx, creditCode: string, officeCode: string, exceptId?: string) {
  const holder = await q.findEnterpriseByCreditCode(db, creditCode);
  if (!holder || holder.id === exceptId) return null;
  return fieldConflict("creditCode", M.creditCodeTaken(holder.officeCode === officeCode ? holder.regNo : null));
}

/** Turns a unique-index race lost at insert/update into the same field error as the pre-check. */
function raceToFieldError(err: unknown, values: { regNo?: string; creditCode?: string | null }) {
  const constraint = uniqueViolation(err);
  if (constraint === "enterprises_reg_no_key" && values.regNo) return regNoTaken(values.regNo);
  if (constraint === "enterprises_credit_code_key") return fieldConflict("creditCode", M.creditCodeTaken(null));
  return err;
}

/**
 * Files an enterprise (with any hand-signers and pre-approved customs codes) in one transaction and
 * returns its id. A registration number or credit code already on file is refused as `conflict`
 * with the field named, so the form can say which.
 */
export async function createEnterprise({ db, enterprise, actorId = null }: { db: Db; enterprise: NewEnterprise; actorId?: string | null }) {
  const id = Bun.randomUUIDv7();
  const { signers = [], approvedCustomsCodes = [], ...record } = enterprise;
  if (await q.findEnterpriseByRegNo(db, record.regNo)) throw regNoTaken(record.regNo);
  if (record.creditCode) {
    const taken = await creditCodeTaken(db, record.creditCode, record.officeCode);
    if (taken) throw taken;
  }
  try {
    await db.transaction(async (tx) => {
      await tx.insert(enterprises).values({ id, ...record });
      if (signers.length)
        await tx.insert(handSigners).values(
          signers.map((s, i) => ({
            id: Bun.randomUUIDv7(),
            enterpriseId: id,
            name: s.name,
            nameLatin: s.nameLatin ?? null,
            phone: s.phone ?? null,
            isDefault: s.isDefault ?? i === 0,
          })),
        );
      if (approvedCustomsCodes.length)
        await tx.insert(customsCodes).values(
          approvedCustomsCodes.map((code) => ({
            id: Bun.randomUUIDv7(),
            enterpriseId: id,
            code,
            status: "APPROVED" as const,
            decidedBy: actorId,
            decidedAt: new Date(),
          })),
        );
      await recordAudit(tx, { actorId, officeCode: record.officeCode, entity: "enterprise", entityId: id, action: "created", after: enterprise });
    });
  } catch (e) {
    throw raceToFieldError(e, record);
  }
  return id;
}

/** The number the create form offers: the next free one of the office's A series. */
export async function proposeRegNo({ db, officeCode }: { db: Db; officeCode: string }) {
  return suggestRegNo(officeCode, await q.listRegNosWithPrefix(db, regNoPrefix(officeCode)));
}

export type EnterpriseListQuery = { search?: string; status?: "active" | "inactive" | "all"; page?: number };

/** The office's enterprises matching a search (number, either name, credit code or customs code), a page at a time. */
export async function listEnterprises({ db, officeCode, query }: { db: Db; officeCode: string; query: EnterpriseListQuery }) {
  const page = Math.max(1, query.page ?? 1);
  const { rows, total } = await q.listEnterprises(
    db,
    { officeCode, search: query.search?.trim() || undefined, status: query.status },
    { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
  );
  const codes = await q.listCustomsCodesOf(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({ ...r, customsCodes: codes.filter((c) => c.enterpriseId === r.id) }));
  return { items, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function requireOfficeEnterprise(db: DbOrTx, officeCode: string, enterpriseId: string) {
  const enterprise = await q.findOfficeEnterprise(db, officeCode, enterpriseId);
  if (!enterprise) throw notFound();
  return enterprise;
}

export async function lockEnterprise(tx: DbOrTx, officeCode: string, enterpriseId: string) {
  const enterprise = await q.lockOfficeEnterprise(tx, officeCode, enterpriseId);
  if (!enterprise) throw notFound();
  return enterprise;
}

/** The version a form was filled from: the record's last change time. */
export function versionOf(enterprise: Pick<Enterprise, "updatedAt">) {
  return enterprise.updatedAt.toISOString();
}

const EDITABLE = ["nameZh", "nameEn", "addressEn", "creditCode", "nature", "smallMicro", "visaPoint", "contactName", "contactPhone", "contactEmail"] as const;

/** Only the fields whose values differ, before and after: what the audit keeps and the history shows. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>, keys: readonly (keyof T)[]) {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of keys) {
    if (k in after && after[k] !== before[k]) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/** The record page's content: an enterprise of the office, everything filed about it, and its history. */
export async function getEnterpriseRecord({ db, officeCode, enterpriseId }: { db: Db; officeCode: string; enterpriseId: string }) {
  const enterprise = await requireOfficeEnterprise(db, officeCode, enterpriseId);
  const [codes, signers, operators, seal] = await Promise.all([
    q.listCustomsCodes(db, enterpriseId),
    q.listSigners(db, enterpriseId),
    listEnterpriseAccounts({ db, enterpriseId }),
    enterprise.sealImageId ? q.findImageMeta(db, enterprise.sealImageId) : undefined,
  ]);
  const entries = await listAuditEntries({
    db,
    refs: [
      { entity: "enterprise", ids: [enterpriseId] },
      { entity: "hand_signer", ids: signers.map((s) => s.id) },
      { entity: "customs_code", ids: codes.map((c) => c.id) },
      { entity: "account", ids: operators.map((o) => o.id) },
    ],
  });
  const history = entries.map((e) => ({ ...e, actorName: e.actorId ? (e.actorName ? `${e.actorName}（${e.actorLogin}）` : e.actorId) : null }));
  return { enterprise, version: versionOf(enterprise), customsCodes: codes, signers, operators, seal: seal ?? null, history };
}

/**
 * Saves the office's edit of a record. `version` is the one the form was filled from: if someone
 * else saved in between, nothing is overwritten and `conflict` says so. Audits only what changed.
 */
export async function updateEnterprise({
  db,
  officeCode,
  enterpriseId,
  fields,
  version,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  fields: EnterpriseFields;
  version: string;
  actorId: string;
}) {
  try {
    await db.transaction(async (tx) => {
      const current = await lockEnterprise(tx, officeCode, enterpriseId);
      if (versionOf(current) !== version) throw conflict(M.staleEdit);
      const diff = changedFields(current, fields, EDITABLE);
      if (!diff.changed) return;
      if (diff.after.creditCode) {
        const taken = await creditCodeTaken(tx, diff.after.creditCode, officeCode, enterpriseId);
        if (taken) throw taken;
      }
      await tx
        .update(enterprises)
        .set({ ...diff.after, updatedAt: new Date() })
        .where(eq(enterprises.id, enterpriseId));
      await recordAudit(tx, { actorId, officeCode, entity: "enterprise", entityId: enterpriseId, action: "updated", before: diff.before, after: diff.after });
    });
  } catch (e) {
    throw raceToFieldError(e, fields);
  }
}

async function setEnterpriseActive({
  db,
  officeCode,
  enterpriseId,
  active,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  active: boolean;
  actorId: string;
}) {
  await db.transaction(async (tx) => {
    const current = await lockEnterprise(tx, officeCode, enterpriseId);
    if (current.active === active) return;
    await tx.update(enterprises).set({ active, updatedAt: new Date() }).where(eq(enterprises.id, enterpriseId));
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "enterprise",
      entityId: enterpriseId,
      action: active ? "activated" : "deactivated",
      before: { active: current.active },
      after: { active },
    });
  });
}

/** Deactivates an enterprise: none of its accounts can sign in or go on working until it is activated again. */
export function deactivateEnterprise(args: { db: Db; officeCode: string; enterpriseId: string; actorId: string }) {
  return setEnterpriseActive({ ...args, active: false });
}

export function activateEnterprise(args: { db: Db; officeCode: string; enterpriseId: string; actorId: string }) {
  return setEnterpriseActive({ ...args, active: true });
}
