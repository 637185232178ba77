/**
 * The work loop on its own (src/lib/work-loop.ts): a queue in memory stands for the database, and
 * work waits on gates the test opens. `pollMs` is an hour, so anything that happens here happens
 * because of a kick or a finished piece of work, never the timer.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { startWorkLoop } from "./work-loop.ts";

const HOUR = 3600_000;

/** Lets the loop run until it waits on something outside it (a gate, the timer). */
async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

/** A loop over `queue`; each item's work waits for its gate. */
function harness(opts: { concurrency?: number; queue: number[] }) {
  const gates = new Map<number, ReturnType<typeof gate>>();
  const started: number[] = [];
  const done: number[] = [];
  const failed: number[] = [];
  let claims = 0;
  let running = 0;
  let mostRunning = 0;
  let onStart: ((n: number) => void) | null = null;
  const loop = startWorkLoop({
    name: "test",
    id: "test-1",
    concurrency: opts.concurrency,
    pollMs: HOUR,
    claim: async () => {
      claims++;
      return opts.queue.shift() ?? null;
    },
    work: async (n) => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      started.push(n);
      onStart?.(n);
      const g = gate();
      gates.set(n, g);
      try {
        await g.opened;
        if (n < 0) throw new Error("boom");
        done.push(n);
      } finally {
        running--;
      }
    },
    onWorkError: (_err, n) => failed.push(n),
  });
  cleanups.push(async () => {
    const stopped = loop.stop();
    for (const g of gates.values()) g.open();
    await stopped;
  });
  return {
    loop,
    started,
    done,
    failed,
    claims: () => claims,
    mostRunning: () => mostRunning,
    release: (n: number) => gates.get(n)!.open(),
    /** Resolves when work on `n` starts. */
    startOf: (n: number) =>
      started.includes(n)
        ? Promise.resolve()
        : new Promise<void>((r) => {
            onStart = (m) => m === n && r();
          }),
  };
}

/** Each test's loop is stopped after it, its work let go. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe("startWorkLoop", () => {
  test("claims up to concurrency, and refills a slot as soon as work ends", async () => {
    const h = harness({ concurrency: 2, queue: [1, 2, 3, 4] });
    await h.startOf(2);
    h.loop.kick();
    await settle();
    expect(h.started).toEqual([1, 2]);
    expect(h.claims()).toBe(2);

    h.release(1);
    await h.startOf(3);
    await settle();
    expect(h.started).toEqual([1, 2, 3]);
    expect(h.mostRunning()).toBe(2);
  });

  test("a kick wakes a sleeping loop long before pollMs", async () => {
    const queue: number[] = [];
    const h = harness({ queue });
    await settle();
    expect(h.claims()).toBe(1);
    expect(h.started).toEqual([]);

    queue.push(7);
    h.loop.kick();
    await h.startOf(7);
    expect(h.started).toEqual([7]);
  });

  test("a work that throws goes to onWorkError and the loop goes on", async () => {
    const h = harness({ queue: [-1, 2] });
    await h.startOf(-1);
    h.release(-1);
    await h.startOf(2);
    expect(h.failed).toEqual([-1]);
  });

  test("stop waits for the work in flight and claims nothing after", async () => {
    const queue = [1];
    const h = harness({ concurrency: 2, queue });
    await h.startOf(1);
    await settle();
    const claimsBefore = h.claims();

    let stopped = false;
    const stopping = h.loop.stop().then(() => {
      stopped = true;
    });
    expect(h.loop.running).toBe(false);
    queue.push(2, 3);
    h.loop.kick();
    await settle();
    expect(stopped).toBe(false);

    h.release(1);
    await stopping;
    expect(h.done).toEqual([1]);
    h.loop.kick();
    await settle();
    expect(h.claims()).toBe(claimsBefore);
    expect(h.started).toEqual([1]);
  });
});
