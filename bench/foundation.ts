import postgres from "postgres";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../src/demo/data.ts";
import { parseTotpSecret, totpCode, totpStep } from "../src/modules/accounts/index.ts";
import { cpuMeter, cpuSeconds, cpuText, csrfAfter, load, loadAverage, ms, signInOver, startServer } from "./lib.ts";

/** A signed-in office session: password, then the demo key's current code as the second factor. */
async function officeSession(url: string) {
  const pending = await signInOver(url, "reviewer1100", DEMO_PASSWORD);
  const csrf = pending.split("; ")[0]!;
  const verified = await fetch(`${url}/two-factor`, {
    method: "POST",
    body: new URLSearchParams({ code: totpCode(parseTotpSecret(DEMO_TOTP_SECRET), totpStep(new Date())), _csrf: csrf.split("=")[1]! }),
    redirect: "manual",
    headers: { cookie: pending, origin: url, "content-type": "application/x-www-form-urlencoded" },
  });
  const session = verified.headers
    .getSetCookie()
    .find((c) => c.startsWith("origo_session="))!
    .split(";")[0]!;
  return `${csrfAfter(verified, csrf)}; ${session}`;
}

async function firstPage(url: string, started: number) {
  for (;;) {
    const res = await fetch(`${url}/sign-in`).catch(() => null);
    if (res?.ok) return performance.now() - started;
    await Bun.sleep(5);
  }
}

/** Wall time from spawn to the first served page, and the CPU the server (and its initdb child) used until then. */
async function startUp(label: string, server: Awaited<ReturnType<typeof startServer>>) {
  const wall = await firstPage(server.url, server.started);
  const cpu = cpuSeconds(server.proc.pid, { withChildren: true }) * 1000;
  console.log(`start-up to first page, ${label}: ${ms(wall)} wall, ${ms(cpu)} CPU (server and its children; ${loadAverage()})`);
}

async function measurePages(url: string, database: string, pid: number, pg?: { sql: postgres.Sql; name: string }) {
  const cookie = await officeSession(url);
  for (const [name, path, headers] of [
    ["sign-in page", "/sign-in", { "accept-encoding": "gzip" }],
    ["signed-in page (/account/password)", "/account/password", { cookie, "accept-encoding": "gzip" }],
  ] as const) {
    await load({ total: 500, concurrency: 50, request: () => fetch(url + path, { headers }) }); // warm-up
    const meter = await cpuMeter({ pid, sql: pg?.sql, database: pg?.name });
    const r = await load({ total: 5000, concurrency: 50, request: () => fetch(url + path, { headers }) });
    const cpu = await meter.read(r.n);
    console.log(
      `${database}: ${name}, 50 concurrent, ${r.n} requests: median ${ms(r.median)}, p99 ${ms(r.p99)}, ${r.rps.toFixed(0)} req/s, failures ${r.failures}${cpuText(cpu, "request", !!pg)} (${loadAverage()})`,
    );
  }
}

/**
 * Foundation figures: time from process start to the first served page on an empty embedded
 * database (initdb + migrations + demo data) and on an existing one, then latency of the sign-in
 * page and of a signed-in page under 50 concurrent connections, on the embedded database and on
 * the PostgreSQL server (a throwaway database).
 */
export async function benchFoundation() {
  const embedded = await startServer();
  await startUp("empty embedded database (initdb, migrations, demo data)", embedded);
  try {
    await measurePages(embedded.url, "embedded (PGlite)", embedded.proc.pid);
  } finally {
    await embedded.stop();
  }
  for (let i = 0; i < 3; i++) {
    const restart = await startServer({ DATA_DIR: embedded.dataDir });
    await startUp(`existing embedded database (restart ${i + 1} of 3)`, restart);
    await restart.stop();
  }

  const name = `origo_bench_foundation_${Date.now().toString(36)}`;
  const admin = postgres({ host: "/var/run/postgresql", user: "postgres", database: "postgres", max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  try {
    const server = await startServer({ DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`, DEMO: "1" });
    try {
      await firstPage(server.url, server.started);
      await measurePages(server.url, "PostgreSQL", server.proc.pid, { sql: admin, name });
    } finally {
      await server.stop();
    }
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
