/**
 * The print worker's hold on a job (worker.ts): claiming the next job under a lease, changing a job
 * only while the lease is still this worker's, and putting a job back to wait for its printer.
 */
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { recordJobEvent, transition, type PrintBus, type workerActor } from "./jobs.ts";
import { lockJob, lockNextWork, type JobRow } from "./queries.ts";
import type { JobState } from "./rules.ts";
import { printJobs } from "./schema.ts";

/** What one worker's steps share: its name in leases, its settings, the jobs it is following at a printer. */
export type WorkerContext = {
  db: Db;
  events: PrintBus;
  id: string;
  actor: ReturnType<typeof workerActor>;
  secretKey: string;
  leaseMs: number;
  ippPollMs: number;
  busyRetryMs: number;
  /** One per job being followed at its printer; stopping aborts them. */
  controllers: Set<AbortController>;
};

export const inMs = (ms: number) => sql`now() + (${Math.round(ms)}::int * interval '1 millisecond')`;

export const lease = (w: WorkerContext) => ({ leaseOwner: w.id, leaseUntil: inMs(w.leaseMs) });

/** Locks the next job it may work on, takes its lease, and moves a queued one to COMPOSING. */
export async function claim(w: WorkerContext): Promise<{ job: JobRow; was: JobState } | null> {
  return w.db.transaction(async (tx) => {
    const job = await lockNextWork(tx);
    if (!job) return null;
    if (job.state === "QUEUED") return { job: await transition(tx, w.events, job, "COMPOSING", { actor: w.actor, set: lease(w) }), was: job.state };
    const [row] = await tx.update(printJobs).set(lease(w)).where(eq(printJobs.id, job.id)).returning();
    return { job: row!, was: job.state };
  });
}

/**
 * Runs `change` on the job only while this worker still holds it in `state`: a person may have
 * cancelled it, or the lease may have run out and another worker taken it.
 */
export async function whileHeld(w: WorkerContext, job: JobRow, state: JobState, change: (tx: Tx, current: JobRow) => Promise<unknown>) {
  return w.db.transaction(async (tx) => {
    const current = await lockJob(tx, job.id);
    if (!current || current.state !== state || current.leaseOwner !== w.id) return false;
    await change(tx, current);
    return true;
  });
}

/** A job that waits for the printer: noted (same state, history row, event) and looked at again later. */
export async function later(
  w: WorkerContext,
  job: JobRow,
  state: JobState,
  { delayMs, message, attempts }: { delayMs: number; message: string; attempts?: number },
) {
  await whileHeld(w, job, state, async (tx, current) => {
    const [row] = await tx
      .update(printJobs)
      .set({
        message,
        notBefore: inMs(delayMs),
        leaseOwner: null,
        leaseUntil: state === "PRINTING" ? inMs(delayMs) : null,
        ...(attempts === undefined ? {} : { attempts }),
      })
      .where(eq(printJobs.id, current.id))
      .returning();
    await recordJobEvent(tx, w.events, row!, { state, actor: w.actor, note: message });
  });
}
