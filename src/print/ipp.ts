/**
 * A small promise API for talking to one IPP printer: read what it is, send it a PDF, follow the
 * job, cancel it. Every failure the printer side can cause (refused or dropped connection, timeout,
 * an HTTP or IPP error status, a job the printer aborted) becomes a `PrinterError` carrying the
 * printer's own words.
 *
 * The `ipp` package (2.0.1) encodes and decodes the IPP messages. Its own transport
 * (`Printer#execute` / `ipp.request`) has no timeout, cannot be aborted and writes to the console on
 * non-200 answers, so requests go out with `fetch` and an `AbortSignal` instead.
 *
 * Messages are sent as IPP/1.1: every IPP printer, old or new, must accept 1.1 (RFC 8011 §4.1.8),
 * and nothing used here needs 2.0.
 */
import type * as Ipp from "ipp";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";

/** The codec, loaded with the first request to a printer: its tables were ~20 ms of every start. */
let codec: typeof Ipp | undefined;
function ippCodec() {
  if (codec) return codec;
  codec = require("ipp") as typeof Ipp;
  // The parser reports values it has no decoder for (`no-value`, e.g. `time-at-completed` of a job
  // still running) on the console; they are "absent" for us.
  (codec.parse as unknown as { handleUnknownTag: () => undefined }).handleUnknownTag = () => undefined;
  return codec;
}

export const IPP_TIMEOUTS = {
  /** Status queries and cancel: a printer on the network answers these in well under a second. */
  queryMs: 10_000,
  /** Print-Job uploads the whole document; printers may read it slowly while they spool. */
  printMs: 60_000,
} as const;

export type PrinterErrorKind = "invalid_uri" | "unreachable" | "timeout" | "http_status" | "ipp_status" | "bad_response" | "job_aborted";

/** Chinese text for people, one per kind; the printer's own words are in `printerMessage`. */
export const PRINTER_ERROR_MESSAGES: Record<PrinterErrorKind, string> = {
  invalid_uri: "打印机地址无效，应形如 ipp://主机:631/ipp/print。",
  unreachable: "无法连接打印机，请检查打印机是否开机、是否连接网络，以及地址是否正确。",
  timeout: "打印机长时间没有响应，请检查打印机状态后重试。",
  http_status: "打印机拒绝了请求，请检查打印机地址是否正确。",
  ipp_status: "打印机拒绝了该操作。",
  bad_response: "打印机的回应无法识别，请确认该地址是 IPP 打印机。",
  job_aborted: "打印机中止了打印任务。",
};

export class PrinterError extends Error {
  readonly kind: PrinterErrorKind;
  readonly uri: string;
  /** The IPP status keyword (`client-error-not-found`...) for `ipp_status`, else null. */
  readonly ippStatus: string | null;
  /** What the printer (or the network stack) said, verbatim, when it said anything. */
  readonly printerMessage: string | null;
  readonly jobId: number | null;

  constructor(
    kind: PrinterErrorKind,
    detail: { uri: string; ippStatus?: string | null; printerMessage?: string | null; jobId?: number | null; cause?: unknown },
  ) {
    const said = [detail.ippStatus, detail.printerMessage].filter(Boolean).join(": ");
    super(`${kind} from ${detail.uri}${detail.jobId != null ? ` job ${detail.jobId}` : ""}${said ? `: ${said}` : ""}`, {
      cause: detail.cause,
    });
    this.name = "PrinterError";
    this.kind = kind;
    this.uri = detail.uri;
    this.ippStatus = detail.ippStatus ?? null;
    this.printerMessage = detail.printerMessage ?? null;
    this.jobId = detail.jobId ?? null;
  }

  /**
   * Whether the same request may succeed later without anyone changing anything: the printer was
   * off, slow or busy. A printer that takes one job at a time (ippeveprinter does) answers a second
   * Print-Job with `server-error-busy` until the first is done.
   */
  get retryable(): boolean {
    return this.kind === "unreachable" || this.kind === "timeout" || (this.ippStatus !== null && RETRYABLE_STATUSES.has(this.ippStatus));
  }
}

