/**
 * The office's state changes of certificates (manual §四): 审核通过, 退回, 作废, 修改印刷号, and the
 * "being reviewed by" marker. Each change is one transaction that locks the certificate (SELECT …
 * FOR UPDATE), refuses a wrong state with `conflict` and a message saying why, writes the
 * certificate's history row and the office audit row, and emits its event inside the transaction,
 * so the event goes out on commit and never for a change that rolled back.
 */
import { recordEndorsement } from "../../endorsement/index.ts";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { CurrentUser } from "../../../app-env.ts";
import { builtOnce, slot, type Db, type DbOrTx } from "../../../db/client.ts";
import { AppError, conflict, forbidden, invalid } from "../../../lib/errors.ts";
import { recordAudit } from "../../audit/index.ts";
import { emitCertificateEvent } from "../events.ts";
import type { CertificateStatus } from "../lifecycle.ts";
import { isAmendable } from "../lifecycle.ts";
import { DEFAULT_NUMBER_FORMAT, formatCertificateNumber, newVerificationCode, numberFormatProblem } from "../numbers.ts";
import { OM } from "./office-messages.ts";
import * as q from "../queries.ts";
import { certificateType } from "../registry.ts";
import type { Problem } from "../checks/review-problems.ts";
import { hasBlockingProblems, reviewCertificate } from "../checks/review-rules.ts";
import { certificates } from "../schema.ts";
import { addHistory, loadVisible, officeToday, reviewContext } from "../service.ts";

type Row = typeof certificates.$inferSelect;

const REVIEWER_ROLES: readonly string[] = ["office_admin", "office_reviewer"];
/** Before ISSUED, the office may void (DESIGN.md "Certificate lifecycle"). */
const VOIDABLE: readonly CertificateStatus[] = ["DRAFT", "PENDING", "RETURNED", "APPROVED"];
export const REASON_MAX = 500;
/** A "being reviewed by" marker older than this no longer keeps a colleague away. */
export const REVIEW_CLAIM_MINUTES = 30;

/** Thrown by `approveCertificate` when machine review, run again at approval, finds blocking problems. */
export class ApprovalProblemsError extends AppError {
  constructor(readonly problems: Problem[]) {
    super("conflict", OM.approvalBlocked);
  }
}

function assertReviewer(user: CurrentUser) {
  if (!REVIEWER_ROLES.includes(user.role)) throw forbidden(OM.notReviewer);
}

function requiredReason(raw: string | undefined, { required, tooLong }: { required: string; tooLong: string }) {
  const reason = (raw ?? "").trim();
  if (!reason) throw invalid(required, [{ path: "reason", message: required }]);
  if (reason.length > REASON_MAX) throw invalid(tooLong, [{ path: "reason", message: tooLong }]);
  return reason;
}

const clearClaim = { reviewingBy: null, reviewingSince: null } as const;

/** The office's number template, or the default (numbers.ts). */
export async function getNumberFormat({ db, officeCode }: { db: DbOrTx; officeCode: string }) {
  return (await q.findOfficeSettings(db, officeCode))?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
}

/** Sets the office's certificate-number template (office_admin). Numbers already given keep their form. */
export function setNumberFormat({ db, admin, numberFormat, requestId }: { db: Db; admin: CurrentUser; numberFormat: string; requestId?: string }) {
  return changeOfficeNumberFormat({
    db,
    admin,
    numberFormat,
    requestId,
    notAdmin: OM.notAdmin,
    problemMessage: (problem) => OM.formatProblems[problem],
    action: "certificate_number_format",
    read: (tx, officeCode) => getNumberFormat({ db: tx, officeCode }),
    save: q.saveNumberFormat,
  });
}

/**
 * One office number template changed (office_admin only): checked by the certificates' rules
 * (numbers.ts), saved by the owning slice's `save` and audited as `action`, in one transaction.
 * Used for certificate numbers here and for commercial certificate numbers. Throws forbidden, or
 * invalid naming numberFormat. Returns the template as stored (trimmed, upper case).
 */
