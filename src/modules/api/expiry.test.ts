/**
 * API tokens expire: a lifetime is chosen at creation (90 days by default, or never), the 接口令牌
 * page shows when each one expires, and the API refuses an expired token with its error shape and a
 * message that says so.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { formatDateTime } from "../../lib/time.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { M } from "./messages.ts";
import { apiTokens } from "./schema.ts";
import { authenticateApiToken } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let c: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  c = new TestClient(t.app);
  await c.signIn("1100A4419", DEMO_PASSWORD);
});
afterAll(() => t.close());

const DAY = 24 * 3600_000;
async function create(form: Record<string, string>) {
  const res = await c.post("/account/tokens", form);
  const html = await res.text();
  const token = html.match(/origo_[a-z2-7]{32}/)?.[0];
  const [row] = token ? await t.db.select().from(apiTokens).where(eq(apiTokens.name, form.name!)) : [];
  return { res, html, token, row };
}
const call = (token: string) => t.app.request("/api/v1/certificates", { headers: { authorization: `Bearer ${token}` } });

describe("a token's lifetime", () => {
  test("is 90 days unless chosen otherwise; 30 days and never are offered; the page shows each expiry", async () => {
    const before = Date.now();
    const standard = await create({ name: "默认期限" });
    expect(standard.res.status).toBe(201);
    expect(standard.html).toContain(M.lifetimeOptions["90"]!);
    const left = standard.row!.expiresAt!.getTime() - before;
    expect(left).toBeGreaterThanOrEqual(90 * DAY - 60_000);
    expect(left).toBeLessThanOrEqual(90 * DAY + 60_000);

    const month = await create({ name: "一个月", expires: "30" });
    expect(Math.round((month.row!.expiresAt!.getTime() - before) / DAY)).toBe(30);
    const forever = await create({ name: "长期", expires: "never" });
    expect(forever.row!.expiresAt).toBeNull();

    const page = await (await c.get("/account/tokens")).text();
    expect(page).toContain(M.expiresColumn);
    expect(page).toContain(formatDateTime(standard.row!.expiresAt));
    expect(page).toContain(formatDateTime(month.row!.expiresAt));
    expect(page).toContain(M.never);
  });

  test("a lifetime that is not offered is refused on the form", async () => {
    const odd = await create({ name: "奇怪", expires: "3650" });
    expect(odd.res.status).toBe(422);
    expect(odd.html).toContain(M.lifetimeInvalid);
    expect(odd.token).toBeUndefined();
  });
});

describe("an expired token", () => {
  test("is refused by the API with 401 and the error shape, saying it expired; the page marks it", async () => {
    const { token, row } = await create({ name: "将过期", expires: "30" });
    expect((await call(token!)).status).toBe(200);
    await t.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, row!.id));
    const res = await call(token!);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: M.tokenExpired } });
    expect(await authenticateApiToken({ db: t.db, token: token! })).toBe("expired");
    expect(await (await c.get("/account/tokens")).text()).toContain(`（${M.expired}）`);
  });

  test("one within 7 days of expiry still works and is marked 即将过期", async () => {
    const { token, row } = await create({ name: "快到期", expires: "30" });
    await t.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() + 3 * DAY) })
      .where(eq(apiTokens.id, row!.id));
    expect((await call(token!)).status).toBe(200);
    expect(await (await c.get("/account/tokens")).text()).toContain(`（${M.expiresSoon}）`);
  });
});
