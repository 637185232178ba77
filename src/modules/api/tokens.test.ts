import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { accounts } from "../accounts/schema.ts";
import { M } from "./messages.ts";
import { authenticateApiToken } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("EDI tokens", () => {
  test("an enterprise creates a token, sees it once, and can revoke it", async () => {
    const c = new TestClient(t.app);
    await c.signIn("1100A4419", DEMO_PASSWORD);
    const created = await c.post("/account/tokens", { name: "ERP 系统" });
    expect(created.status).toBe(201);
    const html = await created.text();
    const token = html.match(/origo_[a-z2-7]{32}/)![0];
    expect(await authenticateApiToken({ db: t.db, token })).toMatchObject({ login: "1100A4419", role: "enterprise" });

    const list = await (await c.get("/account/tokens")).text();
    expect(list).toContain("ERP 系统");
    expect(list).not.toContain(token);

    const id = list.match(/\/account\/tokens\/([0-9a-f-]+)\/revocation/)![1]!;
    expect((await c.post(`/account/tokens/${id}/revocation`, {})).status).toBe(303);
    expect(await authenticateApiToken({ db: t.db, token })).toBeNull();
    expect(await (await c.get("/account/tokens")).text()).toContain(M.revoked);
  });

  test("a token name is required, and the error names the field", async () => {
    const c = new TestClient(t.app);
    await c.signIn("1100A4419", DEMO_PASSWORD);
    const res = await c.post("/account/tokens", { name: "  " });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(M.tokenNameRequired);
  });

  test("another enterprise cannot revoke the token: not found", async () => {
    const owner = new TestClient(t.app);
    await owner.signIn("1100A4419", DEMO_PASSWORD);
    const html = await (await owner.post("/account/tokens", { name: "mine" })).text();
    const token = html.match(/origo_[a-z2-7]{32}/)![0];
    const id = html.match(/\/account\/tokens\/([0-9a-f-]+)\/revocation/)![1]!;
    const other = new TestClient(t.app);
    await other.signIn("1100A4420", DEMO_PASSWORD);
    expect((await other.post(`/account/tokens/${id}/revocation`, {})).status).toBe(404);
    expect(await authenticateApiToken({ db: t.db, token })).not.toBeNull();
  });

  test("a deactivated account's tokens stop working", async () => {
    const c = new TestClient(t.app);
    await c.signIn("1100A4418", DEMO_PASSWORD);
    const token = (await (await c.post("/account/tokens", { name: "x" })).text()).match(/origo_[a-z2-7]{32}/)![0];
    await t.db.update(accounts).set({ active: false }).where(eq(accounts.login, "1100A4418"));
    expect(await authenticateApiToken({ db: t.db, token })).toBeNull();
  });

  test("the OpenAPI document is served without a token", async () => {
    const res = await t.app.request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; components: { securitySchemes: object } };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes).toHaveProperty("bearer");
  });

  test("unknown API paths answer JSON errors, not pages", async () => {
    const res = await t.app.request("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
