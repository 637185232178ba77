import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import postgres from "postgres";
import { createOfficeDesk, issueAgentToken } from "../src/modules/print/index.ts";
import { tokenFor } from "./support/certificates.ts";
import { createTestDatabase, type TestDatabase } from "./support/db.ts";
import { userOf } from "./support/print.ts";
import { startServerProcess, type ServerProcess } from "./support/server-process.ts";

/**
 * SIGTERM on a real server process (on PostgreSQL, reached by the socket form of DATABASE_URL):
 * a request in flight finishes, an event stream is told to reconnect and closed, the socket stops
 * accepting, the process exits 0.
 */
let database: TestDatabase;
let server: ServerProcess | null = null;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await server?.stop(2_000);
  await database.drop();
});

describe("clean shutdown", () => {
  test("SIGTERM: in-flight request finishes, SSE told to reconnect, new connections refused, exit 0", async () => {
    const apiToken = await tokenFor(database.db, "1100A4419");
    const admin = await userOf(database.db, "admin1100");
    const { id: deskId } = await createOfficeDesk({ db: database.db, user: admin, name: "停机测试台", route: "AGENT" });
    const { token: deskToken } = await issueAgentToken({ db: database.db, user: admin, deskId });

    server = await startServerProcess({
      DATABASE_URL: `postgres://postgres@localhost/${database.name}?host=/var/run/postgresql`,
      SHUTDOWN_GRACE_SECONDS: "10",
    });
    const base = server.url;

    // An event stream, as the desk agent (or a desk page) holds one.
    const stream = await fetch(`${base}/api/desk-agent/events`, { headers: { authorization: `Desk ${deskToken}` } });
    expect(stream.status).toBe(200);
    const streamText = new Response(stream.body).text();

    // A request held in flight: the test locks the table its token lookup reads.
    const locker = postgres({ host: "/var/run/postgresql", user: "postgres", database: database.name, max: 1, onnotice: () => {} });
    const locked = await locker.reserve();
    await locked`begin`;
    await locked`lock table api_tokens in access exclusive mode`;
    const inFlight = fetch(`${base}/api/v1/certificates`, { headers: { authorization: `Bearer ${apiToken}` } });
    await Bun.sleep(300);

    const t0 = performance.now();
    server.proc.kill("SIGTERM");
    // The stream gets `retry:` and ends: a browser or agent reconnects at once, through the proxy to another process.
    expect(await streamText).toContain("retry: 500");
    await Bun.sleep(300);
    // The listening socket is closed: a new connection is refused.
    expect(
      await fetch(`${base}/healthz`).then(
        () => "answered",
        () => "refused",
      ),
    ).toBe("refused");

    await locked`commit`;
    locked.release();
    await locker.end();
    const res = await inFlight;
    expect(res.status).toBe(200);

    const code = await server.proc.exited;
    expect(code).toBe(0);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(server.stderr()).toContain('"msg":"stopped"');
    server = null;
  }, 60_000);
});
