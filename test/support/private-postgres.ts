import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A PostgreSQL server of a test's own (initdb + pg_ctl into a temporary directory, its own port and
 * socket directory), for tests that stop and restart the database: never the shared server. Runs as
 * the `postgres` user when the test runs as root (initdb refuses root). `stop()` removes everything.
 */
export type PrivatePostgres = {
  port: number;
  socketDir: string;
  /** postgres://…?host=<socketDir> for database `postgres`. */
  url: string;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: the running server ends its sessions and stops. */
  stopServer(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
};

// The installed server's programs (Debian: /usr/lib/postgresql/<major>/bin), newest major first.
const BIN = `/usr/lib/postgresql/${readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))[0]}/bin`;

async function sh(cmd: string[], asPostgres: boolean) {
  const full = asPostgres ? ["runuser", "-u", "postgres", "--", ...cmd] : cmd;
  const p = Bun.spawn(full, { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`${cmd.join(" ")} failed (${code}): ${err || out}`);
  return out;
}

/** `tcp`: also listen on 127.0.0.1:port (the shared server's TCP port is not reachable inside the test network namespace). */
export async function startPrivatePostgres({ tcp = false } = {}): Promise<PrivatePostgres> {
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "origo-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const socketDir = join(dir, "sock");
  const port = 20000 + Math.floor(Math.random() * 20000);
  await sh(["mkdir", "-p", socketDir], asPostgres);
  await sh([`${BIN}/initdb`, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], asPostgres);
  const ctl = (...args: string[]) => sh([`${BIN}/pg_ctl`, "-D", data, "-l", join(dir, "log"), "-w", "-t", "20", ...args], asPostgres);
  const opts = `-p ${port} -k ${socketDir} -c listen_addresses=${tcp ? "127.0.0.1" : ""} -c fsync=off -c max_connections=60`;
  let running = false;
  const pg: PrivatePostgres = {
    port,
    socketDir,
    url: `postgres://postgres@/postgres?host=${encodeURIComponent(socketDir)}&port=${port}`,
    async start() {
      await ctl("-o", opts, "start");
      running = true;
    },
    async stopServer() {
      await ctl("-m", "fast", "stop");
      running = false;
    },
    async restart() {
      await ctl("-m", "fast", "-o", opts, "restart");
      running = true;
    },
    async stop() {
      try {
        if (running) await ctl("-m", "immediate", "stop");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    await pg.start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return pg;
}
