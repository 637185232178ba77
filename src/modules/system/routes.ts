import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { allow } from "../accounts/index.ts";

/** Liveness and database reachability for load balancers and operators. */
export const systemRoutes = new Hono<AppEnv>().get("/healthz", allow("public"), async (c) => {
  const started = performance.now();
  try {
    await c.var.db.execute(sql`select 1`);
    return c.json({ status: "ok", database: { status: "ok", latencyMs: Math.round((performance.now() - started) * 10) / 10 } });
  } catch {
    return c.json({ status: "degraded", database: { status: "unreachable" } }, 503);
  }
});
