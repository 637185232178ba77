/**
 * The loop under the app's background workers (print, webhooks, notifications): claim a piece of
 * work while there is room, run it beside the others, sleep until kicked or `pollMs` passes.
 *
 * Who calls: a worker's `start…Worker`, once; it owns what is claimed (leases, FOR UPDATE SKIP
 * LOCKED) and what is done with it. The loop owns only the when.
 *
 * What it guarantees:
 * - at most `concurrency` pieces of work run at once; `claim` is called one at a time, never while
 *   the loop is full, and again at once after any work ends (a freed slot is refilled without
 *   waiting for the poll);
 * - `kick()` (from a bus event, or by hand) makes the loop look now, also when it is sleeping; a kick
 *   that comes while it is claiming is not lost (it looks once more before sleeping);
 * - a `claim` that throws is logged (`<name> worker: database unavailable, retrying` as a warning
 *   when the database is away, else `claimErrorMessage` as an error) and looked at again at the next
 *   poll or kick; a `work` that throws goes to `onWorkError` and the loop goes on;
 * - after `stop()` is called no claim is started (one already under way may still return work; that
 *   work is run, so nothing claimed is left holding a lease); `stop()` unsubscribes the `wakeOn`
 *   events, wakes the loop and resolves once the loop has ended and all work in flight has settled.
 */
import { databaseUnavailable } from "../db/errors.ts";
import { log } from "./log.ts";

export type WorkLoopOptions<T> = {
  /** Names the loop in its log lines: "print" → "print worker: database unavailable, retrying". */
  name: string;
  /** The worker's id, logged as `worker`. */
  id: string;
  /** Pieces of work run at once (default 1). */
  concurrency?: number;
  /** How long the loop sleeps when there is nothing to claim and nobody kicks it. */
  pollMs: number;
  /** The next piece of work, or null (undefined) when there is none now. */
  claim: () => Promise<T | null | undefined>;
  /** Does it; run beside up to `concurrency - 1` others. */
  work: (item: T) => Promise<void>;
  /** A `work` that threw (the worker logs it in its own words). */
  onWorkError: (err: unknown, item: T) => void;
  /** Logged when `claim` throws for another reason than the database being away (default "<name> worker could not claim work"). */
  claimErrorMessage?: string;
  /** Runs at the start of every round, before claiming (housekeeping); must not throw. */
  eachRound?: () => Promise<void>;
  /** Subscribes `kick` to the events that mean "work may be there"; returns the unsubscribers, called by `stop()`. */
  wakeOn?: (kick: () => void) => Array<() => void>;
};

export type WorkLoop = {
  /** Look for work now. */
  kick(): void;
  /** Takes no more work; resolves once the loop has ended and the work in flight has settled. */
  stop(): Promise<void>;
  /** True until `stop()` is called. */
  readonly running: boolean;
};

export function startWorkLoop<T>(opts: WorkLoopOptions<T>): WorkLoop {
  const { name, id, pollMs, claim, work } = opts;
  const concurrency = opts.concurrency ?? 1;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let kicked = false;
  let wake: (() => void) | null = null;

  function kick() {
    kicked = true;
    wake?.();
  }
  const unsubscribers = opts.wakeOn?.(kick) ?? [];

  async function loop() {
    while (!stopping) {
      kicked = false;
      await opts.eachRound?.();
      while (inFlight.size < concurrency && !stopping) {
        let claimed: T | null | undefined;
        try {
          claimed = await claim();
        } catch (err) {
          // The database away (restart, failover): looked at again at the next poll, without alarm.
          if (databaseUnavailable(err)) log.warn(`${name} worker: database unavailable, retrying`, { worker: id });
          else log.error(opts.claimErrorMessage ?? `${name} worker could not claim work`, { worker: id, err });
          break;
        }
        if (!claimed) break;
        const item = claimed;
        const task: Promise<void> = work(item)
          .catch((err) => opts.onWorkError(err, item))
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
    kick,
    async stop() {
      stopping = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      wake?.();
      await running;
      await Promise.allSettled([...inFlight]);
    },
    get running() {
      return !stopping;
    },
  };
}
