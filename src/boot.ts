import { resolve } from "node:path";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { createPgliteCluster, needsPgliteCluster, openDatabase, type Database } from "./db/client.ts";
import { DataDirLockedError, lockDataDir, type DataDirLock } from "./db/lock.ts";
import { setLogLevel } from "./lib/log.ts";
import { setHashingCost } from "./lib/passwords.ts";

export type Booted = { config: Config; database: Database; lock: DataDirLock | null; shutdown(): Promise<void> };

/**
 * Shared start-up of the server and the CLI: validated config, the data-directory lock for the
 * embedded database, the connection, migrations, and (when asked) demo data on an empty database.
 * Prints a one-line reason and exits 1 on a bad environment or a locked data directory.
 * `progress` (the server's start) is told one line per stage: the database being created or opened,
 * each migration applied, the demo data being loaded.
 */
export async function boot({
  withDemo,
  migrate = true,
  progress,
}: {
  withDemo: boolean;
  migrate?: boolean;
  progress?: (line: string) => void;
}): Promise<Booted> {
  let config: Config;
  let lock: DataDirLock | null = null;
  try {
    config = loadConfig();
    setLogLevel(config.logLevel);
    setHashingCost(config.passwordHashing);
    if (!config.databaseUrl) lock = lockDataDir(resolve(config.dataDir));
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const say = progress ?? (() => {});
  const pgDir = resolve(config.dataDir, "pg");
  if (config.databaseUrl) say("connecting to PostgreSQL…");
  else if (needsPgliteCluster(pgDir)) {
    say(`creating the embedded database in ${config.dataDir} (first start only, a few seconds)…`);
    await createPgliteCluster(pgDir);
  } else say(`opening the embedded database in ${config.dataDir}…`);
  const database = openDatabase(config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: pgDir });
  if (migrate)
    await database.migrate({
      onProgress:
        progress &&
        ((applied, total, ran) => say(ran ? `migrations ${applied}/${total} applied` : `database schema up to date (${applied}/${total} migrations)`)),
    });
  // Imported here, not above: it reaches most slices, and loading them before the database is
  // opened would keep the embedded database waiting on a restart (docs/decisions/0020).
  if (withDemo && config.demo)
    await (await import("./demo/load.ts")).loadDemoData(database.db, {
      twoFactorKey: config.twoFactorKey,
      onLoading: (what) => say(`loading demo data (${what})…`),
    });
  return {
    config,
    database,
    lock,
    async shutdown() {
      await database.close();
      lock?.release();
    },
  };
}
