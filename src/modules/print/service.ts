/**
 * The print slice's public services for people: desks, printers, approved models, and print jobs
 * (queue, cancel, retry, list). The worker (worker.ts) and the desk agent's API (agent-service.ts)
 * move jobs along; everything here runs in one transaction per call with its history and audit.
 *
 * Who sees what: office staff see their office's desks and jobs; an enterprise sees its own desk
 * and the jobs at it. Anything else is not_found.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, isNull } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { uniqueViolation } from "../../db/errors.ts";
import { unstorableChar } from "../../lib/charset.ts";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.ts";
import { composeBackPage, type CertificateType } from "../../render/index.ts";
import { getPrinterInfo, PrinterError } from "../../print/ipp.ts";
import { matchApprovedModel, PRINTER_VENDORS } from "../../print/printer-models.ts";
import { recordAudit } from "../audit/index.ts";
import { getCertificate } from "../certificates/index.ts";
import { COMMERCIAL_MESSAGES, getCommercialDocument } from "../commercial/index.ts";
import { getEnterpriseProfile } from "../registration/index.ts";
import { recordJobEvent, released, transition, type Actor, type PrintBus } from "./jobs.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import {
  BACK_PAGE_MAX,
  calibrationOk,
  isCancellable,
  isRetryable,
  normalizeModelCode,
  normalizePrinterUri,
  printerSays,
  printRefusal,
  reprintReasonProblem,
  type JobKind,
  type Route,
} from "./rules.ts";
import { printApprovedModels, printDesks, printJobs, printPrinters } from "./schema.ts";

const actorOf = (user: CurrentUser): Actor => ({ id: user.id, name: user.displayName });
const isOffice = (user: CurrentUser) => user.role !== "enterprise";

export const hashDeskToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
const newDeskToken = () => `origo_desk_${encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))}`;

// --- desks ---------------------------------------------------------------------------------------

function deskVisible(user: CurrentUser, desk: q.DeskRow) {
  return isOffice(user) ? desk.officeCode === user.officeCode && desk.enterpriseId === null : desk.enterpriseId === user.enterpriseId;
}

/** A desk the user may work at, or not_found. */
export async function getDesk({ db, user, id }: { db: DbOrTx; user: CurrentUser; id: string }) {
  // An id from the address (?desk=) that the database cannot even compare (NUL) is no desk's.
  const desk = unstorableChar(id) ? undefined : await q.findDesk(db, id);
  if (!desk || !deskVisible(user, desk)) throw notFound();
  return desk;
}

/** The office's desks for office staff; the enterprise's own desk (if registered) for an enterprise. */
export async function listDesks({ db, user }: { db: DbOrTx; user: CurrentUser }) {
  if (isOffice(user)) return q.listOfficeDesks(db, user.officeCode!);
  const desk = await q.findEnterpriseDesk(db, user.enterpriseId!);
  return desk ? [desk] : [];
}

/** The desk a job goes to: the one asked for, else the user's first (office) or own (enterprise) desk. */
async function targetDesk(db: DbOrTx, user: CurrentUser, deskId?: string) {
  if (deskId) return getDesk({ db, user, id: deskId });
  const [desk] = await listDesks({ db, user });
  if (!desk) throw conflict(isOffice(user) ? M.noDesk : M.noEnterpriseDesk);
  return desk;
}

/** Office admin: a new office desk. An agent-route desk gets its token now, shown once. */
export async function createOfficeDesk({ db, user, name, route }: { db: Db; user: CurrentUser; name: string; route: Route }) {
  const clean = name.trim();
  if (!clean || clean.length > 40) throw invalid(M.deskNameRequired, [{ path: "name", message: M.deskNameRequired }]);
  const id = Bun.randomUUIDv7();
  const token = route === "AGENT" ? newDeskToken() : null;
  await db.transaction(async (tx) => {
    await tx.insert(printDesks).values({ id, officeCode: user.officeCode!, name: clean, route, agentTokenHash: token ? hashDeskToken(token) : null });
    await recordAudit(tx, { actorId: user.id, officeCode: user.officeCode, entity: "print_desk", entityId: id, action: "created", after: { name: clean, route } });
  });
  return { id, token };
}

