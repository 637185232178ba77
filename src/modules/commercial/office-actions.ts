/**
 * The office's decisions on commercial document applications: approve (number, verification code,
 * the office's seal and signatory recorded), return with a reason, void. Each is one transaction
 * that locks the application, refuses a wrong state with `conflict`, and writes history and audit.
 */
import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { conflict, forbidden, invalid } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import {
  changeOfficeNumberFormat,
  formatCertificateNumber,
  newVerificationCode,
  nextNumberSerial,
  numberFormatProblem,
  officeToday,
} from "../certificates/index.ts";
import { recordEndorsement } from "../endorsement/index.ts";
import { getEnterpriseProfile } from "../registration/index.ts";
import { COMMERCIAL_COUNTER_TYPE, COMMERCIAL_LETTER, DEFAULT_COMMERCIAL_NUMBER_FORMAT, isVoidable } from "./lifecycle.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { emitCommercialEvent } from "./events.ts";
import { REASON_MAX } from "./rules.ts";
import { commercialDocuments } from "./schema.ts";
import { addHistory, getCommercialDocument, listCommercialDocuments, loadVisible } from "./service.ts";

const REVIEWER_ROLES: readonly string[] = ["office_admin", "office_reviewer"];

function assertReviewer(user: CurrentUser) {
  if (!REVIEWER_ROLES.includes(user.role) || !user.officeCode) throw forbidden(M.notReviewer);
}

function requiredReason(raw: string | undefined, required: string) {
  const reason = (raw ?? "").trim();
  if (!reason) throw invalid(required, [{ path: "reason", message: required }]);
  if (reason.length > REASON_MAX) throw invalid(M.reasonTooLong(REASON_MAX), [{ path: "reason", message: M.reasonTooLong(REASON_MAX) }]);
  return reason;
}

/** The office's template for commercial certificate numbers, or the default (S, year, office, serial). */
export async function getCommercialNumberFormat({ db, officeCode }: { db: DbOrTx; officeCode: string }) {
  return (await q.findOfficeSettings(db, officeCode))?.numberFormat ?? DEFAULT_COMMERCIAL_NUMBER_FORMAT;
}

/** What the template gives for the 42nd certificate this year, or null for an unusable template. */
export function commercialNumberExample(format: string, officeCode: string) {
  if (numberFormatProblem(format)) return null;
  return formatCertificateNumber(format, { letter: COMMERCIAL_LETTER, year: Number(officeToday().slice(0, 4)), officeCode, serial: 42 });
}

/** Sets the office's template (office_admin); the rules are the certificates' (numbers.ts). Audited. */
export function setCommercialNumberFormat({
  db,
  admin,
  numberFormat,
  messages,
  requestId,
}: {
  db: Db;
  admin: CurrentUser;
  numberFormat: string;
  messages: Record<string, string>;
  requestId?: string;
}) {
  return changeOfficeNumberFormat({
    db,
    admin,
    numberFormat,
    requestId,
    problemMessage: (problem) => messages[problem] ?? problem,
    action: "commercial_number_format",
    read: (tx, officeCode) => getCommercialNumberFormat({ db: tx, officeCode }),
    save: q.saveNumberFormat,
  });
}

/**
 * 审核通过: PENDING → APPROVED. The next serial of the office and year comes from the locked shared
 * counter (key COMMERCIAL), so numbers are unique and gap-free; the seal and signatory the office
 * uses now are recorded for the certificate page. Of racing approvals one wins, the other gets conflict.
 */
export async function approveCommercialDocument({ db, reviewer, id, requestId }: { db: Db; reviewer: CurrentUser; id: string; requestId?: string }) {
  assertReviewer(reviewer);
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, reviewer, id, true);
    if (row.status === "APPROVED") throw conflict(M.alreadyApproved(row.number));
    if (row.status !== "PENDING") throw conflict(M.notApprovable(M.statusLabels[row.status]!));
    const now = new Date();
    const year = Number(officeToday(now).slice(0, 4));
    const serial = await nextNumberSerial(tx, { officeCode: row.officeCode, type: COMMERCIAL_COUNTER_TYPE, year });
    const format = await getCommercialNumberFormat({ db: tx, officeCode: row.officeCode });
    const number = formatCertificateNumber(format, { letter: COMMERCIAL_LETTER, year, officeCode: row.officeCode, serial });
    await tx
      .update(commercialDocuments)
      .set({ status: "APPROVED", number, verificationCode: newVerificationCode(), approvedAt: now, updatedAt: now, returnReason: null })
      .where(eq(commercialDocuments.id, id));
    await addHistory(tx, { id, status: "APPROVED", actor: reviewer, note: M.noteApproved(number) });
    const e = await recordEndorsement(tx, { certificateId: id, officeCode: row.officeCode, reviewerId: reviewer.id });
    await recordAudit(tx, {
      actorId: reviewer.id,
      officeCode: row.officeCode,
      entity: "commercial_document",
      entityId: id,
      action: "approved",
      after: { number, sealImageId: e.sealImageId, signatoryId: e.signatoryId, signatureImageId: e.signatureImageId },
      requestId,
    });
    await emitCommercialEvent(tx, "commercial.approved", { ...row, status: "APPROVED", number, reason: null });
    return { id, status: "APPROVED" as const, number };
  });
}

