/**
 * The IPP client against real printers (ippeveprinter). Needs the printers that
 * scripts/test.sh (npm test) starts through scripts/with-ipp-printers; without them (IPP_PRINTERS unset) every
 * test here is skipped and says why.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cancelJob, getJobState, getPrinterInfo, printPdf, PrinterError, TERMINAL_JOB_STATES, waitForJob, type JobState } from "./ipp.ts";
import { APPROVED_PRINTER_MODELS, matchApprovedModel } from "./printer-models.ts";

/** Keep in step with the printers scripts/test.sh starts. */
const FAST_APPROVED = 8631; // HP Color LaserJet Pro M252, completes at once
const FAST_OTHER = 8632; // Canon PIXMA TS3100, completes at once
const SLOW = 8633; // HP LaserJet Pro M404, simulates ~10 s of printing
/** Started by the aborted-job test inside the namespace: a printer whose print command fails. */
const BROKEN = 8639;

const uris = (process.env.IPP_PRINTERS ?? "").split(" ").filter(Boolean);
const uriOf = (port: number) => `ipp://localhost:${port}/ipp/print`;
const missing = [FAST_APPROVED, FAST_OTHER, SLOW].filter((p) => !uris.includes(uriOf(p)));
const skip = missing.length > 0;
if (skip) {
  console.warn(
    `ipp.ipp.test.ts: skipped, printers on ports ${missing.join(", ")} are not up (IPP_PRINTERS=${JSON.stringify(process.env.IPP_PRINTERS ?? "")}). Run npm test as root.`,
  );
}