/**
 * A new agent token for a desk, replacing the old one (which stops working at once). An enterprise
 * calling this the first time gets its desk created (route AGENT: the server cannot reach its printer).
 */
export async function issueAgentToken({ db, user, deskId }: { db: Db; user: CurrentUser; deskId?: string }) {
  const token = newDeskToken();
  const id = await db.transaction(async (tx) => {
    const desk = isOffice(user) ? await getDesk({ db: tx, user, id: deskId ?? "" }) : ((await q.findEnterpriseDesk(tx, user.enterpriseId!)) ?? (await newEnterpriseDesk(tx, user)));
    if (desk.route !== "AGENT") throw conflict(M.agentBadState);
    await tx.update(printDesks).set({ agentTokenHash: hashDeskToken(token) }).where(eq(printDesks.id, desk.id));
    await recordAudit(tx, { actorId: user.id, officeCode: desk.officeCode, entity: "print_desk", entityId: desk.id, action: "agent_token_issued" });
    return desk.id;
  });
  return { deskId: id, token };
}

/** An enterprise's desk: always agent-route (the server cannot reach a printer in the exporter's office). */
async function newEnterpriseDesk(tx: DbOrTx, user: CurrentUser): Promise<q.DeskRow> {
  const { enterprise } = await getEnterpriseProfile({ db: tx, enterpriseId: user.enterpriseId! });
  const [desk] = await tx
    .insert(printDesks)
    .values({ id: Bun.randomUUIDv7(), officeCode: enterprise.officeCode, enterpriseId: enterprise.id, name: enterprise.nameZh, route: "AGENT" })
    .returning();
  return desk!;
}

// --- printers and approved models ---------------------------------------------------------------

/** The office's approved models (its own list, or the manual's until its first edit). */
export function listApprovedModels({ db, officeCode }: { db: DbOrTx; officeCode: string }) {
  return q.approvedModels(db, officeCode);
}

export async function addApprovedModel({ db, user, vendor, code, label }: { db: Db; user: CurrentUser; vendor: string; code: string; label: string }) {
  const issues = [];
  const normalized = normalizeModelCode(code);
  if (!PRINTER_VENDORS.includes(vendor)) issues.push({ path: "vendor", message: M.modelVendor });
  if (!normalized) issues.push({ path: "code", message: M.modelCode });
  if (!label.trim() || label.length > 100) issues.push({ path: "label", message: M.modelLabelRequired });
  if (issues.length) throw invalid(issues[0]!.message, issues);
  await db.transaction(async (tx) => {
    await q.materializeModels(tx, user.officeCode!);
    await tx
      .insert(printApprovedModels)
      .values({ id: Bun.randomUUIDv7(), officeCode: user.officeCode!, vendor, code: normalized!, label: label.trim() })
      .onConflictDoUpdate({ target: [printApprovedModels.officeCode, printApprovedModels.vendor, printApprovedModels.code], set: { label: label.trim(), removedAt: null } });
    await recordAudit(tx, { actorId: user.id, officeCode: user.officeCode, entity: "print_model", entityId: `${vendor}:${normalized}`, action: "approved", after: { label: label.trim() } });
  });
}

export async function removeApprovedModel({ db, user, vendor, code }: { db: Db; user: CurrentUser; vendor: string; code: string }) {
  await db.transaction(async (tx) => {
    await q.materializeModels(tx, user.officeCode!);
    const rows = await tx
      .update(printApprovedModels)
      .set({ removedAt: new Date() })
      .where(and(eq(printApprovedModels.officeCode, user.officeCode!), eq(printApprovedModels.vendor, vendor), eq(printApprovedModels.code, code), isNull(printApprovedModels.removedAt)))
      .returning({ id: printApprovedModels.id });
    if (!rows.length) throw notFound();
    await recordAudit(tx, { actorId: user.id, officeCode: user.officeCode, entity: "print_model", entityId: `${vendor}:${code}`, action: "removed" });
  });
}

