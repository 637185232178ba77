/**
 * The desk agent: prints a desk's jobs on a printer the server cannot reach (an exporter's office).
 * It connects out to the server, follows the desk's jobs as server-sent events, and for each job:
 * claims it (DOWNLOADING, with what the printer reports itself to be), downloads the PDF and checks
 * its SHA-256, reports PRINTING, sends it over IPP, reports the printer's job id, follows the job to
 * its end and reports DONE or FAILED. The server keeps the state; the agent keeps nothing on disk:
 *
 * - Every report is retried until the server answers (network loss), and the server answers a
 *   repeated report the same way, so retrying never does anything twice.
 * - After a restart the agent is a new instance: jobs its previous self held come back in the
 *   stream once their lease runs out, and are resumed through `deliver` (the printer is asked about
 *   the job before anything is sent again).
 * - The agent renews its hold on the job it is printing; if the server says it lost it (the job was
 *   taken over), it stops following.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { deliver, type DeliveryOutcome } from "../dispatch.ts";
import { getPrinterInfo, PrinterError } from "../ipp.ts";
import { followEvents } from "./sse-client.ts";

export type AgentLog = (message: string, fields?: Record<string, unknown>) => void;

export type DeskAgentOptions = {
  server: string;
  token: string;
  printer: string;
  /** Names this process in the server's leases; random by default. */
  instance?: string;
  log?: AgentLog;
  /** Get-Job-Attributes interval while a job prints. */
  pollMs?: number;
  /** Hold renewal while printing (the server's lease is 15 s). */
  renewMs?: number;
  /** How often the agent says hello again (keeps the desk shown online, re-reads the printer). */
  helloMs?: number;
};

type Answer = { go: boolean; state: string; ippJobId: number | null; retryAfterMs?: number; job?: { copies: number; jobName: string; tag: string; sha256: string | null; resumed: boolean } };

class Unauthorized extends Error {}

const ACTIONABLE = new Set(["COMPOSED", "DOWNLOADING", "PRINTING"]);

