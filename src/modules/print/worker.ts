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
 *
 * This file wires the loop (src/lib/work-loop.ts: claim, hand to a step, wake, stop) to the steps,
 * which are named modules:
 * worker-claim.ts (the lease), worker-compose.ts (compose), worker-deliver.ts (print, resume).
 */
import type { Db } from "../../db/client.ts";
import { log } from "../../lib/log.ts";
import { startWorkLoop } from "../../lib/work-loop.ts";
import { workerActor, type PrintBus } from "./jobs.ts";
import type { JobRow } from "./queries.ts";
import { BUSY_RETRY_MS, LEASE, type JobState } from "./rules.ts";
import { claim, type WorkerContext } from "./worker-claim.ts";
import { compose } from "./worker-compose.ts";
import { print, resume, Stopping } from "./worker-deliver.ts";

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

export function startPrintWorker(opts: PrintWorkerOptions): PrintWorker {
  const { db, events } = opts;
  const id = opts.id ?? `worker-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const concurrency = opts.concurrency ?? 2;
  const pollMs = opts.pollMs ?? 2_000;
  const leaseMs = opts.leaseMs ?? LEASE.workerMs;
  const ippPollMs = opts.ippPollMs ?? 1_000;
  const busyRetryMs = opts.busyRetryMs ?? BUSY_RETRY_MS;
  const controllers = new Set<AbortController>();
  const w: WorkerContext = { db, events, id, actor: workerActor(id), secretKey: opts.secretKey, leaseMs, ippPollMs, busyRetryMs, controllers };

  async function work({ job, was }: { job: JobRow; was: JobState }) {
    if (was === "QUEUED" || was === "COMPOSING") return compose(w, job);
    if (was === "COMPOSED") return print(w, job);
    return resume(w, job);
  }

  const loop = startWorkLoop({
    name: "print",
    id,
    concurrency,
    pollMs,
    claim: () => claim(w),
    work,
    onWorkError: (err, claimed) => log.error("print job failed unexpectedly", { worker: id, jobId: claimed.job.id, err }),
    wakeOn: (kick) => [
      events.on("print.job", (e) => {
        if (e.state === "QUEUED" || e.state === "COMPOSED") kick();
      }),
      events.onResync(kick),
    ],
  });

  return {
    id,
    kick: loop.kick,
    async stop() {
      const stopped = loop.stop();
      for (const c of controllers) c.abort(new Stopping());
      await stopped;
    },
  };
}
