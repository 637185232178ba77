import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { uniqueViolation } from "../../db/errors.ts";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.ts";
import { composeBackPage, type CertificateType } from "../../render/index.ts";
import { recordAudit } from "../audit/index.ts";
import { getCertificate } from "../certificates/index.ts";
import { COMMERCIAL_MESSAGES, getCommercialDocument } from "../commercial/index.ts";
import { recordJobEvent, released, transition, type PrintBus } from "./jobs.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { BACK_PAGE_MAX, isCancellable, isRetryable, printRefusal, reprintReasonProblem, type JobKind } from "./rules.ts";
import { printJobs } from "./schema.ts";
import { actorOf, getDesk, isOffice, targetDesk, visiblePrinter } from "./desks-service.ts";

export {
  hashDeskToken,
  getDesk,
  listDesks,
  createOfficeDesk,
  issueAgentToken,
  listApprovedModels,
  addApprovedModel,
  removeApprovedModel,
  listPrinters,
  registerPrinter,
  removePrinter,
  chooseDeskPrinter,
  setCalibration,
} from "./desks-service.ts";

type NewJob = {
  desk: q.DeskRow;
  kind: JobKind;
  title: string;
  copies: number;
  certificateId?: string | null;
  enterpriseId?: string | null;
  formType?: string | null;
  printerId?: string | null;
  reprintReason?: string | null;
  verifyBaseUrl: string;
};

async function insertJob(db: Db, events: PrintBus, user: CurrentUser, j: NewJob, requestId?: string) {
  const id = Bun.randomUUIDv7();
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(printJobs)
        .values({
          id,
          deskId: j.desk.id,
          officeCode: j.desk.officeCode,
          enterpriseId: j.enterpriseId ?? j.desk.enterpriseId,
          certificateId: j.certificateId ?? null,
          kind: j.kind,
          formType: j.formType ?? null,
          title: j.title,
          copies: j.copies,
          reprintReason: j.reprintReason ?? null,
          printerId: j.printerId ?? null,
          verifyBaseUrl: j.verifyBaseUrl,
          requestedBy: user.id,
          requestedByName: user.displayName,
        })
        .returning();
      await recordJobEvent(tx, events, row!, { state: "QUEUED", actor: actorOf(user), note: j.reprintReason ? M.reprintQueued(j.reprintReason) : M.queued });
      await recordAudit(tx, {
        actorId: user.id,
        officeCode: j.desk.officeCode,
        entity: "print_job",
        entityId: id,
        action: "queued",
        after: { deskId: j.desk.id, kind: j.kind, certificateId: j.certificateId ?? null, copies: j.copies, reprintReason: j.reprintReason ?? null },
        requestId,
      });
    });
  } catch (e) {
    if (uniqueViolation(e) === "print_jobs_one_open_per_certificate") throw conflict(M.alreadyInQueue);
    throw e;
  }
  return { id };
}

/**
 * Queues a certificate (all its copies) at a desk: the office's (a desk of the clerk's office) or
 * the enterprise's own (only an eCO it asked to print itself). A certificate printed before is a
 * reprint: it needs a reason, which the certificate's history records when it is printed.
 * `verifyBaseUrl` is where the QR code points (the app's public origin).
 */
export async function queueCertificatePrint({
  db,
  events,
  user,
  certificateId,
  deskId,
  reprintReason,
  verifyBaseUrl,
  requestId,
}: {
  db: Db;
  events: PrintBus;
  user: CurrentUser;
  certificateId: string;
  deskId?: string;
  reprintReason?: string;
  verifyBaseUrl: string;
  requestId?: string;
}) {
  const cert = await getCertificate({ db, user, id: certificateId });
  const refusal = printRefusal(isOffice(user) ? "office" : "enterprise", {
    status: cert.status,
    printMode: cert.printMode,
    localPrint: Boolean(cert.body.localPrint),
  });
  if (refusal) throw conflict(refusal);
  const problem = reprintReasonProblem(cert.printCount, reprintReason);
  if (problem) throw invalid(problem, [{ path: "reprintReason", message: problem }]);
  const desk = await targetDesk(db, user, deskId);
  const copies = Number.isInteger(cert.body.copies) && cert.body.copies! > 0 ? cert.body.copies! : 1;
  return insertJob(
    db,
    events,
    user,
    {
      desk,
      kind: "CERTIFICATE",
      title: cert.number ?? cert.applicationNo,
      copies,
      certificateId: cert.id,
      enterpriseId: cert.enterpriseId,
      formType: cert.type,
      reprintReason: cert.printCount > 0 ? reprintReason!.trim() : null,
      verifyBaseUrl,
    },
    requestId,
  );
}

