/** The print worker's first step (worker.ts): a claimed job's PDF composed and stored, or the job marked COMPOSE_FAILED. */
import { AppError } from "../../lib/errors.ts";
import { log } from "../../lib/log.ts";
import { ComposeError, composeJobPdf } from "./compose.ts";
import { released, transition } from "./jobs.ts";
import { M } from "./messages.ts";
import { findDesk, findPrinter, type JobRow } from "./queries.ts";
import { printJobDocuments } from "./schema.ts";
import { whileHeld, type WorkerContext } from "./worker-claim.ts";

export async function compose(w: WorkerContext, job: JobRow) {
  const { db, events, actor } = w;
  const desk = (await findDesk(db, job.deskId))!;
  const printerId = job.kind === "CALIBRATION" ? job.printerId : desk.printerId;
  const printer = printerId ? ((await findPrinter(db, printerId)) ?? null) : null;
  let pdf: Uint8Array;
  try {
    pdf = await composeJobPdf({ db, job, desk, printer: printer?.removedAt ? null : printer, secretKey: w.secretKey });
  } catch (err) {
    const known = err instanceof ComposeError || err instanceof AppError;
    if (!known) log.error("print job compose failed", { jobId: job.id, err });
    const why = known ? err.message : err instanceof Error ? err.message : String(err);
    await whileHeld(w, job, "COMPOSING", (tx, current) =>
      transition(tx, events, current, "COMPOSE_FAILED", { actor, note: M.composeFailed(why), set: { ...released, message: M.composeFailed(why) } }),
    );
    return;
  }
  const sha256 = new Bun.CryptoHasher("sha256").update(pdf).digest("hex");
  await whileHeld(w, job, "COMPOSING", async (tx, current) => {
    await tx
      .insert(printJobDocuments)
      .values({ jobId: job.id, pdf, sha256 })
      .onConflictDoUpdate({ target: printJobDocuments.jobId, set: { pdf, sha256, createdAt: new Date() } });
    const waiting = desk.route === "AGENT" && !desk.agentSeenAt ? M.agentWaiting : null;
    await transition(tx, events, current, "COMPOSED", {
      actor,
      note: M.composed(`${Math.ceil(pdf.byteLength / 1024)} KB`),
      set: { ...released, printerId: printer && !printer.removedAt ? printer.id : null, ippJobId: null, attempts: 0, notBefore: new Date(), message: waiting },
    });
  });
}
