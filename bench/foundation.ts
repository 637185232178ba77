import postgres from "postgres";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../src/demo/data.ts";
import { parseTotpSecret, totpCode, totpStep } from "../src/modules/accounts/index.ts";
import { csrfAfter, load, ms, signInOver, startServer } from "./lib.ts";

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
  const session = verified.headers.getSetCookie().find((c) => c.startsWith("origo_session="))!.split(";")[0]!;
  return `${csrfAfter(verified, csrf)}; ${session}`;
}

async function firstPage(url: string, started: number) {
  for (;;) {
    const res = await fetch(`${url}/sign-in`).catch(() => null);
    if (res?.ok) return performance.now() - started;
    await Bun.sleep(5);
  }
}

async function measurePages(url: string, database: string) {
  const cookie = await officeSession(url);
  for (const [name, path, headers] of [
    ["sign-in page", "/sign-in", { "accept-encoding": "gzip" }],
    ["signed-in page (/account/password)", "/account/password", { cookie, "accept-encoding": "gzip" }],
  ] as const) {
    await load({ total: 500, concurrency: 50, request: () => fetch(url + path, { headers }) }); // warm-up
    const r = await load({ total: 5000, concurrency: 50, request: () => fetch(url + path, { headers }) });
    console.log(`${database}: ${name}, 50 concurrent, ${r.n} requests: median ${ms(r.median)}, p99 ${ms(r.p99)}, ${r.rps.toFixed(0)} req/s, failures ${r.failures}`);
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
  console.log(`start-up to first page, empty embedded database: ${ms(await firstPage(embedded.url, embedded.started))}`);
  try {
    await measurePages(embedded.url, "embedded (PGlite)");
  } finally {
    await embedded.stop();
  }
  const restart = await startServer({ DATA_DIR: embedded.dataDir });
  console.log(`start-up to first page, existing embedded database: ${ms(await firstPage(restart.url, restart.started))}`);
  await restart.stop();

  const name = `origo_bench_foundation_${Date.now().toString(36)}`;
  const admin = postgres({ host: "/var/run/postgresql", user: "postgres", database: "postgres", max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  try {
    const server = await startServer({ DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`, DEMO: "1" });
    try {
      await firstPage(server.url, server.started);
      await measurePages(server.url, "PostgreSQL");
    } finally {
      await server.stop();
    }
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