/** 退回: PENDING → RETURNED with the reason the enterprise sees; it edits and sends again. */
export async function returnCommercialDocument({
  db,
  reviewer,
  id,
  reason,
  requestId,
}: {
  db: Db;
  reviewer: CurrentUser;
  id: string;
  reason: string;
  requestId?: string;
}) {
  assertReviewer(reviewer);
  const text = requiredReason(reason, M.reasonRequired);
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, reviewer, id, true);
    if (row.status !== "PENDING") throw conflict(M.notReturnable(M.statusLabels[row.status]!));
    await tx.update(commercialDocuments).set({ status: "RETURNED", returnReason: text, updatedAt: new Date() }).where(eq(commercialDocuments.id, id));
    await addHistory(tx, { id, status: "RETURNED", actor: reviewer, note: text });
    await recordAudit(tx, {
      actorId: reviewer.id,
      officeCode: row.officeCode,
      entity: "commercial_document",
      entityId: id,
      action: "returned",
      after: { reason: text },
      requestId,
    });
    await emitCommercialEvent(tx, "commercial.returned", { ...row, status: "RETURNED", reason: text });
  });
  return { id, status: "RETURNED" as const };
}

/** 作废: final. An approved certificate keeps its number (never given again) and verifies as VOIDED. */
export async function voidCommercialDocument({
  db,
  reviewer,
  id,
  reason,
  requestId,
}: {
  db: Db;
  reviewer: CurrentUser;
  id: string;
  reason: string;
  requestId?: string;
}) {
  assertReviewer(reviewer);
  const text = requiredReason(reason, M.voidReasonRequired);
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, reviewer, id, true);
    if (!isVoidable(row.status)) throw conflict(M.alreadyVoided);
    const now = new Date();
    await tx.update(commercialDocuments).set({ status: "VOIDED", voidReason: text, voidedAt: now, updatedAt: now }).where(eq(commercialDocuments.id, id));
    await addHistory(tx, { id, status: "VOIDED", actor: reviewer, note: text });
    await recordAudit(tx, {
      actorId: reviewer.id,
      officeCode: row.officeCode,
      entity: "commercial_document",
      entityId: id,
      action: "voided",
      before: { status: row.status },
      after: { reason: text },
      requestId,
    });
    await emitCommercialEvent(tx, "commercial.voided", { ...row, status: "VOIDED", reason: text });
  });
  return { id, status: "VOIDED" as const };
}

/** The review page's facts: the application, its file, and the enterprise's filed record. */
export async function getCommercialForReview({ db, reviewer, id }: { db: Db; reviewer: CurrentUser; id: string }) {
  assertReviewer(reviewer);
  const d = await getCommercialDocument({ db, user: reviewer, id });
  const { enterprise } = await getEnterpriseProfile({ db, enterpriseId: d.enterpriseId });
  return { ...d, enterprise };
}

/** The desk's counts: pending from the EDI API, pending from the pages, and both together. */
export async function countCommercialQueues({ db, user }: { db: Db; user: CurrentUser }) {
  assertReviewer(user);
  const { edi, web } = await q.countPendingBySource(db, user.officeCode!);
  return { all: edi + web, edi, pending: web };
}

/** The longest-waiting other pending application of the same source, for 下一份. */
export async function nextCommercialInQueue({ db, user, current }: { db: Db; user: CurrentUser; current: { id: string; source: string } }) {
  const { rows } = await listCommercialDocuments({
    db,
    user,
    filters: { status: "PENDING", source: current.source as "WEB" | "EDI" },
    pageSize: 2,
    oldestFirst: true,
  });
  return rows.find((r) => r.id !== current.id)?.id ?? null;
}