export function startDeskAgent(opts: DeskAgentOptions) {
  const base = opts.server.replace(/\/+$/, "") + "/api/desk-agent";
  const instance = opts.instance ?? crypto.randomUUID();
  const log: AgentLog = opts.log ?? ((message, fields) => console.log(JSON.stringify({ t: new Date().toISOString(), message, ...fields })));
  const pollMs = opts.pollMs ?? 1000;
  const renewMs = opts.renewMs ?? 5000;
  const helloMs = opts.helloMs ?? 60_000;
  const controller = new AbortController();
  const { signal } = controller;
  const headers = { authorization: `Desk ${opts.token}` };

  /** A JSON call to the server, retried across network loss and server errors until it answers (or the agent stops). */
  async function call(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: unknown; bytes?: Uint8Array }> {
    let delay = 500;
    for (;;) {
      signal.throwIfAborted();
      try {
        const res = await fetch(base + path, {
          method,
          headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]),
        });
        if (res.status === 401) throw new Unauthorized(await res.text());
        if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
        if ((res.headers.get("content-type") ?? "").startsWith("application/pdf")) return { status: res.status, json: null, bytes: new Uint8Array(await res.arrayBuffer()) };
        const text = await res.text();
        return { status: res.status, json: text ? JSON.parse(text) : null };
      } catch (e) {
        if (e instanceof Unauthorized || signal.aborted) throw e;
        log("server not reachable, retrying", { path, error: e instanceof Error ? e.message : String(e) });
        await sleep(delay, undefined, { signal });
        delay = Math.min(10_000, delay * 2);
      }
    }
  }

  const report = async (jobId: string, body: Record<string, unknown>): Promise<Answer> => {
    const r = await call("POST", `/jobs/${jobId}/state`, { instance, ...body });
    if (r.status !== 200) return { go: false, state: `HTTP ${r.status}`, ippJobId: null };
    return r.json as Answer;
  };

  /** What the printer says it is (asked before every claim: the server checks it against the approved models). */
  async function printerReport() {
    for (let delay = 1000; ; delay = Math.min(30_000, delay * 2)) {
      try {
        return { uri: opts.printer, makeAndModel: (await getPrinterInfo({ uri: opts.printer, signal })).makeAndModel };
      } catch (e) {
        if (!(e instanceof PrinterError)) throw e;
        log("printer not reachable, retrying", { printer: opts.printer, error: e.message });
        await sleep(delay, undefined, { signal });
      }
    }
  }

  async function hello() {
    const r = await call("POST", "/hello", { instance, printer: await printerReport() });
    const a = r.json as { approved: boolean; reason: string | null; desk: { name: string } };
    log(a.approved ? "connected; printer approved" : "connected; printer NOT approved", { desk: a.desk?.name, reason: a.reason });
  }

  async function download(jobId: string, sha256: string | null) {
    const r = await call("GET", `/jobs/${jobId}/document?instance=${encodeURIComponent(instance)}`);
    if (r.status !== 200 || !r.bytes) throw new Error(`document of ${jobId}: HTTP ${r.status}`);
    const got = new Bun.CryptoHasher("sha256").update(r.bytes).digest("hex");
    if (sha256 && got !== sha256) throw new Error(`document of ${jobId} arrived damaged (sha256 ${got}, expected ${sha256})`);
    return r.bytes;
  }

  async function printJob(jobId: string): Promise<void> {
    const claim = await report(jobId, { state: "DOWNLOADING", printer: await printerReport() });
    if (!claim.go || !claim.job) {
      if (claim.retryAfterMs !== undefined && ACTIONABLE.has(claim.state)) later(jobId, claim.retryAfterMs);
      return;
    }
    const job = claim.job;
    let pdf: Uint8Array | null = null;
    if (claim.state === "DOWNLOADING") {
      log("downloading", { jobId });
      pdf = await download(jobId, job.sha256);
      const go = await report(jobId, { state: "PRINTING" });
      if (!go.go) {
        log("job changed before printing; not printed", { jobId, state: go.state });
        return;
      }
    } else log("resuming a job a previous agent held", { jobId, ippJobId: claim.ippJobId });

    // Hold on to the job while it prints; stop if the server says it is no longer ours.
    const holding = new AbortController();
    const renew = setInterval(async () => {
      try {
        const a = await report(jobId, { state: "PRINTING" });
        if (!a.go) holding.abort(new Error(`job is ${a.state}`));
      } catch {}
    }, renewMs);
    let resumed = job.resumed;
    let ippJobId = claim.ippJobId;
    let outcome: DeliveryOutcome;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          outcome = await deliver({
            uri: opts.printer,
            jobName: job.jobName,
            tag: job.tag,
            copies: job.copies,
            userName: "desk-agent",
            ippJobId,
            resumed,
            pdf: async () => (pdf ??= await download(jobId, job.sha256)),
            onSubmitted: async (id, how) => {
              ippJobId = id;
              log(how === "sent" ? "sent to printer" : "found at printer; following it instead of sending again", { jobId, ippJobId: id });
              await report(jobId, { state: "PRINTING", ippJobId: id });
            },
            signal: AbortSignal.any([signal, holding.signal]),
            pollMs,
          });
        } catch (e) {
          if (!(e instanceof PrinterError)) throw e;
          // Lost in transit: the printer may have it. Look for it before sending again.
          resumed = true;
          log("printer did not answer while sending; will look for the job before sending again", { jobId, error: e.message });
          await sleep(Math.min(30_000, 1000 * 2 ** attempt), undefined, { signal: AbortSignal.any([signal, holding.signal]) });
          continue;
        }
        if (outcome.kind === "refused" && outcome.error.retryable) {
          log("printer busy; waiting", { jobId, said: outcome.error.printerMessage });
          await sleep(3000, undefined, { signal: AbortSignal.any([signal, holding.signal]) });
          continue;
        }
        break;
      }
    } finally {
      clearInterval(renew);
    }
    const state = outcome.kind === "done" ? "DONE" : "FAILED";
    const result =
      outcome.kind === "refused"
        ? { kind: "refused", printerMessage: [outcome.error.ippStatus, outcome.error.printerMessage].filter(Boolean).join(": ") }
        : outcome.kind === "done"
          ? { kind: "done" }
          : outcome.kind === "lost"
            ? { kind: "lost" }
            : { kind: outcome.kind, printerMessage: outcome.printerMessage };
    await report(jobId, { state, outcome: result });
    log(state === "DONE" ? "printed" : "failed", { jobId, outcome: outcome.kind });
  }

  // One job at a time (one printer); a job is in the queue at most once.
  const queue: string[] = [];
  const pending = new Set<string>();
  let wake: (() => void) | null = null;
  function enqueue(jobId: string) {
    if (pending.has(jobId)) return;
    pending.add(jobId);
    queue.push(jobId);
    wake?.();
  }
  function later(jobId: string, ms: number) {
    setTimeout(() => !signal.aborted && enqueue(jobId), Math.max(500, ms)).unref?.();
  }

  let refused = false;

  async function work() {
    while (!signal.aborted) {
      const jobId = queue.shift();
      if (!jobId) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal.addEventListener("abort", () => resolve(), { once: true });
        });
        wake = null;
        continue;
      }
      try {
        await printJob(jobId);
      } catch (e) {
        if (signal.aborted) break;
        if (e instanceof Unauthorized) {
          log("the server refused the desk token; stopping", {});
          refused = true;
          controller.abort();
          break;
        }
        log("job could not be handled; will try again", { jobId, error: e instanceof Error ? e.message : String(e) });
        later(jobId, 5000);
      } finally {
        pending.delete(jobId);
      }
    }
  }

  async function run() {
    try {
      await hello();
    } catch (e) {
      if (e instanceof Unauthorized) {
        log("the server refused the desk token; stopping", {});
        refused = true;
        return;
      }
      if (signal.aborted) return;
      throw e;
    }
    const greeter = setInterval(() => void hello().catch(() => {}), helloMs);
    try {
      await Promise.all([
        work(),
        followEvents({
          url: `${base}/events`,
          headers,
          signal,
          onStatus: (status, detail) => log(status === "connected" ? "following the desk's jobs" : "lost the connection; reconnecting", detail ? { detail } : {}),
          onEvent: (e) => {
            if (e.event !== "job") return;
            const { id, state } = JSON.parse(e.data) as { id: string; state: string };
            if (ACTIONABLE.has(state)) enqueue(id);
          },
        }),
      ]);
    } finally {
      clearInterval(greeter);
    }
  }

  /** Resolves when the agent stops: `unauthorized` when the server refused its token (revoked or mistyped). */
  const done: Promise<"stopped" | "unauthorized" | "failed"> = run().then(
    () => (refused ? "unauthorized" : "stopped"),
    (e) => {
      if (signal.aborted) return refused ? "unauthorized" : "stopped";
      log("agent stopped on an error", { error: e instanceof Error ? e.message : String(e) });
      return "failed";
    },
  );

  return {
    instance,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
