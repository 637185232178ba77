import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { sha256 } from "@oslojs/crypto/sha2";
import { sql } from "drizzle-orm";
import { SESSION_COOKIE } from "../modules/accounts/index.ts";
import { startTestApp } from "../../test/support/app.ts";
import { log, MAX_VALUE, setLogLevel } from "./log.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Runs `fn` and returns the JSON lines it wrote to stderr. */
async function captureLog(fn: () => Promise<unknown>) {
  const lines: string[] = [];
  const spy = spyOn(process.stderr, "write").mockImplementation(((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write);
  setLogLevel("info");
  try {
    await fn();
  } finally {
    spy.mockRestore();
    setLogLevel("error");
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("logs an operator can use", () => {
  test("a failed query logs the database's SQLSTATE and message with the request id, never the query's parameters", async () => {
    const token = "personal-session-token-0123456789";
    const hashed = encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
    await t.db.execute(sql`alter table sessions rename to sessions_away`);
    let res!: Response;
    const lines = await captureLog(async () => {
      res = await t.app.request("/", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    }).finally(() => t.db.execute(sql`alter table sessions_away rename to sessions`));
    expect(res.status).toBe(500);
    const line = lines.find((l) => l.msg === "unhandled error")!;
    expect(line.requestId).toBe(res.headers.get("x-request-id")!);
    const err = line.err as { database: { sqlstate: string; message: string }; query: string };
    expect(err.database.sqlstate).toBe("42P01");
    expect(err.database.message).toContain('relation "sessions" does not exist');
    expect(err.query).toStartWith("select");
    const raw = JSON.stringify(line);
    expect(raw).not.toContain(hashed);
    expect(raw).not.toContain(token);
    expect(raw).not.toContain("params");
  });

  test("long values are cut", async () => {
    const lines = await captureLog(async () => log.info("long", { value: "x".repeat(5_000), nested: { deeper: "y".repeat(5_000) } }));
    expect(JSON.stringify(lines[0]).length).toBeLessThan(3 * MAX_VALUE);
    expect(lines[0]!.value).toContain("…(4500 more)");
  });
});
