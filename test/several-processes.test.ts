/**
 * Several app processes on one PostgreSQL behind a real nginx (Debian's, started here with its own
 * config; see docs/operations.md): sessions, live pages and the print queue work whichever process
 * a request lands on. The print part needs the IPP printers of `npm test` (scripts/test.sh, root).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, inArray } from "drizzle-orm";
import { readdirSync } from "node:fs";
import type { App } from "../src/app.tsx";
import { startEventBus } from "../src/lib/events.ts";
import { addApprovedModel, createOfficeDesk, registerPrinter, type PrintEvents } from "../src/modules/print/index.ts";
import { printJobHistory, printJobs } from "../src/modules/print/schema.ts";
import { TestClient, testConfig } from "./support/app.ts";
import { createTestDatabase, type TestDatabase } from "./support/db.ts";
import { startNginx, type Nginx } from "./support/nginx.ts";
import { approvedCertificate, missingPrinters, printerUri, userOf, waitForJobState } from "./support/print.ts";
import { startServerProcess, type ServerProcess } from "./support/server-process.ts";

const FAST = 8631; // keep in step with scripts/test.sh
const SLOW = 8633; // HP LaserJet Pro M404, ~10 s per job
const noPrinters = missingPrinters(FAST).length > 0;

let database: TestDatabase;
const servers: ServerProcess[] = [];
let nginx: Nginx | null = null;

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { DATABASE_URL: `postgres://postgres@localhost/${database.name}?host=/var/run/postgresql`, PUBLIC_URL: "http://localhost", LOG_LEVEL: "warn" };
  servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  nginx = await startNginx(servers.map((s) => s.url));
}, 90_000);

afterAll(async () => {
  await nginx?.stop();
  await Promise.all(servers.map((s) => s.stop(5_000)));
  await database?.drop();
});

/** A browser-like client (cookies, CSRF, second factor) speaking HTTP to `base` instead of an in-process app. */
function clientOf(base: string) {
  const overHttp = { request: (url: string, init?: RequestInit) => fetch(url.replace(/^http:\/\/localhost/, base), init) } as unknown as App;
  return new TestClient(overHttp, { db: database.db, config: testConfig() });
}

function sameSession(from: TestClient, base: string) {
  const c = clientOf(base);
  c.cookies = new Map(from.cookies);
  return c;
}

/** Reads an event stream until a message contains `text`; resolves false after `ms`. */
async function streamShows(res: Response, text: string, ms: number, onOpen: () => Promise<void>) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  let first = true;
  const deadline = Date.now() + ms;
  try {
    while (Date.now() < deadline) {
      const next = await Promise.race([reader.read(), Bun.sleep(deadline - Date.now()).then(() => null)]);
      if (!next || next.done) return false;
      seen += decoder.decode(next.value);
      if (first && seen.includes("\n\n")) {
        // The region as it was at connect; the change is made only now.
        expect(seen).not.toContain(text);
        first = false;
        seen = "";
        await onOpen();
        continue;
      }
      if (!first && seen.includes(text)) return true;
    }
    return false;
  } finally {
    await reader.cancel().catch(() => {});
  }
}

