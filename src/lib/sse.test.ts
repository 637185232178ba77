/**
 * Event streams over a real Bun server: a silent stream outlives Bun's idle timeout thanks to the
 * shared heartbeat; a client that goes away runs the stream's clean-up; Last-Event-ID reaches the
 * handler; and closing every stream lets the server stop (it would otherwise wait forever).
 */
import { afterEach, expect, test } from "bun:test";
import { Hono } from "hono";
import { closeEventStreams, eventStream, HEARTBEAT_MS, openEventStreamCount, type EventStreamHandle } from "./sse.ts";

let server: ReturnType<typeof Bun.serve> | null = null;
afterEach(async () => {
  closeEventStreams();
  await server?.stop(true);
  server = null;
});

/** Serves one stream route; `opened` sees each stream's handle. Bun's default idleTimeout (10 s): no setting, as a careless server would have it. */
function serveStreams(opened: (s: EventStreamHandle) => void = () => {}) {
  const app = new Hono().get("/stream", (c) =>
    eventStream(c, async (s) => {
      opened(s);
      await s.send({ event: "ready", data: "1", id: 7 });
    }),
  );
  server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch });
  return `http://127.0.0.1:${server.port}/stream`;
}

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, seen = { text: "" }) {
  while (!pattern.test(seen.text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended; got ${JSON.stringify(seen.text)}`);
    seen.text += new TextDecoder().decode(value);
  }
  return seen;
}

test("a silent stream stays open past Bun's idle timeout: heartbeats keep it alive", async () => {
  const res = await fetch(serveStreams());
  expect(res.headers.get("content-type")).toStartWith("text/event-stream");
  const reader = res.body!.getReader();
  const seen = await readUntil(reader, /event: ready\ndata: 1\nid: 7\n\n/);
  const since = performance.now();
  // Heartbeats until the stream has lived past 12 s, the latest Bun's 10 s idle timeout can fire
  // (its 4 s sweep): the connection survived.
  for (let beats = 1; performance.now() - since < 12_000; beats++) await readUntil(reader, new RegExp(`(: hb\n\n[\\s\\S]*){${beats}}`), seen);
  expect(HEARTBEAT_MS).toBeLessThan(8_000);
  expect(openEventStreamCount()).toBe(1);
  await reader.cancel();
}, 30_000);

test("a client that goes away runs the stream's clean-up; Last-Event-ID reaches the handler", async () => {
  const ids: (string | null)[] = [];
  let cleaned = 0;
  const url = serveStreams((s) => {
    ids.push(s.lastEventId);
    s.onClose(() => cleaned++);
  });
  const controller = new AbortController();
  const res = await fetch(url, { headers: { "last-event-id": "41" }, signal: controller.signal });
  await readUntil(res.body!.getReader(), /event: ready/);
  expect(ids).toEqual(["41"]);
  expect(openEventStreamCount()).toBe(1);
  controller.abort();
  for (let i = 0; i < 100 && openEventStreamCount() > 0; i++) await Bun.sleep(20);
  expect(openEventStreamCount()).toBe(0);
  expect(cleaned).toBe(1);
});

test("closing every stream lets the server stop", async () => {
  const res = await fetch(serveStreams());
  const reader = res.body!.getReader();
  await readUntil(reader, /event: ready/);
  closeEventStreams();
  const stopped = await Promise.race([server!.stop().then(() => "stopped"), Bun.sleep(3000).then(() => "still waiting")]);
  expect(stopped).toBe("stopped");
  server = null;
  expect((await reader.read()).done).toBe(true);
});
