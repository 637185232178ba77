/**
 * A small server-sent event client for the desk agent: follows one URL, reconnects after any loss
 * (refused connection, dropped stream, or silence longer than `silenceMs`: a connection a network
 * change left half-open never ends by itself), and sends `Last-Event-ID` so the server can replay
 * what was missed. Comment lines (the server's heartbeats) count as signs of life.
 */
import { setTimeout as sleep } from "node:timers/promises";

export type SseEvent = { event: string; data: string; id: string | null };

export type SseClientOptions = {
  url: string;
  headers: Record<string, string>;
  onEvent: (e: SseEvent) => void;
  onStatus?: (status: "connected" | "disconnected", detail?: string) => void;
  signal: AbortSignal;
  /** Reconnect when nothing (not even a heartbeat) arrived for this long. */
  silenceMs?: number;
  /** First reconnect delay; doubles up to `maxDelayMs` while connecting keeps failing. */
  delayMs?: number;
  maxDelayMs?: number;
};

/** Runs until `signal` aborts. */
export async function followEvents(opts: SseClientOptions): Promise<void> {
  const silenceMs = opts.silenceMs ?? 45_000;
  let delay = opts.delayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  let lastEventId: string | null = null;
  while (!opts.signal.aborted) {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    opts.signal.addEventListener("abort", stop, { once: true });
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const alive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => attempt.abort(new Error(`no data for ${silenceMs} ms`)), silenceMs);
    };
    let reason = "stream ended";
    try {
      alive();
      const res = await fetch(opts.url, {
        headers: { ...opts.headers, accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
        signal: attempt.signal,
      });
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new Error(`HTTP ${res.status}`);
      }
      opts.onStatus?.("connected");
      const connectedAt = Date.now();
      const decoder = new TextDecoder();
      let buffer = "";
      let event = "";
      let data: string[] = [];
      let id: string | null = null;
      for await (const chunk of res.body) {
        alive();
        // A connection that lasts is a good one: the next loss starts from the shortest delay again.
        if (Date.now() - connectedAt > 5000) delay = opts.delayMs ?? 500;
        buffer += decoder.decode(chunk, { stream: true });
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          if (line === "") {
            if (id !== null) lastEventId = id;
            if (data.length || event) opts.onEvent({ event: event || "message", data: data.join("\n"), id });
            event = "";
            data = [];
            id = null;
            continue;
          }
          if (line.startsWith(":")) continue;
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") event = value;
          else if (field === "data") data.push(value);
          else if (field === "id") id = value;
        }
      }
    } catch (e) {
      if (opts.signal.aborted) break;
      reason = attempt.signal.aborted && attempt.signal.reason instanceof Error ? attempt.signal.reason.message : e instanceof Error ? e.message : String(e);
    } finally {
      clearTimeout(watchdog);
      opts.signal.removeEventListener("abort", stop);
    }
    if (opts.signal.aborted) break;
    opts.onStatus?.("disconnected", reason);
    await sleep(delay, undefined, { signal: opts.signal }).catch(() => {});
    delay = Math.min(maxDelay, delay * 2);
  }
}
