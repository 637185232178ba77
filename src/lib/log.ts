/** One JSON line per event on stderr, so logs can be grepped by request id. */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Until start-up sets the configured level (config LOG_LEVEL, via setLogLevel).
let threshold: Level = "info";

export function setLogLevel(level: Level) {
  threshold = level;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (order[level] < order[threshold]) return;
  const line: Record<string, unknown> = { t: new Date().toISOString(), level, msg, ...fields };
  const err = fields?.err;
  if (err instanceof Error) line.err = { name: err.name, message: err.message, stack: err.stack };
  process.stderr.write(JSON.stringify(line) + "\n");
}

export const log = {
  debug: (msg: string, f?: Record<string, unknown>) => write("debug", msg, f),
  info: (msg: string, f?: Record<string, unknown>) => write("info", msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => write("warn", msg, f),
  error: (msg: string, f?: Record<string, unknown>) => write("error", msg, f),
};