const RETRYABLE_STATUSES = new Set([
  "server-error-service-unavailable",
  "server-error-temporary-error",
  "server-error-not-accepting-jobs",
  "server-error-busy",
]);

export type PrinterState = "idle" | "processing" | "stopped";
export type JobStateName = "pending" | "pending-held" | "processing" | "processing-stopped" | "canceled" | "aborted" | "completed";
export type PrinterInfo = {
  makeAndModel: string;
  state: PrinterState;
  /** IPP keywords, e.g. `media-empty`, `toner-low`; empty when the printer reports `none`. */
  stateReasons: string[];
  stateMessage: string | null;
  documentFormats: string[];
};
export type JobState = {
  state: JobStateName;
  /** IPP keywords, e.g. `job-printing`, `job-canceled-by-user`; empty when the printer reports `none`. */
  reasons: string[];
  message: string | null;
};

export const TERMINAL_JOB_STATES: ReadonlySet<JobStateName> = new Set(["canceled", "aborted", "completed"]);

/** Common options: `timeoutMs` bounds each request; aborting `signal` rejects with its reason (not a PrinterError). */
type CallOptions = { uri: string; timeoutMs?: number; signal?: AbortSignal };

// --- responses, checked at the boundary -------------------------------------------------------

/** Text values may come tagged with a language as `lang<RS>text`; keep the text. */
const text = z.string().transform((s) => s.slice(s.indexOf("\u001e") + 1));
const keywords = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((k) => k !== "none"));

const printerAttributes = z.object({
  "printer-make-and-model": text.optional().default(""),
  "printer-state": z.enum(["idle", "processing", "stopped"]),
  "printer-state-reasons": keywords,
  "printer-state-message": text.optional(),
  "document-format-supported": keywords,
});
const jobAttributes = z.object({
  "job-state": z.enum(["pending", "pending-held", "processing", "processing-stopped", "canceled", "aborted", "completed"]),
  "job-state-reasons": keywords,
  "job-state-message": text.optional(),
});
const jobCreated = z.object({ "job-id": z.number().int().positive() });

type Parsed = Record<string, unknown> & { "operation-attributes-tag"?: { "status-message"?: unknown } };

// --- transport ---------------------------------------------------------------------------------

function transportUrl(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new PrinterError("invalid_uri", { uri });
  }
  if (url.protocol !== "ipp:" && url.protocol !== "ipps:") throw new PrinterError("invalid_uri", { uri });
  // ipp(s) is HTTP(S) on port 631 unless the URI says otherwise (RFC 3510).
  return `${url.protocol === "ipps:" ? "https" : "http"}://${url.hostname.includes(":") ? `[${url.hostname}]` : url.hostname}:${url.port || "631"}${url.pathname}${url.search}`;
}

