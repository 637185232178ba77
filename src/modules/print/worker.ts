/**
 * The server's print worker: runs inside the app process (src/main.ts), any number of processes
 * side by side. It composes every queued job (both routes) and prints the jobs of server-route desks
 * over IPP; agent-route desks get theirs from their agent (agent-service.ts).
 *
 * Work is claimed with FOR UPDATE SKIP LOCKED and held under a lease renewed while the worker is
 * busy with it. A worker that dies leaves the lease to run out; the next worker to look resumes the
 * job: composing starts again, and a job found PRINTING is delivered by `deliver` in resume mode,
 * which asks the printer (by recorded IPP job id, or by the job's tag in the printer's job list)
 * before it would ever send the document again.
 *
 * The worker wakes on bus events (a job queued or composed) and also looks every `pollMs`, for
 * retries that fall due and leases that run out, and because events are hints (a process that was
 * disconnected misses some).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { databaseUnavailable } from "../../db/errors.ts";
import { AppError } from "../../lib/errors.ts";
import { log } from "../../lib/log.ts";
import { deliver, type DeliveryOutcome } from "../../print/dispatch.ts";
import { getPrinterInfo, PrinterError } from "../../print/ipp.ts";
import { matchApprovedModel } from "../../print/printer-models.ts";
import { ComposeError, composeJobPdf } from "./compose.ts";
import { finishJob, recordJobEvent, released, transition, workerActor, type PrintBus } from "./jobs.ts";
import { M } from "./messages.ts";
import { approvedModels, findDesk, findDocument, findPrinter, lockJob, lockNextWork, type JobRow, type PrinterRow } from "./queries.ts";
import { BUSY_RETRY_MS, ippJobName, ippJobTag, LEASE, printerSays, retryDelayMs, UNREACHABLE_RETRIES, type JobState } from "./rules.ts";
import { printJobDocuments, printJobs, printPrinters } from "./schema.ts";

export type PrintWorkerOptions = {
  db: Db;
  events: PrintBus;
  /** Opens the offices' signing keys (config TWO_FACTOR_KEY): an eCO is signed when first printed. */
  secretKey: string;
  /** Names the worker in leases; unique per process by default. */
  id?: string;
  /** Jobs handled at once (a slow printer does not hold up the others). */
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** Get-Job-Attributes interval while following a printing job. */
  ippPollMs?: number;
  busyRetryMs?: number;
};

export type PrintWorker = {
  readonly id: string;
  /** Look for work now. */
  kick(): void;
  /** Stops taking work; jobs being followed are left to be resumed (their lease is given up at once). */
  stop(): Promise<void>;
};

const inMs = (ms: number) => sql`now() + (${Math.round(ms)}::int * interval '1 millisecond')`;

class LeaseLost extends Error {}
class Stopping extends Error {}

