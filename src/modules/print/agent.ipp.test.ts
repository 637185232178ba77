/**
 * The desk agent route end to end: the app served on 127.0.0.1 (inside the printers' namespace),
 * the real `bun run desk-agent` process printing an enterprise's eCO on a real IPP printer. The agent
 * is killed (SIGKILL) in the middle of a print and started again, and later the server goes away and
 * comes back; every job is printed exactly once and issues its certificate.
 * Without the printers (IPP_PRINTERS unset) the tests are skipped and say why.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { join } from "node:path";
import { getCertificate } from "../certificates/index.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { approvedCertificate, missingPrinters, printerUri, spooledFor, userOf, waitForJobState } from "../../../test/support/print.ts";
import { M } from "./messages.ts";
import { findDocument, jobHistory } from "./queries.ts";
import { ippJobTag } from "./rules.ts";
import { printJobs } from "./schema.ts";
import { addApprovedModel, issueAgentToken, queueCertificatePrint } from "./service.ts";
import { startPrintWorker, type PrintWorker } from "./worker.ts";

const SLOW = 8633; // HP LaserJet Pro M404, ~10 s per job: long enough to kill the agent mid-print
const missing = missingPrinters(SLOW);
if (missing.length) console.warn(`agent.ipp.test.ts: skipped, the printer on port ${SLOW} is not up (IPP_PRINTERS unset). Run npm test as root.`);

const root = join(import.meta.dir, "../../..");
let t: Awaited<ReturnType<typeof startTestApp>>;
let worker: PrintWorker;
let server: ReturnType<typeof Bun.serve>;
let port: number;
let token: string;
let agent: ReturnType<typeof Bun.spawn> | null = null;
const agentLog: string[] = [];

const listen = () => Bun.serve({ port: port ?? 0, hostname: "127.0.0.1", fetch: t.app.fetch, idleTimeout: 30 });

/**
 * `bun run desk-agent` runs the package script in a child process: the agent is started in a
 * process group of its own (detached) so that killing the group kills the agent itself.
 */
function startAgent() {
  const proc = Bun.spawn(["bun", "run", "desk-agent", "--server", `http://127.0.0.1:${port}`, "--token", token, "--printer", printerUri(SLOW)], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
  });
  for (const stream of [proc.stdout, proc.stderr]) {
    void (async () => {
      for await (const chunk of stream) agentLog.push(new TextDecoder().decode(chunk));
    })();
  }
  return proc;
}

function killGroup(proc: ReturnType<typeof Bun.spawn>, signal: NodeJS.Signals) {
  try {
    process.kill(-proc.pid, signal);
  } catch {}
}

const ent = async () => ({ db: t.db, events: t.events, user: await userOf(t.db, "1100A4419"), verifyBaseUrl: `http://127.0.0.1:${port}` });
const jobRow = async (id: string) => (await t.db.query.printJobs.findFirst({ where: eq(printJobs.id, id) }))!;

/** Each job printed exactly once: one document in the printer's spool, the very bytes composed. */
async function printedOnce(id: string) {
  const job = await jobRow(id);
  const kept = spooledFor(SLOW, ippJobTag(job));
  expect({ job: id, files: kept.length }).toEqual({ job: id, files: 1 });
  expect(kept[0]!.bytes).toEqual((await findDocument(t.db, id))!.pdf);
  expect(kept[0]!.ippJobId).toBe(job.ippJobId!);
}

describe.skipIf(missing.length > 0)("the desk agent", () => {
  beforeAll(async () => {
    t = await startTestApp();
    server = listen();
    port = server.port!;
    worker = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 100 });
    await addApprovedModel({ db: t.db, user: await userOf(t.db, "admin1100"), vendor: "hp", code: "M404", label: "惠普 (HP) LaserJet Pro M404" });
    token = (await issueAgentToken({ db: t.db, user: (await ent()).user })).token;
    agent = startAgent();
  });
  afterAll(async () => {
    if (agent) killGroup(agent, "SIGTERM");
    await agent?.exited;
    await worker?.stop();
    server?.stop(true);
    await t?.close();
  });

  test("killed in the middle of a print and started again, it resumes that job by asking the printer and prints the next one once", async () => {
    try {
      const c1 = await approvedCertificate(t.db, { localPrint: true });
      const j1 = await queueCertificatePrint({ ...(await ent()), certificateId: c1.id });
      for (let i = 0; ; i++) {
        const j = await jobRow(j1.id);
        if (j.state === "PRINTING" && j.ippJobId) break;
        if (i > 600) throw new Error(`job never reached the printer: ${j.state} ${j.message}`);
        await Bun.sleep(50);
      }
      killGroup(agent!, "SIGKILL");
      await agent!.exited;
      const c2 = await approvedCertificate(t.db, { localPrint: true });
      const j2 = await queueCertificatePrint({ ...(await ent()), certificateId: c2.id });
      await waitForJobState(t.db, j2.id, ["COMPOSED"]);
      agent = startAgent();

      await waitForJobState(t.db, j1.id, ["DONE"], 60_000);
      await waitForJobState(t.db, j2.id, ["DONE"], 60_000);
      await printedOnce(j1.id);
      await printedOnce(j2.id);
      const h1 = await jobHistory(t.db, j1.id);
      expect(h1.map((h) => h.note)).toContain(M.resumed);
      expect(h1.filter((h) => h.state === "DOWNLOADING")).toHaveLength(1);
      for (const c of [c1, c2]) expect((await getCertificate({ db: t.db, user: (await ent()).user, id: c.id })).status).toBe("ISSUED");
    } catch (e) {
      console.error(agentLog.join(""));
      throw e;
    }
  }, 120_000);

  test("after the server is gone for a while, it reconnects and prints what was queued meanwhile, once", async () => {
    try {
      server.stop(true);
      const c3 = await approvedCertificate(t.db, { localPrint: true });
      const j3 = await queueCertificatePrint({ ...(await ent()), certificateId: c3.id });
      await waitForJobState(t.db, j3.id, ["COMPOSED"]);
      await Bun.sleep(1500);
      server = listen();
      await waitForJobState(t.db, j3.id, ["DONE"], 60_000);
      await printedOnce(j3.id);
      expect(agentLog.join("")).toContain("lost the connection; reconnecting");
    } catch (e) {
      console.error(agentLog.join(""));
      throw e;
    }
  }, 90_000);
});
