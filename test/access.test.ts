import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../src/app.tsx";
import { ACCESS, ROLES, type Role } from "../src/modules/accounts/index.ts";
import { DEMO_PASSWORD } from "../src/demo/data.ts";
import type { Access } from "../src/app-env.ts";
import { startTestApp, TestClient } from "./support/app.ts";
import { DEMO_LOGIN_BY_ROLE } from "./support/demo-users.ts";

/**
 * Walks the app's route table: every route must declare who may use it, and every role it does not
 * admit (and an anonymous visitor) must be turned away. New routes are covered without new tests.
 */
let t: Awaited<ReturnType<typeof startTestApp>>;
const clients = new Map<Role, TestClient>();

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) {
    const c = new TestClient(t.app);
    await c.signIn(DEMO_LOGIN_BY_ROLE[role], DEMO_PASSWORD);
    clients.set(role, c);
  }
});
afterAll(() => t.close());

function declaredRoutes() {
  const byKey = new Map<string, { method: string; path: string; access: Access | undefined }>();
  for (const r of t.app.routes) {
    if (r.method === "ALL" && r.path.endsWith("*")) continue; // middleware, not a route
    const key = `${r.method} ${r.path}`;
    const entry = byKey.get(key) ?? { method: r.method, path: r.path, access: undefined };
    const access = (r.handler as { [ACCESS]?: Access })[ACCESS];
    if (access) entry.access = access;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, "00000000-0000-0000-0000-000000000000").replace("*", "x");

describe("access control", () => {
  test("every route declares its roles", () => {
    const missing = declaredRoutes()
      .filter((r) => !r.access)
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  test("every role-restricted route refuses the other roles with 403", async () => {
    const checked: string[] = [];
    for (const r of declaredRoutes()) {
      if (!Array.isArray(r.access)) continue;
      // The API authenticates by bearer token only; its anonymous refusal is checked below.
      if (r.path.startsWith("/api/")) continue;
      for (const role of ROLES) {
        if (r.access.includes(role)) continue;
        const c = clients.get(role)!;
        const res = r.method === "GET" ? await c.get(concrete(r.path)) : await c.post(concrete(r.path), {});
        expect({ route: `${r.method} ${r.path}`, role, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, role, status: 403 });
        checked.push(`${r.method} ${r.path} as ${role}`);
      }
    }
    expect(checked.length).toBeGreaterThan(0);
  });

  test("anonymous visitors are sent to sign-in from pages and refused on posts and API calls", async () => {
    const anon = new TestClient(t.app);
    for (const r of declaredRoutes()) {
      if (r.access === "public" || r.access === undefined) continue;
      if (r.path.startsWith("/api/")) {
        const res = await anon.request(concrete(r.path), {
          method: r.method,
          headers: { "content-type": "application/json" },
          body: r.method === "GET" ? undefined : "{}",
        });
        expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
        continue;
      }
      if (r.method === "GET") {
        const res = await anon.get(concrete(r.path));
        expect(res.status).toBe(303);
        expect(res.headers.get("location")).toStartWith("/sign-in?next=");
      } else {
        const res = await anon.post(concrete(r.path), {});
        expect([401, 403]).toContain(res.status);
      }
    }
  });

  test("a session owing its second factor reaches only the two-factor pages and sign-out", async () => {
    const pending = new TestClient(t.app);
    const signedIn = await pending.post("/sign-in", { login: "admin1100", password: DEMO_PASSWORD });
    expect(signedIn.headers.get("location")).toBe("/two-factor");
    const open: string[] = [];
    for (const r of declaredRoutes()) {
      if (r.access === "public" || r.access === undefined || r.path.startsWith("/api/")) continue;
      if (r.access === "any_session") {
        open.push(`${r.method} ${r.path}`);
        continue;
      }
      if (r.method === "GET") {
        const res = await pending.get(concrete(r.path));
        expect({ route: r.path, status: res.status, to: res.headers.get("location") }).toEqual({
          route: r.path,
          status: 303,
          to: `/two-factor?next=${encodeURIComponent(concrete(r.path))}`,
        });
      } else {
        expect({ route: `${r.method} ${r.path}`, status: (await pending.post(concrete(r.path), {})).status }).toEqual({
          route: `${r.method} ${r.path}`,
          status: 401,
        });
      }
    }
    // Widening this list is a security decision: say why in the commit.
    expect(open.sort()).toEqual([
      "GET /two-factor",
      "GET /two-factor/enrol",
      "GET /two-factor/recovery",
      "POST /sign-out",
      "POST /two-factor",
      "POST /two-factor/enrol",
      "POST /two-factor/recovery",
    ]);
  });

  test("enterprise A never reads B's certificate through any certificate page, drawing or image", async () => {
    const owner = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "1100A4419") });
    const { attachMarksImage, createCertificate } = await import("../src/modules/certificates/index.ts");
    const { goodBody } = await import("./support/certificates.ts");
    const user = { ...owner!, role: "enterprise" as const };
    const { id } = await createCertificate({ db: t.db, user, body: goodBody("GENERAL") });
    await attachMarksImage({ db: t.db, user, id, bytes: new Uint8Array(await Bun.file(`${import.meta.dir}/fixtures/seal.png`).arrayBuffer()) });
    const ownerClient = clients.get("enterprise")!;
    const other = new TestClient(t.app);
    await other.signIn("1100A4420", DEMO_PASSWORD);
    const reads = declaredRoutes().filter((r) => r.method === "GET" && /^\/(print\/)?certificates\/:id(\/|$)/.test(r.path) && !r.path.endsWith("/events"));
    expect(reads.map((r) => r.path)).toEqual(
      expect.arrayContaining(["/print/certificates/:id/pages/:page", "/print/certificates/:id/pdf", "/print/certificates/:id/preview"]),
    );
    for (const r of reads) {
      const path = r.path.replace(":id", id).replace(":page", "1");
      expect({ path: r.path, status: (await ownerClient.get(path)).status }).toEqual({ path: r.path, status: 200 });
      expect({ path: r.path, status: (await other.get(path)).status }).toEqual({ path: r.path, status: 404 });
    }
  });

  test("enterprise A never reads B's commercial document, its file or its certificate; another office never either", async () => {
    const owner = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "1100A4419") });
    const { createCommercialDocument, sendCommercialDocument, approveCommercialDocument } = await import("../src/modules/commercial/index.ts");
    const { invoiceFields, invoicePdf } = await import("./support/commercial.ts");
    const { userFor } = await import("./support/users.ts");
    const user = { ...owner!, role: "enterprise" as const };
    const { id } = await createCommercialDocument({ db: t.db, user, input: invoiceFields(), file: { bytes: await invoicePdf(1), name: "i.pdf" } });
    await sendCommercialDocument({ db: t.db, user, id });
    await approveCommercialDocument({ db: t.db, reviewer: await userFor(t.db, "reviewer1100"), id });
    const other = new TestClient(t.app);
    await other.signIn("1100A4420", DEMO_PASSWORD);
    const otherOffice = new TestClient(t.app);
    await otherOffice.signIn("reviewer3100", DEMO_PASSWORD);
    const reads = declaredRoutes().filter((r) => r.method === "GET" && /^\/(office\/)?commercial\/:id(\/|$)/.test(r.path));
    expect(reads.map((r) => r.path)).toEqual(expect.arrayContaining(["/commercial/:id", "/commercial/:id/file", "/commercial/:id/pdf"]));
    for (const r of reads) {
      const path = r.path.replace(":id", id).replace(":page", "1");
      const [own, intruder] = r.path.startsWith("/office/") ? [clients.get("office_reviewer")!, otherOffice] : [clients.get("enterprise")!, other];
      expect({ path: r.path, status: (await own.get(path)).status }).toEqual({ path: r.path, status: r.path.endsWith("/edit") ? 303 : 200 });
      expect({ path: r.path, status: (await intruder.get(path)).status }).toEqual({ path: r.path, status: 404 });
    }
  });

  test("enterprise A never reads or acts on B's webhook endpoints and deliveries, by page or API", async () => {
    const owner = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "1100A4419") });
    const { createWebhookEndpoint, queueWebhookEvent } = await import("../src/modules/webhooks/service.ts");
    const { webhookDeliveries } = await import("../src/modules/webhooks/schema.ts");
    const user = { ...owner!, role: "enterprise" as const };
    const { endpoint } = await createWebhookEndpoint({
      db: t.db,
      user,
      input: { url: "https://a.example.com/hooks", events: ["certificate.approved"] },
      secretKey: t.config.twoFactorKey,
      allowPrivate: false,
    });
    const eventId = await t.db.transaction((tx) => queueWebhookEvent(tx, { enterpriseId: owner!.enterpriseId!, type: "certificate.approved", data: {} }));
    const delivery = (await t.db.query.webhookDeliveries.findFirst({ where: (x, { eq }) => eq(x.eventId, eventId!) }))!;
    const { eq } = await import("drizzle-orm");
    await t.db.update(webhookDeliveries).set({ state: "DELIVERED" }).where(eq(webhookDeliveries.id, delivery.id));
    const other = new TestClient(t.app);
    await other.signIn("1100A4420", DEMO_PASSWORD);
    const { createApiToken } = await import("../src/modules/api/index.ts");
    const otherAccount = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "1100A4420") });
    const { token } = await createApiToken({ db: t.db, accountId: otherAccount!.id, name: "B" });
    const routes = declaredRoutes().filter((r) => /^\/(api\/v1\/)?(account\/)?webhooks\/.*:id/.test(r.path));
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "DELETE /api/v1/webhooks/:id",
      "GET /account/webhooks/:id",
      "GET /api/v1/webhooks/:id/deliveries",
      "POST /account/webhooks/:id/deletion",
      "POST /account/webhooks/deliveries/:id/replay",
      "POST /api/v1/webhooks/deliveries/:id/replay",
    ]);
    for (const r of routes) {
      const path = r.path.replace(":id", r.path.includes("deliveries/:id") ? delivery.id : endpoint.id);
      const res = r.path.startsWith("/api/")
        ? await t.app.request(path, { method: r.method, headers: { authorization: `Bearer ${token}` } })
        : r.method === "GET"
          ? await other.get(path)
          : await other.post(path, {});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 404 });
    }
    expect(await t.db.query.webhookEndpoints.findFirst({ where: (x, { eq }) => eq(x.id, endpoint.id) })).toBeDefined();
    expect(await t.db.query.webhookDeliveries.findMany({ where: (x, { eq }) => eq(x.eventId, eventId!) })).toHaveLength(1);
  });

  test("批量导入 admits enterprises only, and of those only one with an office-approved customs code", async () => {
    const routes = declaredRoutes().filter((r) => r.path.startsWith("/certificates/imports"));
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "GET /certificates/imports",
      "GET /certificates/imports/template",
      "POST /certificates/imports",
      "POST /certificates/imports/confirmation",
    ]);
    expect(routes.every((r) => JSON.stringify(r.access) === JSON.stringify(["enterprise"]))).toBe(true);
    const unapproved = new TestClient(t.app);
    await unapproved.signIn("1100P0000", DEMO_PASSWORD);
    for (const r of routes) {
      const res = r.method === "GET" ? await unapproved.get(r.path) : await unapproved.post(r.path, { bodies: "[]" });
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    }
    expect((await clients.get("enterprise")!.get("/certificates/imports")).status).toBe(200);
  });

  test("a route that forgot to declare its roles answers nobody", async () => {
    const app = createApp({ db: t.db, config: t.config, events: t.events });
    app.get("/undeclared-test-route", (c) => c.text("secret"));
    const admin = new TestClient(app, t);
    await admin.signIn("admin1100", DEMO_PASSWORD);
    const res = await admin.get("/undeclared-test-route");
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("secret");
  });

  test("the forbidden page says so in Chinese and keeps the user's navigation", async () => {
    const res = await clients.get("enterprise")!.get("/office");
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("无权访问");
    expect(html).toContain('href="/home"');
  });
});
