import { describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { loadConfig } from "../config.ts";
import { openDatabase } from "./client.ts";
import { databaseUnavailable } from "./errors.ts";
import { startPrivatePostgres } from "../../test/support/private-postgres.ts";
import { parseDatabaseUrl } from "./url.ts";

describe("DATABASE_URL the libpq way", () => {
  test("the unix socket through ?host= reaches the real server (the usual local setup)", async () => {
    for (const url of [
      "postgres://postgres@localhost/postgres?host=/var/run/postgresql",
      "postgresql:///postgres?host=%2Fvar%2Frun%2Fpostgresql&user=postgres",
    ]) {
      const database = openDatabase({ kind: "postgres", url });
      try {
        const rows = (await database.db.execute(sql`select inet_server_addr()::text as path`)) as unknown as { path: string | null }[];
        // A socket connection has no server address.
        expect(rows[0]!.path).toBeNull();
      } finally {
        await database.close();
      }
    }
  });

  test("several hosts: the first that answers is used (failover)", async () => {
    // Port 1 refuses at once; the second host is a real server of the test's own over TCP (npm test
    // runs in a network namespace where the shared server's 127.0.0.1:5432 is not reachable).
    const pg = await startPrivatePostgres({ tcp: true });
    const database = openDatabase({ kind: "postgres", url: `postgres://postgres@127.0.0.1:1,127.0.0.1:${pg.port}/postgres?sslmode=disable` });
    try {
      const rows = (await database.db.execute(sql`select inet_server_port() as port`)) as unknown as { port: number }[];
      expect(rows[0]!.port).toBe(pg.port);
    } finally {
      await database.close();
      await pg.stop();
    }
  }, 30_000);

  test("several hosts all refusing: a query fails once each host has refused, it does not retry for ever", async () => {
    // postgres.js 3.4.9 never counted the hosts it had tried, so with two or more hosts every
    // refusal was swallowed and the query waited for ever (patches/postgres@3.4.9.patch).
    const database = openDatabase({ kind: "postgres", url: "postgres://postgres@127.0.0.1:1,127.0.0.1:2/postgres?sslmode=disable" });
    try {
      // What the app answers 503 to (src/db/errors.ts), and at once.
      const outcome = await Promise.race([
        database.db.execute(sql`select 1`).then(
          () => "answered",
          (e: unknown) => (databaseUnavailable(e) ? "unavailable" : String(e)),
        ),
        Bun.sleep(5_000).then(() => "still waiting after 5 s"),
      ]);
      expect(outcome).toBe("unavailable");
      // And again: the next query tries the hosts afresh.
      expect(await database.db.execute(sql`select 1`).then(() => false, databaseUnavailable)).toBe(true);
    } finally {
      await database.close();
    }
  }, 30_000);

  test("parts, parameters and sslmode become driver options", () => {
    const { options, display } = parseDatabaseUrl(
      "postgres://app:p%40ss@db1:5433,[::1]/origo?sslmode=require&connect_timeout=5&application_name=origo-a&options=-c%20statement_timeout%3D5000",
    );
    expect(options).toMatchObject({
      user: "app",
      password: "p@ss",
      database: "origo",
      host: ["db1", "::1"],
      port: [5433, 5432],
      ssl: "require",
      connect_timeout: 5,
    });
    expect(options.connection as unknown).toEqual({ application_name: "origo-a", statement_timeout: "5000" });
    expect(display).not.toContain("p@ss");
    expect(parseDatabaseUrl("postgres:///origo?host=/run/pg&port=5444").options).toMatchObject({ host: "/run/pg", port: 5444 });
    expect(parseDatabaseUrl("postgres://x/db?sslmode=disable").options.ssl).toBe(false);
  });

  test("a bad URL stops start-up naming the variable and the parameter", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://localhost/origo?hots=/tmp" })).toThrow(/DATABASE_URL: unknown parameter "hots"/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://localhost/origo?sslmode=maybe" })).toThrow(/sslmode "maybe"/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://h1,/var/run/postgresql/origo" })).toThrow(/DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: "postgres://postgres@localhost/origo?host=/var/run/postgresql" }).databaseUrl).toContain("host=");
  });
});
