/**
 * One JSON line per event on stderr, so logs can be grepped by request id.
 *
 * Lines carry no request bodies or personal data: an error is logged as its kind, message and where
 * it came from; a failed query as the database's own account (SQLSTATE, message, constraint) and the
 * statement's text with its placeholders, never the parameters (drizzle puts them in its message).
 * Long values are cut at MAX_VALUE characters.
 */
import { databaseErrorFields } from "../db/errors.ts";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Until start-up sets the configured level (config LOG_LEVEL, via setLogLevel).
let threshold: Level = "info";

export const MAX_VALUE = 500;

export function setLogLevel(level: Level) {
  threshold = level;
}

function cut(s: string, max = MAX_VALUE) {
  return s.length > max ? `${s.slice(0, max)}…(${s.length - max} more)` : s;
}

/** The stack's frames only: its first lines repeat the message, which may hold a query's parameters. */
function frames(stack: string | undefined) {
  return stack
    ?.split("\n")
    .filter((l) => l.trimStart().startsWith("at "))
    .slice(0, 8)
    .map((l) => l.trim());
}

export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { value: cut(String(err), 200) };
  const db = databaseErrorFields(err);
  const failedQuery = "query" in err && "params" in err && typeof err.query === "string";
  const out: Record<string, unknown> = { name: err.name };
  if (failedQuery) out.query = cut(err.query as string, 300);
  else out.message = cut(err.message);
  if (db) out.database = db;
  out.stack = frames(err.stack);
  return out;
}

function safe(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return cut(value);
  if (value instanceof Error) return describeError(value);
  if (depth < 3 && Array.isArray(value)) return value.slice(0, 20).map((v) => safe(v, depth + 1));
  if (depth < 3 && value && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safe(v, depth + 1)]));
  return value;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (order[level] < order[threshold]) return;
  const line = { t: new Date().toISOString(), level, msg, ...(safe(fields ?? {}) as Record<string, unknown>) };
  process.stderr.write(JSON.stringify(line) + "\n");
}

export const log = {
  debug: (msg: string, f?: Record<string, unknown>) => write("debug", msg, f),
  info: (msg: string, f?: Record<string, unknown>) => write("info", msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => write("warn", msg, f),
  error: (msg: string, f?: Record<string, unknown>) => write("error", msg, f),
};
