/**
 * A live page region over server-sent events: the stream sends the region's HTML once at connect
 * (so nothing that changed between the page load and the connection is missed, and a reconnect
 * catches up) and again after every change, rendered fresh from the database. Changes that arrive
 * while a render is under way are folded into one more render. The page swaps it in with htmx's SSE
 * extension (`hx-sse:connect`, `hx-swap="innerMorph"`, which keeps ticked boxes).
 *
 * Slices say what a change is (`follow`: subscribe, return the unsubscribe): the print slice
 * follows its desk/certificate/office topics, the certificates slice one certificate's events.
 */
import type { Context } from "hono";
import { log } from "./log.ts";
import { eventStream, type EventStreamHandle, type SseMessage } from "./sse.ts";

type Region = {
  /** Bumped by every change on the region's topics. */
  generation: number;
  /** The message of one generation, rendered once and shared by every stream of the region. */
  latest: { generation: number; message: Promise<SseMessage> } | null;
  /** Each open stream's "send the latest" function. */
  streams: Set<() => void>;
  stop: () => void;
};
const regions = new WeakMap<object, Map<string, Region>>();

/**
 * An event stream of one page region: its HTML is sent at connect and after each change `follow`
 * reports. Every stream with the same `key` in one `scope` (the bus) shows the same HTML (callers
 * make the key say whose view it is, e.g. a desk's list as the office sees it), so one render per
 * change serves all of them, however many people watch; a stream that falls behind skips to the latest.
 */
export function liveRegion(
  c: Context,
  { scope, key, follow, render }: { scope: object; key: string; follow: (changed: () => void) => () => void; render: () => Promise<string> },
) {
  let table = regions.get(scope);
  if (!table) regions.set(scope, (table = new Map()));
  const regionsOfBus = table;
  return eventStream(c, (stream: EventStreamHandle) => {
    let region = regionsOfBus.get(key);
    if (!region) {
      const r: Region = { generation: 0, latest: null, streams: new Set(), stop: () => {} };
      r.stop = follow(() => {
        r.generation++;
        for (const push of r.streams) push();
      });
      regionsOfBus.set(key, (region = r));
    }
    const shared = region;
    const latestMessage = () => {
      if (shared.latest?.generation !== shared.generation) {
        const entry = { generation: shared.generation, message: render().then((data) => ({ data })) };
        entry.message.catch(() => {
          if (shared.latest === entry) shared.latest = null;
        });
        shared.latest = entry;
      }
      return shared.latest!;
    };
    let sending = false;
    let behind = false;
    const push = async () => {
      if (sending) {
        behind = true;
        return;
      }
      sending = true;
      try {
        do {
          behind = false;
          const message = await latestMessage().message;
          if (stream.signal.aborted) return;
          await stream.send(message);
        } while (behind && !stream.signal.aborted);
      } finally {
        sending = false;
      }
    };
    const pushSafely = () => void push().catch((err) => log.warn("live region render failed", { key, err }));
    shared.streams.add(pushSafely);
    stream.onClose(() => {
      shared.streams.delete(pushSafely);
      if (shared.streams.size === 0) {
        shared.stop();
        regionsOfBus.delete(key);
      }
    });
    pushSafely();
  });
}
