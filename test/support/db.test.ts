/**
 * The template behind createTestDatabase when several test processes start at once on one server
 * (other worktrees, `bun test --parallel`): one builds it, the others wait and clone, each gets a
 * seeded database of its own. A TOTP sealing key of this test's own makes a template nobody else uses.
 */
import { afterAll, expect, test } from "bun:test";
import { join } from "node:path";
import postgres from "postgres";
import { testDatabaseOptions, testDbKind } from "./db.ts";

const root = join(import.meta.dir, "../..");
const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
const admin = postgres({ ...testDatabaseOptions("postgres", 1), onnotice: () => {} });
const templatesBefore = testDbKind === "postgres" ? await templates() : [];

async function templates() {
  return (await admin<{ datname: string }[]>`select datname from pg_database where datname like 'origo\\_template\\_%'`).map((r) => r.datname);
}

afterAll(async () => {
  // This test's own template: drop it (nobody else has its key).
  for (const name of (await templates()).filter((n) => !templatesBefore.includes(n))) {
    await admin.unsafe(`alter database "${name}" is_template false`);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  }
  await admin.end();
});

const child = `
  const { setHashingCost } = await import(${JSON.stringify(join(root, "src/lib/passwords.ts"))});
  const { createTestDatabase } = await import(${JSON.stringify(join(import.meta.dir, "db.ts"))});
  setHashingCost("fast");
  const d = await createTestDatabase({ twoFactorKey: process.env.KEY });
  const [row] = await d.db.execute("select count(*)::int as n from accounts");
  console.log(JSON.stringify({ name: d.name, accounts: row.n }));
  await d.drop();
`;

test.skipIf(testDbKind === "pglite")(
  "three processes asking for a new template at once: one template is built, each gets its own seeded copy",
  async () => {
    const runs = await Promise.all(
      [1, 2, 3].map(async () => {
        const p = Bun.spawn(["bun", "-e", child], { cwd: root, env: { ...process.env, KEY: key, LOG_LEVEL: "error" }, stdout: "pipe", stderr: "pipe" });
        const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
        if (code !== 0) throw new Error(err);
        return JSON.parse(out) as { name: string; accounts: number };
      }),
    );
    expect(new Set(runs.map((r) => r.name)).size).toBe(3);
    for (const r of runs) expect(r.accounts).toBe(18);
    const made = (await templates()).filter((n) => !templatesBefore.includes(n));
    expect(made).toHaveLength(1);
    expect(made[0]).not.toEndWith("_build");
    const [mark] = await admin`select datistemplate from pg_database where datname = ${made[0]!}`;
    expect(mark!.datistemplate).toBe(true);
  },
  120_000,
);
