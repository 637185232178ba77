import type { AppEvents } from "./app-events.ts";
import { createApp } from "./app.tsx";
import { boot } from "./boot.ts";
import { startEventBus } from "./lib/events.ts";
import { log } from "./lib/log.ts";
import { closeEventStreams } from "./lib/sse.ts";
import { startPrintWorker } from "./modules/print/index.ts";

const t0 = performance.now();
const { config, database, shutdown } = await boot({ withDemo: true });
const events = await startEventBus<AppEvents>({ database });
const app = createApp({ db: database.db, config, events });
// Composes queued print jobs and prints those of desks whose printers this server reaches.
const printWorker = startPrintWorker({ db: database.db, events, secretKey: config.twoFactorKey });

const server = Bun.serve({
  port: config.port,
  hostname: config.host,
  fetch: app.fetch,
  // Server-sent event streams keep their own heartbeat; plain requests are short.
  idleTimeout: 60,
});

const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
log.info("started", { database: database.kind, port: server.port, startupMs: Math.round(performance.now() - t0) });
console.log(`Origo is running at http://${shown}:${server.port}/  (database: ${database.kind === "pglite" ? `embedded, ${config.dataDir}` : "PostgreSQL"})`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // Open event streams would keep server.stop() waiting forever.
  closeEventStreams();
  await server.stop();
  await printWorker.stop();
  await events.close();
  await shutdown();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