/**
 * The paper route of a commercial certificate (商事证明): its certificate page, one job of as many
 * copies as the application asked for, at an office desk (the first, or the one given). Approved only.
 */
export async function queueCommercialPrint({
  db,
  events,
  user,
  documentId,
  deskId,
  verifyBaseUrl,
  requestId,
}: {
  db: Db;
  events: PrintBus;
  user: CurrentUser;
  documentId: string;
  deskId?: string;
  verifyBaseUrl: string;
  requestId?: string;
}) {
  if (!isOffice(user)) throw notFound();
  const d = await getCommercialDocument({ db, user, id: documentId });
  if (d.status !== "APPROVED" || !d.number) throw conflict(COMMERCIAL_MESSAGES.notIssued);
  const desk = await targetDesk(db, user, deskId);
  return insertJob(
    db,
    events,
    user,
    {
      desk,
      kind: "COMMERCIAL",
      title: d.number,
      copies: d.copies,
      certificateId: d.id,
      enterpriseId: d.enterpriseId,
      formType: null,
      reprintReason: null,
      verifyBaseUrl,
    },
    requestId,
  );
}

/**
 * Back pages (背页) as their own job with a count: printed on the reverse of certificates already
 * printed (manual 打印背页). The form type comes from the certificate when one is given.
 */
export async function queueBackPages({
  db,
  events,
  user,
  deskId,
  certificateId,
  formType,
  count,
  verifyBaseUrl,
  requestId,
}: {
  db: Db;
  events: PrintBus;
  user: CurrentUser;
  deskId?: string;
  certificateId?: string;
  formType?: string;
  count: number;
  verifyBaseUrl: string;
  requestId?: string;
}) {
  if (!Number.isInteger(count) || count < 1 || count > BACK_PAGE_MAX) throw invalid(M.backPageCount, [{ path: "count", message: M.backPageCount }]);
  const cert = certificateId ? await getCertificate({ db, user, id: certificateId }) : null;
  const type = cert?.type ?? formType;
  if (!type) throw invalid(M.backPageType, [{ path: "formType", message: M.backPageType }]);
  try {
    composeBackPage(type as CertificateType);
  } catch (e) {
    const message = e instanceof AppError ? e.message : M.backPageType;
    throw invalid(message, [{ path: "formType", message }]);
  }
  const desk = await targetDesk(db, user, deskId);
  return insertJob(
    db,
    events,
    user,
    {
      desk,
      kind: "BACK_PAGE",
      title: cert ? `${cert.number ?? cert.applicationNo} · ${type}` : type,
      copies: count,
      certificateId: cert?.id ?? null,
      enterpriseId: cert?.enterpriseId ?? null,
      formType: type,
      verifyBaseUrl,
    },
    requestId,
  );
}

/** A PCO calibration sheet (optionally with a form's box frames) on one printer, with its current offsets. */
export async function printCalibrationPage({
  db,
  events,
  user,
  printerId,
  formType,
  verifyBaseUrl,
}: {
  db: Db;
  events: PrintBus;
  user: CurrentUser;
  printerId: string;
  formType?: string;
  verifyBaseUrl: string;
}) {
  const { printer, desk } = await visiblePrinter(db, user, printerId);
  return insertJob(db, events, user, {
    desk,
    kind: "CALIBRATION",
    title: `${printer.name}${formType ? ` · ${formType}` : ""}`,
    copies: 1,
    printerId: printer.id,
    formType: formType || null,
    verifyBaseUrl,
  });
}

