/**
 * The print worker's second step (worker.ts), for server-route desks: a composed job's printer asked
 * what it is and checked against the approved models, the document sent over IPP and followed to its
 * end under a renewed lease; a job found PRINTING after a worker died is resumed (the printer is asked
 * about the job before the document would ever be sent again).
 */
import { and, eq, sql } from "drizzle-orm";
import { log } from "../../lib/log.ts";
import { deliver, type DeliveryOutcome } from "../../print/dispatch.ts";
import { getPrinterInfo, PrinterError } from "../../print/ipp.ts";
import { matchApprovedModel } from "../../print/printer-models.ts";
import { finishJob, recordJobEvent, released, transition } from "./jobs.ts";
import { M } from "./messages.ts";
import { approvedModels, findDocument, findPrinter, type JobRow, type PrinterRow } from "./queries.ts";
import { ippJobName, ippJobTag, printerSays, retryDelayMs, UNREACHABLE_RETRIES } from "./rules.ts";
import { printJobs, printPrinters } from "./schema.ts";
import { inMs, later, lease, whileHeld, type WorkerContext } from "./worker-claim.ts";

export class LeaseLost extends Error {}
/** The reason a stopping worker aborts the jobs it follows: each is given up at once for the next worker. */
export class Stopping extends Error {}

/** A COMPOSED job: its printer checked, then sent (PRINTING) and followed. */
export async function print(w: WorkerContext, job: JobRow) {
  const { db, events, actor } = w;
  const printer = job.printerId ? await findPrinter(db, job.printerId) : undefined;
  if (!printer || printer.removedAt) {
    const message = printer ? M.printerGone : M.noPrinter;
    await whileHeld(w, job, "COMPOSED", (tx, current) => transition(tx, events, current, "FAILED", { actor, note: message, set: { ...released, message } }));
    return;
  }
  let makeAndModel: string;
  try {
    makeAndModel = (await getPrinterInfo({ uri: printer.uri })).makeAndModel;
  } catch (err) {
    if (!(err instanceof PrinterError)) throw err;
    const attempts = job.attempts + 1;
    if (err.retryable && attempts < UNREACHABLE_RETRIES) {
      await later(w, job, "COMPOSED", {
        delayMs: retryDelayMs(attempts),
        message: M.printerUnreachableRetry(printerSays(err), attempts, UNREACHABLE_RETRIES),
        attempts,
      });
    } else {
      const message = M.printerFailed(printerSays(err));
      await whileHeld(w, job, "COMPOSED", (tx, current) => transition(tx, events, current, "FAILED", { actor, note: message, set: { ...released, message } }));
    }
    return;
  }
  const models = await approvedModels(db, job.officeCode);
  const match = matchApprovedModel(makeAndModel, models);
  await db
    .update(printPrinters)
    .set({ makeAndModel, modelLabel: match.ok ? match.model.label : null, checkedAt: new Date() })
    .where(eq(printPrinters.id, printer.id));
  if (!match.ok) {
    await whileHeld(w, job, "COMPOSED", (tx, current) =>
      transition(tx, events, current, "PRINTER_MISMATCH", { actor, note: match.reason, set: { ...released, message: match.reason } }),
    );
    return;
  }
  let sending: JobRow | null = null;
  await whileHeld(w, job, "COMPOSED", async (tx, current) => {
    sending = await transition(tx, events, current, "PRINTING", { actor, note: M.printing(printer.name), set: { ...lease(w), message: null, attempts: 0 } });
  });
  if (sending) await deliverJob(w, sending, printer, false);
}

/** A job found PRINTING (its worker died or lost the lease): followed again at its printer. */
export async function resume(w: WorkerContext, job: JobRow) {
  const { db, events, actor } = w;
  const printer = job.printerId ? await findPrinter(db, job.printerId) : undefined;
  if (!printer) {
    await whileHeld(w, job, "PRINTING", (tx, current) =>
      transition(tx, events, current, "FAILED", { actor, note: M.lostAtPrinter, set: { ...released, message: M.lostAtPrinter } }),
    );
    return;
  }
  await whileHeld(w, job, "PRINTING", (tx, current) => recordJobEvent(tx, events, current, { state: "PRINTING", actor, note: M.resumed }));
  await deliverJob(w, job, printer, true);
}

