/**
 * Live print status: bus events → the streams that show them. One bus listener per bus feeds a
 * table of topics (`desk:<id>`, `certificate:<id>`, `office:<code>`), so each event reaches only
 * the streams following its desk, certificate or office, however many streams are open. Besides
 * the print slice's own job events, the certificate lifecycle's (approved, returned, voided,
 * issued, replaced) reach their certificate and office: the desk's 待打印 list follows them.
 * A page region follows topics with `liveRegion` (src/lib/live.ts).
 */
import type { Context } from "hono";
import { liveRegion as sharedLiveRegion } from "../../lib/live.ts";
import type { EventBus } from "../../lib/events.ts";
import { CERTIFICATE_EVENT_NAMES, type CertificateEvent, type CertificateEvents } from "../certificates/index.ts";
import type { PrintEvents, PrintJobEvent } from "./jobs.ts";

/** The bus as the live pages hear it: print jobs and the certificate lifecycle. */
export type LiveBus = EventBus<PrintEvents & CertificateEvents>;

type Topic = string;
type Subscriber = (event: PrintJobEvent | null) => void;
type Hub = Map<Topic, Set<Subscriber>>;

const hubs = new WeakMap<LiveBus, Hub>();

export const deskTopic = (deskId: string) => `desk:${deskId}`;
export const certificateTopic = (certificateId: string) => `certificate:${certificateId}`;
export const officeTopic = (officeCode: string) => `office:${officeCode}`;

function hubOf(events: LiveBus): Hub {
  const hub = hubs.get(events);
  if (hub) return hub;
  const table: Hub = new Map();
  const notify = (topic: Topic, event: PrintJobEvent | null) => {
    for (const fn of table.get(topic) ?? []) fn(event);
  };
  events.on("print.job", (e) => {
    notify(deskTopic(e.deskId), e);
    notify(officeTopic(e.officeCode), e);
    if (e.certificateId) notify(certificateTopic(e.certificateId), e);
  });
  events.on("print.desk", (e) => notify(deskTopic(e.deskId), null));
  // Changes made while this process could not listen were not heard: every region renders again.
  events.onResync(() => {
    for (const topic of [...table.keys()]) notify(topic, null);
  });
  const certificateChanged = (e: CertificateEvent) => {
    notify(certificateTopic(e.id), null);
    notify(officeTopic(e.officeCode), null);
  };
  for (const name of CERTIFICATE_EVENT_NAMES) events.on(name, certificateChanged);
  hubs.set(events, table);
  return table;
}

/** Calls `fn` for every job event (or `null` for a desk change) on any of `topics`; returns the function that stops. */
export function followTopics(events: LiveBus, topics: Topic[], fn: Subscriber): () => void {
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
export function followerCount(events: LiveBus) {
  let n = 0;
  for (const set of hubOf(events).values()) n += set.size;
  return n;
}

/**
 * A page region following `topics` (src/lib/live.ts): its HTML at connect and after every change.
 * Every stream with the same `key` shows the same HTML (make the key say whose view it is).
 */
export function liveRegion(c: Context, { events, topics, key, render }: { events: LiveBus; topics: Topic[]; key: string; render: () => Promise<string> }) {
  return sharedLiveRegion(c, { scope: events, key, follow: (changed) => followTopics(events, topics, () => changed()), render });
}
