/**
 * Print job status figures, against `bun run src/main.ts` on a fresh embedded database (the
 * default set-up), driven over HTTP as people and a desk agent would:
 *
 * 1. Event latency: a desk agent reports a job's state (DOWNLOADING, PRINTING, DONE) and a print
 *    clerk's desk page stream (SSE) receives the re-rendered job list showing it. Measured from the
 *    report's request to the message, and from the report's answer to the message.
 * 2. Memory of idle streams: the server's resident memory before and after 2,000 desk page streams
 *    are open and idle (KB per stream; target ≤ 100 KB), and whether they are all still open after
 *    more than Bun's idle timeout (heartbeats).
 *
 * `bun run bench/print-jobs.ts` (or `bun run bench print-jobs`); JOBS=… and STREAMS=… change the counts.
 */
import { readFileSync } from "node:fs";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../src/demo/data.ts";
import { parseTotpSecret, totpCode, totpStep } from "../src/modules/accounts/index.ts";
import { csrfAfter, ms, startServer, summary } from "./lib.ts";

type Session = { cookie: string; csrf: string };

/** Signs an office account in over HTTP, second factor included (waits for the next code if this one was used). */
async function signIn(url: string, login: string): Promise<Session> {
  for (;;) {
    const first = await fetch(`${url}/sign-in`);
    let csrfCookie = first.headers
      .getSetCookie()
      .find((c) => c.startsWith("origo_csrf="))!
      .split(";")[0]!;
    const post = (path: string, body: Record<string, string>, cookie: string) =>
      fetch(url + path, {
        method: "POST",
        body: new URLSearchParams({ ...body, _csrf: csrfCookie.split("=")[1]! }),
        redirect: "manual",
        headers: { cookie: `${csrfCookie}${cookie}`, origin: url, "content-type": "application/x-www-form-urlencoded" },
      });
    const pw = await post("/sign-in", { login, password: DEMO_PASSWORD }, "");
    const pending = pw.headers
      .getSetCookie()
      .find((c) => c.startsWith("origo_session="))!
      .split(";")[0]!;
    csrfCookie = csrfAfter(pw, csrfCookie); // the token is bound to the session
    const code = totpCode(parseTotpSecret(DEMO_TOTP_SECRET), totpStep(new Date()));
    const second = await post("/two-factor", { code }, `; ${pending}`);
    const session = second.headers
      .getSetCookie()
      .find((c) => c.startsWith("origo_session="))
      ?.split(";")[0];
    csrfCookie = csrfAfter(second, csrfCookie);
    if (second.status === 303 && session) return { cookie: `${csrfCookie}; ${session}`, csrf: csrfCookie.split("=")[1]! };
    await Bun.sleep(30_000 - (Date.now() % 30_000) + 200);
  }
}

const form = (s: Session, url: string, path: string, body: Record<string, string>) =>
  fetch(url + path, {
    method: "POST",
    body: new URLSearchParams({ ...body, _csrf: s.csrf }),
    redirect: "manual",
    headers: { cookie: s.cookie, origin: url, "content-type": "application/x-www-form-urlencoded" },
  });

/** A desk page's event stream as htmx would read it: every message is the job table; rows carry their state. */
function followDesk(url: string, s: Session, deskId: string) {
  const states = new Map<string, string>();
  const seen: string[] = [];
  const waiters: (() => void)[] = [];
  let messages = 0;
  const controller = new AbortController();
  const ready = (async () => {
    const res = await fetch(`${url}/office/print/events?desk=${deskId}`, { headers: { cookie: s.cookie }, signal: controller.signal });
    if (!res.ok) throw new Error(`stream: HTTP ${res.status}`);
    return res.body!.getReader();
  })();
  const done = (async () => {
    const reader = await ready;
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.includes("data:")) continue;
        messages++;
        for (const m of frame.matchAll(/<tr id="job-([^"]+)" data-state="([A-Z_]+)"/g)) {
          if (!states.has(m[1]!)) seen.push(m[1]!);
          states.set(m[1]!, m[2]!);
        }
        for (const w of waiters.splice(0)) w();
      }
    }
  })();
  return {
    states,
    seen,
    get messages() {
      return messages;
    },
    done,
    async until(ok: () => boolean) {
      while (!ok()) await new Promise<void>((r) => waiters.push(r));
    },
    close: () => controller.abort(),
  };
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);

