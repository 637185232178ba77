/**
 * The event bus on the real PostgreSQL (a throwaway database for this file, reached by its socket so
 * the test also runs inside the printers' network namespace) with
 * two buses on two separate connection pools standing in for two app processes, and on PGlite.
 *
 * No sleeps: to know that everything sent before some point has arrived, a test sends a marker and
 * waits for it. PostgreSQL delivers notifications in commit order, so once a bus has the marker it
 * has every event committed before it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import postgres from "postgres";
import { openDatabase, type Database } from "../db/client.ts";
import { EventTooLargeError, MAX_EVENT_BYTES, startEventBus, type EventBus } from "./events.ts";

type TestEvents = {
  "job.state": { jobId: string; state: string; note?: string };
  marker: { id: string };
};
type Bus = EventBus<TestEvents>;

const socket = process.env.PGHOST ?? "/var/run/postgresql";
const admin = postgres({ host: socket, user: "postgres", database: "postgres", max: 1, onnotice: () => {} });
const dbName = `origo_test_events_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
const options = { host: socket, user: "postgres", database: dbName, max: 3 };

let processA: Database;
let processB: Database;
let a: Bus;
let b: Bus;

beforeAll(async () => {
  await admin.unsafe(`create database ${dbName}`);
  processA = openDatabase({ kind: "postgres", options });
  processB = openDatabase({ kind: "postgres", options });
  a = await startEventBus<TestEvents>({ database: processA });
  b = await startEventBus<TestEvents>({ database: processB });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await processA?.close();
  await processB?.close();
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

/** Records every `job.state` event a bus receives, until stopped. */
function record(bus: Bus) {
  const seen: TestEvents["job.state"][] = [];
  const stop = bus.on("job.state", (p) => {
    seen.push(p);
  });
  return { seen, stop };
}

/** Emits a marker from `from` and waits until every bus in `to` has it. */
async function settle(from: Bus, ...to: Bus[]) {
  const id = crypto.randomUUID();
  const arrived = to.map(
    (bus) =>
      new Promise<void>((resolve) => {
        const stop = bus.on("marker", (m) => {
          if (m.id !== id) return;
          stop();
          resolve();
        });
      }),
  );
  await from.emit("marker", { id });
  await Promise.all(arrived);
}

