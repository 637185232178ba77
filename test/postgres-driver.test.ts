import { afterAll, expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import postgres from "postgres";

/**
 * The fault behind a request that hung 34 s after `pg_ctl restart` (docs/decisions/0015): a socket
 * error fails what is in flight, but a statement handed to the same connection before the socket's
 * `close` stayed queued on it and rode into the reconnected socket. patches/postgres@3.4.9.patch
 * fails it when the socket closes. Played here on a real server by driving the socket's events in
 * the order the restart produced them: error, one more statement, close.
 */
const socketDir = process.env.PGHOST ?? "/var/run/postgresql";
const sockets: Socket[] = [];
// `socket` (a function giving a connected socket) is a documented option the type file leaves out.
const options = {
  user: process.env.PGUSER ?? "postgres",
  database: "postgres",
  max: 1,
  onnotice: () => {},
  socket: () =>
    new Promise<Socket>((resolve, reject) => {
      const s = connect(`${socketDir}/.s.PGSQL.5432`);
      s.once("connect", () => resolve(s)).once("error", reject);
      sockets.push(s);
    }),
};
const sql = postgres(options as postgres.Options<Record<string, never>>);

afterAll(() => sql.end({ timeout: 1 }));

const outcome = (p: Promise<unknown>) =>
  Promise.race([
    p.then(
      (rows) => ({ answered: rows }),
      (e: { code?: string }) => ({ failed: e.code }),
    ),
    Bun.sleep(3_000).then(() => "still waiting after 3 s"),
  ]);

test("a statement queued between a socket error and its close fails with CONNECTION_CLOSED, and the pool goes on", async () => {
  expect([...(await sql`select 1 as x`)]).toEqual([{ x: 1 }]);
  const socket = sockets.at(-1)!;

  const inFlight = outcome(sql`select pg_sleep(0.3)`.execute());
  await Bun.sleep(50);
  socket.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
  expect(await inFlight).toEqual({ failed: "EPIPE" });

  // The connection is still the pool's only one, so this statement is pipelined onto it.
  const queued = outcome(sql`select 2 as x`.execute());
  await Bun.sleep(50);
  socket.emit("close", true);
  socket.destroy();

  expect(await queued).toEqual({ failed: "CONNECTION_CLOSED" });
  expect([...(await sql`select 3 as x`)]).toEqual([{ x: 3 }]);
  expect([...(await sql`select 4 as x`)]).toEqual([{ x: 4 }]);
});
