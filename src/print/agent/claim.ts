/**
 * The desk agent's first step (agent.ts): a job claimed from the server (DOWNLOADING, with what the
 * printer reports itself to be), its PDF downloaded and checked, PRINTING reported; or, for a job a
 * previous agent held, taken over to be resumed.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { getPrinterInfo, PrinterError } from "../ipp.ts";
import { type AgentContext, type Answer, download, report } from "./server.ts";

/** Job states the agent acts on (the server answers the others with `go: false`). */
export const ACTIONABLE = new Set(["COMPOSED", "DOWNLOADING", "PRINTING"]);

/** A job this agent now holds: what to print, the PDF when it was downloaded, the printer's job id when resuming. */
export type Claimed = { job: NonNullable<Answer["job"]>; pdf: Uint8Array | null; ippJobId: number | null };

/** What the printer says it is (asked before every claim: the server checks it against the approved models). */
export async function printerReport(a: AgentContext) {
  for (let delay = 1000; ; delay = Math.min(30_000, delay * 2)) {
    try {
      return { uri: a.printer, makeAndModel: (await getPrinterInfo({ uri: a.printer, signal: a.signal })).makeAndModel };
    } catch (e) {
      if (!(e instanceof PrinterError)) throw e;
      a.log("printer not reachable, retrying", { printer: a.printer, error: e.message });
      await sleep(delay, undefined, { signal: a.signal });
    }
  }
}

/** Claims the job: held (to print), `{ retryAfterMs }` when the server says to ask again later, or null when it is not this agent's to print. */
export async function claimJob(a: AgentContext, jobId: string): Promise<Claimed | { retryAfterMs: number } | null> {
  const claim = await report(a, jobId, { state: "DOWNLOADING", printer: await printerReport(a) });
  if (!claim.go || !claim.job) {
    return claim.retryAfterMs !== undefined && ACTIONABLE.has(claim.state) ? { retryAfterMs: claim.retryAfterMs } : null;
  }
  const job = claim.job;
  let pdf: Uint8Array | null = null;
  if (claim.state === "DOWNLOADING") {
    a.log("downloading", { jobId });
    pdf = await download(a, jobId, job.sha256);
    const go = await report(a, jobId, { state: "PRINTING" });
    if (!go.go) {
      a.log("job changed before printing; not printed", { jobId, state: go.state });
      return null;
    }
  } else a.log("resuming a job a previous agent held", { jobId, ippJobId: claim.ippJobId });
  return { job, pdf, ippJobId: claim.ippJobId };
}