function jobVisible(user: CurrentUser, job: q.JobRow, desk: q.DeskRow | undefined) {
  return isOffice(user) ? job.officeCode === user.officeCode : desk?.enterpriseId === user.enterpriseId && user.enterpriseId !== null;
}

/**
 * Cancels the given jobs that may still be cancelled (not PRINTING, not finished), in one
 * transaction; reports the ones it could not cancel and why. Jobs the user may not see are not
 * mentioned (as if they did not exist).
 */
export async function cancelJobs({ db, events, user, ids, requestId }: { db: Db; events: PrintBus; user: CurrentUser; ids: string[]; requestId?: string }) {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) throw invalid(M.nothingSelected);
  return db.transaction(async (tx) => {
    const cancelled: string[] = [];
    const refused: { id: string; title: string; reason: string }[] = [];
    for (const id of unique) {
      const job = await q.lockJob(tx, id);
      if (!job || !jobVisible(user, job, await q.findDesk(tx, job.deskId))) continue;
      if (!isCancellable(job.state)) {
        refused.push({ id, title: job.title, reason: M.notCancellable(M.stateLabels[job.state]) });
        continue;
      }
      await transition(tx, events, job, "CANCELLED", { actor: actorOf(user), note: M.cancelled, set: { ...released, message: null } });
      await recordAudit(tx, {
        actorId: user.id,
        officeCode: job.officeCode,
        entity: "print_job",
        entityId: id,
        action: "cancelled",
        before: { state: job.state },
        requestId,
      });
      cancelled.push(id);
    }
    if (!cancelled.length && !refused.length) throw notFound();
    return { cancelled, refused };
  });
}

/** Puts a failed job back in the queue (composed again, sent again): manual Q14 “重试”. */
export async function retryJob({ db, events, user, id, requestId }: { db: Db; events: PrintBus; user: CurrentUser; id: string; requestId?: string }) {
  await db.transaction(async (tx) => {
    const job = await q.lockJob(tx, id);
    if (!job || !jobVisible(user, job, await q.findDesk(tx, job.deskId))) throw notFound();
    if (!isRetryable(job.state)) throw conflict(M.notRetryable(M.stateLabels[job.state]));
    await transition(tx, events, job, "QUEUED", {
      actor: actorOf(user),
      note: M.retried,
      set: { ...released, run: job.run + 1, attempts: 0, ippJobId: null, message: null, notBefore: new Date() },
    });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: job.officeCode,
      entity: "print_job",
      entityId: id,
      action: "retried",
      before: { state: job.state, message: job.message },
      requestId,
    });
  });
}

/** A desk's jobs as its page shows them (open ones first, then the latest finished ones). */
export async function listDeskJobs({ db, user, deskId }: { db: DbOrTx; user: CurrentUser; deskId: string }) {
  const desk = await getDesk({ db, user, id: deskId });
  return q.listJobs(db, { deskId: desk.id });
}

/** A certificate's print jobs: at the office all of them; for the enterprise those at its own desk. */
export async function listCertificateJobs({ db, user, certificateId }: { db: Db; user: CurrentUser; certificateId: string }) {
  const cert = await getCertificate({ db, user, id: certificateId });
  if (isOffice(user)) return q.listJobs(db, { certificateId: cert.id, officeCode: cert.officeCode });
  const desk = await q.findEnterpriseDesk(db, user.enterpriseId!);
  return desk ? q.listJobs(db, { certificateId: cert.id, deskId: desk.id }) : [];
}

/** One job with its history, for someone who may see it. */
export async function getJob({ db, user, id }: { db: DbOrTx; user: CurrentUser; id: string }) {
  const job = await q.findJob(db, id);
  if (!job || !jobVisible(user, job, await q.findDesk(db, job.deskId))) throw notFound();
  return { job, history: await q.jobHistory(db, id) };
}
