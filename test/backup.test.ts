import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import postgres from "postgres";
import { loadConfig } from "../src/config.ts";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type Database } from "../src/db/client.ts";
import { loadDemoData } from "../src/demo/load.ts";

/**
 * An office that started on the embedded database moves to PostgreSQL: `cli db export` from the
 * data directory, `cli db import` into a new server database; every table arrives with the same
 * rows, and the server starts on it without migrating again.
 */
const root = join(import.meta.dir, "..");
const dir = mkdtempSync(join(tmpdir(), "origo-backup-"));
const dataDir = join(dir, "data");
const dumpFile = join(dir, "origo.sql");
const target = `origo_import_${Date.now().toString(36)}`;
const socket = "/var/run/postgresql";
const admin = postgres({ host: socket, user: "postgres", database: "postgres", max: 1, onnotice: () => {} });

beforeAll(async () => {
  const embedded = openDatabase({ kind: "pglite", dataDir: resolve(dataDir, "pg") });
  await embedded.migrate();
  await loadDemoData(embedded.db, { twoFactorKey: loadConfig({}).twoFactorKey });
  await embedded.close();
  await admin.unsafe(`create database "${target}"`);
}, 60_000);

afterAll(async () => {
  await admin.unsafe(`drop database if exists "${target}" with (force)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string>) {
  const e: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: "error", ...env };
  if (!env.DATABASE_URL) delete e.DATABASE_URL;
  const p = Bun.spawn(["bun", "run", "src/cli.ts", ...args], { cwd: root, env: e, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { out, err, code };
}

/** Each table's row count and a digest of its rows' text, in a stable order. */
async function fingerprint(db: Database) {
  const names = rowsOf<{ t: string }>(
    await db.db.execute(
      sql`select table_schema || '.' || table_name as t from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((r) => r.t);
  const out: Record<string, string> = {};
  for (const name of names) {
    const [schema, table] = name.split(".");
    const [row] = rowsOf<{ n: number; digest: string }>(
      await db.db.execute(
        sql`select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as digest from ${sql.identifier(schema!)}.${sql.identifier(table!)} x`,
      ),
    );
    out[name] = `${row!.n} ${row!.digest}`;
  }
  return out;
}

describe("moving off the embedded database", () => {
  test("cli db export → cli db import round-trips the demo data into PostgreSQL", async () => {
    const exported = await cli(["db", "export", "--out", dumpFile], { DATA_DIR: dataDir });
    expect(exported.err).toContain("wrote");
    expect(exported.code).toBe(0);

    const url = `postgres://postgres@localhost/${target}?host=${socket}`;
    const imported = await cli(["db", "import", "--file", dumpFile], { DATABASE_URL: url });
    expect(imported.err).toContain("imported");
    expect(imported.code).toBe(0);

    const embedded = openDatabase({ kind: "pglite", dataDir: resolve(dataDir, "pg") });
    const server = openDatabase({ kind: "postgres", url });
    try {
      const before = await fingerprint(embedded);
      const after = await fingerprint(server);
      expect(Object.keys(before).length).toBeGreaterThan(20);
      expect(before["public.accounts"]).not.toStartWith("0 ");
      expect(after).toEqual(before);
      // Migrations are current on the server: migrating again changes nothing.
      await server.migrate();
      expect(await fingerprint(server)).toEqual(before);
    } finally {
      await embedded.close();
      await server.close();
    }

    // A second import into the now full database is refused and changes nothing.
    const again = await cli(["db", "import", "--file", dumpFile], { DATABASE_URL: url });
    expect(again.code).toBe(2);
    expect(again.err).toContain("empty database");
  }, 120_000);
});
