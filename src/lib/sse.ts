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
 * Messages are written with Hono's `streamSSE` (no buffering under Bun; `text/event-stream` is never
 * compressed by the compress middleware).
 */
import type { Context } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { log } from "./log.ts";

/** Below Bun's default idleTimeout (10 s), so a stream survives any server setting, and proxies' (60 s and more). */
export const HEARTBEAT_MS = 8_000;

export type SseMessage = { data: string; event?: string; id?: string | number; retry?: number };

export type EventStreamHandle = {
  /** Writes one message; resolves once written (never rejects: a gone client just aborts `signal`). */
  send(message: SseMessage): Promise<void>;
  /** Aborted when the stream ends for any reason. */
  readonly signal: AbortSignal;
  /** The client's `Last-Event-ID` header (its last seen message id) when it reconnected. */
  readonly lastEventId: string | null;
  /** Registers clean-up to run once when the stream ends. */
  onClose(fn: () => void): void;
};

type Open = { stream: SSEStreamingApi; end: () => void };
const open = new Set<Open>();
let ticker: ReturnType<typeof setInterval> | null = null;

function startTicker() {
  if (ticker) return;
  ticker = setInterval(() => {
    for (const s of open) void s.stream.write(": hb\n\n");
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

/** Ends every open stream (their clean-up runs); call before stopping the server, which otherwise waits for them forever. */
export function closeEventStreams() {
  for (const s of [...open]) s.end();
}

/**
 * Answers with an event stream. `setup` runs once the stream is open; it subscribes to whatever it
 * relays and registers the matching clean-up with `onClose`. A `setup` that throws ends the stream.
 */
export function eventStream(c: Context, setup: (handle: EventStreamHandle) => void | Promise<void>): Response {
  const lastEventId = c.req.header("last-event-id") ?? null;
  c.header("X-Accel-Buffering", "no");
  return streamSSE(c, async (stream) => {
    const controller = new AbortController();
    const cleanups: (() => void)[] = [];
    let ended = false;
    let release!: () => void;
    const closed = new Promise<void>((resolve) => (release = resolve));
    const entry: Open = {
      stream,
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
    stream.onAbort(() => entry.end());
    open.add(entry);
    startTicker();
    const handle: EventStreamHandle = {
      async send(message) {
        if (ended) return;
        await stream.writeSSE({ ...message, id: message.id === undefined ? undefined : String(message.id) });
      },
      signal: controller.signal,
      lastEventId,
      onClose(fn) {
        if (ended) fn();
        else cleanups.push(fn);
      },
    };
    try {
      await setup(handle);
    } catch (err) {
      log.error("event stream setup failed", { path: c.req.path, err });
      entry.end();
    }
    await closed;
  });
}