async function call(
  opts: CallOptions & {
    operation: string;
    /** Operation attributes after the charset, language and printer-uri the protocol puts first. */
    attributes?: Record<string, unknown>;
    job?: Record<string, unknown>;
    document?: Uint8Array;
    jobId?: number;
    defaultTimeoutMs: number;
  },
): Promise<Parsed> {
  const { uri, signal } = opts;
  const target = transportUrl(uri);
  const body = ippCodec().serialize({
    version: "1.1",
    operation: opts.operation,
    "operation-attributes-tag": {
      "attributes-charset": "utf-8",
      "attributes-natural-language": "en",
      "printer-uri": uri,
      ...opts.attributes,
    },
    ...(opts.job ? { "job-attributes-tag": opts.job } : {}),
    ...(opts.document ? { data: Buffer.from(opts.document.buffer, opts.document.byteOffset, opts.document.byteLength) } : {}),
  });
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? opts.defaultTimeoutMs);
  const errorDetail = { uri, jobId: opts.jobId };
  let bytes: Buffer;
  try {
    const res = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/ipp" },
      body: new Uint8Array(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new PrinterError("http_status", { ...errorDetail, printerMessage: `HTTP ${res.status} ${res.statusText}`.trim() });
    }
    bytes = Buffer.from(await res.arrayBuffer());
  } catch (e) {
    if (e instanceof PrinterError) throw e;
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) throw new PrinterError("timeout", { ...errorDetail, cause: e });
    throw new PrinterError("unreachable", { ...errorDetail, printerMessage: e instanceof Error ? e.message : String(e), cause: e });
  }
  // An IPP answer starts with its version (1.x or 2.x), a status code and a request id.
  const major = bytes[0] ?? 0;
  if (bytes.length < 9 || major < 1 || major > 2) {
    throw new PrinterError("bad_response", {
      ...errorDetail,
      printerMessage: `not an IPP answer: ${JSON.stringify(bytes.subarray(0, 40).toString("latin1"))}`,
    });
  }
  let parsed: Parsed;
  try {
    parsed = ippCodec().parse(bytes) as unknown as Parsed;
  } catch (e) {
    throw new PrinterError("bad_response", { ...errorDetail, cause: e });
  }
  // Status codes below 0x0100 are the successful-* family (RFC 8011 §B.1).
  const status = bytes.readUInt16BE(2);
  if (status >= 0x0100) {
    const keyword = typeof parsed.statusCode === "string" ? parsed.statusCode : `0x${status.toString(16).padStart(4, "0")}`;
    const message = parsed["operation-attributes-tag"]?.["status-message"];
    throw new PrinterError("ipp_status", {
      ...errorDetail,
      ippStatus: keyword,
      printerMessage: typeof message === "string" ? text.parse(message) : null,
    });
  }
  return parsed;
}

