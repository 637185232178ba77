import type { AppEvents } from "./app-events.ts";
import { boot } from "./boot.ts";
import { log } from "./lib/log.ts";

const t0 = performance.now();
// One line per stage on stdout, so a first start (a few seconds) shows what it is doing. The app's
// modules load while the database is created or opened (a child process, or PGlite's WebAssembly
// compiling off the main thread), not before: docs/decisions/0020.
const booting = boot({ withDemo: true, progress: (line) => console.log(`Origo: ${line}`) });
const [
  { createApp },
  { startEventBus },
  { closeEventStreams },
  { mailerFor, startNotificationWorker, startTokenExpiryWatch },
  { smsSenderFor },
  { startPrintWorker },
  { markDraining, reportPoolOf },
  { startWebhookWorker },
  { startStatusTallyFolding },
] = await Promise.all([
  import("./app.tsx"),
  import("./lib/events.ts"),
  import("./lib/sse.ts"),
  import("./modules/notifications/index.ts"),
  import("./modules/sms/index.ts"),
  import("./modules/print/index.ts"),
  import("./modules/system/index.ts"),
  import("./modules/webhooks/index.ts"),
  import("./modules/certificates/index.ts"),
]);
const { config, database, shutdown } = await booting;
const events = await startEventBus<AppEvents>({ database });
const app = createApp({ db: database.db, config, events });
reportPoolOf(database);
// Composes queued print jobs and prints those of desks whose printers this server reaches.
const printWorker = startPrintWorker({ db: database.db, events, secretKey: config.twoFactorKey });
// Sends the notification e-mail and SMS waiting in the outbox (without SMTP_URL e-mail goes to 邮件发件箱,
// without an SMS provider texts go to 短信发件箱).
const mailer = mailerFor({ config, db: database.db });
const sms = smsSenderFor({ config, db: database.db });
const mailWorker = startNotificationWorker({ db: database.db, events, mailer, sms, publicUrl: config.publicUrl });
// Tells holders of API tokens 7 days before expiry, once per token (why a loop and not cron: notifications/token-expiry.ts).
const tokenExpiry = startTokenExpiryWatch({ db: database.db });
// Signs and sends the webhook deliveries waiting in the database (modules/webhooks/worker.ts).
const webhookWorker = startWebhookWorker({ db: database.db, events, secretKey: config.twoFactorKey, allowPrivate: config.webhookAllowPrivate });
// Keeps the enterprises' certificate counts per status cheap to read (certificates/status-tally.ts).
const tallyFolding = startStatusTallyFolding({ db: database.db });

const server = Bun.serve({
  port: config.port,
  hostname: config.host,
  fetch: app.fetch,
  // Server-sent event streams keep their own heartbeat; plain requests are short.
  idleTimeout: 60,
});

/**
 * SIGTERM/SIGINT, the way a supervisor or a rolling deploy stops a process (docs/operations.md):
 * readiness fails at once; event streams are told to reconnect (through the proxy, to another
 * process) and closed; the listening socket closes while requests in flight finish, for at most
 * SHUTDOWN_GRACE_SECONDS; the print worker gives its leases up so another process resumes those
 * jobs at once; the pool closes; exit 0.
 */
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  const started = performance.now();
  log.info("stopping", { signal, graceMs: config.shutdownGraceMs });
  markDraining();
  closeEventStreams({ retryMs: 500 });
  // At once, beside the drain: its leases are given up so another process resumes those jobs now.
  const workerStopped = Promise.all([printWorker.stop(), mailWorker.stop(), webhookWorker.stop(), tokenExpiry.stop(), tallyFolding.stop()]);
  const drained = await Promise.race([server.stop(false).then(() => true), Bun.sleep(config.shutdownGraceMs).then(() => false)]);
  if (!drained) {
    log.warn("requests still running after the grace period were cut", { graceMs: config.shutdownGraceMs });
    await server.stop(true);
  }
  await workerStopped;
  mailer?.close();
  await events.close();
  await shutdown();
  log.info("stopped", { ms: Math.round(performance.now() - started) });
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

// Announced only once the signal handlers are in place: a supervisor may stop us right after.
const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
log.info("started", { database: database.kind, port: server.port, startupMs: Math.round(performance.now() - t0) });
console.log(`Origo is running at http://${shown}:${server.port}/  (database: ${database.kind === "pglite" ? `embedded, ${config.dataDir}` : "PostgreSQL"})`);
