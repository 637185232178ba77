/**
 * The one place a print job changes state: the row, a history row and the bus event commit in one
 * transaction (the event is delivered on commit, never for a rolled-back change). Callers lock the
 * job row first (`lockJob`) and decide from what they see.
 */
import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.ts";
import type { EventBus } from "../../lib/events.ts";
import { recordCertificatePrint } from "../certificates/index.ts";
import { recordCommercialPrint } from "../commercial/index.ts";
import { M } from "./messages.ts";
import { findDesk, type JobRow } from "./queries.ts";
import type { JobState } from "./rules.ts";
import { printJobHistory, printJobs } from "./schema.ts";

export type PrintJobEvent = {
  jobId: string;
  deskId: string;
  officeCode: string;
  enterpriseId: string | null;
  certificateId: string | null;
  state: JobState;
  /** The history row's id: increasing, and the SSE event id. */
  eventId: number;
};
/** Events the print slice emits (the app composes every slice's events where it starts the bus). */
export type PrintEvents = {
  "print.job": PrintJobEvent;
  /** The desk's printer or agent changed (pages showing the desk redraw its header). */
  "print.desk": { deskId: string; officeCode: string };
};
export type PrintBus = EventBus<PrintEvents>;

export type Actor = { id: string | null; name: string };
/** A server print worker, named so a job's history shows which process moved it. */
export const workerActor = (workerId: string): Actor => ({ id: null, name: `打印服务（${workerId}）` });
export const agentActor = (deskName: string): Actor => ({ id: null, name: `打印组件（${deskName}）` });

type Patch = Omit<PgUpdateSetSource<typeof printJobs>, "id" | "state">;

/** Writes a history row for the job (a state change, or a note in the same state) and announces it. */
export async function recordJobEvent(
  tx: DbOrTx,
  events: PrintBus,
  job: JobRow,
  { state, actor, note }: { state: JobState; actor: Actor; note?: string | null },
) {
  const [h] = await tx
    .insert(printJobHistory)
    .values({ jobId: job.id, deskId: job.deskId, state, actorId: actor.id, by: actor.name, note: note ?? null })
    .returning({ id: printJobHistory.id });
  await events.emit(
    "print.job",
    { jobId: job.id, deskId: job.deskId, officeCode: job.officeCode, enterpriseId: job.enterpriseId, certificateId: job.certificateId, state, eventId: h!.id },
    { tx },
  );
}

/** Moves a (locked) job to `to`, with what else changes, and records it. Returns the new row. */
export async function transition(
  tx: DbOrTx,
  events: PrintBus,
  job: JobRow,
  to: JobState,
  { actor, note, set = {} }: { actor: Actor; note?: string | null; set?: Patch },
) {
  const [row] = await tx
    .update(printJobs)
    .set({ ...set, state: to, updatedAt: sql`now()` })
    .where(eq(printJobs.id, job.id))
    .returning();
  await recordJobEvent(tx, events, row!, { state: to, actor, note });
  return row!;
}

/** Leaves the job to nobody: the next worker or agent may take it at once. */
export const released = { leaseOwner: null, leaseUntil: null } satisfies Patch;

/** How a print attempt ended, as both routes report it. */
export type PrintOutcome =
  | { kind: "done" }
  | { kind: "aborted"; printerMessage: string | null }
  | { kind: "canceled"; printerMessage: string | null }
  | { kind: "lost" }
  | { kind: "unreachable"; printerMessage: string | null }
  | { kind: "refused"; printerMessage: string };

/**
 * Ends a PRINTING job by its outcome. DONE of a certificate job also counts the print on the
 * certificate (eCO → ISSUED) in this same transaction (certificates' `recordCertificatePrint`).
 */
export async function finishJob(tx: DbOrTx, events: PrintBus, job: JobRow, outcome: PrintOutcome, actor: Actor) {
  if (outcome.kind === "done") {
    if (job.kind === "CERTIFICATE" && job.certificateId) {
      const desk = await findDesk(tx, job.deskId);
      await recordCertificatePrint({
        tx,
        id: job.certificateId,
        actor: { id: job.requestedBy, name: job.requestedByName },
        desk: desk?.name ?? job.deskId,
        reprintReason: job.reprintReason,
      });
    }
    if (job.kind === "COMMERCIAL" && job.certificateId) {
      const desk = await findDesk(tx, job.deskId);
      await recordCommercialPrint({ tx, id: job.certificateId, actor: { id: job.requestedBy, name: job.requestedByName }, desk: desk?.name ?? job.deskId });
    }
    return transition(tx, events, job, "DONE", { actor, note: M.done, set: { ...released, message: null } });
  }
  const message =
    outcome.kind === "aborted"
      ? M.printerFailed(outcome.printerMessage ?? M.stateLabels.FAILED)
      : outcome.kind === "canceled"
        ? M.canceledAtPrinter(outcome.printerMessage ?? "")
        : outcome.kind === "lost"
          ? M.lostAtPrinter
          : outcome.kind === "unreachable"
            ? M.unreachableWhilePrinting(outcome.printerMessage ?? "")
            : M.printerFailed(outcome.printerMessage);
  return transition(tx, events, job, "FAILED", { actor, note: message, set: { ...released, message } });
}
