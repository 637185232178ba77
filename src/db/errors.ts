/**
 * The name of the unique constraint a failed statement violated, or null for any other failure.
 * drizzle wraps the driver's error in `cause`; postgres.js calls the field `constraint_name`,
 * PGlite `constraint`. Services use it to turn a lost race into the same message as the pre-check.
 */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (pg.code === "23505") return String(pg.constraint_name ?? pg.constraint ?? "");
    if ((e as { cause?: unknown }).cause === e) break;
  }
  return null;
}

/** Driver and socket codes of a connection that could not be made or was cut. */
const CONNECTION_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOENT", // a unix socket that is not there: the server is stopped
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
]);

function* causes(err: unknown) {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    yield e as { code?: unknown; message?: unknown; errno?: unknown };
  }
}

/** True when a failure means "the database is not reachable now" (SQLSTATE class 08 included), not that a statement was wrong. */
export function databaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = typeof e.code === "string" ? e.code : "";
    if (CONNECTION_CODES.has(code) || code.startsWith("08")) return true;
  }
  return false;
}

/**
 * The database's own account of a failed statement, safe to log: SQLSTATE, severity, message and the
 * constraint/table/column it names — never the statement's parameters (certificate bodies,
 * personal data) nor `detail`, which quotes the offending values. Null when no database error is in the chain.
 */
export function databaseErrorFields(err: unknown): Record<string, string> | null {
  for (const e of causes(err)) {
    const pg = e as Record<string, unknown>;
    const code = typeof pg.code === "string" ? pg.code : "";
    if (/^[0-9A-Z]{5}$/.test(code) && (pg.severity || pg.severity_local)) {
      const out: Record<string, string> = { sqlstate: code, message: String(pg.message ?? "") };
      for (const [key, names] of [
        ["severity", ["severity", "severity_local"]],
        ["constraint", ["constraint_name", "constraint"]],
        ["table", ["table_name", "table"]],
        ["column", ["column_name", "column"]],
        ["routine", ["routine"]],
      ] as const) {
        const v = names.map((n) => pg[n]).find((x) => typeof x === "string" && x);
        if (v) out[key] = v as string;
      }
      return out;
    }
    if (code && CONNECTION_CODES.has(code)) return { connection: code, message: String(pg.message ?? "") };
  }
  return null;
}