describe("event bus on PostgreSQL, two processes", () => {
  // Tests that settle only one bus leave the other's copies in flight; drain both before the next
  // test subscribes, or a late copy lands in its recorder.
  afterEach(() => settle(a, a, b));

  test("each process receives every event exactly once, its own included", async () => {
    const atA = record(a);
    const atB = record(b);
    await a.emit("job.state", { jobId: "j1", state: "PRINTING" });
    await b.emit("job.state", { jobId: "j2", state: "DONE", note: "打印完成" });
    await settle(a, a, b);
    await settle(b, a, b);
    const expected = [
      { jobId: "j1", state: "PRINTING" },
      { jobId: "j2", state: "DONE", note: "打印完成" },
    ];
    expect(atA.seen).toEqual(expected);
    expect(atB.seen).toEqual(expected);
    atA.stop();
    atB.stop();
  });

  test("an unsubscribed listener hears nothing more; the others still do", async () => {
    const gone = record(b);
    const stays = record(b);
    const gone2 = record(a);
    gone.stop();
    gone2.stop();
    await a.emit("job.state", { jobId: "j3", state: "QUEUED" });
    await settle(a, a, b);
    expect(gone.seen).toEqual([]);
    expect(gone2.seen).toEqual([]);
    expect(stays.seen).toEqual([{ jobId: "j3", state: "QUEUED" }]);
    stays.stop();
  });

  test("the same function subscribed twice is called twice, and each unsubscribe removes one", async () => {
    const calls: string[] = [];
    const listener = (p: TestEvents["job.state"]) => {
      calls.push(p.jobId);
    };
    const stop1 = b.on("job.state", listener);
    const stop2 = b.on("job.state", listener);
    await a.emit("job.state", { jobId: "twice", state: "QUEUED" });
    await settle(a, b);
    stop1();
    await a.emit("job.state", { jobId: "once", state: "QUEUED" });
    await settle(a, b);
    stop2();
    expect(calls).toEqual(["twice", "twice", "once"]);
  });

  test("an event emitted in a transaction arrives only when it commits", async () => {
    const atB = record(b);
    await processA.db.transaction(async (tx) => {
      await a.emit("job.state", { jobId: "in-tx", state: "COMPOSED" }, { tx });
      // A marker sent outside the transaction overtakes it: the event is still held back.
      await settle(a, b);
      expect(atB.seen).toEqual([]);
    });
    await settle(a, b);
    expect(atB.seen).toEqual([{ jobId: "in-tx", state: "COMPOSED" }]);
    atB.stop();
  });

  test("an event emitted in a transaction that rolls back never arrives", async () => {
    const atB = record(b);
    const atA = record(a);
    const failure = new Error("approval failed");
    await expect(
      processA.db.transaction(async (tx) => {
        await a.emit("job.state", { jobId: "rolled-back", state: "COMPOSED" }, { tx });
        throw failure;
      }),
    ).rejects.toBe(failure);
    await settle(a, a, b);
    expect(atA.seen).toEqual([]);
    expect(atB.seen).toEqual([]);
    atA.stop();
    atB.stop();
  });

  test("a payload up to the NOTIFY limit arrives intact; a larger one is refused at emit and nothing is sent", async () => {
    const atB = record(b);
    const envelopeBytes = (note: string) => Buffer.byteLength(JSON.stringify({ e: "job.state", p: { jobId: "big", state: "X", note } }));
    // Chinese text is 3 bytes a character in UTF-8: the limit is counted in bytes, not characters.
    let note = "";
    while (envelopeBytes(note + "证") <= MAX_EVENT_BYTES) note += "证";
    const fits = { jobId: "big", state: "X", note };
    const tooBig = { jobId: "big", state: "X", note: note + "证" };
    expect(envelopeBytes(tooBig.note)).toBeGreaterThan(MAX_EVENT_BYTES);

    await a.emit("job.state", fits);
    await expect(a.emit("job.state", tooBig)).rejects.toBeInstanceOf(EventTooLargeError);
    await settle(a, b);
    expect(atB.seen).toEqual([fits]);
    atB.stop();
  });

  test("a listener that throws or rejects does not keep the event from the others", async () => {
    const stop1 = b.on("job.state", () => {
      throw new Error("listener bug (expected in this test)");
    });
    const stop2 = b.on("job.state", async () => {
      throw new Error("async listener bug (expected in this test)");
    });
    const atB = record(b);
    await a.emit("job.state", { jobId: "j4", state: "FAILED" });
    await settle(a, b);
    expect(atB.seen).toEqual([{ jobId: "j4", state: "FAILED" }]);
    stop1();
    stop2();
    atB.stop();
  });

  test("a stray notification on the channel that is not an event is ignored", async () => {
    const atB = record(b);
    await processA.db.execute("select pg_notify('origo_events', 'not json'), pg_notify('origo_events', '{\"x\":1}')");
    await a.emit("job.state", { jobId: "j5", state: "DONE" });
    await settle(a, b);
    expect(atB.seen).toEqual([{ jobId: "j5", state: "DONE" }]);
    atB.stop();
  });

  test("payloads arrive as JSON in every process, the emitter's included", async () => {
    const received: unknown[] = [];
    const stop = a.on("job.state", (p) => {
      received.push(p);
    });
    // `undefined` fields vanish the same way here as across processes.
    await a.emit("job.state", { jobId: "j6", state: "DONE", note: undefined });
    await settle(a, a);
    expect(received).toEqual([{ jobId: "j6", state: "DONE" }]);
    expect(Object.keys(received[0] as object)).toEqual(["jobId", "state"]);
    stop();
  });
});

describe("event bus on PGlite, one process", () => {
  let pglite: Database;
  let bus: Bus;
  beforeAll(async () => {
    pglite = openDatabase({ kind: "pglite", dataDir: "memory://" });
    bus = await startEventBus<TestEvents>({ database: pglite });
  });
  afterAll(async () => {
    await bus?.close();
    await pglite?.close();
  });

  test("delivers through the same path: at once outside a transaction, on commit inside one, never on rollback", async () => {
    const seen = record(bus);
    await bus.emit("job.state", { jobId: "p1", state: "QUEUED" });
    await settle(bus, bus);
    expect(seen.seen).toEqual([{ jobId: "p1", state: "QUEUED" }]);

    await pglite.db.transaction(async (tx) => {
      await bus.emit("job.state", { jobId: "p2", state: "COMPOSED" }, { tx });
    });
    await expect(
      pglite.db.transaction(async (tx) => {
        await bus.emit("job.state", { jobId: "p3", state: "COMPOSED" }, { tx });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await settle(bus, bus);
    expect(seen.seen).toEqual([
      { jobId: "p1", state: "QUEUED" },
      { jobId: "p2", state: "COMPOSED" },
    ]);
    seen.stop();
  });
});
