import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.ts";

/** Several processes started at once on a new database: each runs the migrations at start, one after the other. */
const name = `origo_migrate_${Date.now().toString(36)}`;
const admin = postgres({ host: "/var/run/postgresql", user: "postgres", database: "postgres", max: 1, onnotice: () => {} });
beforeAll(async () => {
  await admin.unsafe(`create database "${name}"`);
});
afterAll(async () => {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

test("three processes migrating one new database at once all start, and each migration is applied once", async () => {
  const url = `postgres://postgres@localhost/${name}?host=/var/run/postgresql`;
  const databases = [0, 1, 2].map(() => openDatabase({ kind: "postgres", url }));
  try {
    await Promise.all(databases.map((d) => d.migrate()));
    const journal = JSON.parse(readFileSync(join(import.meta.dir, "../drizzle/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const check = postgres({ host: "/var/run/postgresql", user: "postgres", database: name, max: 1, onnotice: () => {} });
    const [row] = await check`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await check.end();
    expect(row!.n).toBe(journal.entries.length);
  } finally {
    await Promise.all(databases.map((d) => d.close()));
  }
}, 60_000);
