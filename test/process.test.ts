import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The real entry points as an operator runs them: `bun run start` and `bun run cli`. */
const root = join(import.meta.dir, "..");
const dataDir = mkdtempSync(join(tmpdir(), "origo-proc-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function env(extra: Record<string, string>) {
  const e: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: "error", ...extra };
  delete e.DATABASE_URL;
  return e;
}

async function run(args: string[], extra: Record<string, string>) {
  const p = Bun.spawn(["bun", "run", ...args], { cwd: root, env: env(extra), stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { out, err, code };
}

describe("start-up", () => {
  test("a bad environment variable stops start-up with its name", async () => {
    const r = await run(["src/main.ts"], { PORT: "eighty", DATA_DIR: join(dataDir, "bad") });
    expect(r.code).toBe(1);
    expect(r.err).toContain("PORT");
  });

  test("the embedded database is locked: a second server and the CLI refuse while the first runs", async () => {
    const server = Bun.spawn(["bun", "run", "src/main.ts"], { cwd: root, env: env({ PORT: "0", DATA_DIR: dataDir }), stdout: "pipe", stderr: "pipe" });
    try {
      const reader = server.stdout.getReader();
      let seen = "";
      while (!seen.includes("running at")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`server exited: ${await new Response(server.stderr).text()}`);
        seen += new TextDecoder().decode(value);
      }
      const url = seen.match(/http:\/\/\S+\//)![0];
      const page = await fetch(url + "sign-in");
      expect(await page.text()).toContain("登录");

      const second = await run(["src/main.ts"], { PORT: "0", DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.err).toContain("in use by another Origo process");

      const cli = await run(["src/cli.ts", "account", "reset-password", "--login", "1100A4419", "--password", "cli-reset-1"], { DATA_DIR: dataDir });
      expect(cli.code).toBe(1);
      expect(cli.err).toContain("数据目录正被另一个 Origo 进程使用");
    } finally {
      server.kill("SIGTERM");
      await server.exited;
    }
    // With the server stopped, the CLI gets the directory and the demo data is there.
    const cli = await run(["src/cli.ts", "account", "reset-password", "--login", "1100A4419", "--password", "cli-reset-1"], { DATA_DIR: dataDir });
    expect(cli.err).toBe("");
    expect(cli.out).toContain("password of 1100A4419 reset");
    const twoFactor = await run(["src/cli.ts", "account", "reset-two-factor", "--login", "reviewer1100"], { DATA_DIR: dataDir });
    expect(twoFactor.out).toContain("second factor of reviewer1100 reset");
  }, 60_000);

  test("a start prints one line per stage in order: the database created or opened, migrations, demo data, the URL", async () => {
    const dir = join(dataDir, "stages");
    const startUntilListening = async () => {
      const server = Bun.spawn(["bun", "run", "src/main.ts"], { cwd: root, env: env({ PORT: "0", DATA_DIR: dir }), stdout: "pipe", stderr: "pipe" });
      try {
        const reader = server.stdout.getReader();
        let seen = "";
        while (!seen.includes("running at")) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`server exited: ${await new Response(server.stderr).text()}`);
          seen += new TextDecoder().decode(value);
        }
        return seen.trim().split("\n");
      } finally {
        server.kill("SIGTERM");
        await server.exited;
      }
    };
    const first = await startUntilListening();
    const total = first.filter((l) => /migrations \d+\/\d+ applied/.test(l)).length;
    expect(total).toBeGreaterThan(10);
    expect(first).toEqual([
      `Origo: creating the embedded database in ${dir} (first start only, a few seconds)…`,
      ...Array.from({ length: total }, (_, i) => `Origo: migrations ${i + 1}/${total} applied`),
      "Origo: loading demo data (2 offices, 13 enterprises, 18 accounts)…",
      expect.stringMatching(/^Origo is running at http:\/\/\S+\/ {2}\(database: embedded, /),
    ]);
    const again = await startUntilListening();
    expect(again).toEqual([
      `Origo: opening the embedded database in ${dir}…`,
      `Origo: database schema up to date (${total}/${total} migrations)`,
      expect.stringMatching(/^Origo is running at /),
    ]);
  }, 120_000);

  test("the CLI prints the demo office accounts' current sign-in code for newcomers without an app", async () => {
    const { totpCode, totpStep, parseTotpSecret } = await import("../src/modules/accounts/index.ts");
    const { DEMO_TOTP_SECRET } = await import("../src/demo/data.ts");
    const r = await run(["src/cli.ts", "demo", "code"], { DATA_DIR: join(dataDir, "unused") });
    const now = totpStep(new Date());
    const valid = [now - 1, now].map((step) => totpCode(parseTotpSecret(DEMO_TOTP_SECRET), step));
    expect(valid).toContain(r.out.trim());
  });
});
