export { metricsRoutes, reportPoolOf, requestMetrics } from "./metrics.ts";
export { markDraining, systemRoutes } from "./routes.ts";
