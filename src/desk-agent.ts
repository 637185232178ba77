/**
 * `bun run desk-agent --server URL --token TOKEN --printer ipp://HOST:631/ipp/print`
 *
 * The desk agent (src/print/agent/agent.ts) for a desk whose printer the server cannot reach. The
 * token comes from 本地打印 (enterprise) or 打印设置 (office); ORIGO_DESK_TOKEN may carry it instead
 * of --token, which keeps it out of the process list. Runs until stopped (Ctrl+C).
 */
import { parseArgs } from "node:util";
import { ConfigError, loadDeskAgentEnv } from "./config.ts";
import { setLogLevel } from "./lib/log.ts";
import { startDeskAgent } from "./print/agent/agent.ts";

const USAGE = "usage: bun run desk-agent --server https://origo.example --token origo_desk_… --printer ipp://printer.local:631/ipp/print";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { server: { type: "string" }, token: { type: "string" }, printer: { type: "string" }, help: { type: "boolean", short: "h" } },
});
let env: ReturnType<typeof loadDeskAgentEnv>;
try {
  env = loadDeskAgentEnv();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(2);
}
setLogLevel(env.logLevel);
const token = values.token ?? env.token;
if (values.help || !values.server || !token || !values.printer) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
for (const [name, value, protocols] of [
  ["--server", values.server, ["http:", "https:"]],
  ["--printer", values.printer, ["ipp:", "ipps:"]],
] as const) {
  let ok = false;
  try {
    ok = (protocols as readonly string[]).includes(new URL(value).protocol);
  } catch {}
  if (!ok) {
    console.error(`${name} must be a ${protocols.join(" or ")} URL, got ${JSON.stringify(value)}\n${USAGE}`);
    process.exit(2);
  }
}

const agent = startDeskAgent({ server: values.server, token, printer: values.printer });
const stop = async () => {
  await agent.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
const ended = await agent.done;
process.exit(ended === "stopped" ? 0 : 1);
