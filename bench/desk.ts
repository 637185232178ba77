// The office desk under load, on the real PostgreSQL (a throwaway database): approvals per second
// one at a time and racing, and an Excel export of many rows (time, size, memory).
import { eq, sql } from "drizzle-orm";
import { certificates } from "../src/db/schema.ts";
import { approveCertificate, createCertificate, sendCertificate } from "../src/modules/certificates/index.ts";
import { startExport } from "../src/modules/review/index.ts";
import { goodBody } from "../test/support/certificates.ts";
import { createTestDatabase, testDatabaseOptions } from "../test/support/db.ts";
import { userFor } from "../test/support/users.ts";
import postgres from "postgres";
import { cpuMeter, cpuText, loadAverage, ms, summary } from "./lib.ts";

const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 50_000);

export async function benchDesk() {
  const database = await createTestDatabase();
  const db = database.db;
  try {
    const exporter = await userFor(db, "1100A4419");
    const reviewer = await userFor(db, "reviewer1100");
    const pending = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const { id } = await createCertificate({ db, user: exporter, body: goodBody("GENERAL") });
        await sendCertificate({ db, user: exporter, id });
        ids.push(id);
      }
      return ids;
    };

    // Wall time follows whatever else the machine runs; CPU per approval (this process and the
    // database's backends) is the figure to compare between runs.
    const one = await pending(Number(process.env.BENCH_APPROVALS ?? 300));
    for (const id of one.splice(0, 20)) await approveCertificate({ db, reviewer, id });
    const meterSql = postgres({ ...testDatabaseOptions("postgres", 1), onnotice: () => {} });
    const meter = await cpuMeter({ pid: process.pid, sql: meterSql, database: database.name });
    const lat: number[] = [];
    const t0 = performance.now();
    for (const id of one) {
      const s = performance.now();
      await approveCertificate({ db, reviewer, id });
      lat.push(performance.now() - s);
    }
    const s1 = summary(lat);
    const cpu = await meter.read(one.length);
    await meterSql.end();
    console.log(
      `approve one at a time: ${(one.length / ((performance.now() - t0) / 1000)).toFixed(0)}/s, median ${ms(s1.median)}, p95 ${ms(s1.p95)}${cpuText(cpu, "approval")} (${loadAverage()})`,
    );

    const racing = await pending(200);
    const t1 = performance.now();
    await Promise.all(racing.map((id) => approveCertificate({ db, reviewer, id })));
    console.log(`approve 200 at once (pool of 10, one counter row): ${(racing.length / ((performance.now() - t1) / 1000)).toFixed(0)}/s`);

    // Export: copies of one certificate straight into the table, then the whole office exported.
    const template = (await db.query.certificates.findFirst({ where: eq(certificates.id, racing[0]!) }))!;
    for (let i = 0; i < EXPORT_ROWS; i += 1000)
      await db.insert(certificates).values(
        Array.from({ length: Math.min(1000, EXPORT_ROWS - i) }, (_, j) => ({
          ...template,
          id: Bun.randomUUIDv7(),
          applicationNo: `B${i + j}`,
          number: null,
          invoiceNo: `BENCH-${i + j}`,
        })),
      );
    // A bulk load leaves the planner without statistics until autovacuum runs; take them now.
    await db.execute(sql`analyze certificates`);
    Bun.gc(true);
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t2 = performance.now();
    const { id, finished } = await startExport({ db, user: reviewer, filters: {} });
    await finished;
    const seconds = (performance.now() - t2) / 1000;
    clearInterval(sampler);
    const e = (await db.query.certificateExports.findFirst({ where: (x, { eq }) => eq(x.id, id) }))!;
    console.log(
      `export ${e.done.toLocaleString()} rows: ${seconds.toFixed(1)} s (${Math.round(e.done / seconds).toLocaleString()} rows/s), ` +
        `${(e.byteSize / 1024 / 1024).toFixed(1)} MiB xlsx, RSS +${((peak - rss0) / 1024 / 1024).toFixed(0)} MiB at peak`,
    );
  } finally {
    await database.drop();
  }
}
