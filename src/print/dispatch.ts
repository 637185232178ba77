/**
 * Getting one document onto paper over IPP, the same way for both routes to a printer: the
 * server's print worker (printers it can reach) and the desk agent (a printer on the desk's own
 * network). No database here: callers persist each step through the callbacks, before the next
 * step happens, so that a crash at any point leaves enough behind to resume without a silent
 * second print:
 *
 * 1. The caller records that the job is PRINTING *before* the document is sent.
 * 2. The document is sent as an IPP job named `origo-<job id> …`; `onSubmitted` records the
 *    printer's job id as soon as the printer answers.
 * 3. The job is followed with Get-Job-Attributes until it completes, is cancelled or aborted.
 *
 * Resuming a job found PRINTING: with a recorded IPP job id, that job is followed; without one, the
 * printer's job list is searched for the job's tag (the crash came between 1 and 2), and only when
 * the printer has no such job is the document sent.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { listJobs, printPdf, PrinterError, waitForJob, type JobState } from "./ipp.ts";

export type DeliveryOutcome =
  | { kind: "done"; ippJobId: number }
  /** The printer aborted the job (paper jam it gave up on, unreadable document…). */
  | { kind: "aborted"; ippJobId: number; printerMessage: string | null }
  /** Someone cancelled the job at the printer (its panel or web page), not through us. */
  | { kind: "canceled"; ippJobId: number; printerMessage: string | null }
  /** The printer no longer knows the job id we recorded (restarted, history purged): outcome unknown. */
  | { kind: "lost"; ippJobId: number }
  /** The printer stopped answering while the job printed, for longer than `giveUpAfterMs`: outcome unknown. */
  | { kind: "unreachable"; ippJobId: number; printerMessage: string | null }
  /** The printer refused to take the document now (busy, not accepting): nothing was printed; try later. */
  | { kind: "refused"; error: PrinterError };

export type DeliveryInput = {
  uri: string;
  /** The IPP job name; starts with the job's tag (`origo-<id>`). */
  jobName: string;
  /** Matches our job in the printer's list: the tag alone or the tag and a space. */
  tag: string;
  copies: number;
  userName: string;
  /** Recorded IPP job id of a resumed job, else null. */
  ippJobId: number | null;
  /** True when the job was found PRINTING (a previous holder may have sent it already). */
  resumed: boolean;
  /** The document; asked for only when it has to be sent. */
  pdf: () => Promise<Uint8Array>;
  /** Persist the printer's job id; called once, before the job is followed. */
  onSubmitted: (ippJobId: number, how: "sent" | "found") => Promise<void>;
  onState?: (state: JobState) => void;
  /** Stops following (the holder lost its lease or is shutting down); rejects with the signal's reason. */
  signal?: AbortSignal;
  pollMs?: number;
  /** How long a printer may stay silent while its job prints before the outcome is called unknown (default 5 min). */
  giveUpAfterMs?: number;
};

/** Searches the printer's jobs for one with our tag; the newest one if several (a retried job). */
export async function findSubmittedJob({ uri, tag, signal }: { uri: string; tag: string; signal?: AbortSignal }): Promise<number | null> {
  const jobs = await listJobs({ uri, signal });
  const mine = jobs.filter((j) => j.name === tag || j.name.startsWith(`${tag} `));
  return mine.length ? Math.max(...mine.map((j) => j.jobId)) : null;
}

/**
 * Sends (or resumes) and follows one job to its end. Transport failures while sending reject with
 * the PrinterError (the caller decides: the document may or may not have arrived, so it resumes
 * through the tag search); an IPP refusal (the printer answered and took nothing) resolves as
 * `refused`. While following, failed polls are retried until the signal stops the wait.
 */
export async function deliver(input: DeliveryInput): Promise<DeliveryOutcome> {
  const { uri, signal } = input;
  let ippJobId = input.ippJobId;
  if (ippJobId === null && input.resumed) {
    ippJobId = await findSubmittedJob({ uri, tag: input.tag, signal });
    if (ippJobId !== null) await input.onSubmitted(ippJobId, "found");
  }
  if (ippJobId === null) {
    const pdf = await input.pdf();
    try {
      ippJobId = (await printPdf({ uri, pdf, jobName: input.jobName, copies: input.copies, userName: input.userName, signal })).jobId;
    } catch (e) {
      if (e instanceof PrinterError && e.kind === "ipp_status") return { kind: "refused", error: e };
      throw e;
    }
    await input.onSubmitted(ippJobId, "sent");
  }
  return follow({ uri, ippJobId, signal, onState: input.onState, pollMs: input.pollMs, giveUpAfterMs: input.giveUpAfterMs });
}

async function follow({
  uri,
  ippJobId,
  signal,
  onState,
  pollMs = 1000,
  giveUpAfterMs = 5 * 60_000,
}: {
  uri: string;
  ippJobId: number;
  signal?: AbortSignal;
  onState?: (s: JobState) => void;
  pollMs?: number;
  giveUpAfterMs?: number;
}): Promise<DeliveryOutcome> {
  let silentSince: number | null = null;
  for (;;) {
    try {
      const final = await waitForJob({ uri, jobId: ippJobId, signal, intervalMs: pollMs, onState });
      if (final.state === "completed") return { kind: "done", ippJobId };
      return { kind: "canceled", ippJobId, printerMessage: final.message ?? (final.reasons.join(", ") || null) };
    } catch (e) {
      if (!(e instanceof PrinterError)) throw e;
      if (e.kind === "job_aborted") return { kind: "aborted", ippJobId, printerMessage: e.printerMessage };
      if (e.ippStatus === "client-error-not-found") return { kind: "lost", ippJobId };
      // The printer did not answer this poll; the job is still its own business. Ask again, for a while.
      silentSince ??= Date.now();
      if (Date.now() - silentSince > giveUpAfterMs) return { kind: "unreachable", ippJobId, printerMessage: e.printerMessage ?? e.message };
      await sleep(Math.max(pollMs, 1000), undefined, { signal }).catch(() => {
        throw signal?.reason;
      });
    }
  }
}