export async function changeOfficeNumberFormat({
  db,
  admin,
  numberFormat,
  requestId,
  notAdmin,
  problemMessage,
  action,
  read,
  save,
}: {
  db: Db;
  admin: CurrentUser;
  numberFormat: string;
  requestId?: string;
  notAdmin?: string;
  problemMessage: (problem: NonNullable<ReturnType<typeof numberFormatProblem>>) => string;
  action: string;
  read: (tx: DbOrTx, officeCode: string) => Promise<string>;
  save: (tx: DbOrTx, row: { officeCode: string; numberFormat: string; updatedBy: string }) => Promise<unknown>;
}) {
  if (admin.role !== "office_admin") throw forbidden(notAdmin);
  const format = numberFormat.trim().toUpperCase();
  const problem = numberFormatProblem(format);
  if (problem) throw invalid(problemMessage(problem), [{ path: "numberFormat", message: problemMessage(problem) }]);
  await db.transaction(async (tx) => {
    const before = await read(tx, admin.officeCode!);
    await save(tx, { officeCode: admin.officeCode!, numberFormat: format, updatedBy: admin.id });
    await recordAudit(tx, {
      actorId: admin.id,
      officeCode: admin.officeCode,
      entity: "office",
      entityId: admin.officeCode!,
      action,
      before: { numberFormat: before },
      after: { numberFormat: format },
      requestId,
    });
  });
  return format;
}

/** The approval's update, built once (db/client.ts builtOnce); `problems` as JSON text. */
const markApproved = builtOnce("certificate_mark_approved", (db) =>
  db
    .update(certificates)
    .set({
      status: "APPROVED",
      number: slot("number"),
      verificationCode: slot("code"),
      approvedAt: slot("now"),
      updatedAt: slot("now"),
      problems: slot("problems"),
      ...clearClaim,
    })
    .where(eq(certificates.id, sql.placeholder("id"))),
);

/**
 * 审核通过: PENDING → APPROVED. Inside one transaction: machine review runs again on fresh context
 * (a hand-signer deactivated or a filing replaced since sending blocks the approval:
 * ApprovalProblemsError); the next serial of the office, type and year is taken from the locked
 * counter and formatted with the office's template; a random verification code is set; and an
 * original this certificate replaces (改证重发) becomes REPLACED. Of racing approvals of one
 * certificate exactly one wins; the others get `conflict` naming the number it got.
 */
export async function approveCertificate({ db, reviewer, id, requestId }: { db: Db; reviewer: CurrentUser; id: string; requestId?: string }) {
  assertReviewer(reviewer);
  const result = await db.transaction(async (tx) => {
    const row = await loadVisible(tx, reviewer, id, true);
    if (row.status === "APPROVED") throw conflict(OM.alreadyApproved(row.number));
    if (row.status !== "PENDING") throw conflict(OM.notApprovable(row.status));
    // The application date is the day it was sent: date rules judge the application, not the approval.
    const problems = reviewCertificate(row.body, await reviewContext(tx, { row, body: row.body, today: officeToday(row.sentAt ?? new Date()) }));
    if (hasBlockingProblems(problems)) {
      await tx.update(certificates).set({ problems }).where(eq(certificates.id, id));
      return { ok: false as const, problems };
    }
    const now = new Date();
    const year = Number(officeToday(now).slice(0, 4));
    // Independent statements of the transaction are issued together: postgres.js pipelines them on
    // its connection, so an approval waits for five round trips from here instead of thirteen
    // (docs/decisions/0020). The counter still comes after review, so a refused approval takes no serial.
    const [serial, format, endorsement] = await Promise.all([
      q.nextCertificateSerial(tx, { officeCode: row.officeCode, type: row.type, year }),
      getNumberFormat({ db: tx, officeCode: row.officeCode }),
      recordEndorsement(tx, { certificateId: id, officeCode: row.officeCode, reviewerId: reviewer.id }),
    ]);
    const number = formatCertificateNumber(format, { letter: certificateType(row.body.type).letter, year, officeCode: row.officeCode, serial });
    const approved = { ...row, status: "APPROVED" as const, number };
    await Promise.all([
      markApproved(tx, { id, number, code: newVerificationCode(), now: now.toISOString(), problems: JSON.stringify(problems) }),
      addHistory(tx, { id, status: "APPROVED", actor: reviewer, note: OM.noteApproved(number) }),
      recordAudit(tx, {
        actorId: reviewer.id,
        officeCode: row.officeCode,
        entity: "certificate",
        entityId: id,
        action: "approved",
        after: { number, sealImageId: endorsement.sealImageId, signatoryId: endorsement.signatoryId, signatureImageId: endorsement.signatureImageId },
        requestId,
      }),
      emitCertificateEvent(tx, "certificate.approved", approved),
    ]);
    if (row.replacesId) await replaceOriginal(tx, { reviewer, originalId: row.replacesId, replacement: approved, requestId });
    return { ok: true as const, number, problems };
  });
  if (!result.ok) throw new ApprovalProblemsError(result.problems);
  return { id, status: "APPROVED" as const, number: result.number, problems: result.problems };
}

