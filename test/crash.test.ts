/**
 * The embedded database survives `kill -9`: a real server process on PGlite is killed while it
 * writes certificates, while it approves them and while it migrates a new data directory; after a
 * restart every write it acknowledged is there, certificate numbers are unique, and the schema is
 * complete.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { App } from "../src/app.tsx";
import { DEMO_TOTP_SECRET } from "../src/demo/data.ts";
import { parseTotpSecret, totpCode, totpStep, TWO_FACTOR_PATH } from "../src/modules/accounts/index.ts";
import { TestClient } from "./support/app.ts";
import { apiClient, goodBody } from "./support/certificates.ts";
import { startServerProcess, type ServerProcess } from "./support/server-process.ts";

const root = join(import.meta.dir, "..");
const dir = mkdtempSync(join(tmpdir(), "origo-crash-"));
const running = new Set<ServerProcess>();
afterAll(async () => {
  await Promise.all([...running].map((s) => s.stop(2_000)));
  rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string) {
  const s = await startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: "error", PUBLIC_URL: "http://localhost" }, { timeoutMs: 60_000 });
  running.add(s);
  return s;
}
async function kill9(s: ServerProcess) {
  s.proc.kill("SIGKILL");
  await s.proc.exited;
  running.delete(s);
}
async function stop(s: ServerProcess) {
  expect(await s.stop()).toBe(0);
  running.delete(s);
}

const http = (base: string) => ({
  request: (url: string, init?: RequestInit) => fetch(url.startsWith("http") ? url.replace(/^http:\/\/localhost/, base) : base + url, init),
});

describe("kill -9 on the embedded database", () => {
  const dataDir = join(dir, "data");

  test("acknowledged creates, sends and approvals are all there after a restart", async () => {
    // First start loads the demo data; an API token comes from the CLI while the server is stopped.
    await stop(await start(dataDir));
    const cli = Bun.spawn(["bun", "run", "src/cli.ts", "token", "create", "--account", "1100A4419"], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      stdout: "pipe",
      stderr: "pipe",
    });
    const token = (await new Response(cli.stdout).text()).trim();
    expect(await cli.exited).toBe(0);

    // Writes: creates and sends from 6 clients; killed mid-stream.
    let server = await start(dataDir);
    let api = apiClient(http(server.url), token);
    const created: string[] = [];
    const sent: string[] = [];
    let writing = true;
    const writer = async () => {
      while (writing) {
        const r = await api("POST", "/certificates", goodBody("GENERAL")).catch(() => null);
        if (r?.status !== 201) continue;
        created.push(r.json.id);
        const s = await api("POST", `/certificates/${r.json.id}/send`).catch(() => null);
        if (s?.status === 200) sent.push(r.json.id);
      }
    };
    const writers = Promise.all(Array.from({ length: 6 }, writer));
    while (sent.length < 12) await Bun.sleep(50);
    await Bun.sleep(200);
    await kill9(server);
    writing = false;
    await writers;

    server = await start(dataDir);
    api = apiClient(http(server.url), token);
    for (const id of created) expect((await api("GET", `/certificates/${id}`)).status).toBe(200);
    for (const id of sent) expect((await api("GET", `/certificates/${id}`)).json.status).toBe("PENDING");

    // Approvals by the reviewer; killed mid-stream.
    const reviewer = new TestClient(http(server.url) as unknown as App);
    const first = await reviewer.post("/sign-in", { login: "reviewer1100", password: "origo2026" });
    expect(first.headers.get("location")).toStartWith(TWO_FACTOR_PATH);
    const code = totpCode(parseTotpSecret(DEMO_TOTP_SECRET), totpStep(new Date()));
    expect((await reviewer.post(TWO_FACTOR_PATH, { code, next: "/" })).status).toBe(303);
    const approved: string[] = [];
    const queue = [...sent];
    let approving = true;
    const approver = async () => {
      while (approving && queue.length) {
        const id = queue.shift()!;
        const r = await reviewer.post(`/office/certificates/${id}/approval`, {}).catch(() => null);
        if (r?.status === 303) approved.push(id);
      }
    };
    const approvers = Promise.all(Array.from({ length: 3 }, approver));
    while (approved.length < 3 && queue.length) await Bun.sleep(20);
    await kill9(server);
    approving = false;
    await approvers;
    expect(approved.length).toBeGreaterThanOrEqual(3);

    server = await start(dataDir);
    api = apiClient(http(server.url), token);
    const numbers: string[] = [];
    for (const id of sent) {
      const c = (await api("GET", `/certificates/${id}`)).json;
      if (approved.includes(id)) expect(c.status).toBe("APPROVED");
      if (c.number) numbers.push(c.number);
    }
    expect(numbers.length).toBeGreaterThanOrEqual(approved.length);
    expect(new Set(numbers).size).toBe(numbers.length);
    await stop(server);
  }, 240_000);

  test("killed while migrating a new data directory, the next start completes it", async () => {
    for (const afterMs of [1_500, 4_000]) {
      const fresh = join(dir, `fresh-${afterMs}`);
      const s = Bun.spawn(["bun", "run", "src/main.ts"], {
        cwd: root,
        env: { ...process.env, DATA_DIR: fresh, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "", LOG_LEVEL: "error" },
        stdout: "ignore",
        stderr: "ignore",
      });
      await Bun.sleep(afterMs);
      s.kill("SIGKILL");
      await s.exited;
      const server = await start(fresh);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { database: { status: string } }).database.status).toBe("ok");
      expect((await fetch(`${server.url}/sign-in`)).status).toBe(200);
      await stop(server);
    }
  }, 180_000);
});
