import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { loadConfig } from "../../src/config.ts";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { loadDemoData } from "../../src/demo/load.ts";
import { hashingCost } from "../../src/lib/passwords.ts";

/**
 * A fresh database for one test file: on the real PostgreSQL server (a new database, dropped
 * afterwards), or on PGlite in memory when TEST_DB=pglite, so the same suite runs on both.
 * PostgreSQL is reached by its unix socket, which also works inside the printers' network namespace.
 *
 * Migrating and loading the demo data is the costly part, so it happens once per source version
 * (docs/decisions/0011-test-database-template.md): on PostgreSQL into a template database
 * `origo_template_<hash>` that each test file clones with `CREATE DATABASE … TEMPLATE` (a file copy);
 * on PGlite into a data-directory dump that each file loads.
 */
export type TestDatabase = Database & { name: string; drop(): Promise<void> };

const socket = process.env.PGHOST ?? "/var/run/postgresql";
const user = process.env.PGUSER ?? "postgres";

export const testDbKind = process.env.TEST_DB === "pglite" ? "pglite" : "postgres";

/** Connection options for another pool on a test database (a second worker, a second process). */
export function testDatabaseOptions(database: string, max = 10) {
  return { host: socket, user, database, max };
}

export async function createTestDatabase({
  demo = true,
  twoFactorKey = loadConfig({ NODE_ENV: "test" }).twoFactorKey,
}: {
  demo?: boolean;
  twoFactorKey?: string;
} = {}): Promise<TestDatabase> {
  const name = `origo_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (testDbKind === "pglite") {
    const database = demo
      ? openDatabase({ kind: "pglite", dataDir: "memory://", loadDataDir: await pgliteTemplate(twoFactorKey) })
      : await migrated(openDatabase({ kind: "pglite", dataDir: "memory://" }));
    return { ...database, name, drop: () => database.close() };
  }
  await withAdmin(async (admin) => {
    if (!demo) return admin.unsafe(`create database "${name}"`);
    await cloneTemplate(admin, name, twoFactorKey);
  });
  const database = openDatabase({ kind: "postgres", options: testDatabaseOptions(name) });
  if (!demo) await database.migrate();
  return {
    ...database,
    name,
    async drop() {
      await database.close();
      await withAdmin((a) => a.unsafe(`drop database if exists "${name}" with (force)`));
    },
  };
}

/**
 * A migrated, seeded PGlite database in memory for `fn`, whatever TEST_DB says, closed after: for
 * tests that a migration's triggers behave on the embedded database as on PostgreSQL.
 */
export async function withEmbeddedDemoDatabase<T>(fn: (db: Database["db"]) => Promise<T>): Promise<T> {
  const twoFactorKey = loadConfig({ NODE_ENV: "test" }).twoFactorKey;
  const embedded = openDatabase({ kind: "pglite", dataDir: "memory://", loadDataDir: await pgliteTemplate(twoFactorKey) });
  try {
    return await fn(embedded.db);
  } finally {
    await embedded.close();
  }
}

async function migrated(database: Database) {
  await database.migrate();
  return database;
}

async function withAdmin<T>(fn: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres({ host: socket, user, database: "postgres", max: 1, onnotice: () => {} });
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

const root = join(import.meta.dir, "../..");

/**
 * What the seeded database depends on: the migrations and every source file (the demo loader runs
 * through the slices' services, so any of them may change what it writes), the key that seals the
 * demo TOTP secret and the hashing cost of the demo passwords.
 */
function templateKey(twoFactorKey: string): string {
  const hasher = new Bun.CryptoHasher("sha256");
  const files = [...new Bun.Glob("drizzle/**/*").scanSync({ cwd: root }), ...new Bun.Glob("src/**/*.{ts,tsx}").scanSync({ cwd: root })]
    .filter((f) => !/\.test\.tsx?$/.test(f))
    .sort();
  for (const f of files)
    hasher
      .update(`${f}\0`)
      .update(readFileSync(join(root, f)))
      .update("\0");
  hasher.update(`${twoFactorKey}\0${hashingCost()}`);
  return hasher.digest("hex").slice(0, 16);
}

async function seed(database: Database, twoFactorKey: string) {
  await database.migrate();
  await loadDemoData(database.db, { twoFactorKey });
}

// Templates of other source versions unused for this long are dropped, so edits do not pile them up.
const STALE_TEMPLATE_MS = 3_600_000;
const builtHere = new Map<string, Promise<string>>();

/**
 * The name of a complete template for this source version, building it when absent. Several test
 * processes (other worktrees, `--parallel` workers) may ask at once: an advisory lock per template
 * lets one build while the others wait, and a template counts as complete only once it is marked
 * IS_TEMPLATE, the last step of building it (a run that died half-way leaves only a `_build` database).
 */
function postgresTemplate(admin: postgres.Sql, twoFactorKey: string): Promise<string> {
  const name = `origo_template_${templateKey(twoFactorKey)}`;
  let built = builtHere.get(name);
  if (!built) {
    built = buildTemplate(admin, name, twoFactorKey).catch((e) => {
      builtHere.delete(name);
      throw e;
    });
    builtHere.set(name, built);
  }
  return built;
}

async function isTemplate(admin: postgres.Sql, name: string) {
  return (await admin`select 1 from pg_database where datname = ${name} and datistemplate`).length > 0;
}

async function buildTemplate(admin: postgres.Sql, name: string, twoFactorKey: string): Promise<string> {
  if (await isTemplate(admin, name)) return name;
  await admin`select pg_advisory_lock(hashtext(${name}))`;
  try {
    if (await isTemplate(admin, name)) return name;
    const building = `${name}_build`;
    await admin.unsafe(`drop database if exists "${building}" with (force)`);
    await admin.unsafe(`create database "${building}"`);
    const database = openDatabase({ kind: "postgres", options: testDatabaseOptions(building, 4) });
    try {
      await seed(database, twoFactorKey);
    } finally {
      await database.close();
    }
    await admin.unsafe(`alter database "${building}" rename to "${name}"`);
    await admin.unsafe(`comment on database "${name}" is '${new Date().toISOString()}'`);
    await admin.unsafe(`alter database "${name}" is_template true`);
  } finally {
    await admin`select pg_advisory_unlock(hashtext(${name}))`;
  }
  await dropStaleTemplates(admin, name);
  return name;
}

/**
 * Drops other versions' templates last used (built or cloned) over an hour ago. A run still using one either holds
 * it (the drop fails and is ignored) or finds it gone at its next clone and builds it again.
 */
async function dropStaleTemplates(admin: postgres.Sql, keep: string) {
  const rows = await admin<{ name: string; built: string | null }[]>`
    select d.datname as name, shobj_description(d.oid, 'pg_database') as built
    from pg_database d where d.datname like 'origo\\_template\\_%' and d.datname not like '%\\_build' and d.datname <> ${keep}`;
  for (const { name, built } of rows) {
    if (built && Date.now() - Date.parse(built) < STALE_TEMPLATE_MS) continue;
    try {
      await admin.unsafe(`alter database "${name}" is_template false`);
      await admin.unsafe(`drop database "${name}"`);
    } catch {
      // In use by another run right now: it stays until a later run finds it idle.
    }
  }
}

async function cloneTemplate(admin: postgres.Sql, name: string, twoFactorKey: string) {
  for (let attempt = 0; ; attempt++) {
    const template = await postgresTemplate(admin, twoFactorKey);
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
      await admin.unsafe(`comment on database "${template}" is '${new Date().toISOString()}'`);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 20) throw e;
      // 55006: a session is connected to the template (another run checking it this instant): try again.
      if (code === "55006") await Bun.sleep(250);
      // 3D000: another run dropped it as stale between our check and the clone: build it again.
      else if (code === "3D000") builtHere.delete(template);
      else throw e;
    }
  }
}

function dropStaleDumps(dir: string, keep: string) {
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (path !== keep && Date.now() - statSync(path).mtimeMs > STALE_TEMPLATE_MS) rmSync(path, { force: true });
  }
}

/** PGlite: the migrated, seeded data directory as a tarball, built once per source version and kept in the temp folder. */
const pgliteDumps = new Map<string, Promise<Blob>>();
function pgliteTemplate(twoFactorKey: string): Promise<Blob> {
  const key = templateKey(twoFactorKey);
  let dump = pgliteDumps.get(key);
  if (!dump) {
    dump = (async () => {
      const dir = join(tmpdir(), "origo-test-templates");
      const file = join(dir, `pglite-${key}.tar.gz`);
      if (await Bun.file(file).exists()) return Bun.file(file);
      const database = openDatabase({ kind: "pglite", dataDir: "memory://" });
      try {
        await seed(database, twoFactorKey);
        const tarball = await database.dump!();
        mkdirSync(dir, { recursive: true });
        const partial = `${file}.${process.pid}`;
        await Bun.write(partial, tarball);
        renameSync(partial, file);
        dropStaleDumps(dir, file);
        return tarball;
      } finally {
        await database.close();
      }
    })();
    pgliteDumps.set(key, dump);
  }
  return dump;
}