/** The original of an approved 改证重发 becomes REPLACED, if it still stands (a voided one stays voided). */
async function replaceOriginal(
  tx: DbOrTx,
  { reviewer, originalId, replacement, requestId }: { reviewer: CurrentUser; originalId: string; replacement: Row; requestId?: string },
) {
  const original = await q.lockCertificate(tx, originalId);
  if (!original || original.officeCode !== replacement.officeCode || !isAmendable(original.status)) return;
  await tx.update(certificates).set({ status: "REPLACED", replacedById: replacement.id, updatedAt: new Date() }).where(eq(certificates.id, originalId));
  await addHistory(tx, { id: originalId, status: "REPLACED", actor: reviewer, note: OM.noteReplacedBy(replacement.number!) });
  await recordAudit(tx, {
    actorId: reviewer.id,
    officeCode: original.officeCode,
    entity: "certificate",
    entityId: originalId,
    action: "replaced",
    after: { replacedById: replacement.id, by: replacement.number },
    requestId,
  });
  await emitCertificateEvent(tx, "certificate.replaced", { ...original, status: "REPLACED" });
}

/** 退回: PENDING → RETURNED with a reason the enterprise sees; it edits and sends again. */
export async function returnCertificate({
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
  const text = requiredReason(reason, { required: OM.reasonRequired, tooLong: OM.reasonTooLong(REASON_MAX) });
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, reviewer, id, true);
    if (row.status !== "PENDING") throw conflict(OM.notReturnable(row.status));
    await tx
      .update(certificates)
      .set({ status: "RETURNED", returnReason: text, returnedBody: row.body, updatedAt: new Date(), ...clearClaim })
      .where(eq(certificates.id, id));
    await addHistory(tx, { id, status: "RETURNED", actor: reviewer, note: text });
    await recordAudit(tx, {
      actorId: reviewer.id,
      officeCode: row.officeCode,
      entity: "certificate",
      entityId: id,
      action: "returned",
      after: { reason: text },
      requestId,
    });
    await emitCertificateEvent(tx, "certificate.returned", { ...row, status: "RETURNED", returnReason: text });
  });
  return { id, status: "RETURNED" as const };
}

/**
 * 作废: any state before ISSUED → VOIDED, final. The invoice number is free again (VOIDED is not
 * live); a number it was given is never given again. Issued certificates are changed by 改证重发.
 */
export async function voidCertificate({
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
  const text = requiredReason(reason, { required: OM.voidReasonRequired, tooLong: OM.voidReasonTooLong(REASON_MAX) });
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, reviewer, id, true);
    if (!VOIDABLE.includes(row.status)) throw conflict(row.status === "ISSUED" ? OM.voidIssued : row.status === "VOIDED" ? OM.voidVoided : OM.voidReplaced);
    const now = new Date();
    await tx
      .update(certificates)
      .set({ status: "VOIDED", voidReason: text, voidedAt: now, updatedAt: now, ...clearClaim })
      .where(eq(certificates.id, id));
    await addHistory(tx, { id, status: "VOIDED", actor: reviewer, note: text });
    await recordAudit(tx, {
      actorId: reviewer.id,
      officeCode: row.officeCode,
      entity: "certificate",
      entityId: id,
      action: "voided",
      before: { status: row.status },
      after: { reason: text },
      requestId,
    });
    await emitCertificateEvent(tx, "certificate.voided", { ...row, status: "VOIDED", voidReason: text });
  });
  return { id, status: "VOIDED" as const };
}

