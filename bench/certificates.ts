import { sql } from "drizzle-orm";
import type { CurrentUser } from "../src/app-env.ts";
import { openDatabase, type Database } from "../src/db/client.ts";
import { DEMO_PASSWORD } from "../src/demo/data.ts";
import { createAccount } from "../src/modules/accounts/index.ts";
import { createApiToken } from "../src/modules/api/index.ts";
import { countCertificatesByStatus, listCertificates, type CertificateFilters } from "../src/modules/certificates/index.ts";
import { goodBody } from "../test/support/certificates.ts";
import { benchEnterpriseId, BENCH_OFFICES, dropBenchDatabase, IMPORTER_CORES, loadBenchDatabase } from "./certificates-data.ts";
import postgres from "postgres";
import { cpuMeter, cpuText, load as loadTest, loadAverage, ms, signInOver, startServer, summary } from "./lib.ts";

/**
 * Certificate lists and search over a million certificates, and the send path under load.
 *
 *   bun run bench certificates
 *
 * Environment: BENCH_CERTIFICATES (default 1,000,000), BENCH_DB (default origo_bench),
 * BENCH_REUSE=1 keeps an already loaded database, BENCH_KEEP=1 leaves it for EXPLAIN sessions,
 * BENCH_EXPLAIN=1 prints the plan of every measured query (auto_explain on the bench's connection),
 * BENCH_PARTS=enterprise,office,send picks the measurements (default all), BENCH_PAIRS the number
 * of create+send pairs measured (default 3000, after 300 of warm-up).
 * Targets: p95 ≤ 50 ms for every list and search, ≥ 200 sends/s with 20 concurrent clients.
 */
const DATABASE = process.env.BENCH_DB ?? "origo_bench";
const COUNT = Number(process.env.BENCH_CERTIFICATES ?? 1_000_000);
const ENTERPRISES = 2000;
const HOST = process.env.PGHOST ?? "/var/run/postgresql";
const USER = process.env.PGUSER ?? "postgres";
const SEND_CLIENTS = 20;
const PARTS = new Set((process.env.BENCH_PARTS ?? "enterprise,office,send").split(","));

/** Largest enterprise (e = 0, about 2% of all certificates) and a typical one. */
const LIST_ENTERPRISES = [
  { e: 0, label: "largest enterprise" },
  { e: 1000, label: "typical enterprise" },
];
const SEND_ENTERPRISES = Array.from({ length: SEND_CLIENTS }, (_, i) => 100 + i);

const pick = <T>(items: readonly T[], i: number) => items[i % items.length]!;
const line = (name: string, r: { median: number; p95: number; p99: number; n: number }, extra = "") =>
  console.log(`${name}: p50 ${ms(r.median)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)} (${r.n} requests${extra})`);

async function rowsOf<T>(db: Database["db"], query: string) {
  const res = await db.execute(sql.raw(query));
  return (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as T[];
}

/** Enterprise accounts (with API tokens for the senders) inside the bench database. */
async function prepareAccounts(db: Database["db"]) {
  const logins = new Map<number, string>();
  const tokens: string[] = [];
  for (const e of [...LIST_ENTERPRISES.map((x) => x.e), ...SEND_ENTERPRISES]) {
    const login = `bench${e}`;
    const [existing] = await rowsOf<{ id: string }>(db, `select id from accounts where login = '${login}'`);
    const accountId =
      existing?.id ??
      (await createAccount({
        db,
        account: { login, password: DEMO_PASSWORD, role: "enterprise", enterpriseId: benchEnterpriseId(e), displayName: `基准企业${e}` },
      }));
    logins.set(e, login);
    if (SEND_ENTERPRISES.includes(e)) tokens.push((await createApiToken({ db, accountId, name: "bench" })).token);
  }
  return { logins, tokens };
}

/**
 * The same calls the pages make, timed in-process: p50/p95/p99 of `n` calls after a warm-up,
 * `concurrency` at a time. The warm-up runs at the same concurrency, so every pooled connection the
 * timed calls use has opened and run such statements before (a new backend's first plans read the
 * catalogue: tens of milliseconds that belong to a start, not to a search), and runs 100 calls, so
 * the first search measured does not pay for compiling the query builders (20 left it 0.7 ms of
 * app CPU per call dearer than the same search measured second).
 */
async function timeCalls(n: number, call: (i: number) => Promise<unknown>, sql: postgres.Sql, concurrency = 1) {
  const run = async (from: number, count: number, samples?: number[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < count; i = next++) {
          const t0 = performance.now();
          await call(from + i);
          samples?.push(performance.now() - t0);
        }
      }),
    );
  };
  await run(1_000_000, Math.min(n, 100));
  const samples: number[] = [];
  const meter = await cpuMeter({ pid: process.pid, sql, database: DATABASE });
  await run(0, n, samples);
  return { ...summary(samples), cpu: await meter.read(n) };
}

