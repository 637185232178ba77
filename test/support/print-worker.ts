/**
 * A print worker in a process of its own, for the crash test: `bun run test/support/print-worker.ts
 * <database> <leaseMs>` on the test PostgreSQL (by its socket). Prints `ready` once it works; the
 * test kills it with SIGKILL, as a power cut would.
 */
import { openDatabase } from "../../src/db/client.ts";
import { loadConfig } from "../../src/config.ts";
import { testDatabaseOptions } from "./db.ts";
import { startEventBus } from "../../src/lib/events.ts";
import { startPrintWorker, type PrintEvents } from "../../src/modules/print/index.ts";

const [database, leaseMs] = process.argv.slice(2);
if (!database || !leaseMs) throw new Error("usage: print-worker.ts <database> <leaseMs>");
const db = openDatabase({ kind: "postgres", options: testDatabaseOptions(database, 4) });
const events = await startEventBus<PrintEvents>({ database: db });
startPrintWorker({
  db: db.db,
  events,
  secretKey: loadConfig({ NODE_ENV: "test" }).twoFactorKey,
  id: "doomed-worker",
  leaseMs: Number(leaseMs),
  pollMs: 100,
  ippPollMs: 200,
});
console.log("ready");
