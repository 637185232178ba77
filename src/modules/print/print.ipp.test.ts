/**
 * The server route to paper against real IPP printers (ippeveprinter, started by scripts/test.sh /
 * npm test as root): printers registered by asking them what they are, jobs printed byte for byte,
 * the unapproved Canon refused, cancelled jobs never sent, a busy printer waited for, and a worker
 * killed in the middle of a print resumed by asking the printer instead of printing again.
 * Without the printers (IPP_PRINTERS unset) every test here is skipped and says why.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { join } from "node:path";
import { AppError } from "../../lib/errors.ts";
import { renderBackPagePdf } from "../../render/index.ts";
import { printPdf, waitForJob } from "../../print/ipp.ts";
import { getCertificate } from "../certificates/index.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { testDbKind } from "../../../test/support/db.ts";
import { approvedCertificate, missingPrinters, printerUri, spooledFor, userOf, waitForJobState } from "../../../test/support/print.ts";
import { M } from "./messages.ts";
import { findDocument, jobHistory } from "./queries.ts";
import { ippJobName, ippJobTag } from "./rules.ts";
import { printJobDocuments, printJobs, printPrinters } from "./schema.ts";
import { addApprovedModel, cancelJobs, createOfficeDesk, queueBackPages, queueCertificatePrint, registerPrinter, retryJob } from "./service.ts";
import { startPrintWorker, type PrintWorker } from "./worker.ts";

/** Keep in step with scripts/test.sh. */
const FAST = 8631; // HP Color LaserJet Pro M252 (approved), completes at once
const CANON = 8632; // Canon PIXMA TS3100 (not approved)
const SLOW = 8633; // HP LaserJet Pro M404, ~10 s per job; approved here by the office admin

const missing = missingPrinters(FAST, CANON, SLOW);
if (missing.length) console.warn(`print.ipp.test.ts: skipped, printers on ports ${missing.join(", ")} are not up (IPP_PRINTERS unset). Run npm test as root.`);

let t: Awaited<ReturnType<typeof startTestApp>>;
let worker: PrintWorker;
let fastDesk: string;
let slowDesk: string;
let fastPrinter: string;

const startWorker = () => startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 100, ippPollMs: 100, busyRetryMs: 1000 });
const clerk = async () => ({ db: t.db, events: t.events, user: await userOf(t.db, "print1100"), verifyBaseUrl: "https://origo.example" });
const jobRow = async (id: string) => (await t.db.query.printJobs.findFirst({ where: eq(printJobs.id, id) }))!;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