export function startPrintWorker(opts: PrintWorkerOptions): PrintWorker {
  const { db, events } = opts;
  const id = opts.id ?? `worker-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const concurrency = opts.concurrency ?? 2;
  const pollMs = opts.pollMs ?? 2_000;
  const leaseMs = opts.leaseMs ?? LEASE.workerMs;
  const ippPollMs = opts.ippPollMs ?? 1_000;
  const busyRetryMs = opts.busyRetryMs ?? BUSY_RETRY_MS;
  const lease = () => ({ leaseOwner: id, leaseUntil: inMs(leaseMs) });
  const actor = workerActor(id);

  const inFlight = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  let stopping = false;
  let kicked = false;
  let wake: (() => void) | null = null;

  function kick() {
    kicked = true;
    wake?.();
  }

  const unsubscribe = events.on("print.job", (e) => {
    if (e.state === "QUEUED" || e.state === "COMPOSED") kick();
  });
  const unsubscribeResync = events.onResync(kick);

  /** Locks the next job it may work on, takes its lease, and moves a queued one to COMPOSING. */
  async function claim(): Promise<{ job: JobRow; was: JobState } | null> {
    return db.transaction(async (tx) => {
      const job = await lockNextWork(tx);
      if (!job) return null;
      if (job.state === "QUEUED") return { job: await transition(tx, events, job, "COMPOSING", { actor, set: lease() }), was: job.state };
      const [row] = await tx.update(printJobs).set(lease()).where(eq(printJobs.id, job.id)).returning();
      return { job: row!, was: job.state };
    });
  }

  /**
   * Runs `change` on the job only while this worker still holds it in `state`: a person may have
   * cancelled it, or the lease may have run out and another worker taken it.
   */
  async function whileHeld(job: JobRow, state: JobState, change: (tx: Tx, current: JobRow) => Promise<unknown>) {
    return db.transaction(async (tx) => {
      const current = await lockJob(tx, job.id);
      if (!current || current.state !== state || current.leaseOwner !== id) return false;
      await change(tx, current);
      return true;
    });
  }

  async function compose(job: JobRow) {
    const desk = (await findDesk(db, job.deskId))!;
    const printerId = job.kind === "CALIBRATION" ? job.printerId : desk.printerId;
    const printer = printerId ? ((await findPrinter(db, printerId)) ?? null) : null;
    let pdf: Uint8Array;
    try {
      pdf = await composeJobPdf({ db, job, desk, printer: printer?.removedAt ? null : printer, secretKey: opts.secretKey });
    } catch (err) {
      const known = err instanceof ComposeError || err instanceof AppError;
      if (!known) log.error("print job compose failed", { jobId: job.id, err });
      const why = known ? err.message : err instanceof Error ? err.message : String(err);
      await whileHeld(job, "COMPOSING", (tx, current) =>
        transition(tx, events, current, "COMPOSE_FAILED", { actor, note: M.composeFailed(why), set: { ...released, message: M.composeFailed(why) } }),
      );
      return;
    }
    const sha256 = new Bun.CryptoHasher("sha256").update(pdf).digest("hex");
    await whileHeld(job, "COMPOSING", async (tx, current) => {
      await tx
        .insert(printJobDocuments)
        .values({ jobId: job.id, pdf, sha256 })
        .onConflictDoUpdate({ target: printJobDocuments.jobId, set: { pdf, sha256, createdAt: new Date() } });
      const waiting = desk.route === "AGENT" && !desk.agentSeenAt ? M.agentWaiting : null;
      await transition(tx, events, current, "COMPOSED", {
        actor,
        note: M.composed(`${Math.ceil(pdf.byteLength / 1024)} KB`),
        set: { ...released, printerId: printer && !printer.removedAt ? printer.id : null, ippJobId: null, attempts: 0, notBefore: new Date(), message: waiting },
      });
    });
  }

  /** A job that waits for the printer: noted (same state, history row, event) and looked at again later. */
  async function later(job: JobRow, state: JobState, { delayMs, message, attempts }: { delayMs: number; message: string; attempts?: number }) {
    await whileHeld(job, state, async (tx, current) => {
      const [row] = await tx
        .update(printJobs)
        .set({ message, notBefore: inMs(delayMs), leaseOwner: null, leaseUntil: state === "PRINTING" ? inMs(delayMs) : null, ...(attempts === undefined ? {} : { attempts }) })
        .where(eq(printJobs.id, current.id))
        .returning();
      await recordJobEvent(tx, events, row!, { state, actor, note: message });
    });
  }

  async function print(job: JobRow) {
    const printer = job.printerId ? await findPrinter(db, job.printerId) : undefined;
    if (!printer || printer.removedAt) {
      const message = printer ? M.printerGone : M.noPrinter;
      await whileHeld(job, "COMPOSED", (tx, current) => transition(tx, events, current, "FAILED", { actor, note: message, set: { ...released, message } }));
      return;
    }
    let makeAndModel: string;
    try {
      makeAndModel = (await getPrinterInfo({ uri: printer.uri })).makeAndModel;
    } catch (err) {
      if (!(err instanceof PrinterError)) throw err;
      const attempts = job.attempts + 1;
      if (err.retryable && attempts < UNREACHABLE_RETRIES) {
        await later(job, "COMPOSED", { delayMs: retryDelayMs(attempts), message: M.printerUnreachableRetry(printerSays(err), attempts, UNREACHABLE_RETRIES), attempts });
      } else {
        const message = M.printerFailed(printerSays(err));
        await whileHeld(job, "COMPOSED", (tx, current) => transition(tx, events, current, "FAILED", { actor, note: message, set: { ...released, message } }));
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
      await whileHeld(job, "COMPOSED", (tx, current) =>
        transition(tx, events, current, "PRINTER_MISMATCH", { actor, note: match.reason, set: { ...released, message: match.reason } }),
      );
      return;
    }
    let sending: JobRow | null = null;
    await whileHeld(job, "COMPOSED", async (tx, current) => {
      sending = await transition(tx, events, current, "PRINTING", { actor, note: M.printing(printer.name), set: { ...lease(), message: null, attempts: 0 } });
    });
    if (sending) await deliverJob(sending, printer, false);
  }

  async function resume(job: JobRow) {
    const printer = job.printerId ? await findPrinter(db, job.printerId) : undefined;
    if (!printer) {
      await whileHeld(job, "PRINTING", (tx, current) => transition(tx, events, current, "FAILED", { actor, note: M.lostAtPrinter, set: { ...released, message: M.lostAtPrinter } }));
      return;
    }
    await whileHeld(job, "PRINTING", (tx, current) => recordJobEvent(tx, events, current, { state: "PRINTING", actor, note: M.resumed }));
    await deliverJob(job, printer, true);
  }

  async function deliverJob(job: JobRow, printer: PrinterRow, resumed: boolean) {
    const controller = new AbortController();
    controllers.add(controller);
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
          await whileHeld(job, "PRINTING", async (tx, current) => {
            const [row] = await tx.update(printJobs).set({ ippJobId }).where(eq(printJobs.id, current.id)).returning();
            if (how === "found") await recordJobEvent(tx, events, row!, { state: "PRINTING", actor, note: M.resumedFound(ippJobId) });
          });
        },
        signal: controller.signal,
        pollMs: ippPollMs,
      });
    } catch (err) {
      if (controller.signal.aborted) {
        // Stopping: give the job up at once so the next worker resumes it (a lost lease needs nothing).
        if (controller.signal.reason instanceof Stopping) await db.update(printJobs).set({ leaseUntil: sql`now()` }).where(and(eq(printJobs.id, job.id), eq(printJobs.leaseOwner, id)));
        return;
      }
      if (!(err instanceof PrinterError)) throw err;
      // Sending failed in transit: the document may or may not have arrived. The job stays
      // PRINTING and is resumed later through the tag search, or given up after a few tries.
      const attempts = job.attempts + 1;
      if (attempts < UNREACHABLE_RETRIES) {
        await later(job, "PRINTING", { delayMs: retryDelayMs(attempts), message: M.printerUnreachableRetry(printerSays(err), attempts, UNREACHABLE_RETRIES), attempts });
      } else {
        await whileHeld(job, "PRINTING", (tx, current) => transition(tx, events, current, "FAILED", { actor, note: M.lostAtPrinter, set: { ...released, message: M.lostAtPrinter } }));
      }
      return;
    } finally {
      clearInterval(heartbeat);
      controllers.delete(controller);
    }
    if (outcome.kind === "refused" && outcome.error.retryable) {
      const message = M.printerBusy(printerSays(outcome.error));
      await whileHeld(job, "PRINTING", (tx, current) =>
        transition(tx, events, current, "COMPOSED", { actor, note: message, set: { ...released, message, notBefore: inMs(busyRetryMs) } }),
      );
      return;
    }
    const result =
      outcome.kind === "refused" ? { kind: "refused" as const, printerMessage: printerSays(outcome.error) } : outcome.kind === "done" ? { kind: "done" as const } : outcome;
    await whileHeld(job, "PRINTING", (tx, current) => finishJob(tx, events, current, result, actor));
  }

  async function work({ job, was }: { job: JobRow; was: JobState }) {
    if (was === "QUEUED" || was === "COMPOSING") return compose(job);
    if (was === "COMPOSED") return print(job);
    return resume(job);
  }

  async function loop() {
    while (!stopping) {
      kicked = false;
      while (inFlight.size < concurrency && !stopping) {
        let claimed: Awaited<ReturnType<typeof claim>>;
        try {
          claimed = await claim();
        } catch (err) {
          // The database away (restart, failover): looked at again at the next poll, without alarm.
          if (databaseUnavailable(err)) log.warn("print worker: database unavailable, retrying", { worker: id });
          else log.error("print worker could not claim work", { worker: id, err });
          break;
        }
        if (!claimed) break;
        const task: Promise<void> = work(claimed)
          .catch((err) => log.error("print job failed unexpectedly", { worker: id, jobId: claimed.job.id, err }))
          .finally(() => {
            inFlight.delete(task);
            kick();
          });
        inFlight.add(task);
      }
      if (stopping) break;
      if (kicked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  const running = loop();

  return {
    id,
    kick,
    async stop() {
      stopping = true;
      unsubscribe();
      unsubscribeResync();
      wake?.();
      for (const c of controllers) c.abort(new Stopping());
      await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}
