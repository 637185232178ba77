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
