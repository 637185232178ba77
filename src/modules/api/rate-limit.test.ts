import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../../app.tsx";
import { startEventBus } from "../../lib/events.ts";
import type { AppEvents } from "../../app-events.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { tokenFor } from "../../../test/support/certificates.ts";
import { M } from "./messages.ts";

// The EDI rate limit (issue 10): counted in the database per token, and per address without one.
let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp({ apiRateLimit: { perToken: 3, perAddress: 2, windowMs: 60_000 } });
});
afterAll(() => t.close());

const get = (app: { request: (u: string, i?: RequestInit) => Response | Promise<Response> }, path: string, token?: string) =>
  app.request(`/api/v1${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

async function expectRefused(res: Response) {
  expect(res.status).toBe(429);
  const wait = Number(res.headers.get("retry-after"));
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(60);
  expect(await res.json()).toEqual({ error: { code: "rate_limited", message: M.rateLimited } });
}

describe("the EDI API's rate limit", () => {
  test("a token gets its limit per minute, then 429 with Retry-After; another token is not held back", async () => {
    const first = await tokenFor(t.db, "1100A4419");
    const other = await tokenFor(t.db, "1100A4419");
    for (let i = 0; i < 3; i++) expect((await get(t.app, "/certificates", first)).status).toBe(200);
    await expectRefused(await get(t.app, "/certificates", first));
    await expectRefused(await get(t.app, "/products", first));
    expect((await get(t.app, "/certificates", other)).status).toBe(200);
  });

  test("is shared by every app process over the same database", async () => {
    const token = await tokenFor(t.db, "1100A4420");
    const events = await startEventBus<AppEvents>({ database: t.database });
    try {
      const second = createApp({ db: t.db, config: t.config, events });
      expect((await get(t.app, "/certificates", token)).status).toBe(200);
      expect((await get(second, "/certificates", token)).status).toBe(200);
      expect((await get(t.app, "/certificates", token)).status).toBe(200);
      await expectRefused(await get(second, "/certificates", token));
    } finally {
      await events.close();
    }
  });

  test("without a valid token the address is counted, so guessing tokens is limited too", async () => {
    expect((await get(t.app, "/reference/certificate-types")).status).toBe(200);
    expect((await get(t.app, "/certificates", "origo_not_a_token")).status).toBe(401);
    await expectRefused(await get(t.app, "/reference/certificate-types"));
    await expectRefused(await get(t.app, "/certificates", "origo_not_a_token"));
  });

  test("lets requests through again once the window has passed", async () => {
    const short = await startTestApp({ apiRateLimit: { perToken: 1, perAddress: 1, windowMs: 1000 } });
    try {
      const token = await tokenFor(short.db, "1100A4419");
      expect((await get(short.app, "/certificates", token)).status).toBe(200);
      const refused = await get(short.app, "/certificates", token);
      expect(refused.status).toBe(429);
      await Bun.sleep(Number(refused.headers.get("retry-after")) * 1000 + 50);
      expect((await get(short.app, "/certificates", token)).status).toBe(200);
    } finally {
      await short.close();
    }
  });

  test("behind a trusted proxy each client address is counted apart, by the address the proxy appended", async () => {
    const proxied = await startTestApp({ trustProxy: true, apiRateLimit: { perToken: 1, perAddress: 1, windowMs: 60_000 } });
    try {
      const from = (forwardedFor: string) => proxied.app.request("/api/v1/reference/certificate-types", { headers: { "x-forwarded-for": forwardedFor } });
      expect((await from("203.0.113.7")).status).toBe(200);
      expect((await from("198.51.100.9")).status).toBe(200);
      // A client cannot start a fresh count by writing its own entry in front of the proxy's.
      await expectRefused(await from("10.9.9.9, 203.0.113.7"));
    } finally {
      await proxied.close();
    }
  });
});
