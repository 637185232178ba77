import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql as q } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, PgliteSession } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, PostgresJsSession } from "drizzle-orm/postgres-js";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync } from "node:fs";
import { dirname, join } from "node:path";
import postgres from "postgres";
import * as schema from "./schema.ts";
import { parseDatabaseUrl } from "./url.ts";

export type Schema = typeof schema;
/** One type for both drivers: services take `Db` and never know which one is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A handle or an open transaction: functions that must join their caller's transaction take this. */
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * PGlite only: true when this open found no cluster in the data directory and creates one
   * (initdb, the costly part of a first start).
   */
  creating?: boolean;
  /**
   * Runs the migrations in ./drizzle (idempotent). With `onProgress`, each pending migration is
   * applied in a transaction of its own and reported as it commits (`applied` of `total`, also
   * once when none was pending); without it, all pending ones run in one transaction.
   */
  migrate(options?: { onProgress?: MigrationProgress }): Promise<void>;
  /**
   * LISTEN on a channel with the driver's own client; resolves once listening, with the function
   * that stops. postgres.js listens on a dedicated connection and listens again after reconnecting;
   * PGlite delivers notifications within its own process. Both deliver on commit.
   * `onRelisten` runs each time the LISTEN connection is back after a loss (never on PGlite):
   * whatever was sent meanwhile was missed.
   */
  listen(channel: string, onPayload: (payload: string) => void, onRelisten?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * Connections in use and work waiting for one (server databases only; PGlite has no pool).
   * postgres.js does not expose its pool, so this counts what holds a connection: statements
   * outside transactions and open transactions; beyond `max`, the rest wait.
   */
  poolStats?(): { max: number; inUse: number; waiting: number };
  /** Runs a script of several statements (a dump) as one implicit transaction. */
  runScript(script: string): Promise<void>;
  /** A plain-SQL dump (pg_dump) of the embedded database; server databases use pg_dump itself. */
  sqlDump?(): Promise<string>;
  /** PGlite only: the whole data directory as a tarball (to open copies of it with `loadDataDir`). */
  dump?(): Promise<Blob>;
};

const migrationsFolder = join(import.meta.dir, "../../drizzle");

/** `ran`: false for the one call made when none was pending. */
export type MigrationProgress = (applied: number, total: number, ran: boolean) => void;
type Migrator = { dialect: { migrate(m: unknown[], session: unknown, config: unknown): Promise<void> }; session: { all<T>(q: unknown): Promise<T[]> } };

/**
 * drizzle's own migrator (the same dialect call its `migrate` makes), or, to report progress, that
 * call once per pending migration: each call applies those of the list newer than the last one
 * recorded, so a list that grows by one applies exactly one.
 */
