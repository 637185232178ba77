import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
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

/** Starts `bun run src/main.ts` on a fresh embedded data dir; resolves when it prints its URL. */
export async function startServer(env: Record<string, string> = {}) {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), "origo-bench-"));
  const started = performance.now();
  const proc = Bun.spawn(["bun", "run", "src/main.ts"], {
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
export const csrfAfter = (res: Response, current: string) => res.headers.getSetCookie().find((c) => c.startsWith("origo_csrf="))?.split(";")[0] ?? current;

/** Signs in over HTTP as a browser does; returns the Cookie header of the session. */
export async function signInOver(url: string, login: string, password: string) {
  const page = await fetch(`${url}/sign-in`);
  const csrf = page.headers.getSetCookie().find((c) => c.startsWith("origo_csrf="))!.split(";")[0]!;
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