describe("two processes behind nginx", () => {
  test("signed in through one process, the next request is served by the other, still signed in", async () => {
    const browser = clientOf(nginx!.url);
    await browser.signIn("1100A4419", "origo2026");
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await browser.get("/certificates");
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("原产地证书");
      served.push(res.headers.get("x-upstream")!);
    }
    expect(new Set(served).size).toBe(2);
    for (let i = 1; i < served.length; i++) expect(served[i]).not.toBe(served[i - 1]);
  });

  test("a print job queued through one process appears live on a desk page streaming from the other", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const admin = await userOf(database.db, "admin1100");
    const { id: deskId } = await createOfficeDesk({ db: database.db, user: admin, name: "双进程打印台", route: "AGENT" });
    const certificate = await approvedCertificate(database.db);
    const clerk = clientOf(nginx!.url);
    await clerk.signIn("print1100", "origo2026");

    const stream = await sameSession(clerk, b.url).get(`/office/print/events?desk=${deskId}`);
    expect(stream.status).toBe(200);
    const shown = await streamShows(stream, certificate.number, 10_000, async () => {
      const queued = await sameSession(clerk, a.url).post(`/print/certificates/${certificate.id}/jobs`, { deskId, what: "certificate" });
      expect(queued.status).toBe(303);
    });
    expect(shown).toBe(true);
  });

  test.skipIf(noPrinters)(
    "print jobs queued through either process are each printed once, by the workers of both",
    async () => {
      const admin = await userOf(database.db, "admin1100");
      const { id: deskId } = await createOfficeDesk({ db: database.db, user: admin, name: "服务器打印台", route: "SERVER" });
      const events = await startEventBus<PrintEvents>({ database });
      await registerPrinter({ db: database.db, events, user: admin, deskId, name: "HP M252", uri: printerUri(FAST) }).finally(() => events.close());
      const clerk = clientOf(nginx!.url);
      await clerk.signIn("print1100", "origo2026");
      const certificates = await Promise.all(Array.from({ length: 6 }, () => approvedCertificate(database.db)));
      for (const c of certificates) expect((await clerk.post(`/print/certificates/${c.id}/jobs`, { deskId, what: "certificate" })).status).toBe(303);
      const jobs = await database.db.query.printJobs.findMany({ where: eq(printJobs.deskId, deskId) });
      expect(jobs.length).toBe(6);
      const done = await Promise.all(jobs.map((j) => waitForJobState(database.db, j.id, ["DONE"], 60_000)));
      const spool = readdirSync(process.env[`IPP_SPOOL_${FAST}`]!);
      for (const job of done) expect(spool.filter((f) => f.endsWith(".pdf") && f.includes(`origo-${job.id}`))).toHaveLength(1);
      // Both processes' workers took part (each names itself by its pid in the job history).
      const history = await database.db.query.printJobHistory.findMany({
        where: inArray(
          printJobHistory.jobId,
          done.map((j) => j.id),
        ),
      });
      for (const server of servers) expect(history.some((h) => h.by.includes(`worker-${server.proc.pid}-`))).toBe(true);
    },
    120_000,
  );

  test.skipIf(missingPrinters(SLOW).length > 0)(
    "SIGTERM hands a job being printed to the other process at once, and it is printed once",
    async () => {
      const admin = await userOf(database.db, "admin1100");
      const { id: deskId } = await createOfficeDesk({ db: database.db, user: admin, name: "慢速打印台", route: "SERVER" });
      await addApprovedModel({ db: database.db, user: admin, vendor: "hp", code: "M404", label: "惠普 (HP) LaserJet Pro M404 黑白激光打印机" }).catch(() => {});
      const events = await startEventBus<PrintEvents>({ database });
      await registerPrinter({ db: database.db, events, user: admin, deskId, name: "HP M404", uri: printerUri(SLOW) }).finally(() => events.close());
      const clerk = clientOf(nginx!.url);
      await clerk.signIn("print1100", "origo2026");
      const certificate = await approvedCertificate(database.db);
      expect((await clerk.post(`/print/certificates/${certificate.id}/jobs`, { deskId, what: "certificate" })).status).toBe(303);
      const [queued] = await database.db.query.printJobs.findMany({ where: eq(printJobs.deskId, deskId) });
      const printing = await waitForJobState(database.db, queued!.id, ["PRINTING"], 30_000);
      while (!(await database.db.query.printJobs.findFirst({ where: eq(printJobs.id, printing.id) }))!.ippJobId) await Bun.sleep(50);
      const holder = servers.find((s) => printing.leaseOwner?.startsWith(`worker-${s.proc.pid}-`))!;
      const other = servers.find((s) => s !== holder)!;
      const t0 = performance.now();
      expect(await holder.stop(15_000)).toBe(0);
      // The other process's worker takes the job long before the 30 s lease would have run out.
      for (;;) {
        const row = (await database.db.query.printJobs.findFirst({ where: eq(printJobs.id, printing.id) }))!;
        if (row.leaseOwner?.startsWith(`worker-${other.proc.pid}-`) || row.state === "DONE") break;
        expect(performance.now() - t0).toBeLessThan(10_000);
        await Bun.sleep(100);
      }
      const done = await waitForJobState(database.db, printing.id, ["DONE"], 60_000);
      const spool = readdirSync(process.env[`IPP_SPOOL_${SLOW}`]!);
      expect(spool.filter((f) => f.endsWith(".pdf") && f.includes(`origo-${done.id}`))).toHaveLength(1);
      // Finished by the other process, which found the job at the printer instead of sending it again.
      const history = await database.db.query.printJobHistory.findMany({ where: eq(printJobHistory.jobId, done.id) });
      expect(history.some((h) => h.by.includes(`worker-${other.proc.pid}-`))).toBe(true);
    },
    120_000,
  );
});