/** The printers of the user's desks (office: every office desk; enterprise: the one its agent reported). */
export async function listPrinters({ db, user }: { db: DbOrTx; user: CurrentUser }) {
  const desks = await listDesks({ db, user });
  return q.listPrinters(
    db,
    desks.map((d) => d.id),
  );
}

async function visiblePrinter(db: DbOrTx, user: CurrentUser, printerId: string) {
  const printer = await q.findPrinter(db, printerId);
  if (!printer || printer.removedAt) throw notFound();
  const desk = await getDesk({ db, user, id: printer.deskId });
  return { printer, desk };
}

/**
 * Office admin: registers a printer at a desk by its IPP URI. The printer is asked what it is
 * (`printer-make-and-model`) and refused unless that matches an approved model, with the reason
 * (what it reported, what is approved). Nobody is asked to rename anything (manual Q15, Q21).
 */
export async function registerPrinter({ db, events, user, deskId, name, uri }: { db: Db; events: PrintBus; user: CurrentUser; deskId: string; name: string; uri: string }) {
  const desk = await getDesk({ db, user, id: deskId });
  const clean = name.trim();
  const normalized = normalizePrinterUri(uri);
  const issues = [];
  if (!clean || clean.length > 40) issues.push({ path: "name", message: M.nameRequired });
  if (!normalized) issues.push({ path: "uri", message: M.uriInvalid });
  if (issues.length) throw invalid(issues[0]!.message, issues);
  let makeAndModel: string;
  try {
    makeAndModel = (await getPrinterInfo({ uri: normalized! })).makeAndModel;
  } catch (e) {
    if (!(e instanceof PrinterError)) throw e;
    const message = printerSays(e);
    throw invalid(message, [{ path: "uri", message }]);
  }
  const match = matchApprovedModel(makeAndModel, await q.approvedModels(db, desk.officeCode));
  if (!match.ok) throw invalid(match.reason, [{ path: "uri", message: match.reason }]);
  const id = Bun.randomUUIDv7();
  await db.transaction(async (tx) => {
    await tx.insert(printPrinters).values({ id, deskId: desk.id, name: clean, uri: normalized!, makeAndModel, modelLabel: match.model.label, checkedAt: new Date() });
    if (!desk.printerId) await tx.update(printDesks).set({ printerId: id }).where(eq(printDesks.id, desk.id));
    await recordAudit(tx, { actorId: user.id, officeCode: desk.officeCode, entity: "print_printer", entityId: id, action: "registered", after: { deskId: desk.id, name: clean, uri: normalized, makeAndModel } });
    await events.emit("print.desk", { deskId: desk.id, officeCode: desk.officeCode }, { tx });
  }).catch((e) => {
    if (uniqueViolation(e)) throw invalid(M.printerExists, [{ path: "uri", message: M.printerExists }]);
    throw e;
  });
  return { id, makeAndModel, model: match.model };
}

export async function removePrinter({ db, events, user, printerId }: { db: Db; events: PrintBus; user: CurrentUser; printerId: string }) {
  const { printer, desk } = await visiblePrinter(db, user, printerId);
  await db.transaction(async (tx) => {
    await tx.update(printPrinters).set({ removedAt: new Date() }).where(eq(printPrinters.id, printer.id));
    if (desk.printerId === printer.id) await tx.update(printDesks).set({ printerId: null }).where(eq(printDesks.id, desk.id));
    await recordAudit(tx, { actorId: user.id, officeCode: desk.officeCode, entity: "print_printer", entityId: printer.id, action: "removed" });
    await events.emit("print.desk", { deskId: desk.id, officeCode: desk.officeCode }, { tx });
  });
}

