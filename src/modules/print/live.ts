/**
 * Live print status: bus events → the streams that show them. One bus listener per bus feeds a
 * table of topics (`desk:<id>`, `certificate:<id>`), so each event reaches only the streams
 * following its desk or certificate, however many streams are open.
 *
 * A page region follows a topic with `liveRegion`: the stream sends the region's HTML once at
 * connect (so nothing that changed between the page load and the connection is missed, and a
 * reconnect catches up) and again after every change, rendered fresh from the database. Changes
 * that arrive while a render is under way are folded into one more render. The page swaps it in
 * with htmx's SSE extension (`hx-sse:connect`, `hx-swap="innerMorph"`, which keeps ticked boxes).
 */
import type { Context } from "hono";
import { log } from "../../lib/log.ts";
import { eventStream, type EventStreamHandle, type SseMessage } from "../../lib/sse.ts";
import type { PrintBus, PrintJobEvent } from "./jobs.ts";

type Topic = string;
type Subscriber = (event: PrintJobEvent | null) => void;
type Hub = Map<Topic, Set<Subscriber>>;

const hubs = new WeakMap<PrintBus, Hub>();

export const deskTopic = (deskId: string) => `desk:${deskId}`;
export const certificateTopic = (certificateId: string) => `certificate:${certificateId}`;

function hubOf(events: PrintBus): Hub {
  let hub = hubs.get(events);
  if (hub) return hub;
  const table: Hub = new Map();
  const notify = (topic: Topic, event: PrintJobEvent | null) => {
    for (const fn of table.get(topic) ?? []) fn(event);
  };
  events.on("print.job", (e) => {
    notify(deskTopic(e.deskId), e);
    if (e.certificateId) notify(certificateTopic(e.certificateId), e);
  });
  events.on("print.desk", (e) => notify(deskTopic(e.deskId), null));
  // Changes made while this process could not listen were not heard: every region renders again.
  events.onResync(() => {
    for (const topic of [...table.keys()]) notify(topic, null);
  });
  hubs.set(events, table);
  return table;
}

/** Calls `fn` for every job event (or `null` for a desk change) on any of `topics`; returns the function that stops. */
export function followTopics(events: PrintBus, topics: Topic[], fn: Subscriber): () => void {
  const hub = hubOf(events);
  for (const t of topics) {
    let set = hub.get(t);
    if (!set) hub.set(t, (set = new Set()));
    set.add(fn);
  }
  return () => {
    for (const t of topics) {
      const set = hub.get(t);
      set?.delete(fn);
      if (set?.size === 0) hub.delete(t);
    }
  };
}

/** Open subscriptions, for benchmarks and leak checks. */
export function followerCount(events: PrintBus) {
  let n = 0;
  for (const set of hubOf(events).values()) n += set.size;
  return n;
}

type Region = {
  /** Bumped by every change on the region's topics. */
  generation: number;
  /** The message of one generation, rendered once and shared by every stream of the region. */
  latest: { generation: number; message: Promise<SseMessage> } | null;
  /** Each open stream's "send the latest" function. */
  streams: Set<() => void>;
  stop: () => void;
};
const regions = new WeakMap<PrintBus, Map<string, Region>>();

/**
 * An event stream of one page region: its HTML is sent at connect and after each change on
 * `topics`. Every stream with the same `key` shows the same HTML (callers make the key say whose
 * view it is, e.g. a desk's list as the office sees it), so one render per change serves all of
 * them, however many clerks watch the desk; a stream that falls behind skips to the latest.
 */
export function liveRegion(c: Context, { events, topics, key, render }: { events: PrintBus; topics: Topic[]; key: string; render: () => Promise<string> }) {
  let table = regions.get(events);
  if (!table) regions.set(events, (table = new Map()));
  const regionsOfBus = table;
  return eventStream(c, (stream: EventStreamHandle) => {
    let region = regionsOfBus.get(key);
    if (!region) {
      const r: Region = { generation: 0, latest: null, streams: new Set(), stop: () => {} };
      r.stop = followTopics(events, topics, () => {
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
