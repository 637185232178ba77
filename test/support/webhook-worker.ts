/**
 * A webhook worker in a process of its own, for the restart tests: `bun run
 * test/support/webhook-worker.ts <database> <leaseMs> <park|send>` on the test PostgreSQL. `park`
 * claims a delivery and stops before sending (prints `claimed <id>`); `send` sends normally. The
 * test kills it with SIGKILL, as a power cut would.
 */
import { openDatabase } from "../../src/db/client.ts";
import { loadConfig } from "../../src/config.ts";
import { startEventBus } from "../../src/lib/events.ts";
import { startWebhookWorker, type WebhookEvents } from "../../src/modules/webhooks/index.ts";
import { testDatabaseOptions } from "./db.ts";

const [database, leaseMs, mode] = process.argv.slice(2);
if (!database || !leaseMs || (mode !== "park" && mode !== "send")) throw new Error("usage: webhook-worker.ts <database> <leaseMs> <park|send>");
const db = openDatabase({ kind: "postgres", options: testDatabaseOptions(database, 4) });
const events = await startEventBus<WebhookEvents>({ database: db });
startWebhookWorker({
  db: db.db,
  events,
  secretKey: loadConfig({ NODE_ENV: "test" }).twoFactorKey,
  allowPrivate: true,
  id: "doomed-worker",
  leaseMs: Number(leaseMs),
  pollMs: 100,
  beforeSend:
    mode === "park"
      ? async (d) => {
          console.log(`claimed ${d.id}`);
          await new Promise(() => {});
        }
      : undefined,
});
console.log("ready");