async function deliverJob(w: WorkerContext, job: JobRow, printer: PrinterRow, resumed: boolean) {
  const { db, events, actor, id, leaseMs } = w;
  const controller = new AbortController();
  w.controllers.add(controller);
  const heartbeat = setInterval(async () => {
    try {
      const rows = await db
        .update(printJobs)
        .set({ leaseUntil: inMs(leaseMs) })
        .where(and(eq(printJobs.id, job.id), eq(printJobs.leaseOwner, id), eq(printJobs.state, "PRINTING")))
        .returning({ id: printJobs.id });
      if (!rows.length) controller.abort(new LeaseLost());
    } catch (err) {
      log.warn("print job lease renewal failed", { jobId: job.id, err });
    }
  }, leaseMs / 3);
  let outcome: DeliveryOutcome;
  try {
    outcome = await deliver({
      uri: printer.uri,
      jobName: ippJobName(job),
      tag: ippJobTag(job),
      copies: job.copies,
      userName: job.requestedByName,
      ippJobId: job.ippJobId,
      resumed,
      pdf: async () => (await findDocument(db, job.id))!.pdf,
      onSubmitted: async (ippJobId, how) => {
        await whileHeld(w, job, "PRINTING", async (tx, current) => {
          const [row] = await tx.update(printJobs).set({ ippJobId }).where(eq(printJobs.id, current.id)).returning();
          if (how === "found") await recordJobEvent(tx, events, row!, { state: "PRINTING", actor, note: M.resumedFound(ippJobId) });
        });
      },
      signal: controller.signal,
      pollMs: w.ippPollMs,
    });
  } catch (err) {
    if (controller.signal.aborted) {
      // Stopping: give the job up at once so the next worker resumes it (a lost lease needs nothing).
      if (controller.signal.reason instanceof Stopping)
        await db
          .update(printJobs)
          .set({ leaseUntil: sql`now()` })
          .where(and(eq(printJobs.id, job.id), eq(printJobs.leaseOwner, id)));
      return;
    }
    if (!(err instanceof PrinterError)) throw err;
    // Sending failed in transit: the document may or may not have arrived. The job stays
    // PRINTING and is resumed later through the tag search, or given up after a few tries.
    const attempts = job.attempts + 1;
    if (attempts < UNREACHABLE_RETRIES) {
      await later(w, job, "PRINTING", {
        delayMs: retryDelayMs(attempts),
        message: M.printerUnreachableRetry(printerSays(err), attempts, UNREACHABLE_RETRIES),
        attempts,
      });
    } else {
      await whileHeld(w, job, "PRINTING", (tx, current) =>
        transition(tx, events, current, "FAILED", { actor, note: M.lostAtPrinter, set: { ...released, message: M.lostAtPrinter } }),
      );
    }
    return;
  } finally {
    clearInterval(heartbeat);
    w.controllers.delete(controller);
  }
  if (outcome.kind === "refused" && outcome.error.retryable) {
    const message = M.printerBusy(printerSays(outcome.error));
    await whileHeld(w, job, "PRINTING", (tx, current) =>
      transition(tx, events, current, "COMPOSED", { actor, note: message, set: { ...released, message, notBefore: inMs(w.busyRetryMs) } }),
    );
    return;
  }
  const result =
    outcome.kind === "refused"
      ? { kind: "refused" as const, printerMessage: printerSays(outcome.error) }
      : outcome.kind === "done"
        ? { kind: "done" as const }
        : outcome;
  await whileHeld(w, job, "PRINTING", (tx, current) => finishJob(tx, events, current, result, actor));
}