const SERIAL = /^[A-Z0-9-]{1,30}$/;

/**
 * 修改印刷号 (manual Q12): records the serial of the pre-printed form a PCO certificate was printed
 * on. An APPROVED certificate becomes ISSUED; on an ISSUED one the serial is corrected. A serial
 * already on another certificate of the office is refused (a typo, or a form used twice).
 */
export async function setFormSerial({
  db,
  reviewer,
  id,
  formSerial,
  requestId,
}: {
  db: Db;
  reviewer: CurrentUser;
  id: string;
  formSerial: string;
  requestId?: string;
}) {
  assertReviewer(reviewer);
  // NFKC turns full-width letters and digits typed with a Chinese input method into ASCII.
  const serial = formSerial.normalize("NFKC").trim().toUpperCase();
  if (!serial) throw invalid(OM.serialRequired, [{ path: "formSerial", message: OM.serialRequired }]);
  if (!SERIAL.test(serial)) throw invalid(OM.serialFormat, [{ path: "formSerial", message: OM.serialFormat }]);
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, reviewer, id, true);
    if (row.printMode !== "PCO") throw conflict(OM.serialNotPco);
    if (row.status !== "APPROVED" && row.status !== "ISSUED") throw conflict(OM.serialWrongState(row.status));
    const holder = await q.findFormSerialHolder(tx, { officeCode: row.officeCode, formSerial: serial, excludeId: id });
    if (holder) throw conflict(OM.serialTaken(holder.number ?? holder.applicationNo));
    const now = new Date();
    const issuing = row.status === "APPROVED";
    await tx
      .update(certificates)
      .set({ formSerial: serial, updatedAt: now, ...(issuing ? { status: "ISSUED" as const, issuedAt: now } : {}) })
      .where(eq(certificates.id, id));
    await addHistory(tx, {
      id,
      status: "ISSUED",
      actor: reviewer,
      note: issuing || !row.formSerial ? OM.noteSerial(serial) : OM.noteSerialChanged(row.formSerial, serial),
    });
    await recordAudit(tx, {
      actorId: reviewer.id,
      officeCode: row.officeCode,
      entity: "certificate",
      entityId: id,
      action: "form_serial",
      before: { formSerial: row.formSerial, status: row.status },
      after: { formSerial: serial },
      requestId,
    });
    if (issuing) await emitCertificateEvent(tx, "certificate.issued", { ...row, status: "ISSUED" });
    return { id, status: "ISSUED" as const, formSerial: serial };
  });
}

/**
 * Marks a PENDING certificate as being reviewed by `reviewer` when nobody else is (or their marker
 * is older than REVIEW_CLAIM_MINUTES), keeping the start time when it is theirs already. Returns
 * who holds the marker afterwards: the reviewer, a colleague, or nobody (not pending).
 */
export async function claimReview({ db, reviewer, id }: { db: Db; reviewer: CurrentUser; id: string }) {
  assertReviewer(reviewer);
  const row = await loadVisible(db, reviewer, id);
  if (row.status !== "PENDING") return { by: null, since: null };
  const stale = new Date(Date.now() - REVIEW_CLAIM_MINUTES * 60_000);
  const [claimed] = await db
    .update(certificates)
    .set({
      reviewingBy: reviewer.id,
      reviewingSince: sql`case when ${certificates.reviewingBy} = ${reviewer.id} then ${certificates.reviewingSince} else now() end`,
    })
    .where(
      and(
        eq(certificates.id, id),
        eq(certificates.status, "PENDING"),
        or(isNull(certificates.reviewingBy), eq(certificates.reviewingBy, reviewer.id), lt(certificates.reviewingSince, stale)),
      ),
    )
    .returning({ by: certificates.reviewingBy, since: certificates.reviewingSince });
  if (claimed) return { by: claimed.by, since: claimed.since };
  const current = await q.findCertificate(db, id);
  return current?.status === "PENDING" ? { by: current.reviewingBy, since: current.reviewingSince } : { by: null, since: null };
}
