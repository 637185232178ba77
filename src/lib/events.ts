/**
 * The event bus for reactions across slices (a certificate approved → the print queue wakes; a
 * print job changed state → the pages following it over SSE), across every app process on one
 * database.
 *
 * One path for both drivers: `emit` runs `pg_notify(channel, json)` through drizzle, on the
 * caller's transaction when given one, and every bus on the database — this process's included —
 * receives it through LISTEN and calls its listeners. So:
 * - an event emitted inside a transaction is delivered when that transaction commits, and never if
 *   it rolls back; a listener that reads the database sees what the event announces. (An emit that
 *   called listeners at once could wake the print queue before the approval it reacts to commits.)
 * - each bus receives each event exactly once, its own included; there is no local shortcut, so
 *   there is no echo to suppress.
 * - PostgreSQL delivers through postgres.js's dedicated LISTEN connection; PGlite (one process)
 *   delivers within the process, with the same commit/rollback behaviour.
 *
 * Events are hints, not records: the state they announce lives in tables. A process that was
 * disconnected misses what was sent meanwhile, so a consumer that must not miss work (the print
 * queue) also looks at its table at start and from time to time, and `onResync` listeners run when
 * the LISTEN connection is back after a loss (live pages render again from the tables).
 *
 * Payloads are JSON and go through JSON on every path, so a listener in this process sees exactly
 * what one in another process sees. NOTIFY carries under 8000 bytes; a larger event is refused
 * with an error at `emit` rather than lost or cut. Events carry ids and small state; a listener
 * that needs more loads it by id.
 *
 * The event map (event name → payload type) is the bus's type parameter: slices export the types
 * of the events they emit, and the app composes them where it starts the bus.
 */
import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client.ts";
import { log } from "./log.ts";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
/** Event name → payload. Declare it with `type` (not `interface`) so the payloads check as JSON. */
export type EventMap = { [name: string]: Json };

export type Listener<P> = (payload: P) => void | Promise<void>;

export type EventBus<E extends EventMap> = {
  /**
   * Sends an event to every bus on the database. With `tx` it is sent when that transaction
   * commits; without, at once. Resolves when PostgreSQL has taken it (not when listeners ran).
   * Throws before sending when the event is too large for NOTIFY.
   */
  emit<K extends keyof E & string>(name: K, payload: E[K], options?: { tx?: DbOrTx }): Promise<void>;
  /** Calls `listener` for every `name` event from now on; returns the function that stops it. */
  on<K extends keyof E & string>(name: K, listener: Listener<E[K]>): () => void;
  /** Calls `listener` whenever events may have been missed (the database connection came back); returns the function that stops it. */
  onResync(listener: () => void): () => void;
  /** Stops listening on the database and drops all listeners. */
  close(): Promise<void>;
};

export const DEFAULT_EVENT_CHANNEL = "origo_events";
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more (default build). */
export const MAX_EVENT_BYTES = 7999;

export class EventTooLargeError extends Error {
  constructor(name: string, bytes: number) {
    super(`event "${name}" is ${bytes} bytes as JSON; NOTIFY carries at most ${MAX_EVENT_BYTES}. Send ids and let listeners load the rest.`);
    this.name = "EventTooLargeError";
  }
}

type Envelope = { e: string; p: Json };

/**
 * Sends an event on `channel` without a bus object: what `EventBus.emit` does, for services that
 * are handed only `db` (or their transaction). With a transaction the event goes out when it
 * commits, and never if it rolls back; every bus on the channel (in any process) receives it.
 * Throws EventTooLargeError before sending when the event does not fit NOTIFY.
 */
export async function emitEvent<E extends EventMap, K extends keyof E & string>(
  db: DbOrTx,
  name: K,
  payload: E[K],
  channel = DEFAULT_EVENT_CHANNEL,
): Promise<void> {
  const json = JSON.stringify({ e: name, p: payload } satisfies Envelope);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(name, bytes);
  await db.execute(sql`select pg_notify(${channel}, ${json})`);
}

/** Starts a bus on `database`'s channel; resolves once it is listening, so nothing emitted after that is missed. */
export async function startEventBus<E extends EventMap>({
  database,
  channel = DEFAULT_EVENT_CHANNEL,
}: {
  database: Pick<Database, "db" | "listen">;
  /** Buses on different channels of one database do not hear each other. Lower case: channel names are case-sensitive in pg_notify. */
  channel?: string;
}): Promise<EventBus<E>> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid event channel name: ${channel}`);
  // One entry per subscription, so the same function subscribed twice is called twice and each
  // unsubscribe removes only its own.
  const listeners = new Map<string, Set<{ fn: Listener<Json> }>>();

  function deliver(raw: string) {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
      if (typeof envelope?.e !== "string" || !("p" in envelope)) throw new Error("not an event envelope");
    } catch (err) {
      log.warn("event bus: ignored a malformed notification", { channel, raw: raw.slice(0, 200), err });
      return;
    }
    const set = listeners.get(envelope.e);
    for (const entry of [...(set ?? [])]) {
      if (!set?.has(entry)) continue; // unsubscribed by an earlier listener of this same event
      const failed = (err: unknown) => log.error("event listener failed", { event: envelope.e, err });
      try {
        const result = entry.fn(envelope.p);
        if (result instanceof Promise) result.catch(failed);
      } catch (err) {
        failed(err);
      }
    }
  }

  const resyncs = new Set<{ fn: () => void }>();
  const resync = () => {
    log.info("event bus: listening again after a lost connection", { channel });
    for (const entry of [...resyncs]) {
      try {
        entry.fn();
      } catch (err) {
        log.error("event resync listener failed", { err });
      }
    }
  };

  const unlisten = await database.listen(channel, deliver, resync);

  return {
    emit(name, payload, options) {
      return emitEvent<E, typeof name>(options?.tx ?? database.db, name, payload, channel);
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const entry = { fn: listener as Listener<Json> };
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    onResync(listener) {
      const entry = { fn: listener };
      resyncs.add(entry);
      return () => {
        resyncs.delete(entry);
      };
    },
    async close() {
      listeners.clear();
      resyncs.clear();
      await unlisten();
    },
  };
}
