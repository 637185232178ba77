/**
 * Print jobs on the real PostgreSQL (no printers needed): queueing, reprints with a reason,
 * cancelling one or many, retrying, who sees what, the approved-model list, the queue claimed with
 * FOR UPDATE SKIP LOCKED, and the desk agent's reports (claim, print, done) with their idempotency.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { openDatabase, type Database } from "../../db/client.ts";
import { certificates } from "../../db/schema.ts";
import { AppError } from "../../lib/errors.ts";
import { APPROVED_PRINTER_MODELS } from "../../print/printer-models.ts";
import { createAccount } from "../accounts/index.ts";
import { listAudit } from "../audit/index.ts";
import { getCertificate, PRINT_NOTES } from "../certificates/index.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { approvedCertificate, userOf, waitForJobState } from "../../../test/support/print.ts";
import { testDatabaseOptions, testDbKind } from "../../../test/support/db.ts";
import { agentReport } from "./agent-service.ts";
import { M } from "./messages.ts";
import { findDesk, jobHistory, lockNextWork } from "./queries.ts";
import { printJobs } from "./schema.ts";
import {
  addApprovedModel,
  cancelJobs,
  createOfficeDesk,
  getJob,
  issueAgentToken,
  listApprovedModels,
  listCertificateJobs,
  listDeskJobs,
  queueBackPages,
  queueCertificatePrint,
  removeApprovedModel,
  retryJob,
} from "./service.ts";
import { startPrintWorker } from "./worker.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
const BASE = "http://localhost";

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

let officeDesk: string;
let agentDesk: string;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await userOf(t.db, "admin1100");
  officeDesk = (await createOfficeDesk({ db: t.db, user: admin, name: "一号打印台", route: "SERVER" })).id;
  agentDesk = (await createOfficeDesk({ db: t.db, user: admin, name: "分理处打印台", route: "AGENT" })).id;
  await createAccount({
    db: t.db,
    account: { login: "print3100", password: "origo2026x", role: "print_clerk", displayName: "上海打印员", officeCode: "3100B0" },
  });
});
afterAll(() => t.close());

const ctx = async (login: string) => ({ db: t.db, events: t.events, user: await userOf(t.db, login), verifyBaseUrl: BASE });

describe("queueing", () => {
  test("a clerk queues an approved certificate with its copies; a second 打印 while it is open is refused", async () => {
    const c = await approvedCertificate(t.db, { copies: 3 });
    const clerk = await ctx("print1100");
    const { id } = await queueCertificatePrint({ ...clerk, certificateId: c.id, deskId: officeDesk });
    const { job, history } = await getJob({ db: t.db, user: clerk.user, id });
    expect(job).toMatchObject({ state: "QUEUED", kind: "CERTIFICATE", copies: 3, title: c.number, deskId: officeDesk, reprintReason: null, run: 1 });
    expect(history.map((h) => [h.state, h.note, h.by])).toEqual([["QUEUED", M.queued, "北京打印员"]]);
    expect((await rejection(queueCertificatePrint({ ...clerk, certificateId: c.id, deskId: officeDesk }))).message).toBe(M.alreadyInQueue);
    expect((await listAudit({ db: t.db, entity: "print_job", entityId: id })).map((a) => a.action)).toEqual(["queued"]);
  });

  test("only APPROVED or ISSUED certificates are printed; an enterprise prints only eCO it asked to print itself", async () => {
    const clerk = await ctx("print1100");
    const draft = await approvedCertificate(t.db);
    await t.db.update(certificates).set({ status: "PENDING" }).where(eq(certificates.id, draft.id));
    expect((await rejection(queueCertificatePrint({ ...clerk, certificateId: draft.id, deskId: officeDesk }))).message).toBe(M.notPrintableStatus);

    const ent = await ctx("1100A4419");
    const officePrints = await approvedCertificate(t.db, { localPrint: false });
    expect((await rejection(queueCertificatePrint({ ...ent, certificateId: officePrints.id }))).message).toBe(M.notLocalPrint);
    const pco = await approvedCertificate(t.db, { localPrint: true, printMode: "PCO" });
    expect((await rejection(queueCertificatePrint({ ...ent, certificateId: pco.id }))).message).toBe(M.notLocalPrint);
    const mine = await approvedCertificate(t.db, { localPrint: true });
    // No desk agent registered yet: told where to register it.
    expect((await rejection(queueCertificatePrint({ ...ent, certificateId: mine.id }))).message).toBe(M.noEnterpriseDesk);
    const { deskId, token } = await issueAgentToken({ db: t.db, user: ent.user });
    expect(token).toStartWith("origo_desk_");
    const desk = await findDesk(t.db, deskId);
    expect(desk).toMatchObject({ route: "AGENT", officeCode: "1100B0" });
    expect(desk!.agentTokenHash).not.toContain(token);
    const { id } = await queueCertificatePrint({ ...ent, certificateId: mine.id });
    expect((await getJob({ db: t.db, user: ent.user, id })).job.deskId).toBe(deskId);
  });

  test("a certificate printed before is a reprint: it needs a reason, which the job keeps", async () => {
    const clerk = await ctx("print1100");
    const c = await approvedCertificate(t.db);
    await t.db.update(certificates).set({ status: "ISSUED", printCount: 1 }).where(eq(certificates.id, c.id));
    const e = await rejection(queueCertificatePrint({ ...clerk, certificateId: c.id, deskId: officeDesk, reprintReason: "  " }));
    expect(e.code).toBe("invalid");
    expect(e.issues).toEqual([{ path: "reprintReason", message: M.reprintReasonRequired }]);
    const { id } = await queueCertificatePrint({ ...clerk, certificateId: c.id, deskId: officeDesk, reprintReason: "卡纸，第二页损坏" });
    const { job, history } = await getJob({ db: t.db, user: clerk.user, id });
    expect(job.reprintReason).toBe("卡纸，第二页损坏");
    expect(history[0]!.note).toBe(M.reprintQueued("卡纸，第二页损坏"));
  });

  test("back pages are a job with a count, for a form that has overleaf notes", async () => {
    const clerk = await ctx("print1100");
    const { id } = await queueBackPages({ ...clerk, deskId: officeDesk, formType: "GENERAL", count: 12 });
    expect((await getJob({ db: t.db, user: clerk.user, id })).job).toMatchObject({ kind: "BACK_PAGE", copies: 12, formType: "GENERAL" });
    expect((await rejection(queueBackPages({ ...clerk, deskId: officeDesk, formType: "GENERAL", count: 0 }))).message).toBe(M.backPageCount);
    expect((await rejection(queueBackPages({ ...clerk, deskId: officeDesk, formType: "CNKR", count: 1 }))).code).toBe("invalid");
  });
});

describe("cancel and retry", () => {
  test("several jobs are cancelled at once; one already printing is not, and the answer says so", async () => {
    const clerk = await ctx("print1100");
    const a = await queueBackPages({ ...clerk, deskId: officeDesk, formType: "GENERAL", count: 1 });
    const b = await queueBackPages({ ...clerk, deskId: officeDesk, formType: "GENERAL", count: 2 });
    const p = await queueBackPages({ ...clerk, deskId: officeDesk, formType: "GENERAL", count: 3 });
    await t.db.update(printJobs).set({ state: "PRINTING" }).where(eq(printJobs.id, p.id));
    const result = await cancelJobs({ ...clerk, ids: [a.id, b.id, p.id] });
    expect(result.cancelled.sort()).toEqual([a.id, b.id].sort());
    expect(result.refused).toEqual([{ id: p.id, title: "GENERAL", reason: M.notCancellable(M.stateLabels.PRINTING) }]);
    for (const id of [a.id, b.id]) {
      const { job, history } = await getJob({ db: t.db, user: clerk.user, id });
      expect(job.state).toBe("CANCELLED");
      expect(history.map((h) => h.state)).toEqual(["QUEUED", "CANCELLED"]);
    }
    expect((await getJob({ db: t.db, user: clerk.user, id: p.id })).job.state).toBe("PRINTING");
  });

  test("a failed job is retried (back to the queue, next run); a queued one needs no retry", async () => {
    const clerk = await ctx("print1100");
    const { id } = await queueBackPages({ ...clerk, deskId: officeDesk, formType: "GENERAL", count: 1 });
    expect((await rejection(retryJob({ ...clerk, id }))).message).toBe(M.notRetryable(M.stateLabels.QUEUED));
    await t.db.update(printJobs).set({ state: "FAILED", message: "打印失败：Job aborted.", ippJobId: 7 }).where(eq(printJobs.id, id));
    await retryJob({ ...clerk, id });
    const { job, history } = await getJob({ db: t.db, user: clerk.user, id });
    expect(job).toMatchObject({ state: "QUEUED", run: 2, ippJobId: null, message: null });
    expect(history.at(-1)).toMatchObject({ state: "QUEUED", note: M.retried });
  });
});

describe("isolation", () => {
  test("another office's clerk and another enterprise neither see nor touch the jobs", async () => {
    const clerk = await ctx("print1100");
    const { id } = await queueBackPages({ ...clerk, deskId: officeDesk, formType: "GENERAL", count: 1 });
    const shanghai = await ctx("print3100");
    expect((await rejection(getJob({ db: t.db, user: shanghai.user, id }))).code).toBe("not_found");
    expect((await rejection(listDeskJobs({ db: t.db, user: shanghai.user, deskId: officeDesk }))).code).toBe("not_found");
    expect((await rejection(cancelJobs({ ...shanghai, ids: [id] }))).code).toBe("not_found");
    expect((await rejection(retryJob({ ...shanghai, id }))).code).toBe("not_found");
    expect((await rejection(queueBackPages({ ...shanghai, deskId: officeDesk, formType: "GENERAL", count: 1 }))).code).toBe("not_found");

    const ent = await ctx("1100A4419");
    const c = await approvedCertificate(t.db, { localPrint: true });
    await issueAgentToken({ db: t.db, user: ent.user });
    const mine = await queueCertificatePrint({ ...ent, certificateId: c.id });
    const other = await ctx("1100A4420");
    expect((await rejection(getJob({ db: t.db, user: other.user, id: mine.id }))).code).toBe("not_found");
    expect((await rejection(listCertificateJobs({ db: t.db, user: other.user, certificateId: c.id }))).code).toBe("not_found");
    // The enterprise does not see the office's desk; the office sees its enterprise's job on the certificate.
    expect((await rejection(getJob({ db: t.db, user: ent.user, id }))).code).toBe("not_found");
    expect((await listCertificateJobs({ db: t.db, user: clerk.user, certificateId: c.id })).map((j) => j.id)).toEqual([mine.id]);
    expect((await rejection(cancelJobs({ ...other, ids: [mine.id] }))).code).toBe("not_found");
  });
});

describe("approved models", () => {
  test("an office starts with the manual's six models; its admin adds and removes, other offices keep theirs", async () => {
    expect((await listApprovedModels({ db: t.db, officeCode: "1100B0" })).map((m) => m.code)).toEqual(APPROVED_PRINTER_MODELS.map((m) => m.code));
    const admin = await userOf(t.db, "admin1100");
    await addApprovedModel({ db: t.db, user: admin, vendor: "hp", code: "M404dn", label: "惠普 (HP) LaserJet Pro M404dn" });
    await removeApprovedModel({ db: t.db, user: admin, vendor: "samsung", code: "c1810" });
    const codes = (await listApprovedModels({ db: t.db, officeCode: "1100B0" })).map((m) => m.code);
    expect(codes).toContain("m404");
    expect(codes).not.toContain("c1810");
    expect(codes).toHaveLength(6);
    expect((await listApprovedModels({ db: t.db, officeCode: "3100B0" })).map((m) => m.code)).toContain("c1810");
    const e = await rejection(addApprovedModel({ db: t.db, user: admin, vendor: "hp", code: "LaserJet", label: "x" }));
    expect(e.issues).toEqual([{ path: "code", message: M.modelCode }]);
    // Put the list back for the other tests.
    await addApprovedModel({ db: t.db, user: admin, vendor: "samsung", code: "c1810", label: APPROVED_PRINTER_MODELS.at(-1)!.label });
  });
});

describe("the queue is claimed with FOR UPDATE SKIP LOCKED", () => {
  // PGlite is one connection: a second transaction waits for the first, there is nothing to skip.
  test.skipIf(testDbKind === "pglite")("a job locked by one worker is skipped by another, which takes the next at once", async () => {
    const clerk = await ctx("print1100");
    // Other files' jobs may be queued too; the two claims must simply differ and not wait.
    await queueBackPages({ ...clerk, deskId: agentDesk, formType: "GENERAL", count: 1 });
    await queueBackPages({ ...clerk, deskId: agentDesk, formType: "GENERAL", count: 2 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let first: string | undefined;
    const holder = t.db.transaction(async (tx) => {
      first = (await lockNextWork(tx))?.id;
      await held;
    });
    while (!first) await Bun.sleep(5);
    // The holder's transaction stays open until the second claim has returned: a claim that waited
    // for the holder's lock would never return (and the test would time out).
    const second = await t.db.transaction(async (tx) => (await lockNextWork(tx))?.id);
    release();
    await holder;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  test.skipIf(testDbKind === "pglite")("two workers on two connection pools compose every job exactly once", async () => {
    const clerk = await ctx("print1100");
    const ids = [];
    for (let i = 0; i < 16; i++) ids.push((await queueBackPages({ ...clerk, deskId: agentDesk, formType: "GENERAL", count: i + 1 })).id);
    const other: Database = openDatabase({ kind: "postgres", options: testDatabaseOptions(t.database.name, 4) });
    const a = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, id: "worker-a", concurrency: 3, pollMs: 50 });
    const b = startPrintWorker({ db: other.db, events: t.events, secretKey: t.config.twoFactorKey, id: "worker-b", concurrency: 3, pollMs: 50 });
    try {
      for (const id of ids) await waitForJobState(t.db, id, ["COMPOSED"]);
    } finally {
      await a.stop();
      await b.stop();
      await other.close();
    }
    const takers = new Map<string, number>();
    for (const id of ids) {
      const composing = (await jobHistory(t.db, id)).filter((h) => h.state === "COMPOSING");
      expect(composing).toHaveLength(1);
      takers.set(composing[0]!.by, (takers.get(composing[0]!.by) ?? 0) + 1);
    }
    expect([...takers.keys()].sort()).toEqual(["打印服务（worker-a）", "打印服务（worker-b）"]);
  });
});

describe("the desk agent's reports", () => {
  const hp = { uri: "ipp://192.0.2.7:631/ipp/print", makeAndModel: "HP Color LaserJet Pro M252" };

  test("claim, print, done: the certificate is issued in the same step, and every report is idempotent", async () => {
    const ent = await ctx("1100A4419");
    const { deskId } = await issueAgentToken({ db: t.db, user: ent.user });
    const desk = (await findDesk(t.db, deskId))!;
    const c = await approvedCertificate(t.db, { localPrint: true, copies: 2 });
    const { id } = await queueCertificatePrint({ ...ent, certificateId: c.id });
    const worker = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 50 });
    try {
      await waitForJobState(t.db, id, ["COMPOSED"]);
    } finally {
      await worker.stop();
    }
    const report = (instance: string, body: object) => agentReport({ db: t.db, events: t.events, desk, jobId: id, body: { instance, ...body } as never });
    const one = "agent-one-0001";
    const claim = await report(one, { state: "DOWNLOADING", printer: hp });
    expect(claim).toMatchObject({ go: true, state: "DOWNLOADING", job: { copies: 2, resumed: false, tag: `origo-${id}.1` } });
    expect(await report(one, { state: "DOWNLOADING", printer: hp })).toMatchObject({ go: true, state: "DOWNLOADING" });
    // Another instance cannot take it while the first holds it, and is told when to ask again.
    const two = "agent-two-0002";
    const refused = await report(two, { state: "DOWNLOADING", printer: hp });
    expect(refused.go).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect((await report(one, { state: "PRINTING" })).go).toBe(true);
    expect((await report(one, { state: "PRINTING", ippJobId: 41 })).ippJobId).toBe(41);
    expect((await report(two, { state: "PRINTING" })).go).toBe(false);
    expect(await report(one, { state: "DONE" })).toMatchObject({ go: true, state: "DONE" });
    expect(await report(one, { state: "DONE" })).toMatchObject({ go: true, state: "DONE" });

    const cert = await getCertificate({ db: t.db, user: ent.user, id: c.id });
    expect(cert.status).toBe("ISSUED");
    expect(cert.issuedAt).toBeInstanceOf(Date);
    expect(cert.printCount).toBe(1);
    expect(cert.history.at(-1)).toMatchObject({ status: "ISSUED", note: PRINT_NOTES.issued(desk.name), by: "北京拓邦投资有限公司" });
    expect((await listAudit({ db: t.db, entity: "certificate", entityId: c.id })).map((a) => a.action)).toContain("issued");
    expect((await jobHistory(t.db, id)).map((h) => h.state)).toEqual(["QUEUED", "COMPOSING", "COMPOSED", "DOWNLOADING", "PRINTING", "DONE"]);
  });

  test("a printer that reports an unapproved model gets PRINTER_MISMATCH with the reason; a job cancelled while downloading is not printed", async () => {
    const ent = await ctx("1100A4419");
    const { deskId } = await issueAgentToken({ db: t.db, user: ent.user });
    const desk = (await findDesk(t.db, deskId))!;
    const ids = [];
    for (let i = 0; i < 2; i++)
      ids.push((await queueCertificatePrint({ ...ent, certificateId: (await approvedCertificate(t.db, { localPrint: true })).id })).id);
    const worker = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 50 });
    try {
      for (const id of ids) await waitForJobState(t.db, id, ["COMPOSED"]);
    } finally {
      await worker.stop();
    }
    const canon = { uri: "ipp://192.0.2.8:631/ipp/print", makeAndModel: "Canon PIXMA TS3100" };
    const mismatch = await agentReport({
      db: t.db,
      events: t.events,
      desk,
      jobId: ids[0]!,
      body: { instance: "agent-x-0001", state: "DOWNLOADING", printer: canon },
    });
    expect(mismatch).toMatchObject({ go: false, state: "PRINTER_MISMATCH" });
    const job = (await getJob({ db: t.db, user: ent.user, id: ids[0]! })).job;
    expect(job.message).toContain("Canon PIXMA TS3100");
    expect(job.message).not.toContain("名称");

    expect(
      (await agentReport({ db: t.db, events: t.events, desk, jobId: ids[1]!, body: { instance: "agent-x-0001", state: "DOWNLOADING", printer: hp } })).go,
    ).toBe(true);
    await cancelJobs({ ...ent, ids: [ids[1]!] });
    expect(await agentReport({ db: t.db, events: t.events, desk, jobId: ids[1]!, body: { instance: "agent-x-0001", state: "PRINTING" } })).toMatchObject({
      go: false,
      state: "CANCELLED",
    });
  });
});
