/**
 * The desk agent's line to the server (agent.ts): JSON calls retried across network loss and server
 * errors until the server answers, state reports, and the job's PDF checked against its SHA-256.
 */
import { setTimeout as sleep } from "node:timers/promises";

export type AgentLog = (message: string, fields?: Record<string, unknown>) => void;

/** What the agent's steps share: where the server is, who this agent is, its printer and settings. */
export type AgentContext = {
  base: string;
  instance: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  log: AgentLog;
  /** The printer's IPP URI. */
  printer: string;
  pollMs: number;
  renewMs: number;
};

/** The server's answer to a state report. */
export type Answer = {
  go: boolean;
  state: string;
  ippJobId: number | null;
  retryAfterMs?: number;
  job?: { copies: number; jobName: string; tag: string; sha256: string | null; resumed: boolean };
};

export class Unauthorized extends Error {}

/** A JSON call to the server, retried across network loss and server errors until it answers (or the agent stops). */
export async function call(
  a: AgentContext,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown; bytes?: Uint8Array }> {
  const { signal } = a;
  let delay = 500;
  for (;;) {
    signal.throwIfAborted();
    try {
      const res = await fetch(a.base + path, {
        method,
        headers: { ...a.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]),
      });
      if (res.status === 401) throw new Unauthorized(await res.text());
      if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
      if ((res.headers.get("content-type") ?? "").startsWith("application/pdf"))
        return { status: res.status, json: null, bytes: new Uint8Array(await res.arrayBuffer()) };
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    } catch (e) {
      if (e instanceof Unauthorized || signal.aborted) throw e;
      a.log("server not reachable, retrying", { path, error: e instanceof Error ? e.message : String(e) });
      await sleep(delay, undefined, { signal });
      delay = Math.min(10_000, delay * 2);
    }
  }
}

export const report = async (a: AgentContext, jobId: string, body: Record<string, unknown>): Promise<Answer> => {
  const r = await call(a, "POST", `/jobs/${jobId}/state`, { instance: a.instance, ...body });
  if (r.status !== 200) return { go: false, state: `HTTP ${r.status}`, ippJobId: null };
  return r.json as Answer;
};

export async function download(a: AgentContext, jobId: string, sha256: string | null) {
  const r = await call(a, "GET", `/jobs/${jobId}/document?instance=${encodeURIComponent(a.instance)}`);
  if (r.status !== 200 || !r.bytes) throw new Error(`document of ${jobId}: HTTP ${r.status}`);
  const got = new Bun.CryptoHasher("sha256").update(r.bytes).digest("hex");
  if (sha256 && got !== sha256) throw new Error(`document of ${jobId} arrived damaged (sha256 ${got}, expected ${sha256})`);
  return r.bytes;
}
