/**
 * A real HTTP receiver for webhook tests (Bun.serve on a free loopback port): it keeps every
 * request it gets and answers as the test says (2xx, an error, a redirect, or not at all until
 * released), so tests check what actually went over the wire.
 */
export type Received = { path: string; headers: Headers; body: string; at: number };
export type Answer = { kind: "status"; status: number; body?: string } | { kind: "redirect"; to: string } | { kind: "hold" };

export function startReceiver() {
  const received: Received[] = [];
  let answer: Answer = { kind: "status", status: 200, body: "ok" };
  let releaseHeld: (() => void)[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 30,
    async fetch(req) {
      const url = new URL(req.url);
      received.push({ path: url.pathname, headers: req.headers, body: await req.text(), at: Date.now() });
      const a = answer;
      if (a.kind === "redirect") return new Response(null, { status: 302, headers: { location: a.to } });
      if (a.kind === "hold") {
        await new Promise<void>((resolve) => releaseHeld.push(resolve));
        return new Response("late", { status: 200 });
      }
      return new Response(a.body ?? "", { status: a.status });
    },
  });
  return {
    url: (path = "/hooks") => `http://127.0.0.1:${server.port}${path}`,
    port: server.port,
    received,
    answer(a: Answer) {
      answer = a;
    },
    /** Lets every held request answer 200. */
    release() {
      for (const r of releaseHeld) r();
      releaseHeld = [];
    },
    /** Waits until `n` requests arrived (fails after `timeoutMs`). */
    async waitFor(n: number, timeoutMs = 10_000) {
      const t0 = Date.now();
      while (received.length < n) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`receiver got ${received.length} requests, expected ${n}`);
        await Bun.sleep(20);
      }
      return received;
    },
    stop() {
      this.release();
      server.stop(true);
    },
  };
}

export type Receiver = ReturnType<typeof startReceiver>;
