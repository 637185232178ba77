import { and, asc, desc, eq, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { APPROVED_PRINTER_MODELS, type ApprovedPrinterModel } from "../../print/printer-models.ts";
import { FINAL, IN_PROGRESS, RETRYABLE } from "./rules.ts";
import { printApprovedModels, printDesks, printJobDocuments, printJobHistory, printJobs, printPrinters } from "./schema.ts";

export type DeskRow = typeof printDesks.$inferSelect;
export type PrinterRow = typeof printPrinters.$inferSelect;
export type JobRow = typeof printJobs.$inferSelect;

export function findDesk(db: DbOrTx, id: string) {
  return db.query.printDesks.findFirst({ where: eq(printDesks.id, id) });
}

export function listOfficeDesks(db: DbOrTx, officeCode: string) {
  return db.query.printDesks.findMany({
    where: and(eq(printDesks.officeCode, officeCode), isNull(printDesks.enterpriseId)),
    orderBy: [asc(printDesks.createdAt)],
  });
}

export function findEnterpriseDesk(db: DbOrTx, enterpriseId: string) {
  return db.query.printDesks.findFirst({ where: eq(printDesks.enterpriseId, enterpriseId) });
}

export function findDeskByTokenHash(db: DbOrTx, hash: string) {
  return db.query.printDesks.findFirst({ where: eq(printDesks.agentTokenHash, hash) });
}

export function findPrinter(db: DbOrTx, id: string) {
  return db.query.printPrinters.findFirst({ where: eq(printPrinters.id, id) });
}

export function listPrinters(db: DbOrTx, deskIds: string[]) {
  if (!deskIds.length) return Promise.resolve([]);
  return db.query.printPrinters.findMany({
    where: and(inArray(printPrinters.deskId, deskIds), isNull(printPrinters.removedAt)),
    orderBy: [asc(printPrinters.createdAt)],
  });
}

export function findPrinterByUri(db: DbOrTx, deskId: string, uri: string) {
  return db.query.printPrinters.findFirst({ where: and(eq(printPrinters.deskId, deskId), eq(printPrinters.uri, uri), isNull(printPrinters.removedAt)) });
}

/** The office's approved models: its own list once it has one, else the manual's (see schema). */
export async function approvedModels(db: DbOrTx, officeCode: string): Promise<(ApprovedPrinterModel & { builtIn: boolean })[]> {
  const rows = await db.query.printApprovedModels.findMany({
    where: eq(printApprovedModels.officeCode, officeCode),
    orderBy: [asc(printApprovedModels.createdAt), asc(printApprovedModels.code)],
  });
  if (!rows.length) return APPROVED_PRINTER_MODELS.map((m) => ({ ...m, builtIn: true }));
  return rows.filter((r) => !r.removedAt).map((r) => ({ id: r.id, vendor: r.vendor, code: r.code, label: r.label, builtIn: false }));
}

/** Copies the manual's list into the office's rows before its first edit (idempotent under races). */
export async function materializeModels(tx: DbOrTx, officeCode: string) {
  const [any] = await tx.select({ id: printApprovedModels.id }).from(printApprovedModels).where(eq(printApprovedModels.officeCode, officeCode)).limit(1);
  if (any) return;
  await tx
    .insert(printApprovedModels)
    .values(APPROVED_PRINTER_MODELS.map((m) => ({ id: Bun.randomUUIDv7(), officeCode, vendor: m.vendor, code: m.code, label: m.label })))
    .onConflictDoNothing();
}

export async function lockJob(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(printJobs).where(eq(printJobs.id, id)).for("update");
  return row;
}

export function findJob(db: DbOrTx, id: string) {
  return db.query.printJobs.findFirst({ where: eq(printJobs.id, id) });
}

export type JobScope = { deskId?: string; officeCode?: string; enterpriseId?: string; certificateId?: string };

function scopeWhere(scope: JobScope): SQL[] {
  const w: SQL[] = [];
  if (scope.deskId) w.push(eq(printJobs.deskId, scope.deskId));
  if (scope.officeCode) w.push(eq(printJobs.officeCode, scope.officeCode));
  if (scope.enterpriseId) w.push(eq(printJobs.enterpriseId, scope.enterpriseId));
  if (scope.certificateId) w.push(eq(printJobs.certificateId, scope.certificateId));
  return w;
}

/**
 * The jobs a desk (or a certificate) shows: every job still in progress or waiting for a decision,
 * then the most recent finished ones, newest first.
 */
export async function listJobs(db: DbOrTx, scope: JobScope, finishedLimit = 30) {
  const where = scopeWhere(scope);
  const [open, finished] = await Promise.all([
    db
      .select()
      .from(printJobs)
      .where(and(...where, notInArray(printJobs.state, [...FINAL])))
      .orderBy(desc(printJobs.createdAt)),
    db
      .select()
      .from(printJobs)
      .where(and(...where, inArray(printJobs.state, [...FINAL])))
      .orderBy(desc(printJobs.updatedAt))
      .limit(finishedLimit),
  ]);
  return [...open, ...finished];
}

/** A certificate job on its way to paper (to refuse queueing it twice). */
export async function findActiveCertificateJob(db: DbOrTx, certificateId: string) {
  const [row] = await db
    .select({ id: printJobs.id, state: printJobs.state })
    .from(printJobs)
    .where(and(eq(printJobs.certificateId, certificateId), eq(printJobs.kind, "CERTIFICATE"), inArray(printJobs.state, [...IN_PROGRESS, ...RETRYABLE])))
    .limit(1);
  return row ?? null;
}

export function findDocument(db: DbOrTx, jobId: string) {
  return db.query.printJobDocuments.findFirst({ where: eq(printJobDocuments.jobId, jobId) });
}

export function jobHistory(db: DbOrTx, jobId: string) {
  return db.query.printJobHistory.findMany({ where: eq(printJobHistory.jobId, jobId), orderBy: [asc(printJobHistory.id)] });
}

/**
 * Work for the server's print worker, oldest first, skipping rows another worker holds locked:
 * queued jobs to compose (any desk), composed jobs of server-route desks to print, and jobs whose
 * holder's lease ran out (composing anywhere; printing on server-route desks) to resume.
 */
export async function lockNextWork(tx: DbOrTx) {
  const expired = sql`${printJobs.leaseUntil} < now()`;
  const due = sql`${printJobs.notBefore} <= now()`;
  const [row] = await tx
    .select({ job: printJobs })
    .from(printJobs)
    .innerJoin(printDesks, eq(printDesks.id, printJobs.deskId))
    .where(
      or(
        and(eq(printJobs.state, "QUEUED"), due),
        and(eq(printJobs.state, "COMPOSING"), expired),
        and(eq(printDesks.route, "SERVER"), eq(printJobs.state, "COMPOSED"), due, or(isNull(printJobs.leaseUntil), expired)),
        and(eq(printDesks.route, "SERVER"), eq(printJobs.state, "PRINTING"), expired),
      ),
    )
    .orderBy(asc(printJobs.notBefore), asc(printJobs.createdAt))
    .limit(1)
    .for("update", { of: printJobs, skipLocked: true });
  return row?.job;
}

/** Jobs an agent should act on now: composed and not taken, or taken and not finished (its own after a restart). */
export function agentSnapshot(db: DbOrTx, deskId: string) {
  return db
    .select({
      id: printJobs.id,
      state: printJobs.state,
      eventId: sql<number>`(select max(h.id) from print_job_history h where h.job_id = print_jobs.id)`.mapWith(Number),
    })
    .from(printJobs)
    .where(and(eq(printJobs.deskId, deskId), inArray(printJobs.state, ["COMPOSED", "DOWNLOADING", "PRINTING"])))
    .orderBy(asc(printJobs.createdAt));
}

/** The latest state change after `afterId` of each job of the desk that changed since (replayed on reconnect). */
export async function changesSince(db: DbOrTx, deskId: string, afterId: number) {
  const rows = await db
    .select({ jobId: printJobHistory.jobId, eventId: sql<number>`max(${printJobHistory.id})`.mapWith(Number) })
    .from(printJobHistory)
    .where(and(eq(printJobHistory.deskId, deskId), sql`${printJobHistory.id} > ${afterId}`))
    .groupBy(printJobHistory.jobId);
  if (!rows.length) return [];
  const states = await db
    .select({ id: printJobs.id, state: printJobs.state })
    .from(printJobs)
    .where(
      inArray(
        printJobs.id,
        rows.map((r) => r.jobId),
      ),
    );
  const byId = new Map(states.map((s) => [s.id, s.state]));
  return rows.map((r) => ({ id: r.jobId, state: byId.get(r.jobId)!, eventId: r.eventId })).sort((a, b) => a.eventId - b.eventId);
}

/** Jobs not yet finished, by state, with how long the oldest has been in it (for /metrics). */
export async function unfinishedJobFigures(db: DbOrTx): Promise<{ state: string; count: number; oldestSeconds: number }[]> {
  const rows = await db
    .select({
      state: printJobs.state,
      count: sql<number>`count(*)::int`,
      oldestSeconds: sql<number>`extract(epoch from now() - min(${printJobs.updatedAt}))::float8`,
    })
    .from(printJobs)
    .where(notInArray(printJobs.state, [...FINAL]))
    .groupBy(printJobs.state);
  return rows.map((r) => ({ state: r.state, count: Number(r.count), oldestSeconds: Number(r.oldestSeconds) }));
}