function group<T extends z.ZodType>(parsed: Parsed, name: string, schema: T, detail: { uri: string; jobId?: number }): z.output<T> {
  const r = schema.safeParse(parsed[name]);
  if (!r.success) {
    throw new PrinterError("bad_response", {
      ...detail,
      printerMessage: `${name}: ${r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    });
  }
  return r.data;
}

/** IPP `name` values are at most 255 octets (RFC 8011 §5.1.3); cut on a character boundary. */
function ippName(value: string): string {
  let out = "";
  for (const ch of value) {
    if (Buffer.byteLength(out + ch) > 255) break;
    out += ch;
  }
  return out;
}

// --- operations --------------------------------------------------------------------------------

/** Get-Printer-Attributes: what the printer is and whether it can print now. */
export async function getPrinterInfo(opts: CallOptions): Promise<PrinterInfo> {
  const parsed = await call({
    ...opts,
    operation: "Get-Printer-Attributes",
    attributes: {
      "requested-attributes": ["printer-make-and-model", "printer-state", "printer-state-reasons", "printer-state-message", "document-format-supported"],
    },
    defaultTimeoutMs: IPP_TIMEOUTS.queryMs,
  });
  const a = group(parsed, "printer-attributes-tag", printerAttributes, opts);
  return {
    makeAndModel: a["printer-make-and-model"],
    state: a["printer-state"],
    stateReasons: a["printer-state-reasons"],
    stateMessage: a["printer-state-message"] ?? null,
    documentFormats: a["document-format-supported"],
  };
}

/** Print-Job with one PDF document. Resolves once the printer has accepted (not printed) it. */
export async function printPdf(opts: CallOptions & { pdf: Uint8Array; jobName: string; copies: number; userName: string }): Promise<{ jobId: number }> {
  if (!Number.isInteger(opts.copies) || opts.copies < 1) throw new RangeError(`copies must be a positive integer, got ${opts.copies}`);
  const parsed = await call({
    ...opts,
    operation: "Print-Job",
    attributes: {
      "requesting-user-name": ippName(opts.userName),
      "job-name": ippName(opts.jobName),
      "document-format": "application/pdf",
    },
    job: { copies: opts.copies },
    document: opts.pdf,
    defaultTimeoutMs: IPP_TIMEOUTS.printMs,
  });
  return { jobId: group(parsed, "job-attributes-tag", jobCreated, opts)["job-id"] };
}

/** Get-Job-Attributes: where the job is now. */
export async function getJobState(opts: CallOptions & { jobId: number }): Promise<JobState> {
  const parsed = await call({
    ...opts,
    operation: "Get-Job-Attributes",
    attributes: { "job-id": opts.jobId, "requested-attributes": ["job-state", "job-state-reasons", "job-state-message"] },
    defaultTimeoutMs: IPP_TIMEOUTS.queryMs,
  });
  const a = group(parsed, "job-attributes-tag", jobAttributes, opts);
  return { state: a["job-state"], reasons: a["job-state-reasons"], message: a["job-state-message"] ?? null };
}

/**
 * Polls the job until it is completed or canceled, and resolves with that last state. A job the
 * printer aborted rejects with a `job_aborted` PrinterError carrying the printer's message (or its
 * reasons). `onState` is called with the first state and with every change after it (state,
 * reasons or message), so a paper jam shows up as `processing-stopped` with its reason while the
 * wait goes on. A failed poll rejects at once; whoever waits decides whether to retry.
 */
export async function waitForJob(opts: CallOptions & { jobId: number; onState?: (state: JobState) => void; intervalMs?: number }): Promise<JobState> {
  let last = "";
  for (;;) {
    const s = await getJobState(opts);
    const key = JSON.stringify(s);
    if (key !== last) {
      last = key;
      opts.onState?.(s);
    }
    if (s.state === "aborted") {
      throw new PrinterError("job_aborted", { uri: opts.uri, jobId: opts.jobId, printerMessage: s.message ?? (s.reasons.join(", ") || null) });
    }
    if (TERMINAL_JOB_STATES.has(s.state)) return s;
    await sleep(opts.intervalMs ?? 1000, undefined, { signal: opts.signal }).catch((e) => {
      throw opts.signal?.aborted ? opts.signal.reason : e;
    });
  }
}

const listedJob = z.object({
  "job-id": z.number().int().positive(),
  "job-name": text.optional().default(""),
  "job-state": z.enum(["pending", "pending-held", "processing", "processing-stopped", "canceled", "aborted", "completed"]),
});
export type ListedJob = { jobId: number; name: string; state: JobStateName };

/**
 * Get-Jobs: the printer's jobs, finished ones included (`which-jobs: all`), as far back as the
 * printer keeps them. Used to find a job by the name we gave it when its id was never recorded.
 */
export async function listJobs(opts: CallOptions): Promise<ListedJob[]> {
  const parsed = await call({
    ...opts,
    operation: "Get-Jobs",
    attributes: { "which-jobs": "all", "requested-attributes": ["job-id", "job-name", "job-state"] },
    defaultTimeoutMs: IPP_TIMEOUTS.queryMs,
  });
  const groups = parsed["job-attributes-tag"];
  const list = groups === undefined ? [] : Array.isArray(groups) ? groups : [groups];
  return list.map((g) => {
    const a = group({ "job-attributes-tag": g }, "job-attributes-tag", listedJob, opts);
    return { jobId: a["job-id"], name: a["job-name"], state: a["job-state"] };
  });
}

/**
 * Cancel-Job. The printer may take a while to reach a stop point (the job reports `processing`
 * with reason `processing-to-stop-point` meanwhile); follow it with `waitForJob`. Cancelling a job
 * that already ended is refused by the printer (`client-error-not-possible`).
 */
export async function cancelJob(opts: CallOptions & { jobId: number; userName?: string }): Promise<void> {
  await call({
    ...opts,
    operation: "Cancel-Job",
    attributes: { "job-id": opts.jobId, ...(opts.userName ? { "requesting-user-name": ippName(opts.userName) } : {}) },
    defaultTimeoutMs: IPP_TIMEOUTS.queryMs,
  });
}
