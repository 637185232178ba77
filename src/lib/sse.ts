/**
 * Server-sent event streams for any slice: `eventStream(c, open)` answers a request with a stream
 * that stays open until the client goes away, and hands `open` a small handle to send messages.
 *
 * - Heartbeats: Bun closes a connection that is silent for `idleTimeout` seconds, and proxies do
 *   the same; every open stream gets a comment line (`: hb`) every HEARTBEAT_MS from one shared
 *   timer (one timer for all streams, not one per stream).
 * - Clean-up: when the client disconnects (or `closeEventStreams` runs at shutdown), the handle's
 *   `signal` aborts and every function given to `onClose` runs once: remove bus listeners and
 *   timers there, or they leak.
 * - `Last-Event-ID`: a reconnecting client (browser EventSource, htmx's SSE extension, the desk
 *   agent) sends the id of the last message it saw; it is `lastEventId` here.
 *
 * `text/event-stream` is never compressed by the compress middleware (it would hold messages back).
 */
import type { Context } from "hono";
import { log } from "./log.ts";

/**
 * Well below Bun's default idleTimeout (10 s), so a stream survives any server setting, and
 * proxies' (60 s and more). Bun's socket timeouts run on a 4 s sweep and may fire up to 4 s early
 * (oven-sh/bun#33610): a 10 s timeout can close a connection silent for just over 8 s, which an
 * 8 s heartbeat lost to now and then.
 */
export const HEARTBEAT_MS = 5_000;

export type SseMessage = { data: string; event?: string; id?: string | number; retry?: number };

export type EventStreamHandle = {
  /**
   * Writes one message; resolves once written (never rejects: a gone client just aborts `signal`).
   * Send the same message object to many streams and it is encoded only once.
   */
  send(message: SseMessage): Promise<void>;
  /** Aborted when the stream ends for any reason. */
  readonly signal: AbortSignal;
  /** The client's `Last-Event-ID` header (its last seen message id) when it reconnected. */
  readonly lastEventId: string | null;
  /** Registers clean-up to run once when the stream ends. */
  onClose(fn: () => void): void;
};

type Open = { write: (chunk: string | Uint8Array) => void; end: () => void };
const open = new Set<Open>();
let ticker: ReturnType<typeof setInterval> | null = null;

function startTicker() {
  if (ticker) return;
  ticker = setInterval(() => {
    for (const s of open) s.write(": hb\n\n");
  }, HEARTBEAT_MS);
}

function stopTickerIfIdle() {
  if (open.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = null;
  }
}

/** How many streams this process holds open (for health figures and benchmarks). */
export function openEventStreamCount() {
  return open.size;
}

/**
 * Ends every open stream (their clean-up runs); call before stopping the server, which otherwise
 * waits for them forever. With `retryMs`, each client is first told to reconnect after that long
 * (the SSE `retry` field): at shutdown it reconnects at once, and a proxy sends it to another process.
 */
export function closeEventStreams({ retryMs }: { retryMs?: number } = {}) {
  for (const s of [...open]) {
    if (retryMs !== undefined) s.write(`retry: ${Math.round(retryMs)}\n\n`);
    s.end();
  }
}

const encoder = new TextEncoder();
/** Messages sent to many streams (one object) are encoded once. */
const encoded = new WeakMap<SseMessage, Uint8Array>();

/** One message in the text/event-stream format (a multi-line `data` becomes several data lines). */
function frame({ data, event, id, retry }: SseMessage): string {
  for (const [name, value] of [
    ["event", event],
    ["id", id],
  ] as const) {
    if (value !== undefined && /[\r\n]/.test(String(value))) throw new Error(`SSE ${name} must not contain a line break`);
  }
  return (
    (event ? `event: ${event}\n` : "") +
    data
      .split(/\r\n|\r|\n/)
      .map((line) => `data: ${line}\n`)
      .join("") +
    (id !== undefined ? `id: ${id}\n` : "") +
    (retry !== undefined ? `retry: ${retry}\n` : "") +
    "\n"
  );
}

/**
 * Answers with an event stream. `setup` runs once the stream is open; it subscribes to whatever it
 * relays and registers the matching clean-up with `onClose`. A `setup` that throws ends the stream.
 *
 * The body is one of Bun's direct streams, written straight to the connection: about half the
 * memory per open stream of a TransformStream pipeline, which matters with thousands of idle pages.
 */
export function eventStream(c: Context, setup: (handle: EventStreamHandle) => void | Promise<void>): Response {
  const lastEventId = c.req.header("last-event-id") ?? null;
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  let sink: ReadableStreamDirectController | null = null;
  let ended = false;
  let release!: () => void;
  const closed = new Promise<void>((resolve) => (release = resolve));
  const entry: Open = {
    write(chunk) {
      if (ended || !sink) return;
      try {
        void sink.write(chunk);
        void sink.flush();
      } catch {
        entry.end();
      }
    },
    end() {
      if (ended) return;
      ended = true;
      open.delete(entry);
      stopTickerIfIdle();
      controller.abort();
      for (const fn of cleanups.splice(0)) {
        try {
          fn();
        } catch (err) {
          log.error("event stream clean-up failed", { err });
        }
      }
      release();
    },
  };
  const handle: EventStreamHandle = {
    async send(message) {
      let bytes = encoded.get(message);
      if (!bytes) encoded.set(message, (bytes = encoder.encode(frame(message))));
      entry.write(bytes);
    },
    signal: controller.signal,
    lastEventId,
    onClose(fn) {
      if (ended) fn();
      else cleanups.push(fn);
    },
  };
  c.req.raw.signal.addEventListener("abort", () => entry.end(), { once: true });
  const source: Bun.DirectUnderlyingSource = {
    type: "direct",
    async pull(ctl) {
      sink = ctl;
      open.add(entry);
      startTicker();
      try {
        await setup(handle);
      } catch (err) {
        log.error("event stream setup failed", { path: c.req.path, err });
        entry.end();
      }
      await closed;
      try {
        ctl.close();
      } catch {}
    },
    cancel: () => entry.end(),
  };
  // The DOM lib's ReadableStream type (in this project's tsconfig) does not know Bun's direct sources.
  const body = new ReadableStream(source as unknown as UnderlyingDefaultSource);
  c.header("Content-Type", "text/event-stream");
  c.header("Cache-Control", "no-cache");
  c.header("X-Accel-Buffering", "no");
  return c.body(body);
}
