import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AppEnv } from "../../app-env.ts";
import { rowsOf } from "../../db/client.ts";
import { allow } from "../accounts/index.ts";

/** The newest migration this build ships (drizzle records each applied one by its folder time). */
const journal = JSON.parse(readFileSync(join(import.meta.dir, "../../../drizzle/meta/_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] };
const latest = journal.entries.reduce((a, b) => (b.when > a.when ? b : a));

/** Set once SIGTERM arrives: readiness fails so a proxy or orchestrator stops sending new work here. */
let draining = false;
export function markDraining() {
  draining = true;
}

const READY_TIMEOUT_MS = 1_000;

/** Whether the database answers within READY_TIMEOUT_MS and has this build's migrations, with its latency. */
async function databaseReadiness(db: AppEnv["Variables"]["db"]): Promise<Record<string, unknown>> {
  const started = performance.now();
  try {
    const rows = rowsOf<{ applied: string | null }>(
      await Promise.race([
        db.execute(sql`select max(created_at)::text as applied from drizzle.__drizzle_migrations`),
        Bun.sleep(READY_TIMEOUT_MS).then(() => Promise.reject(new Error("timeout"))),
      ]),
    );
    const current = Number(rows[0]?.applied ?? 0) >= latest.when;
    return { status: current ? "ok" : "migrations_pending", latencyMs: Math.round((performance.now() - started) * 10) / 10, latestMigration: latest.tag };
  } catch {
    return { status: "unreachable" };
  }
}

/**
 * `/healthz`: liveness — the process answers (restart it if not). It never touches the database, so
 * a database outage does not make an orchestrator kill healthy processes.
 * `/readyz`: readiness — the database answers within a second and has this build's migrations, and
 * the process is not shutting down. 503 otherwise, with what failed.
 */
export const systemRoutes = new Hono<AppEnv>()
  .get("/healthz", allow("public"), (c) => c.json({ status: "ok" }))
  .get("/readyz", allow("public"), async (c) => {
    const database = await databaseReadiness(c.var.db);
    const ready = !draining && database.status === "ok";
    if (!ready) c.header("Retry-After", "2");
    return c.json({ status: ready ? "ready" : draining ? "draining" : "not_ready", database }, ready ? 200 : 503);
  });