/** The desk's printer from now on (a desk remembers its last printer, manual Q15). */
export async function chooseDeskPrinter({ db, events, user, deskId, printerId }: { db: Db; events: PrintBus; user: CurrentUser; deskId: string; printerId: string }) {
  const desk = await getDesk({ db, user, id: deskId });
  const printer = await q.findPrinter(db, printerId);
  if (!printer || printer.removedAt || printer.deskId !== desk.id) throw invalid(M.printerNotOnDesk, [{ path: "printerId", message: M.printerNotOnDesk }]);
  await db.transaction(async (tx) => {
    await tx.update(printDesks).set({ printerId }).where(eq(printDesks.id, desk.id));
    await recordAudit(tx, { actorId: user.id, officeCode: desk.officeCode, entity: "print_desk", entityId: desk.id, action: "printer_chosen", after: { printerId } });
    await events.emit("print.desk", { deskId: desk.id, officeCode: desk.officeCode }, { tx });
  });
}

/** PCO offsets of a printer, in mm (positive = right / down), within ±10 mm. */
export async function setCalibration({ db, user, printerId, xMm, yMm }: { db: Db; user: CurrentUser; printerId: string; xMm: number; yMm: number }) {
  const issues = [];
  if (!calibrationOk(xMm)) issues.push({ path: "xMm", message: M.calibrationRange });
  if (!calibrationOk(yMm)) issues.push({ path: "yMm", message: M.calibrationRange });
  if (issues.length) throw invalid(M.calibrationRange, issues);
  const { printer, desk } = await visiblePrinter(db, user, printerId);
  await db.transaction(async (tx) => {
    await tx.update(printPrinters).set({ calibrationXMm: xMm, calibrationYMm: yMm }).where(eq(printPrinters.id, printer.id));
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: desk.officeCode,
      entity: "print_printer",
      entityId: printer.id,
      action: "calibrated",
      before: { xMm: printer.calibrationXMm, yMm: printer.calibrationYMm },
      after: { xMm, yMm },
    });
  });
}

// --- jobs ----------------------------------------------------------------------------------------

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
  const refusal = printRefusal(isOffice(user) ? "office" : "enterprise", { status: cert.status, printMode: cert.printMode, localPrint: Boolean(cert.body.localPrint) });
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
export async function queueCommercialPrint({ db, events, user, documentId, deskId, verifyBaseUrl, requestId }: { db: Db; events: PrintBus; user: CurrentUser; documentId: string; deskId?: string; verifyBaseUrl: string; requestId?: string }) {
  if (!isOffice(user)) throw notFound();
  const d = await getCommercialDocument({ db, user, id: documentId });
  if (d.status !== "APPROVED" || !d.number) throw conflict(COMMERCIAL_MESSAGES.notIssued);
  const desk = await targetDesk(db, user, deskId);
  return insertJob(db, events, user, { desk, kind: "COMMERCIAL", title: d.number, copies: d.copies, certificateId: d.id, enterpriseId: d.enterpriseId, formType: null, reprintReason: null, verifyBaseUrl }, requestId);
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
export async function printCalibrationPage({ db, events, user, printerId, formType, verifyBaseUrl }: { db: Db; events: PrintBus; user: CurrentUser; printerId: string; formType?: string; verifyBaseUrl: string }) {
  const { printer, desk } = await visiblePrinter(db, user, printerId);
  return insertJob(db, events, user, { desk, kind: "CALIBRATION", title: `${printer.name}${formType ? ` · ${formType}` : ""}`, copies: 1, printerId: printer.id, formType: formType || null, verifyBaseUrl });
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
      await recordAudit(tx, { actorId: user.id, officeCode: job.officeCode, entity: "print_job", entityId: id, action: "cancelled", before: { state: job.state }, requestId });
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
    await recordAudit(tx, { actorId: user.id, officeCode: job.officeCode, entity: "print_job", entityId: id, action: "retried", before: { state: job.state, message: job.message }, requestId });
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
