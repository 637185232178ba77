/**
 * `/metrics` in Prometheus text format (prom-client): requests by route and status with latency
 * histograms, the database pool, open event streams, unfinished print jobs by state and the age
 * of the oldest, certificates approved per office, and the process's own figures.
 *
 * Off the public internet by default: without METRICS_TOKEN the path does not exist (404); with it,
 * a scraper sends `Authorization: Bearer <token>` (docs/operations.md). Database figures come from
 * the tables at scrape time, so every process reports the same totals and a scrape after a restart
 * loses nothing.
 */
import { timingSafeEqual } from "node:crypto";
import { Hono, type MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type PromClient from "prom-client";
import type { AppEnv } from "../../app-env.ts";
import type { Database, Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { openEventStreamCount } from "../../lib/sse.ts";
import { allow } from "../accounts/index.ts";
import { approvedCountsByOffice } from "../certificates/index.ts";
import { unfinishedJobFigures } from "../print/index.ts";

let poolSource: Database["poolStats"];
/** The process's database, whose pool the metrics report (called once at start). */
export function reportPoolOf(database: Pick<Database, "poolStats">) {
  poolSource = database.poolStats;
}
/**
 * The registry and its metrics, built on first use (`metrics()`): without METRICS_TOKEN nobody can
 * read them, and loading prom-client was 60–120 ms of a restart before its first page.
 */
function buildMetrics(client: typeof PromClient) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "origo_" });

  const requests = new client.Counter({
    name: "origo_http_requests_total",
    help: "HTTP requests answered, by route pattern and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const latency = new client.Histogram({
    name: "origo_http_request_duration_seconds",
    help: "Time to answer (to the first byte of the body), by route pattern and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new client.Gauge({
    name: "origo_db_pool_connections",
    help: "Database connections: in_use, waiting (work queued for a connection) and max (pool size); absent on the embedded database",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const s = poolSource?.();
      if (!s) return;
      this.set({ state: "in_use" }, s.inUse);
      this.set({ state: "waiting" }, s.waiting);
      this.set({ state: "max" }, s.max);
    },
  });
  new client.Gauge({
    name: "origo_sse_streams_open",
    help: "Server-sent event streams this process holds open",
    registers: [registry],
    collect() {
      this.set(openEventStreamCount());
    },
  });
  const printJobs = new client.Gauge({
    name: "origo_print_jobs",
    help: "Unfinished print jobs by state (all processes)",
    labelNames: ["state"],
    registers: [registry],
  });
  const printAge = new client.Gauge({
    name: "origo_print_jobs_oldest_seconds",
    help: "How long the oldest unfinished print job has been in its state",
    labelNames: ["state"],
    registers: [registry],
  });
  const approved = new client.Gauge({
    name: "origo_certificates_approved_total",
    help: "Certificates approved (numbered) so far, per office",
    labelNames: ["office"],
    registers: [registry],
  });
  return { registry, requests, latency, printJobs, printAge, approved };
}
let built: ReturnType<typeof buildMetrics> | undefined;
const metrics = () => (built ??= buildMetrics(require("prom-client") as typeof PromClient));

/** The route pattern that answered (`/certificates/:id`, never the id itself), or `unmatched`. */
function routeOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]) {
  const route = matchedRoutes(c).findLast((r) => r.method !== "ALL");
  return route?.path ?? "unmatched";
}

/**
 * Counts and times every request; first in the chain, so it sees error pages too. Counts nothing
 * when the metrics are off (no METRICS_TOKEN: /metrics does not exist).
 */
export function requestMetrics({ enabled }: { enabled: boolean }): MiddlewareHandler<AppEnv> {
  if (!enabled) return (_c, next) => next();
  const { requests, latency } = metrics();
  return async (c, next) => {
    const end = latency.startTimer();
    try {
      await next();
    } finally {
      const labels = { method: c.req.method, route: routeOf(c), status: String(c.res.status) };
      requests.inc(labels);
      end(labels);
    }
  };
}

function tokenMatches(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The database figures, read from the tables at scrape time (every process reports the same
 * totals); returns the registry that holds them.
 */
async function refreshDatabaseFigures(db: Db) {
  const { registry, printJobs, printAge, approved } = metrics();
  const [jobs, offices] = await Promise.all([unfinishedJobFigures(db), approvedCountsByOffice(db)]);
  printJobs.reset();
  printAge.reset();
  for (const j of jobs) {
    printJobs.set({ state: j.state }, j.count);
    printAge.set({ state: j.state }, Math.round(j.oldestSeconds * 10) / 10);
  }
  approved.reset();
  for (const o of offices) approved.set({ office: o.officeCode }, o.approved);
  return registry;
}

export const metricsRoutes = new Hono<AppEnv>().get("/metrics", allow("public"), async (c) => {
  const token = c.var.config.metricsToken;
  if (!token) throw new AppError("not_found", "");
  const given = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
  if (!tokenMatches(given, token)) {
    c.header("WWW-Authenticate", 'Bearer realm="metrics"');
    return c.text("metrics need Authorization: Bearer <METRICS_TOKEN>\n", 401);
  }
  const registry = await refreshDatabaseFigures(c.var.db);
  c.header("Content-Type", registry.contentType);
  return c.body(await registry.metrics());
});