export async function benchPrintJobs() {
  const jobs = Number(process.env.JOBS ?? 100);
  const streams = Number(process.env.STREAMS ?? 2000);
  const server = await startServer();
  const url = server.url;
  try {
    for (;;) {
      const res = await fetch(`${url}/sign-in`).catch(() => null);
      if (res?.ok) break;
      await Bun.sleep(20);
    }
    const admin = await signIn(url, "admin1100");
    const page = await (await form(admin, url, "/office/print/setup/desks", { name: "基准打印台", route: "AGENT" })).text();
    const token = /id="agent-token">(origo_desk_[a-z0-9]+)</.exec(page)![1]!;
    const setup = await (await fetch(`${url}/office/print/setup`, { headers: { cookie: admin.cookie } })).text();
    const deskId = /action="\/office\/print\/setup\/desks\/([^/"]+)\/token"/.exec(setup)![1]!;
    const clerk = await signIn(url, "print1100");
    const agent = (jobId: string, state: string, extra: object = {}) =>
      fetch(`${url}/api/desk-agent/jobs/${jobId}/state`, {
        method: "POST",
        headers: { authorization: `Desk ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ instance: "bench-agent-0001", state, ...extra }),
      });
    await fetch(`${url}/api/desk-agent/hello`, {
      method: "POST",
      headers: { authorization: `Desk ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ instance: "bench-agent-0001", printer: { uri: "ipp://192.0.2.10/ipp/print", makeAndModel: "HP Color LaserJet Pro M252" } }),
    });

    // 1. Latency from a state report to the desk page's stream.
    const desk = followDesk(url, clerk, deskId);
    await desk.until(() => desk.messages > 0);
    const fromRequest: number[] = [];
    const fromAnswer: number[] = [];
    for (let i = 0; i < jobs; i++) {
      const before = desk.seen.length;
      const queued = await form(clerk, url, `/office/print/desks/${deskId}/back-pages`, { formType: "GENERAL", count: "1" });
      if (queued.status !== 303) throw new Error(`queueing failed: HTTP ${queued.status}`);
      await desk.until(() => desk.seen.length > before);
      const id = desk.seen.at(-1)!;
      await desk.until(() => desk.states.get(id) === "COMPOSED");
      for (const [state, extra] of [
        ["DOWNLOADING", { printer: { uri: "ipp://192.0.2.10/ipp/print", makeAndModel: "HP Color LaserJet Pro M252" } }],
        ["PRINTING", { ippJobId: i + 1 }],
        ["DONE", {}],
      ] as const) {
        const t0 = performance.now();
        let answered = 0;
        const shown = desk.until(() => desk.states.get(id) === state).then(() => performance.now());
        const res = await agent(id, state, extra);
        answered = performance.now();
        if (res.status !== 200) throw new Error(`agent report ${state}: HTTP ${res.status}`);
        const at = await shown;
        fromRequest.push(at - t0);
        fromAnswer.push(at - answered);
      }
    }
    desk.close();
    const a = summary(fromRequest);
    const b = summary(fromAnswer);
    console.log(
      `job state change → desk page SSE message (${a.n} changes, embedded database): from the report's request median ${ms(a.median)}, p95 ${ms(a.p95)}, p99 ${ms(a.p99)}`,
    );
    console.log(`  from the report's answer: median ${ms(b.median)}, p95 ${ms(b.p95)} (negative: the message came first)`);

    // 2. Memory of idle streams. Raw sockets: fetch in Bun holds at most 256 requests open at once.
    await Bun.sleep(2000);
    const before = rssKb(server.proc.pid);
    const { hostname, port } = new URL(url);
    const request = `GET /office/print/events?desk=${deskId} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${clerk.cookie}\r\nAccept: text/event-stream\r\n\r\n`;
    let firstMessages = 0;
    let closed = 0;
    let heartbeats = 0;
    const sockets: { end(): void }[] = [];
    const allStarted = Promise.withResolvers<void>();
    for (let i = 0; i < streams; i++) {
      let started = false;
      sockets.push(
        await Bun.connect({
          hostname,
          port: Number(port),
          socket: {
            open: (sock) => void sock.write(request),
            data: (_sock, chunk) => {
              const text = chunk.toString();
              if (!started && text.includes("data:")) {
                started = true;
                if (++firstMessages === streams) allStarted.resolve();
              }
              if (text.includes(": hb")) heartbeats++;
            },
            close: () => void closed++,
          },
        }),
      );
      if (i % 200 === 199) await Bun.sleep(50);
    }
    await allStarted.promise;
    await Bun.sleep(3000);
    const after = rssKb(server.proc.pid);
    console.log(
      `${streams} idle desk page streams: server RSS ${(before / 1024).toFixed(0)} MB → ${(after / 1024).toFixed(0)} MB, ${((after - before) / streams).toFixed(1)} KB per stream (target ≤ 100 KB)`,
    );
    await Bun.sleep(12_000);
    console.log(
      `after 12 s idle (Bun's default idle timeout is 10 s): ${streams - closed} of ${streams} streams still open, ${heartbeats} heartbeats received`,
    );
    for (const s of sockets) s.end();
  } finally {
    await server.stop();
  }
}

if (import.meta.main) await benchPrintJobs();
