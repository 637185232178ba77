import type { Subprocess } from "bun";
import { join } from "node:path";

/**
 * A real Origo server process (`bun run src/main.ts`) as an operator starts it. `started` resolves
 * with its URL once it prints "running at"; `stop()` sends SIGTERM and waits (SIGKILL after
 * `killAfterMs`), so a failing test never leaves a server behind: call it in a finally/afterAll.
 */
export type ServerProcess = { proc: Subprocess<"ignore", "pipe", "pipe">; url: string; stderr(): string; stop(killAfterMs?: number): Promise<number> };

const root = join(import.meta.dir, "../..");

export async function startServerProcess(env: Record<string, string>, { timeoutMs = 30_000 } = {}): Promise<ServerProcess> {
  const full: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: "info", PORT: "0", HOST: "127.0.0.1", ...env };
  const proc = Bun.spawn(["bun", "run", "src/main.ts"], { cwd: root, env: full, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  let err = "";
  void (async () => {
    for await (const chunk of proc.stderr) err += new TextDecoder().decode(chunk);
  })();
  const stop = async (killAfterMs = 15_000) => {
    if (proc.exitCode === null && !proc.killed) proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), killAfterMs);
    const code = await proc.exited;
    clearTimeout(timer);
    return code;
  };
  try {
    const reader = proc.stdout.getReader();
    let seen = "";
    const deadline = Date.now() + timeoutMs;
    while (!seen.includes("running at")) {
      const next = await Promise.race([reader.read(), Bun.sleep(Math.max(0, deadline - Date.now())).then(() => null)]);
      if (!next) throw new Error(`server did not start within ${timeoutMs} ms: ${err}`);
      if (next.done) throw new Error(`server exited: ${err}`);
      seen += new TextDecoder().decode(next.value);
    }
    reader.releaseLock();
    return { proc, url: seen.match(/http:\/\/\S+\//)![0].replace(/\/$/, ""), stderr: () => err, stop };
  } catch (e) {
    await stop(2_000);
    throw e;
  }
}