async function runMigrations(drizzleDb: unknown, onProgress?: MigrationProgress) {
  const { dialect, session } = drizzleDb as Migrator;
  const config = { migrationsFolder };
  const migrations = readMigrationFiles(config);
  if (!onProgress) return dialect.migrate(migrations, session, config);
  await dialect.migrate([], session, config); // creates drizzle.__drizzle_migrations if absent
  const [last] = await session.all<{ created_at: string | number | null }>(
    q`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  const done = last ? migrations.filter((m) => m.folderMillis <= Number(last.created_at)).length : 0;
  if (done === migrations.length) return onProgress(done, migrations.length, false);
  for (let i = done; i < migrations.length; i++) {
    await dialect.migrate(migrations.slice(0, i + 1), session, config);
    onProgress(i + 1, migrations.length, true);
  }
}
/** pg_advisory_lock key held while migrating ("origo" in ASCII). */
const MIGRATION_LOCK = 0x6f7269676f;

/** A pool's drizzle handle → its twin whose session sends statements unnamed (planEachCall). */
const planningTwins = new WeakMap<object, DbOrTx>();
const unnamedSessions = new WeakSet<object>();

/**
 * drizzle 0.45 sends every postgres.js query unprepared unless the query was given a name
 * (drizzle-orm#6096): each is then parsed twice and waits one more round trip for PostgreSQL to
 * describe its parameters. Giving every query a name lets postgres.js prepare it once per
 * connection (cached by its text); a certificate create+send then costs the database less than
 * half the CPU (docs/decisions/0003). Searches, whose plans depend on their values, are the
 * exception: a planEachCall handle's statements stay unnamed (below), so each call is planned.
 */
const prepareQuery = PostgresJsSession.prototype.prepareQuery;
PostgresJsSession.prototype.prepareQuery = function (this: PostgresJsSession<never, never, never>, ...args: Parameters<typeof prepareQuery>) {
  const [query, fields, name, ...rest] = args;
  // Named, so prepared once per connection; a planEachCall handle's statements stay unnamed.
  const prepared = prepareQuery.call(this, query, fields, name ?? (unnamedSessions.has(this) ? undefined : ""), ...rest);
  (prepared as unknown as Built)[BUILT] = args;
  const busy = holders.get(this.client);
  if (busy) {
    // A statement outside any transaction holds a connection while it runs.
    const p = prepared as typeof prepared & { all(...a: unknown[]): Promise<unknown> };
    const { execute, all } = p;
    p.execute = ((...a: Parameters<typeof execute>) => busy.hold(() => execute.apply(p, a))) as typeof execute;
    p.all = (...a: unknown[]) => busy.hold(() => all.apply(p, a));
  }
  return prepared;
} as typeof prepareQuery;
const transaction = PostgresJsSession.prototype.transaction;
PostgresJsSession.prototype.transaction = function (this: PostgresJsSession<never, never, never>, ...args: Parameters<typeof transaction>) {
  const busy = holders.get(this.client);
  return busy ? busy.hold(() => transaction.apply(this, args)) : transaction.apply(this, args);
} as typeof transaction;

// PGlite's sessions keep what they were built from too (builtOnce).
const preparePglite = PgliteSession.prototype.prepareQuery;
PgliteSession.prototype.prepareQuery = function (this: PgliteSession<never, never>, ...args: Parameters<typeof preparePglite>) {
  const prepared = preparePglite.apply(this, args);
  (prepared as unknown as Built)[BUILT] = args;
  return prepared;
} as typeof preparePglite;

/** The arguments a prepared query was made from (session.prepareQuery's: the SQL text, its parameters, the result's fields). */
const BUILT = Symbol("prepareQuery arguments");
type Built = { [BUILT]: unknown[]; joinsNotNullableMap?: unknown };
type Session = { prepareQuery(...args: unknown[]): Built & { execute(values?: Record<string, unknown>): Promise<unknown> } };

/**
 * A statement drizzle builds once, with `sql.placeholder` for its values, that then runs on any
 * handle or transaction (each call passes the values). drizzle otherwise builds the SQL text again
 * on every call, and on the EDI create+send path that building was a third of the app's CPU, more
 * than the statements' own work (docs/decisions/0020). `build` runs on the first handle given
 * (once per driver) and must not depend on it; `name` is the prepared statement's.
 */
export function builtOnce<T>(name: string, build: (db: DbOrTx) => { prepare(name: string): { execute(values?: Record<string, unknown>): Promise<T> } }) {
  const made = new Map<unknown, Built>();
  return (db: DbOrTx, values: Record<string, unknown>): Promise<T> => {
    const session = (db as unknown as { session: Session }).session;
    let built = made.get(session.constructor);
    if (!built) {
      const prepared = build(db).prepare(name) as unknown as Built;
      built = { [BUILT]: prepared[BUILT], joinsNotNullableMap: prepared.joinsNotNullableMap };
      made.set(session.constructor, built);
    }
    const query = session.prepareQuery(...built[BUILT]);
    query.joinsNotNullableMap = built.joinsNotNullableMap;
    return query.execute(values) as Promise<T>;
  };
}

/**
 * The handle to run statements whose best plan depends on their values: the certificate searches,
 * where a plan made for one search (or reused as generic after five calls, PostgreSQL's default)
 * costs the largest exporter 6x the database time of its own plan (docs/decisions/0003, 0020).
 * Its statements go unprepared (an unnamed statement), which PostgreSQL plans for the values of
 * every call; it costs them one more round trip (PostgreSQL describes the parameters first) and a
 * parse. Everything else is prepared once per connection and reuses its plans: planning point
 * statements anew on every call was ~40 % of the database's CPU per EDI create + send. Same pool,
 * same transaction rules; on PGlite (whose statements are all unnamed) and for a transaction, the
 * handle given.
 */
export function planEachCall<T extends DbOrTx>(db: T): T {
  return (planningTwins.get(db) as T | undefined) ?? db;
}
/**
 * A placeholder for an insert's or update's value that goes to the driver as given: drizzle wraps a
 * bare `sql.placeholder` in a value with the column's encoder, which would make null the JSON text
 * "null" in a jsonb column (or throw on a timestamp). Callers pass jsonb values as JSON text.
 */
export const slot = (name: string) => q`${q.placeholder(name)}`;

/** Work holding a connection of each top-level postgres.js client (transactions' clients are not in it). */
const holders = new WeakMap<object, { count: number; hold<T>(fn: () => Promise<T>): Promise<T> }>();
function trackHolders(client: object) {
  const h = {
    count: 0,
    async hold<T>(fn: () => Promise<T>) {
      h.count++;
      try {
        return await fn();
      } finally {
        h.count--;
      }
    },
  };
  holders.set(client, h);
  return h;
}

export type DatabaseTarget =
  | { kind: "postgres"; url?: string; options?: postgres.Options<Record<string, never>> }
  | { kind: "pglite"; dataDir: string | "memory://"; loadDataDir?: Blob };

/**
 * Time-outs that keep a request from waiting on a database that is not there (docs/operations.md,
 * docs/decisions/0015). postgres.js waits before reconnecting by `backoff(retries)` seconds, with
 * `retries` counted across every connection of the pool and grown by each failed attempt; its
 * default, 3^n/100 s up to 20 s, climbed to the cap within the one second of a `pg_ctl restart`
 * under load, and every request then waited ~16–20 s for a connection. Here the wait stays under
 * half a second, so the pool (and the LISTEN connection) is back within a second of the database.
 * A refused connection (server stopped) fails at once; an attempt that gets no answer gives up after
 * connect_timeout, 1 s: attempts made while the server shuts down can hang until then (seen with
 * unix sockets under load), and the pool comes back only as fast as they end.
 *
 * Not done: withdrawing a statement that waits for a connection after a deadline. postgres.js's
 * cancel of a statement that is the first of a connection being opened leaves that connection
 * out of the pool for good (tried: the pool ran dry within one restart).
 */
export const RESILIENCE = {
  connect_timeout: 1,
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.4),
} satisfies postgres.Options<Record<string, never>>;

export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === "postgres") {
    const fromUrl = target.url ? parseDatabaseUrl(target.url).options : {};
    const opts = {
      max: 10,
      onnotice: () => {},
      ...RESILIENCE,
      ...fromUrl,
      ...target.options,
      connection: { ...fromUrl.connection, ...target.options?.connection },
    };
    const sql = postgres(opts);
    const busy = trackHolders(sql);
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    const twin = drizzlePostgres(sql, { schema }) as unknown as Db;
    unnamedSessions.add((twin as unknown as { session: object }).session);
    planningTwins.set(db, twin);
    return {
      db,
      kind: "postgres",
      // Processes starting together take turns: drizzle's migrator takes no lock of its own, and two
      // of them applying the same migration deadlock or fail on "already exists".
      migrate: async ({ onProgress } = {}) => {
        const lock = await sql.reserve();
        try {
          await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
          await runMigrations(drizzlePostgres(sql, { schema }), onProgress);
        } finally {
          await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
          lock.release();
        }
      },
      listen: async (channel, onPayload, onRelisten) => {
        let listens = 0;
        const { unlisten } = await sql.listen(channel, onPayload, () => {
          if (listens++ > 0) onRelisten?.();
        });
        return unlisten;
      },
      close: () => sql.end({ timeout: 5 }),
      runScript: async (script) => {
        await sql.unsafe(script).simple();
      },
      poolStats: () => ({ max: opts.max, inUse: Math.min(busy.count, opts.max), waiting: Math.max(0, busy.count - opts.max) }),
    };
  }
  if (target.dataDir !== "memory://") mkdirSync(target.dataDir, { recursive: true });
  const creating = !target.loadDataDir && (target.dataDir === "memory://" || needsPgliteCluster(target.dataDir));
  // Extensions the migrations create must be bundled into PGlite here (certificate search: drizzle/0004).
  const client = new PGlite(target.dataDir, { extensions: { pg_trgm, btree_gin }, loadDataDir: target.loadDataDir });
  const pdb = drizzlePglite(client, { schema });
  return {
    db: pdb as unknown as Db,
    kind: "pglite",
    creating,
    migrate: ({ onProgress } = {}) => runMigrations(pdb, onProgress),
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    close: () => client.close(),
    runScript: async (script) => {
      await client.exec(script);
    },
    sqlDump: async () => {
      const { pgDump } = await import("@electric-sql/pglite-tools/pg_dump");
      return (await pgDump({ pg: client, args: ["--no-owner", "--no-privileges"] })).text();
    },
    dump: () => client.dumpDataDir("gzip"),
  };
}

/** True when `dataDir` holds no PGlite cluster yet (a first start): opening it would run initdb. */
export function needsPgliteCluster(dataDir: string) {
  return !existsSync(join(dataDir, "PG_VERSION"));
}

/**
 * Creates the PGlite cluster of a first start (initdb) in a child Bun process with JavaScriptCore's
 * optimising WebAssembly tier (OMG) off. initdb runs most of PostgreSQL's code once, so OMG spends
 * more CPU compiling it than the compiled code saves: ~5.3 s of CPU with it, ~3.6 s without (docs/
 * decisions/0020). The server's own process keeps OMG for its queries, and does its other start-up
 * work (modules, the demo password's hash) on the other core meanwhile. The cluster is made beside
 * `dataDir` and renamed into place once complete, so an interrupted first start leaves no half
 * cluster that a restart would take for a database. Does nothing if `dataDir` is not empty (PGlite
 * then does as it always did).
 */
export async function createPgliteCluster(dataDir: string) {
  if (!needsPgliteCluster(dataDir)) return;
  if (existsSync(dataDir)) {
    if (readdirSync(dataDir).length) return;
    rmdirSync(dataDir);
  }
  mkdirSync(dirname(dataDir), { recursive: true });
  const making = `${dataDir}.creating`;
  rmSync(making, { recursive: true, force: true });
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "pglite-create.ts"), making], {
    env: { BUN_JSC_useOMGJIT: "0" }, // all it needs: it reads no configuration
    stdin: "ignore",
    stdout: "inherit",
    stderr: "inherit",
  });
  const code = await child.exited;
  if (code !== 0 || needsPgliteCluster(making)) throw new Error(`creating the embedded database in ${dataDir} failed (exit ${code})`);
  renameSync(making, dataDir);
}

/** The rows of a raw `db.execute(sql…)`: postgres.js returns the rows themselves, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
