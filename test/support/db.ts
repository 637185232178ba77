import postgres from "postgres";
import { loadConfig } from "../../src/config.ts";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { loadDemoData } from "../../src/demo/load.ts";

/**
 * A fresh database for one test file: on the real PostgreSQL server (a new database, dropped
 * afterwards), or on PGlite in memory when TEST_DB=pglite, so the same suite runs on both.
 * PostgreSQL is reached by its unix socket, which also works inside the printers' network namespace.
 */
export type TestDatabase = Database & { name: string; drop(): Promise<void> };

const socket = process.env.PGHOST ?? "/var/run/postgresql";
const user = process.env.PGUSER ?? "postgres";

export const testDbKind = process.env.TEST_DB === "pglite" ? "pglite" : "postgres";

export async function createTestDatabase({
  demo = true,
  twoFactorKey = loadConfig({ NODE_ENV: "test" }).twoFactorKey,
}: { demo?: boolean; twoFactorKey?: string } = {}): Promise<TestDatabase> {
  const name = `origo_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (testDbKind === "pglite") {
    const database = openDatabase({ kind: "pglite", dataDir: "memory://" });
    await database.migrate();
    if (demo) await loadDemoData(database.db, { twoFactorKey });
    return { ...database, name, drop: () => database.close() };
  }
  const admin = postgres({ host: socket, user, database: "postgres", max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const database = openDatabase({ kind: "postgres", options: { host: socket, user, database: name, max: 10 } });
  await database.migrate();
  if (demo) await loadDemoData(database.db, { twoFactorKey });
  return {
    ...database,
    name,
    async drop() {
      await database.close();
      const a = postgres({ host: socket, user, database: "postgres", max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