export async function benchCertificates() {
  const reuse = process.env.BENCH_REUSE === "1";
  const keep = process.env.BENCH_KEEP === "1";
  const t0 = performance.now();
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let database: Database | null = null;
  let monitor: postgres.Sql | null = null;
  try {
    if (!reuse) {
      console.log(`loading ${COUNT.toLocaleString("en")} certificates of ${ENTERPRISES} enterprises in ${BENCH_OFFICES.length} offices into ${DATABASE}:`);
      await loadBenchDatabase({ database: DATABASE, count: COUNT, enterprises: ENTERPRISES });
      console.log(`load total: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    database = openDatabase({ kind: "postgres", options: { host: HOST, user: USER, database: DATABASE, max: 10 } });
    // A reused database holds the last run's sends in the trigram indexes' pending lists, which every
    // search reads until a vacuum merges them; autovacuum would, but some servers run without it.
    if (reuse) await database.db.execute(sql`vacuum (analyze) certificates`);
    console.log(`before measuring: ${loadAverage()}`);
    // Lists the backends whose CPU the meters read (a connection of its own, to the server's "postgres" database).
    monitor = postgres({ host: HOST, user: USER, database: "postgres", max: 1, onnotice: () => {} });
    const db = database.db;
    const { logins, tokens } = await prepareAccounts(db);
    // With metrics on, as a production deployment runs: every request is counted and timed.
    server = await startServer({
      DATABASE_URL: `postgres://${USER}@127.0.0.1:5432/${DATABASE}`,
      DEMO: "0",
      API_RATE_LIMIT: "1000000",
      METRICS_TOKEN: "bench-metrics-token-0000",
    });
    const url = server.url;

    // ---- the enterprise's list page and invoice search, through the real app ----
    for (const { e, label } of PARTS.has("enterprise") ? LIST_ENTERPRISES : []) {
      const [size] = await rowsOf<{ n: number }>(db, `select count(*)::int as n from certificates where enterprise_id = '${benchEnterpriseId(e)}'`);
      const cookie = await signInOver(url, logins.get(e)!, DEMO_PASSWORD);
      const headers = { cookie, "accept-encoding": "gzip" };
      const get = (path: string) => fetch(url + path, { headers });
      const first = await get("/certificates?status=ISSUED");
      if (first.status !== 200) throw new Error(`list page answered ${first.status}`);
      const invoices = (
        await rowsOf<{ invoice_no: string }>(
          db,
          `select invoice_no from certificates where enterprise_id = '${benchEnterpriseId(e)}' order by hashtext(id) limit 500`,
        )
      ).map((r) => r.invoice_no);
      console.log(`\n${label} (${size!.n.toLocaleString("en")} certificates):`);
      for (const concurrency of [1, 8]) {
        let i = 0;
        await loadTest({ total: 100, concurrency, request: () => get("/certificates?status=ISSUED") });
        const metered = async (request: () => Promise<Response>) => {
          const meter = await cpuMeter({ pid: server!.proc.pid, sql: monitor!, database: DATABASE });
          const r = await loadTest({ total: 1000, concurrency, request });
          return { ...r, cpu: cpuText(await meter.read(r.n)) };
        };
        const tab = await metered(() => get(i++ % 2 ? "/certificates?status=ISSUED" : "/certificates?status=PENDING"));
        line(
          `  list page, first page of a tab (ISSUED / PENDING), ${concurrency} concurrent`,
          tab,
          `, ${tab.rps.toFixed(0)} pages/s, failures ${tab.failures}${tab.cpu}`,
        );
        let j = 0;
        const full = await metered(() => get(`/certificates?invoiceNo=${encodeURIComponent(pick(invoices, j++))}`));
        line(`  invoice-number search (whole number), ${concurrency} concurrent`, full, `, failures ${full.failures}${full.cpu}`);
        let k = 0;
        const part = await metered(() => get(`/certificates?invoiceNo=${encodeURIComponent(pick(invoices, k++).slice(-5).toLowerCase())}`));
        line(`  invoice-number search (last 5 characters, lower case), ${concurrency} concurrent`, part, `, failures ${part.failures}${part.cpu}`);
      }
    }

    // ---- the office's advanced search, through the service the office pages call ----
    const office: CurrentUser = {
      id: "bench-office",
      login: "bench-office",
      role: "office_reviewer",
      displayName: "基准审核员",
      officeCode: BENCH_OFFICES[0].code,
      enterpriseId: null,
    };
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
    const officeSearches: [string, (i: number) => CertificateFilters][] = [
      [
        "office advanced search: 90-day invoice dates + importer part + ISSUED",
        (i) => ({
          invoiceDateFrom: day(90 + ((i * 37) % 1000)),
          invoiceDateTo: day((i * 37) % 1000),
          importer: pick(IMPORTER_CORES, i * 7).toLowerCase(),
          status: "ISSUED",
        }),
      ],
      ["office advanced search: importer part only (all dates)", (i) => ({ importer: pick(IMPORTER_CORES, i * 11).toLowerCase() })],
      [
        "office search: 1-year invoice dates + ISSUED (broad; count capped)",
        (i) => ({ invoiceDateFrom: day(365 + ((i * 13) % 700)), invoiceDateTo: day((i * 13) % 700), status: "ISSUED" }),
      ],
      ["office list: all certificates, first page (count capped)", () => ({})],
    ];
    if (PARTS.has("office")) console.log(`\noffice ${office.officeCode}:`);
    for (const [name, filters] of PARTS.has("office") ? officeSearches : [])
      for (const concurrency of [1, 8]) {
        const r = await timeCalls(300, (i) => listCertificates({ db, user: office, filters: filters(i) }), monitor, concurrency);
        line(`  ${name}, ${concurrency} concurrent`, r, cpuText({ app: r.cpu.app, pg: r.cpu.pg }, "call"));
      }

    if (process.env.BENCH_EXPLAIN === "1") await explainAll(office, officeSearches);

    // ---- create + send under 20 concurrent EDI clients ----
    const pairs = PARTS.has("send") ? Number(process.env.BENCH_PAIRS ?? 3000) : 0;
    let failures = 0;
    let samples: number[] = [];
    const runPairs = async (n: number) => {
      let issued = 0;
      await Promise.all(
        tokens.map(async (token, w) => {
          const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
          while (issued < n) {
            issued++;
            const s = performance.now();
            const body = { ...goodBody("GENERAL", `BENCH-${w}-${issued}-${crypto.randomUUID().slice(0, 8)}`), exporter: null, handSigner: null };
            const created = await fetch(`${url}/api/v1/certificates`, { method: "POST", headers, body: JSON.stringify(body) });
            const { id, problems } = (await created.json()) as { id: string; problems: { rule: string }[] };
            const sent = await fetch(`${url}/api/v1/certificates/${id}/send`, { method: "POST", headers });
            await sent.arrayBuffer();
            if (created.status !== 201 || sent.status !== 200) {
              if (failures++ === 0)
                console.log(`  first failure: create ${created.status}, send ${sent.status}, problems ${problems?.map((p) => p.rule).join(",")}`);
            }
            samples.push(performance.now() - s);
          }
        }),
      );
    };
    if (pairs) await runPairs(Math.min(300, pairs)); // warm-up: JIT, prepared statements, pool
    samples = [];
    failures = 0;
    // CPU used by the app and by this database's client backends per create+send, apart from what
    // other work on a shared machine leaves us (lib.ts cpuMeter).
    const meter = await cpuMeter({ pid: server.proc.pid, sql: monitor, database: DATABASE });
    const t1 = performance.now();
    if (pairs) await runPairs(pairs);
    const seconds = (performance.now() - t1) / 1000;
    const sendStats = summary(samples);
    if (pairs) {
      const cpu = await meter.read(pairs);
      console.log(
        `\nPOST /api/v1/certificates + send, ${SEND_CLIENTS} concurrent clients: ${(pairs / seconds).toFixed(0)} sends/s; per create+send p50 ${ms(sendStats.median)}, p95 ${ms(sendStats.p95)}, p99 ${ms(sendStats.p99)}; failures ${failures} (${loadAverage()})`,
      );
      console.log(
        `  CPU per create+send: app ${ms(cpu.app)}, PostgreSQL backends ${ms(cpu.pg)}; two idle cores would allow about ${(2000 / (cpu.app + cpu.pg)).toFixed(0)} sends/s`,
      );
    }
  } finally {
    await server?.stop();
    await monitor?.end();
    console.log(`at the end: ${loadAverage()}`);
    await database?.close();
    if (!keep) await dropBenchDatabase(DATABASE);
    console.log(`\nbench database ${keep ? "kept" : "dropped"}; whole scenario ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}

/**
 * Prints the plan of every query a list or search runs: the bench's own connection loads
 * auto_explain and receives its log lines as notices.
 */
async function explainAll(office: CurrentUser, officeSearches: [string, (i: number) => CertificateFilters][]) {
  const plans: string[] = [];
  const explained = openDatabase({
    kind: "postgres",
    options: { host: HOST, user: USER, database: DATABASE, max: 1, onnotice: (n) => plans.push(String(n.message)), connection: { client_min_messages: "log" } },
  });
  const db = explained.db;
  try {
    for (const statement of [
      "load 'auto_explain'",
      "set auto_explain.log_min_duration = 0",
      "set auto_explain.log_analyze = on",
      "set auto_explain.log_buffers = on",
    ])
      await db.execute(sql.raw(statement));
    const show = async (title: string, fn: () => Promise<unknown>) => {
      await fn(); // warm
      plans.length = 0;
      await fn();
      console.log(`\n### ${title}\n${plans.join("\n")}`);
    };
    for (const { e, label } of LIST_ENTERPRISES) {
      const ent: CurrentUser = { id: "x", login: "x", role: "enterprise", displayName: "x", officeCode: null, enterpriseId: benchEnterpriseId(e) };
      const [sample] = await rowsOf<{ invoice_no: string }>(db, `select invoice_no from certificates where enterprise_id = '${benchEnterpriseId(e)}' limit 1`);
      plans.length = 0;
      await show(`${label}: tab ISSUED, rows (the page takes its total from the tab counts)`, () =>
        listCertificates({ db, user: ent, filters: { status: "ISSUED" }, withTotal: false }),
      );
      await show(`${label}: tab counts`, () => countCertificatesByStatus({ db, user: ent }));
      for (const [what, invoiceNo] of [
        ["whole number", sample!.invoice_no],
        ["5 characters", sample!.invoice_no.slice(-5).toLowerCase()],
      ] as const) {
        await show(`${label}: invoice search (${what}), rows`, () => listCertificates({ db, user: ent, filters: { invoiceNo }, withTotal: false }));
        await show(`${label}: invoice search (${what}), tab counts`, () => countCertificatesByStatus({ db, user: ent, filters: { invoiceNo } }));
      }
    }
    for (const [name, filters] of officeSearches) await show(name, () => listCertificates({ db, user: office, filters: filters(3) }));
  } finally {
    await explained.close();
  }
}
