/**
 * The desk agent's second step (agent.ts): a claimed job sent over IPP and followed to its end while
 * the agent renews its hold, then DONE or FAILED reported. A send lost in transit is looked for at
 * the printer before the document is sent again; a busy printer is waited for.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { deliver, type DeliveryOutcome } from "../dispatch.ts";
import { PrinterError } from "../ipp.ts";
import type { Claimed } from "./claim.ts";
import { type AgentContext, download, report } from "./server.ts";

export async function deliverJob(a: AgentContext, jobId: string, { job, pdf: downloaded, ippJobId: known }: Claimed): Promise<void> {
  const { signal, log } = a;
  let pdf = downloaded;
  // Hold on to the job while it prints; stop if the server says it is no longer ours.
  const holding = new AbortController();
  const renew = setInterval(async () => {
    try {
      const answer = await report(a, jobId, { state: "PRINTING" });
      if (!answer.go) holding.abort(new Error(`job is ${answer.state}`));
    } catch {}
  }, a.renewMs);
  let resumed = job.resumed;
  let ippJobId = known;
  let outcome: DeliveryOutcome;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        outcome = await deliver({
          uri: a.printer,
          jobName: job.jobName,
          tag: job.tag,
          copies: job.copies,
          userName: "desk-agent",
          ippJobId,
          resumed,
          pdf: async () => (pdf ??= await download(a, jobId, job.sha256)),
          onSubmitted: async (id, how) => {
            ippJobId = id;
            log(how === "sent" ? "sent to printer" : "found at printer; following it instead of sending again", { jobId, ippJobId: id });
            await report(a, jobId, { state: "PRINTING", ippJobId: id });
          },
          signal: AbortSignal.any([signal, holding.signal]),
          pollMs: a.pollMs,
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
  await report(a, jobId, { state, outcome: result });
  log(state === "DONE" ? "printed" : "failed", { jobId, outcome: outcome.kind });
}