/** A small valid one-page PDF, unique per call, with bytes above 0x7F so a lossy copy would show. */
function samplePdf(label: string): Uint8Array {
  const content = `BT /F1 18 Tf 72 720 Td (${label}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (c) => c.charCodeAt(0));
}

/** The file the printer kept for a job (ippeveprinter -k names it `<job-id>-<job-name>.pdf`). */
function spooled(port: number, jobId: number): Uint8Array {
  const dir = process.env[`IPP_SPOOL_${port}`];
  if (!dir) throw new Error(`IPP_SPOOL_${port} is not set`);
  const name = readdirSync(dir).find((f) => f.startsWith(`${jobId}-`) && f.endsWith(".pdf"));
  if (!name) throw new Error(`printer ${port} kept no file for job ${jobId}: ${readdirSync(dir).join(", ")}`);
  return new Uint8Array(readFileSync(join(dir, name)));
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

// Cancelling on the slow printer waits for it to reach a stop point (about 7 s here).
setDefaultTimeout(30_000);

describe.skipIf(skip)("IPP against real printers", () => {
  test("reads make and model, state and formats; the approved model matches and the other does not", async () => {
    const hp = await getPrinterInfo({ uri: uriOf(FAST_APPROVED) });
    expect(hp.makeAndModel).toBe("HP Color LaserJet Pro M252");
    expect(hp.state).toBe("idle");
    expect(hp.stateReasons).toEqual([]);
    expect(hp.documentFormats).toContain("application/pdf");
    expect(matchApprovedModel(hp.makeAndModel, APPROVED_PRINTER_MODELS)).toMatchObject({ ok: true, model: { id: "hp-m252" } });

    const canon = await getPrinterInfo({ uri: uriOf(FAST_OTHER) });
    expect(canon.makeAndModel).toBe("Canon PIXMA TS3100");
    const m = matchApprovedModel(canon.makeAndModel, APPROVED_PRINTER_MODELS);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reason).toContain("Canon PIXMA TS3100");

    expect((await getPrinterInfo({ uri: uriOf(SLOW) })).makeAndModel).toBe("HP LaserJet Pro M404");
  });

  test("a printed PDF reaches the printer byte for byte and the job completes", async () => {
    const pdf = samplePdf(`origo ${crypto.randomUUID()}`);
    const { jobId } = await printPdf({ uri: uriOf(FAST_APPROVED), pdf, jobName: "CCPIT 证书 C2611000000001", copies: 2, userName: "打印员 李" });
    expect(jobId).toBeGreaterThan(0);
    const seen: JobState[] = [];
    const final = await waitForJob({ uri: uriOf(FAST_APPROVED), jobId, intervalMs: 100, onState: (s) => seen.push(s) });
    expect(final.state).toBe("completed");
    expect(seen.at(-1)).toEqual(final);
    expect(spooled(FAST_APPROVED, jobId)).toEqual(pdf);
  });

  test("jobs sent one after another get their own ids and their own documents", async () => {
    const uri = uriOf(FAST_OTHER);
    const a = samplePdf("first");
    const b = samplePdf("second");
    const ja = await printPdf({ uri, pdf: a, jobName: "a", copies: 1, userName: "t" });
    await waitForJob({ uri, jobId: ja.jobId, intervalMs: 50 });
    const jb = await printPdf({ uri, pdf: b, jobName: "b", copies: 1, userName: "t" });
    await waitForJob({ uri, jobId: jb.jobId, intervalMs: 50 });
    expect(jb.jobId).not.toBe(ja.jobId);
    expect(spooled(FAST_OTHER, ja.jobId)).toEqual(a);
    expect(spooled(FAST_OTHER, jb.jobId)).toEqual(b);
  });

  test("a busy printer refuses a second job as retryable; a job cancelled while printing ends canceled", async () => {
    const uri = uriOf(SLOW);
    const { jobId } = await printPdf({ uri, pdf: samplePdf("to cancel"), jobName: "cancel me", copies: 1, userName: "t" });
    expect(["pending", "processing"]).toContain((await getJobState({ uri, jobId })).state);

    const busy = (await rejection(printPdf({ uri, pdf: samplePdf("second"), jobName: "second", copies: 1, userName: "t" }))) as PrinterError;
    expect(busy).toBeInstanceOf(PrinterError);
    expect(busy.ippStatus).toBe("server-error-busy");
    expect(busy.printerMessage).toBe("Currently printing another job.");
    expect(busy.retryable).toBe(true);

    await cancelJob({ uri, jobId, userName: "t" });
    const final = await waitForJob({ uri, jobId, intervalMs: 200 });
    expect(final.state).toBe("canceled");
    expect(final.reasons).toContain("job-canceled-by-user");

    // The printer refuses to cancel it twice, and says so; trying again would not help.
    const again = (await rejection(cancelJob({ uri, jobId }))) as PrinterError;
    expect(again).toBeInstanceOf(PrinterError);
    expect(again.kind).toBe("ipp_status");
    expect(again.ippStatus).toBe("client-error-not-possible");
    expect(again.printerMessage).toContain("already canceled");
    expect(again.retryable).toBe(false);
  });

  test("stopping the wait with a signal leaves the job alone and rejects with the signal's reason", async () => {
    const uri = uriOf(SLOW);
    const { jobId } = await printPdf({ uri, pdf: samplePdf("wait abort"), jobName: "wait abort", copies: 1, userName: "t" });
    const controller = new AbortController();
    const reason = new Error("page closed");
    const e = await rejection(waitForJob({ uri, jobId, signal: controller.signal, intervalMs: 100, onState: () => controller.abort(reason) }));
    expect(e).toBe(reason);
    expect(TERMINAL_JOB_STATES.has((await getJobState({ uri, jobId })).state)).toBe(false);
    // Clean-up, not the subject: free the printer for the next test. On a loaded machine the job can
    // reach the end of its ~10 s before the printer's next stop point, so either end will do.
    await cancelJob({ uri, jobId }).catch(() => {});
    expect(TERMINAL_JOB_STATES.has((await waitForJob({ uri, jobId, intervalMs: 200 })).state)).toBe(true);
  });

  test("an unknown job is the printer's `client-error-not-found`, with its message", async () => {
    const e = (await rejection(getJobState({ uri: uriOf(FAST_APPROVED), jobId: 987654 }))) as PrinterError;
    expect(e).toBeInstanceOf(PrinterError);
    expect(e.kind).toBe("ipp_status");
    expect(e.ippStatus).toBe("client-error-not-found");
    expect(e.printerMessage).toBe("Job not found.");
    expect(e.jobId).toBe(987654);
  });

  test("nothing listening on the printer's port is `unreachable`", async () => {
    const e = (await rejection(getPrinterInfo({ uri: "ipp://localhost:8699/ipp/print" }))) as PrinterError;
    expect(e).toBeInstanceOf(PrinterError);
    expect(e.kind).toBe("unreachable");
  });

  test("an aborted job rejects the wait with a `job_aborted` PrinterError carrying the printer's message", async () => {
    // A printer whose print command fails. Inside with-ipp-printers a private D-Bus and avahi
    // already run, so another ippeveprinter can start here.
    const spool = mkdtempSync(join(tmpdir(), "origo-ipp-broken-"));
    const printer = Bun.spawn(
      [
        "ippeveprinter",
        "-p",
        String(BROKEN),
        "-n",
        "localhost",
        "-M",
        "HP",
        "-m",
        "Color LaserJet Pro M252",
        "-d",
        spool,
        "-k",
        "-c",
        "/bin/false",
        "-f",
        "application/pdf",
        `P${BROKEN}`,
      ],
      { stdout: "ignore", stderr: "ignore" },
    );
    try {
      for (let i = 0; i < 100 && !(await portOpen(BROKEN)); i++) await Bun.sleep(100);
      const uri = uriOf(BROKEN);
      const { jobId } = await printPdf({ uri, pdf: samplePdf("abort"), jobName: "abort", copies: 1, userName: "t" });
      const e = (await rejection(waitForJob({ uri, jobId, intervalMs: 100 }))) as PrinterError;
      expect(e).toBeInstanceOf(PrinterError);
      expect(e.kind).toBe("job_aborted");
      expect(e.jobId).toBe(jobId);
      expect(e.printerMessage).toBe("Job aborted.");
      expect(await getJobState({ uri, jobId })).toMatchObject({ state: "aborted", reasons: ["aborted-by-system"] });
    } finally {
      printer.kill();
      await printer.exited;
      rmSync(spool, { recursive: true, force: true });
    }
  });
});

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: "localhost" }, () => {
      s.end();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}
