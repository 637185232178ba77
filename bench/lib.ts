import { mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import type postgres from "postgres";
import { join } from "node:path";

export const root = join(import.meta.dir, "..");

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The machine's 1/5/15-minute load averages, printed beside figures taken on a shared machine. */
export const loadAverage = () =>
  `load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`;

/**
 * CPU seconds a process has used so far (utime + stime from /proc), 0 once it is gone;
 * `withChildren` adds those of its children it has waited for (a first start's initdb).
 */
export function cpuSeconds(pid: number, { withChildren = false } = {}) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0)) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU used from now until `read()` by the app's process and, given a connection and a database
 * name, by that database's client backends (autovacuum's work is not the requests'). Every backend
 * is read at both ends, so one that was already there is not counted from zero; one that appears
 * meanwhile is counted whole. Wall time on a shared machine varies with the others' work; CPU per
 * operation stays steady.
 */
export async function cpuMeter({ pid, sql, database }: { pid: number; sql?: postgres.Sql; database?: string }) {
  const backends = async () =>
    sql && database
      ? ((await sql`select pid from pg_stat_activity where datname = ${database} and backend_type = 'client backend'`) as { pid: number }[]).map((r) => r.pid)
      : [];
  const before = new Map((await backends()).map((p) => [p, cpuSeconds(p)]));
  const appBefore = cpuSeconds(pid);
  return {
    /** Milliseconds of CPU per operation since the meter started: app process, PostgreSQL backends. */
    async read(operations: number) {
      const app = cpuSeconds(pid) - appBefore;
      const pg = (await backends()).reduce((a, p) => a + cpuSeconds(p) - (before.get(p) ?? 0), 0);
      return { app: (app / operations) * 1000, pg: (pg / operations) * 1000 };
    },
  };
}

/** ", CPU per request: app 1.2 ms, PostgreSQL 0.8 ms" (PostgreSQL left out when not measured). */
export const cpuText = (cpu: { app: number; pg: number }, per = "request", withPg = true) =>
  `, CPU per ${per}: app ${ms(cpu.app)}${withPg ? `, PostgreSQL ${ms(cpu.pg)}` : ""}`;

/** Starts `bun run src/main.ts` (on a fresh embedded data dir unless DATA_DIR is given); resolves when it prints its URL. */
export async function startServer(env: Record<string, string> = {}) {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), "origo-bench-"));
  const started = performance.now();
  // BENCH_CPU_PROF=DIR: the server writes a CPU profile (Chrome DevTools format) into DIR when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const proc = Bun.spawn(["bun", ...profile, "run", "src/main.ts"], {
    cwd: root,
    env: { ...(process.env as Record<string, string>), PORT: "0", LOG_LEVEL: "warn", DATA_DIR: dataDir, ...env },
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = proc.stdout.getReader();
  let seen = "";
  while (!seen.includes("running at")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("server exited before start");
    seen += new TextDecoder().decode(value);
  }
  const url = seen.match(/http:\/\/\S+\//)![0].replace(/\/$/, "");
  return { url, proc, dataDir, started, stop: async () => (proc.kill("SIGTERM"), await proc.exited) };
}

/** `concurrency` workers issue `total` requests between them; returns per-request latencies. */
export async function load({ total, concurrency, request }: { total: number; concurrency: number; request: () => Promise<Response> }) {
  const latencies: number[] = [];
  let issued = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        issued++;
        const s = performance.now();
        const res = await request();
        await res.arrayBuffer();
        if (res.status >= 400) failures++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { ...summary(latencies), failures, rps: total / seconds };
}

/**
 * The `origo_csrf=…` cookie pair after a response: the CSRF token is bound to the session, so
 * signing in (and the second factor) hands out a new one.
 */
export const csrfAfter = (res: Response, current: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith("origo_csrf="))
    ?.split(";")[0] ?? current;

/** Signs in over HTTP as a browser does; returns the Cookie header of the session. */
export async function signInOver(url: string, login: string, password: string) {
  const page = await fetch(`${url}/sign-in`);
  const csrf = page.headers
    .getSetCookie()
    .find((c) => c.startsWith("origo_csrf="))!
    .split(";")[0]!;
  const res = await fetch(`${url}/sign-in`, {
    method: "POST",
    body: new URLSearchParams({ login, password, _csrf: csrf.split("=")[1]! }),
    redirect: "manual",
    headers: { cookie: csrf, origin: url, "content-type": "application/x-www-form-urlencoded" },
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("origo_session="));
  if (!session) throw new Error(`sign-in as ${login} failed (${res.status})`);
  return `${csrfAfter(res, csrf)}; ${session.split(";")[0]}`;
}
