/**
 * Moving an office off the embedded database: `bun run cli db export` writes a plain-SQL dump of
 * it (PGlite's own pg_dump, @electric-sql/pglite-tools), which loads into PostgreSQL with
 * `bun run cli db import` or `psql -f`. The migrations' bookkeeping travels with the data, so the
 * server database starts at the same migration and nothing is applied twice.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "./client.ts";

export class BackupError extends Error {}

/**
 * PGlite's pg_dump (PostgreSQL 18) writes two things older servers refuse: `SET transaction_timeout`
 * (a PostgreSQL 17 setting) and, for some tables, `ALTER TABLE … ALTER COLUMN … SET (pg_attver=…)`, a
 * column option only PGlite knows. Dropping those lines makes the dump load into PostgreSQL 15+.
 */
export function portable(dump: string) {
  return dump.replace(/^SET transaction_timeout = 0;\n/m, "").replace(/^ALTER TABLE ONLY \S+ ALTER COLUMN \S+ SET \(pg_attver=\d+\);\n/gm, "");
}

export async function exportDatabase(database: Database): Promise<string> {
  if (!database.sqlDump) throw new BackupError("db export dumps the embedded database; on PostgreSQL use pg_dump (docs/operations.md)");
  return `-- Origo: dump of the embedded database, ${new Date().toISOString()}. Load with: bun run cli db import --file FILE (or psql -1 -f FILE) into an empty database.\n${portable(await database.sqlDump())}`;
}

/** Loads a dump into an empty database, all or nothing. Refuses a database that already has Origo tables. */
export async function importDatabase(database: Database, dump: string): Promise<void> {
  const [{ n }] = rowsOf<{ n: number }>(
    await database.db.execute(
      sql`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'`,
    ),
  ) as [{ n: number }];
  if (n > 0) throw new BackupError(`the target database already has ${n} tables: import into a new, empty database (createdb origo)`);
  await database.runScript(dump);
}
