/** Pure rules of print jobs (DESIGN.md "Printing"; manual 五、打印 and Q14–Q21). No I/O here. */
import { PRINTER_ERROR_MESSAGES, type PrinterErrorKind } from "../../print/ipp.ts";
import { M } from "./messages.ts";

export const JOB_STATES = [
  "QUEUED",
  "COMPOSING",
  "COMPOSED",
  "DOWNLOADING",
  "PRINTING",
  "DONE",
  "COMPOSE_FAILED",
  "PRINTER_MISMATCH",
  "FAILED",
  "CANCELLED",
] as const;
export type JobState = (typeof JOB_STATES)[number];
export type JobKind = "CERTIFICATE" | "BACK_PAGE" | "CALIBRATION" | "COMMERCIAL";
export type Route = "SERVER" | "AGENT";

/** Anything before the printer has the document may be cancelled, one or many at once (manual 取消打印任务). */
export const CANCELLABLE: readonly JobState[] = ["QUEUED", "COMPOSING", "COMPOSED", "DOWNLOADING", "COMPOSE_FAILED", "PRINTER_MISMATCH", "FAILED"];
/** The failed states wait for a person: retry (manual Q14 “重试”) or cancel. */
export const RETRYABLE: readonly JobState[] = ["COMPOSE_FAILED", "PRINTER_MISMATCH", "FAILED"];
/** Still on its way to paper. */
export const IN_PROGRESS: readonly JobState[] = ["QUEUED", "COMPOSING", "COMPOSED", "DOWNLOADING", "PRINTING"];
export const FINAL: readonly JobState[] = ["DONE", "CANCELLED"];

export const isCancellable = (s: JobState) => CANCELLABLE.includes(s);
export const isRetryable = (s: JobState) => RETRYABLE.includes(s);

/** What an agent may report. DOWNLOADING is its claim on a job; the others follow it. */
export const AGENT_STATES = ["DOWNLOADING", "PRINTING", "DONE", "FAILED"] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** How long a claim lasts unless renewed; holders renew at a third of it. */
export const LEASE = {
  workerMs: 30_000,
  agentMs: 15_000,
} as const;

/** Printer not reachable before anything was sent: retried with growing pauses, then FAILED. */
export const UNREACHABLE_RETRIES = 5;
export const retryDelayMs = (attempt: number) => Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
/** A busy printer (server-error-busy) is printing another job: ask again soon, without limit. */
export const BUSY_RETRY_MS = 3_000;

/**
 * Every IPP job we send is named `origo-<job id>.<run> <title>` (run: 1, then one more per retry). After a crash between sending and
 * recording the printer's job id, the printer's job list is searched for this tag, so the job is
 * followed instead of printed twice.
 */
export const ippJobTag = (job: { id: string; run: number }) => `origo-${job.id}.${job.run}`;
export const ippJobName = (job: { id: string; run: number; title: string }) => `${ippJobTag(job)} ${job.title}`;

export type Side = "office" | "enterprise";

/**
 * Whether a certificate may be queued at a desk of this side; null when it may, else the reason.
 * The office prints what it approved; an enterprise prints only eCO it asked to print itself
 * (申请本地打印).
 */
export function printRefusal(side: Side, c: { status: string; printMode: string; localPrint: boolean }): string | null {
  if (c.status !== "APPROVED" && c.status !== "ISSUED") return M.notPrintableStatus;
  if (side === "enterprise" && !(c.localPrint && c.printMode === "ECO")) return M.notLocalPrint;
  return null;
}

/** A certificate printed before is reprinted: that needs a reason, which is recorded and counted. */
export function reprintReasonProblem(printCount: number, reason: string | undefined): string | null {
  const r = (reason ?? "").trim();
  if (printCount > 0 && !r) return M.reprintReasonRequired;
  if (r.length > 200) return M.reprintReasonTooLong;
  return null;
}

export const CALIBRATION_LIMIT_MM = 10;
export const calibrationOk = (mm: number) => Number.isFinite(mm) && Math.abs(mm) <= CALIBRATION_LIMIT_MM;

export const BACK_PAGE_MAX = 100;

/** The model code typed by an admin, as the matcher compares it (`M404dn` → `m404`). */
export function normalizeModelCode(typed: string): string | null {
  const m = /^([a-z]{1,3})(\d{3,5})[a-z]{0,3}$/.exec(typed.normalize("NFKC").trim().toLowerCase());
  return m ? m[1]! + m[2]! : null;
}

/** `ipp://` or `ipps://` with a host; the path defaults the way printers publish it. */
export function normalizePrinterUri(typed: string): string | null {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== "ipp:" && url.protocol !== "ipps:") || !url.hostname) return null;
  return url.toString();
}

/** A printer failure in words for the desk: what kind of trouble, then what the printer itself said. */
export function printerSays(e: { kind: PrinterErrorKind; ippStatus: string | null; printerMessage: string | null }): string {
  const said = [e.ippStatus, e.printerMessage].filter(Boolean).join(": ");
  return said ? `${PRINTER_ERROR_MESSAGES[e.kind]}（打印机：${said}）` : PRINTER_ERROR_MESSAGES[e.kind];
}
