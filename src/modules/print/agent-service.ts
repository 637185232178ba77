/**
 * The server's side of the desk agent (src/desk-agent.ts): a desk whose printer the server cannot
 * reach runs the agent, which connects out, follows its desk's jobs as a server-sent event stream,
 * and reports each step here. Every report is idempotent (the same report twice answers the same),
 * and a report that no longer fits the job's state (cancelled meanwhile, taken by another agent) is
 * answered with the job's state and `go: false` instead of changing anything, so an agent that lost
 * its network or its process never prints a job twice:
 *
 * - DOWNLOADING claims a composed job (or one whose previous holder's lease ran out, to resume it),
 *   after checking the model the agent's printer reports against the office's approved models;
 * - PRINTING is reported before the document is sent, and again with the printer's job id;
 * - DONE / FAILED end it; re-posting PRINTING renews the lease (the agent's heartbeat).
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { conflict, invalid, notFound } from "../../lib/errors.ts";
import { matchApprovedModel } from "../../print/printer-models.ts";
import { agentActor, finishJob, recordJobEvent, released, transition, type PrintBus, type PrintOutcome } from "./jobs.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { AGENT_STATES, ippJobName, ippJobTag, LEASE, normalizePrinterUri } from "./rules.ts";
import { printDesks, printJobs, printPrinters } from "./schema.ts";
import { hashDeskToken } from "./service.ts";
import { textField } from "../../lib/charset.ts";

const printerReport = z.object({ uri: textField().min(1).max(500), makeAndModel: textField().max(500) });

export const agentHelloBody = z.object({ instance: textField().min(8).max(100), printer: printerReport });

export const agentReportBody = z.object({
  instance: textField().min(8).max(100),
  state: z.enum(AGENT_STATES),
  printer: printerReport.optional(),
  ippJobId: z.number().int().positive().optional(),
  outcome: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("done") }),
      z.object({ kind: z.literal("aborted"), printerMessage: textField().max(1000).nullable() }),
      z.object({ kind: z.literal("canceled"), printerMessage: textField().max(1000).nullable() }),
      z.object({ kind: z.literal("lost") }),
      z.object({ kind: z.literal("unreachable"), printerMessage: textField().max(1000).nullable() }),
      z.object({ kind: z.literal("refused"), printerMessage: textField().max(1000) }),
    ])
    .optional(),
});
export type AgentReport = z.infer<typeof agentReportBody>;

/** What the agent is told after a report: whether to go on, and what it needs to. */
export type AgentAnswer = {
  go: boolean;
  state: string;
  ippJobId: number | null;
  /** When another agent instance still holds the job: how long until its hold runs out. */
  retryAfterMs?: number;
  /** Set when the job is handed to the agent (or back to it after a restart). */
  job?: { copies: number; jobName: string; tag: string; sha256: string | null; resumed: boolean };
};

const inMs = (ms: number) => sql`now() + (${Math.round(ms)}::int * interval '1 millisecond')`;
const leaseOwner = (instance: string) => `agent:${instance}`;

/** The desk a token belongs to, or null. Marks the desk as seen (at most once a minute). */
export async function authenticateDeskAgent({ db, token }: { db: Db; token: string }) {
  const desk = await q.findDeskByTokenHash(db, hashDeskToken(token));
  if (!desk) return null;
  if (!desk.agentSeenAt || Date.now() - desk.agentSeenAt.getTime() > 60_000) {
    await db.update(printDesks).set({ agentSeenAt: new Date() }).where(eq(printDesks.id, desk.id));
  }
  return desk;
}

/** Records the agent's printer as the desk's printer; says whether its model is approved. */
async function deskPrinter(tx: Tx, desk: q.DeskRow, printer: z.infer<typeof printerReport>) {
  const uri = normalizePrinterUri(printer.uri) ?? printer.uri;
  const match = matchApprovedModel(printer.makeAndModel, await q.approvedModels(tx, desk.officeCode));
  const existing = await q.findPrinterByUri(tx, desk.id, uri);
  const values = { makeAndModel: printer.makeAndModel, modelLabel: match.ok ? match.model.label : null, checkedAt: new Date() };
  let id = existing?.id;
  if (existing) await tx.update(printPrinters).set(values).where(eq(printPrinters.id, existing.id));
  else {
    id = Bun.randomUUIDv7();
    await tx.insert(printPrinters).values({ id, deskId: desk.id, name: printer.makeAndModel || uri, uri, ...values });
  }
  if (desk.printerId !== id) await tx.update(printDesks).set({ printerId: id }).where(eq(printDesks.id, desk.id));
  return { printerId: id!, match };
}

/** The agent says hello (at start and after reconnecting) with the printer it prints to. */
export async function agentHello({ db, events, desk, body }: { db: Db; events: PrintBus; desk: q.DeskRow; body: z.infer<typeof agentHelloBody> }) {
  return db.transaction(async (tx) => {
    const { match } = await deskPrinter(tx, desk, body.printer);
    await tx.update(printDesks).set({ agentSeenAt: new Date() }).where(eq(printDesks.id, desk.id));
    await events.emit("print.desk", { deskId: desk.id, officeCode: desk.officeCode }, { tx });
    return { desk: { id: desk.id, name: desk.name }, approved: match.ok, reason: match.ok ? null : match.reason };
  });
}

