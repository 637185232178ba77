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
 *
 * This file is the loop (hello, the event stream, one job at a time); the steps are named modules:
 * server.ts (calls and reports), claim.ts (claim and download), deliver.ts (print and report).
 */
import { ACTIONABLE, claimJob, printerReport } from "./claim.ts";
import { deliverJob } from "./deliver.ts";
import { type AgentContext, type AgentLog, call, Unauthorized } from "./server.ts";
import { followEvents } from "./sse-client.ts";

export type { AgentLog } from "./server.ts";

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
  const a: AgentContext = { base, instance, headers, signal, log, printer: opts.printer, pollMs, renewMs };

  async function hello() {
    const r = await call(a, "POST", "/hello", { instance, printer: await printerReport(a) });
    const said = r.json as { approved: boolean; reason: string | null; desk: { name: string } };
    log(said.approved ? "connected; printer approved" : "connected; printer NOT approved", { desk: said.desk?.name, reason: said.reason });
  }

  /** One job: claimed (claim.ts), then printed and reported (deliver.ts). */
  async function printJob(jobId: string): Promise<void> {
    const claimed = await claimJob(a, jobId);
    if (claimed && "retryAfterMs" in claimed) later(jobId, claimed.retryAfterMs);
    else if (claimed) await deliverJob(a, jobId, claimed);
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
          onStatus: (status, detail) =>
            log(status === "connected" ? "following the desk's jobs" : "lost the connection; reconnecting", detail ? { detail } : {}),
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
