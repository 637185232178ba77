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
import { eventStream, type EventStreamHandle } from "../../lib/sse.ts";
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

/**
 * An event stream of one page region: `render` is sent at connect and after each change on
 * `topics` (changes during a render fold into one more render).
 */
export function liveRegion(c: Context, { events, topics, render }: { events: PrintBus; topics: Topic[]; render: () => Promise<string> }) {
  return eventStream(c, (stream: EventStreamHandle) => {
    let rendering = false;
    let again = false;
    const push = async () => {
      if (rendering) {
        again = true;
        return;
      }
      rendering = true;
      try {
        do {
          again = false;
          const html = await render();
          if (stream.signal.aborted) return;
          await stream.send({ data: html });
        } while (again && !stream.signal.aborted);
      } finally {
        rendering = false;
      }
    };
    stream.onClose(followTopics(events, topics, () => void push().catch((err) => log.warn("live region render failed", { err }))));
    void push().catch((err) => log.warn("live region render failed", { err }));
  });
}