describe.skipIf(missing.length > 0)("printing through the server's worker", () => {
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await userOf(t.db, "admin1100");
    fastDesk = (await createOfficeDesk({ db: t.db, user: admin, name: "一号打印台", route: "SERVER" })).id;
    slowDesk = (await createOfficeDesk({ db: t.db, user: admin, name: "二号打印台", route: "SERVER" })).id;
    fastPrinter = (await registerPrinter({ db: t.db, events: t.events, user: admin, deskId: fastDesk, name: "HP M252", uri: printerUri(FAST) })).id;
    worker = startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  test("printers are registered by what they report over IPP: the Canon is refused with the reason, the M404 once the admin approves it", async () => {
    const admin = await userOf(t.db, "admin1100");
    const canon = await rejection(registerPrinter({ db: t.db, events: t.events, user: admin, deskId: slowDesk, name: "Canon", uri: printerUri(CANON) }));
    expect(canon.message).toContain("Canon PIXMA TS3100");
    expect(canon.message).toContain("Color LaserJet Pro M252");
    expect(canon.message).not.toContain("名称");
    const before = await rejection(registerPrinter({ db: t.db, events: t.events, user: admin, deskId: slowDesk, name: "HP M404", uri: printerUri(SLOW) }));
    expect(before.message).toContain("HP LaserJet Pro M404");
    await addApprovedModel({ db: t.db, user: admin, vendor: "hp", code: "M404", label: "惠普 (HP) LaserJet Pro M404 黑白激光打印机" });
    const slow = await registerPrinter({ db: t.db, events: t.events, user: admin, deskId: slowDesk, name: "HP M404", uri: printerUri(SLOW) });
    expect(slow).toMatchObject({ makeAndModel: "HP LaserJet Pro M404", model: { code: "m404" } });
  });

  test("an eCO goes to the printer byte for byte, the job reaches DONE and the certificate is issued", async () => {
    const c = await approvedCertificate(t.db, { copies: 2 });
    const { id } = await queueCertificatePrint({ ...(await clerk()), certificateId: c.id, deskId: fastDesk });
    const job = await waitForJobState(t.db, id, ["DONE"]);
    const doc = (await findDocument(t.db, id))!;
    const kept = spooledFor(FAST, ippJobTag(job));
    expect(kept).toHaveLength(1);
    expect(kept[0]!.ippJobId).toBe(job.ippJobId!);
    expect(kept[0]!.bytes).toEqual(doc.pdf);
    expect((await jobHistory(t.db, id)).map((h) => h.state)).toEqual(["QUEUED", "COMPOSING", "COMPOSED", "PRINTING", "DONE"]);
    const cert = await getCertificate({ db: t.db, user: (await clerk()).user, id: c.id });
    expect(cert).toMatchObject({ status: "ISSUED", printCount: 1 });
  });

  test("a printer that is not an approved model gets PRINTER_MISMATCH with what it reported; after the fix a retry prints", async () => {
    // The device at the registered address was swapped for the Canon.
    await t.db
      .update(printPrinters)
      .set({ uri: printerUri(CANON) })
      .where(eq(printPrinters.id, fastPrinter));
    const { id } = await queueBackPages({ ...(await clerk()), deskId: fastDesk, formType: "GENERAL", count: 1 });
    const job = await waitForJobState(t.db, id, ["PRINTER_MISMATCH"]);
    expect(job.message).toContain("Canon PIXMA TS3100");
    expect(spooledFor(CANON, ippJobTag(job))).toEqual([]);
    await t.db
      .update(printPrinters)
      .set({ uri: printerUri(FAST) })
      .where(eq(printPrinters.id, fastPrinter));
    await retryJob({ ...(await clerk()), id });
    const done = await waitForJobState(t.db, id, ["DONE"]);
    expect(done.run).toBe(2);
    expect(spooledFor(FAST, ippJobTag(done))).toHaveLength(1);
  });

  test("a cancelled job never reaches the printer", async () => {
    await worker.stop();
    const ctx = await clerk();
    const cancelled = await queueBackPages({ ...ctx, deskId: fastDesk, formType: "GENERAL", count: 4 });
    const kept = await queueBackPages({ ...ctx, deskId: fastDesk, formType: "GENERAL", count: 5 });
    await cancelJobs({ ...ctx, ids: [cancelled.id] });
    worker = startWorker();
    const printed = await waitForJobState(t.db, kept.id, ["DONE"]);
    expect(spooledFor(FAST, ippJobTag(printed))).toHaveLength(1);
    const gone = await jobRow(cancelled.id);
    expect(gone.state).toBe("CANCELLED");
    // No run of it, under any run number.
    expect(spooledFor(FAST, `origo-${cancelled.id}`)).toEqual([]);
    expect((await jobHistory(t.db, cancelled.id)).map((h) => h.state)).toEqual(["QUEUED", "CANCELLED"]);
  });

  test("a busy printer is asked again later, not failed: two jobs on the slow printer both print once", async () => {
    const ctx = await clerk();
    const a = await queueBackPages({ ...ctx, deskId: slowDesk, formType: "GENERAL", count: 1 });
    const b = await queueBackPages({ ...ctx, deskId: slowDesk, formType: "GENERAL", count: 2 });
    const [ja, jb] = [await waitForJobState(t.db, a.id, ["DONE"], 60_000), await waitForJobState(t.db, b.id, ["DONE"], 60_000)];
    const notes = [...(await jobHistory(t.db, a.id)), ...(await jobHistory(t.db, b.id))].map((h) => h.note ?? "");
    expect(notes.some((n) => n.startsWith("打印机忙") && n.includes("server-error-busy"))).toBe(true);
    expect(spooledFor(SLOW, ippJobTag(ja))).toHaveLength(1);
    expect(spooledFor(SLOW, ippJobTag(jb))).toHaveLength(1);
  }, 90_000);

  test.skipIf(testDbKind === "pglite")(
    "a worker killed while its job prints: the next worker asks the printer and does not print again",
    async () => {
      await worker.stop();
      const doomed = Bun.spawn(["bun", "run", join(import.meta.dir, "../../../test/support/print-worker.ts"), t.database.name, "2000"], {
        stdout: "pipe",
        stderr: "inherit",
      });
      const { id } = await queueBackPages({ ...(await clerk()), deskId: slowDesk, formType: "GENERAL", count: 1 });
      for (;;) {
        const j = await jobRow(id);
        if (j.state === "PRINTING" && j.ippJobId) break;
        await Bun.sleep(50);
      }
      doomed.kill("SIGKILL");
      await doomed.exited;
      expect(await jobRow(id)).toMatchObject({ state: "PRINTING", leaseOwner: "doomed-worker" });
      worker = startWorker();
      const done = await waitForJobState(t.db, id, ["DONE"], 60_000);
      const history = await jobHistory(t.db, id);
      expect(history.map((h) => h.note)).toContain(M.resumed);
      expect(history.filter((h) => h.state === "PRINTING" && h.note === M.printing("HP M404"))).toHaveLength(1);
      expect(spooledFor(SLOW, ippJobTag(done))).toHaveLength(1);
    },
    90_000,
  );

  describe("a job left PRINTING without the printer's job id (the crash came between sending and recording)", () => {
    /** A job as a dead worker left it: composed, PRINTING, lease run out, no IPP job id. */
    async function orphan() {
      await worker.stop();
      const { id } = await queueBackPages({ ...(await clerk()), deskId: fastDesk, formType: "GENERAL", count: 1 });
      const pdf = await renderBackPagePdf({ type: "GENERAL" });
      await t.db.insert(printJobDocuments).values({ jobId: id, pdf, sha256: new Bun.CryptoHasher("sha256").update(pdf).digest("hex") });
      await t.db
        .update(printJobs)
        .set({ state: "PRINTING", printerId: fastPrinter, leaseOwner: "ghost", leaseUntil: new Date(Date.now() - 1000) })
        .where(eq(printJobs.id, id));
      return { job: await jobRow(id), pdf };
    }

    test("the printer has it: found by its tag and followed, not sent again", async () => {
      const { job, pdf } = await orphan();
      const sent = await printPdf({ uri: printerUri(FAST), pdf, jobName: ippJobName(job), copies: 1, userName: "ghost" });
      await waitForJob({ uri: printerUri(FAST), jobId: sent.jobId, intervalMs: 50 });
      worker = startWorker();
      const done = await waitForJobState(t.db, job.id, ["DONE"]);
      expect(done.ippJobId).toBe(sent.jobId);
      expect((await jobHistory(t.db, job.id)).map((h) => h.note)).toContain(M.resumedFound(sent.jobId));
      expect(spooledFor(FAST, ippJobTag(job))).toHaveLength(1);
    });

    test("the printer never got it: sent once", async () => {
      const { job, pdf } = await orphan();
      worker = startWorker();
      const done = await waitForJobState(t.db, job.id, ["DONE"]);
      const kept = spooledFor(FAST, ippJobTag(job));
      expect(kept).toHaveLength(1);
      expect(kept[0]!.bytes).toEqual(pdf);
      expect(kept[0]!.ippJobId).toBe(done.ippJobId!);
    });
  });
});