/** One report about one job of the agent's desk (see the file comment for the rules). */
export async function agentReport({
  db,
  events,
  desk,
  jobId,
  body,
}: {
  db: Db;
  events: PrintBus;
  desk: q.DeskRow;
  jobId: string;
  body: AgentReport;
}): Promise<AgentAnswer> {
  const owner = leaseOwner(body.instance);
  const actor = agentActor(desk.name);
  return db.transaction(async (tx) => {
    const job = await q.lockJob(tx, jobId);
    if (!job || job.deskId !== desk.id) throw notFound();
    const answer = (go: boolean, row = job, extra?: Partial<AgentAnswer>): AgentAnswer => ({ go, state: row.state, ippJobId: row.ippJobId, ...extra });
    const held = job.leaseOwner === owner;
    const expired = !job.leaseUntil || job.leaseUntil.getTime() < Date.now();
    const renew = { leaseOwner: owner, leaseUntil: inMs(LEASE.agentMs) };

    if (body.state === "DOWNLOADING") {
      const handOver = async (row: q.JobRow, resumed: boolean): Promise<AgentAnswer> => {
        const doc = await q.findDocument(tx, row.id);
        return answer(true, row, { job: { copies: row.copies, jobName: ippJobName(row), tag: ippJobTag(row), sha256: doc?.sha256 ?? null, resumed } });
      };
      if (job.state === "DOWNLOADING" || job.state === "PRINTING") {
        // Held by another instance (often this agent before a restart): ask again when its hold runs out.
        if (!held && !expired) return answer(false, job, { retryAfterMs: job.leaseUntil!.getTime() - Date.now() });
        const [row] = await tx.update(printJobs).set(renew).where(eq(printJobs.id, job.id)).returning();
        if (!held) await recordJobEvent(tx, events, row!, { state: row!.state, actor, note: M.resumed });
        return handOver(row!, job.state === "PRINTING");
      }
      if (job.state !== "COMPOSED") return answer(false);
      if (!body.printer) throw conflict(M.agentNoPrinter);
      const { printerId, match } = await deskPrinter(tx, desk, body.printer);
      if (!match.ok) {
        const row = await transition(tx, events, job, "PRINTER_MISMATCH", {
          actor,
          note: match.reason,
          set: { ...released, printerId, message: match.reason },
        });
        return answer(false, row);
      }
      const row = await transition(tx, events, job, "DOWNLOADING", { actor, set: { ...renew, printerId, message: null } });
      return handOver(row, false);
    }

    if (body.state === "PRINTING") {
      if (!held || (job.state !== "DOWNLOADING" && job.state !== "PRINTING")) return answer(false);
      if (body.ippJobId !== undefined && job.ippJobId !== null && job.ippJobId !== body.ippJobId) throw conflict(M.agentConflict);
      const set = { ...renew, ...(body.ippJobId !== undefined ? { ippJobId: body.ippJobId } : {}) };
      if (job.state === "DOWNLOADING") return answer(true, await transition(tx, events, job, "PRINTING", { actor, note: M.printing(desk.name), set }));
      const [row] = await tx.update(printJobs).set(set).where(eq(printJobs.id, job.id)).returning();
      return answer(true, row);
    }

    // DONE or FAILED: the same report again is answered as before.
    if (job.state === body.state) return answer(true);
    if (!held || job.state !== "PRINTING") return answer(false);
    let outcome: PrintOutcome;
    if (body.state === "DONE") outcome = { kind: "done" };
    else if (body.outcome && body.outcome.kind !== "done") outcome = body.outcome;
    else throw invalid(M.agentBadState);
    return answer(true, await finishJob(tx, events, job, outcome, actor));
  });
}

/** The composed document, for the agent holding the job. */
export async function agentDocument({ db, desk, jobId, instance }: { db: Db; desk: q.DeskRow; jobId: string; instance: string }) {
  const job = await q.findJob(db, jobId);
  if (!job || job.deskId !== desk.id) throw notFound();
  if (job.leaseOwner !== leaseOwner(instance) || (job.state !== "DOWNLOADING" && job.state !== "PRINTING")) throw conflict(M.agentConflict);
  const doc = await q.findDocument(db, jobId);
  if (!doc) throw notFound();
  return doc;
}

/**
 * What a (re)connecting agent must hear before live events: every job it should act on now, and,
 * when it says which event it saw last, every job that changed since (a cancellation it missed).
 */
export async function agentBacklog({ db, desk, lastEventId }: { db: Db; desk: q.DeskRow; lastEventId: string | null }) {
  const snapshot = await q.agentSnapshot(db, desk.id);
  const after = lastEventId && /^\d+$/.test(lastEventId) ? Number(lastEventId) : null;
  if (after === null) return snapshot;
  const seen = new Set(snapshot.map((s) => s.id));
  const changed = (await q.changesSince(db, desk.id, after)).filter((c) => !seen.has(c.id));
  return [...snapshot, ...changed].sort((a, b) => a.eventId - b.eventId);
}

/** Whether the desk's agent was heard from recently (for the desk's page). */
export const agentOnline = (desk: { agentSeenAt: Date | null }) => !!desk.agentSeenAt && Date.now() - desk.agentSeenAt.getTime() < 2 * 60_000;
