/**
 * The webhook pages (on 接口令牌) and /api/v1/webhooks: registering with the secret shown once and
 * stored sealed, refusals beside their fields, deliveries with attempts and replay on the page, and
 * enterprise A never seeing or touching B's endpoints and deliveries.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { apiClient, tokenFor } from "../../../test/support/certificates.ts";
import { openSecret } from "../accounts/index.ts";
import { M } from "./messages.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "./schema.ts";
import { queueWebhookEvent, secretContext } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let a: TestClient;
let b: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  a = new TestClient(t.app);
  await a.signIn("1100A4419", DEMO_PASSWORD);
  b = new TestClient(t.app);
  await b.signIn("1100A4420", DEMO_PASSWORD);
});
afterAll(() => t.close());

const SECRET = /whsec_[a-z2-7]{39}/;

describe("the 接口令牌 page", () => {
  test("registers an endpoint: the secret shows once and is stored sealed; the page lists the endpoint", async () => {
    const res = await a.request("/account/webhooks", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      body: new URLSearchParams([
        ["_csrf", a.csrf],
        ["url", "https://erp.example.com/hooks"],
        ["events", "certificate.approved"],
        ["events", "certificate.returned"],
        ["description", "ERP"],
      ]),
    });
    expect(res.status).toBe(201);
    const html = await res.text();
    const secret = html.match(SECRET)![0];
    expect(html).toContain(M.secretOnce);
    const row = (await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.url, "https://erp.example.com/hooks")))[0]!;
    expect(row.events).toEqual(["certificate.approved", "certificate.returned"]);
    expect(row.secretSealed).not.toContain(secret);
    expect(new TextDecoder().decode(openSecret(t.config.twoFactorKey, row.secretSealed, secretContext(row.id)))).toBe(secret);

    const page = await (await a.get("/account/tokens")).text();
    expect(page).toContain(M.sectionTitle);
    expect(page).toContain("https://erp.example.com/hooks");
    expect(page).not.toContain(secret);
    const detail = await (await a.get(`/account/webhooks/${row.id}`)).text();
    expect(detail).toContain(M.noDeliveries);
    expect(detail).not.toMatch(SECRET);
  });

  test("refusals are shown beside their fields with what was typed", async () => {
    const res = await a.post("/account/webhooks", { url: "ftp://erp.example.com/" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(M.urlProblem.scheme);
    expect(html).toContain(M.eventsRequired);
    expect(html).toContain('value="ftp://erp.example.com/"');
    expect(html).toContain(`<h1 id="webhooks-title">${M.sectionTitle}</h1>`);
  });

  test("deliveries show with every attempt; replay sends the same event again as a new delivery; delete removes them", async () => {
    const [endpoint] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.url, "https://erp.example.com/hooks"));
    const enterpriseId = endpoint!.enterpriseId;
    const eventId = await t.db.transaction((tx) => queueWebhookEvent(tx, { enterpriseId, type: "certificate.approved", data: { certificateId: "c" } }));
    const [d] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId!));
    await t.db.insert(webhookAttempts).values({ id: Bun.randomUUIDv7(), deliveryId: d!.id, ok: false, status: 500, answer: "ERP says no", durationMs: 42 });
    const page = await (await a.get(`/account/webhooks/${endpoint!.id}`)).text();
    expect(page).toContain(eventId!);
    expect(page).toContain("ERP says no");
    expect(page).toContain("42 ms");

    const early = await a.post(`/account/webhooks/deliveries/${d!.id}/replay`, {});
    expect(early.status).toBe(409);
    expect(await early.text()).toContain(M.replayPending);
    await t.db.update(webhookDeliveries).set({ state: "FAILED" }).where(eq(webhookDeliveries.id, d!.id));
    const replay = await a.post(`/account/webhooks/deliveries/${d!.id}/replay`, {});
    expect(replay.status).toBe(303);
    expect(await (await a.get(replay.headers.get("location")!)).text()).toContain(M.replayed);
    const all = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId!));
    expect(all).toHaveLength(2);
    expect(all.find((x) => x.replayOf === d!.id)).toMatchObject({ state: "PENDING", body: d!.body });

    expect((await b.post(`/account/webhooks/${endpoint!.id}/deletion`, {})).status).toBe(404);
    expect((await a.post(`/account/webhooks/${endpoint!.id}/deletion`, {})).status).toBe(303);
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId!))).toEqual([]);
  });
});

describe("/api/v1/webhooks", () => {
  test("create, list, deliveries, delete; the secret is in the creation answer only", async () => {
    const api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
    const created = await api("POST", "/webhooks", { url: "https://erp.example.com/api-hooks", events: ["filing.approved"] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ url: "https://erp.example.com/api-hooks", events: ["filing.approved"], description: "" });
    expect(created.json.secret).toMatch(SECRET);
    const list = await api("GET", "/webhooks");
    expect(list.json.items.map((e: { id: string }) => e.id)).toContain(created.json.id);
    expect(JSON.stringify(list.json)).not.toContain("whsec_");
    expect((await api("GET", `/webhooks/${created.json.id}/deliveries`)).json).toEqual({ items: [] });
    expect((await api("DELETE", `/webhooks/${created.json.id}`)).json).toEqual({ id: created.json.id, deleted: true });
    expect((await api("DELETE", `/webhooks/${created.json.id}`)).status).toBe(404);
  });

  test("refuses other schemes and unknown events with the contract's 400 and issues", async () => {
    const api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
    const scheme = await api("POST", "/webhooks", { url: "javascript:alert(1)", events: ["certificate.approved"] });
    expect(scheme.status).toBe(400);
    expect(scheme.json.error.issues).toEqual([{ path: "url", message: M.urlProblem.scheme }]);
    const unknown = await api("POST", "/webhooks", { url: "https://erp.example.com/", events: ["certificate.deleted"] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.issues[0].path).toBe("events.0");
  });
});

describe("enterprise A never sees B's endpoints or deliveries", () => {
  test("pages, API and replay answer B with not found, and B's lists hold only B's", async () => {
    const apiA = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
    const apiB = apiClient(t.app, await tokenFor(t.db, "1100A4420"));
    const mine = (await apiA("POST", "/webhooks", { url: "https://a.example.com/hooks", events: ["certificate.approved"] })).json;
    const [endpoint] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, mine.id));
    const eventId = await t.db.transaction((tx) => queueWebhookEvent(tx, { enterpriseId: endpoint!.enterpriseId, type: "certificate.approved", data: {} }));
    const [d] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId!));
    await t.db.update(webhookDeliveries).set({ state: "DELIVERED" }).where(eq(webhookDeliveries.id, d!.id));

    expect((await b.get(`/account/webhooks/${mine.id}`)).status).toBe(404);
    expect((await b.post(`/account/webhooks/deliveries/${d!.id}/replay`, {})).status).toBe(404);
    expect(await (await b.get("/account/tokens")).text()).not.toContain("https://a.example.com/hooks");
    expect((await apiB("GET", `/webhooks/${mine.id}/deliveries`)).status).toBe(404);
    expect((await apiB("DELETE", `/webhooks/${mine.id}`)).status).toBe(404);
    expect((await apiB("POST", `/webhooks/deliveries/${d!.id}/replay`)).status).toBe(404);
    const replayed = await apiA("POST", `/webhooks/deliveries/${d!.id}/replay`);
    expect(replayed.status).toBe(201);
    expect(replayed.json).toMatchObject({ eventId, replayOf: d!.id });
    expect((await apiB("GET", "/webhooks")).json.items.map((e: { id: string }) => e.id)).not.toContain(mine.id);
    expect((await apiA("GET", `/webhooks/${mine.id}/deliveries`)).json.items.map((x: { eventId: string }) => x.eventId)).toEqual([eventId, eventId]);
    expect(await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, mine.id))).toHaveLength(1);
  });
});
