/**
 * Webhook deliveries end to end on the real PostgreSQL and a real HTTP receiver: certificate and
 * filing decisions write deliveries in their own transaction, the worker signs and sends them, a
 * failure is retried with backoff and recorded, the SSRF guard refuses private addresses by what a
 * name resolves to, and a restart in the middle of sending loses nothing and sends nothing twice.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { createHmac, timingSafeEqual } from "node:crypto";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { approveCertificate, createCertificate, returnCertificate, sendCertificate, setFormSerial, voidCertificate } from "../certificates/index.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { approvedFiling, GLOVES_FILING, goodBody } from "../../../test/support/certificates.ts";
import { testDbKind } from "../../../test/support/db.ts";
import { userFor } from "../../../test/support/users.ts";
import { type Receiver, startReceiver } from "../../../test/support/webhook-receiver.ts";
import { webhookEventSchema } from "./openapi.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "./schema.ts";
import { createWebhookEndpoint, queueWebhookEvent } from "./service.ts";
import { startWebhookWorker, type WebhookWorker } from "./worker.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let exporter: CurrentUser;
let other: CurrentUser;
let reviewer: CurrentUser;
let receiver: Receiver;
let worker: WebhookWorker | null = null;

beforeAll(async () => {
  t = await startTestApp();
  exporter = await userFor(t.db, "1100A4419");
  other = await userFor(t.db, "1100A4420");
  reviewer = await userFor(t.db, "reviewer1100");
  receiver = startReceiver();
});
afterAll(async () => {
  await worker?.stop();
  receiver.stop();
  await t.close();
});
beforeEach(async () => {
  await t.db.delete(webhookEndpoints);
  receiver.received.length = 0;
  receiver.answer({ kind: "status", status: 200, body: "ok" });
});
afterEach(async () => {
  receiver.release();
  await worker?.stop();
  worker = null;
});

const start = (o: Partial<Parameters<typeof startWebhookWorker>[0]> = {}) =>
  (worker = startWebhookWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, allowPrivate: true, pollMs: 100, ...o }));

async function endpoint(events: string[], { user = exporter, url = receiver.url() } = {}) {
  return createWebhookEndpoint({ db: t.db, user, input: { url, events }, secretKey: t.config.twoFactorKey, allowPrivate: true });
}
async function pending(printMode: "ECO" | "PCO" = "ECO") {
  const { id } = await createCertificate({ db: t.db, user: exporter, body: { ...goodBody("GENERAL"), printMode } });
  await sendCertificate({ db: t.db, user: exporter, id });
  return id;
}
const deliveriesOf = (endpointId: string) => t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
const attemptsOf = (deliveryId: string) => t.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.at);
async function waitForState(deliveryId: string, state: string, timeoutMs = 10_000) {
  const t0 = Date.now();
  for (;;) {
    const [d] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
    if (d?.state === state && d.leaseOwner === null) return d;
    if (Date.now() - t0 > timeoutMs) throw new Error(`delivery ${deliveryId} is ${d?.state}, not ${state}`);
    await Bun.sleep(25);
  }
}

/** Waits until the delivery has `n` finished attempts (the worker recorded the answer) and returns them. */
async function finishedAttempts(deliveryId: string, n: number, timeoutMs = 10_000) {
  const t0 = Date.now();
  for (;;) {
    const done = (await attemptsOf(deliveryId)).filter((a) => a.durationMs !== null);
    if (done.length >= n) return done;
    if (Date.now() - t0 > timeoutMs) throw new Error(`delivery ${deliveryId} has ${done.length} finished attempts, not ${n}`);
    await Bun.sleep(25);
  }
}

/** What a receiver does with node:crypto alone (the decision note's snippet). */
function receiverVerifies(secret: string, body: string, header: string) {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
  if (!t || !v1 || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, "hex"));
}

describe("events reach the endpoint, signed", () => {
  test("an approval: one POST whose signature the receiver checks, the event's shape, the delivery recorded as delivered", async () => {
    const { endpoint: e, secret } = await endpoint(["certificate.approved", "certificate.returned"]);
    start();
    const id = await pending();
    const { number } = await approveCertificate({ db: t.db, reviewer, id });
    const [got] = await receiver.waitFor(1);
    expect(got!.path).toBe("/hooks");
    expect(got!.headers.get("content-type")).toBe("application/json");
    expect(receiverVerifies(secret, got!.body, got!.headers.get("origo-signature")!)).toBe(true);
    expect(receiverVerifies("whsec_wrong", got!.body, got!.headers.get("origo-signature")!)).toBe(false);
    const event = webhookEventSchema.parse(JSON.parse(got!.body));
    expect(event).toMatchObject({
      type: "certificate.approved",
      data: { certificateId: id, number, status: "APPROVED", certificateType: "GENERAL", reason: null },
    });
    expect(got!.headers.get("origo-event-id")).toBe(event.id);
    const [d] = await deliveriesOf(e.id);
    const done = await waitForState(d!.id, "DELIVERED");
    expect(done.attempts).toBe(1);
    expect((await attemptsOf(d!.id)).map((a) => [a.ok, a.status, a.answer])).toEqual([[true, 200, "ok"]]);
  });

  test("returned, voided and filing approved carry what happened; events not chosen and other enterprises' changes are not sent", async () => {
    await endpoint(["certificate.returned", "certificate.voided", "filing.approved", "filing.returned"]);
    const { endpoint: b } = await endpoint(["certificate.returned"], { user: other });
    start();
    const returned = await pending();
    await returnCertificate({ db: t.db, reviewer, id: returned, reason: "发票号与发票不符" });
    const voided = await pending();
    await approveCertificate({ db: t.db, reviewer, id: voided }); // approved: not chosen here
    await voidCertificate({ db: t.db, reviewer, id: voided, reason: "企业申请撤销" });
    const productId = await approvedFiling(t.db, GLOVES_FILING);
    const got = await receiver.waitFor(3);
    await Bun.sleep(300);
    const events = receiver.received.map((r) => webhookEventSchema.parse(JSON.parse(r.body)));
    expect(events.map((e) => [e.type, (e.data as { reason: string | null }).reason])).toEqual([
      ["certificate.returned", "发票号与发票不符"],
      ["certificate.voided", "企业申请撤销"],
      ["filing.approved", null],
    ]);
    expect(events[2]!.data).toMatchObject({ productId, hsCode: "6116100000", nameZh: "劳保手套", status: "APPROVED", version: 1 });
    expect(got).toHaveLength(3);
    expect(await deliveriesOf(b.id)).toEqual([]);
  });

  test("a PCO certificate's form serial issues it: certificate.issued with its number", async () => {
    await endpoint(["certificate.issued"]);
    start();
    const id = await pending("PCO");
    const { number } = await approveCertificate({ db: t.db, reviewer, id });
    await setFormSerial({ db: t.db, reviewer, id, formSerial: `W${Date.now()}` });
    const [got] = await receiver.waitFor(1);
    expect(webhookEventSchema.parse(JSON.parse(got!.body))).toMatchObject({
      type: "certificate.issued",
      data: { certificateId: id, number, status: "ISSUED" },
    });
    await Bun.sleep(200);
    expect(receiver.received).toHaveLength(1);
  });

  test("a change that rolls back leaves no delivery", async () => {
    const { endpoint: e } = await endpoint(["certificate.approved"]);
    await t.db
      .transaction(async (tx) => {
        await queueWebhookEvent(tx, { enterpriseId: exporter.enterpriseId!, type: "certificate.approved", data: { certificateId: "x" } });
        expect(await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, e.id))).toHaveLength(1);
        throw new Error("rolled back");
      })
      .catch(() => {});
    expect(await deliveriesOf(e.id)).toEqual([]);
  });
});

describe("failures", () => {
  async function queued(events = ["certificate.approved"]) {
    const { endpoint: e, secret } = await endpoint(events);
    await t.db.transaction((tx) =>
      queueWebhookEvent(tx, { enterpriseId: exporter.enterpriseId!, type: "certificate.approved", data: { certificateId: "c1" } }),
    );
    const [d] = await deliveriesOf(e.id);
    return { e, d: d!, secret };
  }

  test("an error answer is recorded with its status and body, retried after the backoff, and delivered later with the same event", async () => {
    receiver.answer({ kind: "status", status: 503, body: "维护中".repeat(400) });
    const { d } = await queued();
    start();
    const [first] = await finishedAttempts(d.id, 1);
    const waiting = await waitForState(d.id, "PENDING");
    expect(first).toMatchObject({ ok: false, status: 503 });
    expect(first!.answer.length).toBeLessThanOrEqual(501);
    expect(first!.answer.startsWith("维护中")).toBe(true);
    const [{ wait }] = (await t.db
      .select({ wait: sql<number>`extract(epoch from ${webhookDeliveries.nextAttemptAt} - now())::float8`.mapWith(Number) })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, d.id))) as [{ wait: number }];
    expect(wait).toBeGreaterThan(20);
    expect(wait).toBeLessThanOrEqual(30);
    expect(waiting.attempts).toBe(1);
    receiver.answer({ kind: "status", status: 204 });
    await t.db.update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, d.id));
    worker!.kick();
    await receiver.waitFor(2);
    expect((await waitForState(d.id, "DELIVERED")).attempts).toBe(2);
    expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
  });

  test("a secret that no longer opens (TWO_FACTOR_KEY changed) is a recorded failed attempt, not a silent loop", async () => {
    const { e, d } = await queued();
    start({ secretKey: Buffer.alloc(32, 7).toString("base64") });
    const [a] = await finishedAttempts(d.id, 1);
    expect(a).toMatchObject({ ok: false, status: null });
    expect(a!.answer).toStartWith("not sent: ");
    expect(receiver.received).toEqual([]);
    expect((await waitForState(d.id, "PENDING")).attempts).toBe(1);
    expect(e.id).toBe(d.endpointId);
  });

  test("after 24 h of failures the delivery is given up", async () => {
    receiver.answer({ kind: "status", status: 500 });
    const { d } = await queued();
    await t.db
      .update(webhookDeliveries)
      .set({ giveUpAt: new Date(Date.now() + 10_000) })
      .where(eq(webhookDeliveries.id, d.id));
    start();
    const failed = await waitForState(d.id, "FAILED");
    expect(failed.finishedAt).not.toBeNull();
    expect(receiver.received).toHaveLength(1);
  });

  test("a redirect is not followed, and a receiver that does not answer is cut off by the time-out", async () => {
    receiver.answer({ kind: "redirect", to: "/elsewhere" });
    const { d } = await queued();
    start({ timeoutMs: 300 });
    await finishedAttempts(d.id, 1);
    await Bun.sleep(100);
    expect(receiver.received.map((r) => r.path)).toEqual(["/hooks"]);
    expect((await attemptsOf(d.id)).map((a) => [a.ok, a.status])).toEqual([[false, 302]]);
    receiver.answer({ kind: "hold" });
    await t.db.update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, d.id));
    worker!.kick();
    const [, second] = await finishedAttempts(d.id, 2);
    expect(second).toMatchObject({ ok: false, status: null, answer: "timeout after 300 ms" });
    expect(second!.durationMs).toBeLessThan(2000);
  });
});

describe("sharing the worker", () => {
  test("one request at a time per endpoint: a receiver that hangs holds up only its own events, which go in order", async () => {
    const { endpoint: slow } = await endpoint(["certificate.approved"], { url: receiver.url("/slow") });
    const fast = startReceiver();
    try {
      const { endpoint: quick } = await endpoint(["certificate.approved"], { user: other, url: fast.url("/fast") });
      receiver.answer({ kind: "hold" });
      for (let i = 0; i < 3; i++)
        await t.db.transaction((tx) => queueWebhookEvent(tx, { enterpriseId: exporter.enterpriseId!, type: "certificate.approved", data: { n: i } }));
      await t.db.transaction((tx) => queueWebhookEvent(tx, { enterpriseId: other.enterpriseId!, type: "certificate.approved", data: { n: 9 } }));
      start({ concurrency: 4 });
      await fast.waitFor(1);
      await Bun.sleep(300);
      expect(receiver.received).toHaveLength(1);
      receiver.answer({ kind: "status", status: 200 });
      receiver.release();
      await receiver.waitFor(3);
      expect(receiver.received.map((r) => (JSON.parse(r.body) as { data: { n: number } }).data.n)).toEqual([0, 1, 2]);
      expect((await deliveriesOf(quick.id)).map((d) => d.state)).toEqual(["DELIVERED"]);
      expect(await deliveriesOf(slow.id)).toHaveLength(3);
    } finally {
      fast.stop();
    }
  });

  test("finished deliveries older than 30 days are pruned with their attempts; pending ones stay", async () => {
    const { endpoint: e } = await endpoint(["certificate.approved"]);
    for (let i = 0; i < 3; i++)
      await t.db.transaction((tx) => queueWebhookEvent(tx, { enterpriseId: exporter.enterpriseId!, type: "certificate.approved", data: { n: i } }));
    const [old, recent, waiting] = await deliveriesOf(e.id);
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    await t.db.update(webhookDeliveries).set({ state: "DELIVERED", finishedAt: longAgo }).where(eq(webhookDeliveries.id, old!.id));
    await t.db.insert(webhookAttempts).values({ id: Bun.randomUUIDv7(), deliveryId: old!.id, ok: true, status: 200, answer: "", durationMs: 1 });
    await t.db
      .update(webhookDeliveries)
      .set({ state: "FAILED", finishedAt: new Date(Date.now() - 86_400_000) })
      .where(eq(webhookDeliveries.id, recent!.id));
    await t.db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() + 3_600_000), createdAt: longAgo })
      .where(eq(webhookDeliveries.id, waiting!.id));
    start();
    await Bun.sleep(300);
    expect((await deliveriesOf(e.id)).map((d) => d.id).sort()).toEqual([recent!.id, waiting!.id].sort());
    expect(await attemptsOf(old!.id)).toEqual([]);
  });
});

describe("SSRF", () => {
  test("without WEBHOOK_ALLOW_PRIVATE a name that resolves to loopback is refused at sending, and nothing reaches it", async () => {
    // Registered while private addresses were allowed, or a public name that now resolves to
    // 127.0.0.1 (DNS rebinding): the address checked is the one connected to.
    const { endpoint: e } = await endpoint(["certificate.approved"], { url: `http://localhost:${receiver.port}/hooks` });
    await t.db.transaction((tx) => queueWebhookEvent(tx, { enterpriseId: exporter.enterpriseId!, type: "certificate.approved", data: {} }));
    start({ allowPrivate: false });
    const [d] = await deliveriesOf(e.id);
    const [a] = await finishedAttempts(d!.id, 1);
    expect(a).toMatchObject({ ok: false, status: null });
    expect(a!.answer).toStartWith("blocked address: localhost → ");
    expect(receiver.received).toEqual([]);
  });

  test("an address written in the URL is refused without connecting", async () => {
    const { endpoint: e } = await endpoint(["certificate.approved"]);
    await t.db.transaction((tx) => queueWebhookEvent(tx, { enterpriseId: exporter.enterpriseId!, type: "certificate.approved", data: {} }));
    start({ allowPrivate: false });
    const [a] = await finishedAttempts((await deliveriesOf(e.id))[0]!.id, 1);
    expect(a).toMatchObject({ ok: false, status: null, answer: "blocked address: 127.0.0.1" });
    expect(receiver.received).toEqual([]);
  });

  test("registration refuses a literal private address in production", async () => {
    const refused = createWebhookEndpoint({
      db: t.db,
      user: exporter,
      input: { url: "http://169.254.169.254/latest", events: ["certificate.approved"] },
      secretKey: t.config.twoFactorKey,
      allowPrivate: false,
    });
    await expect(refused).rejects.toThrow("推送地址不能指向本机、内网或链路本地地址。");
  });
});

describe("a restart in the middle of sending", () => {
  async function queuedOne() {
    const { endpoint: e } = await endpoint(["certificate.approved"]);
    await t.db.transaction((tx) =>
      queueWebhookEvent(tx, { enterpriseId: exporter.enterpriseId!, type: "certificate.approved", data: { certificateId: "restart" } }),
    );
    return (await deliveriesOf(e.id))[0]!;
  }

  test("a worker stopped while its request is out finishes and records it; the next worker sends nothing again", async () => {
    receiver.answer({ kind: "hold" });
    const d = await queuedOne();
    start();
    await receiver.waitFor(1);
    const stopped = worker!.stop();
    await Bun.sleep(200);
    receiver.release();
    await stopped;
    worker = null;
    expect((await waitForState(d.id, "DELIVERED", 100)).attempts).toBe(1);
    start();
    await Bun.sleep(500);
    expect(receiver.received).toHaveLength(1);
    expect((await attemptsOf(d.id)).map((a) => [a.ok, a.status])).toEqual([[true, 200]]);
  });

  const spawnDoomed = (mode: "park" | "send") =>
    Bun.spawn(["bun", "run", join(import.meta.dir, "../../../test/support/webhook-worker.ts"), t.database.name, "1000", mode], {
      stdout: "pipe",
      stderr: "inherit",
    });
  async function lineFrom(proc: ReturnType<typeof spawnDoomed>, prefix: string) {
    const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`worker ended before "${prefix}": ${text}`);
      text += new TextDecoder().decode(value);
      const line = text.split("\n").find((l) => l.startsWith(prefix));
      if (line) {
        reader.releaseLock();
        return line;
      }
    }
  }

  test.skipIf(testDbKind === "pglite")(
    "a worker killed between its claim and sending: the next one sends the delivery exactly once",
    async () => {
      const d = await queuedOne();
      const doomed = spawnDoomed("park");
      expect(await lineFrom(doomed, "claimed")).toBe(`claimed ${d.id}`);
      doomed.kill("SIGKILL");
      await doomed.exited;
      const [held] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, d.id));
      expect(held).toMatchObject({ state: "PENDING", leaseOwner: "doomed-worker" });
      expect(receiver.received).toEqual([]);
      start();
      await receiver.waitFor(1);
      expect((await waitForState(d.id, "DELIVERED")).attempts).toBe(1);
      await Bun.sleep(300);
      expect(receiver.received).toHaveLength(1);
      // The dead worker's attempt stays on record as cut off; the next one delivered.
      expect((await attemptsOf(d.id)).map((a) => [a.durationMs === null, a.ok])).toEqual([
        [true, false],
        [false, true],
      ]);
    },
    30_000,
  );

  test.skipIf(testDbKind === "pglite")(
    "a worker killed after its request left: nothing is lost, and the repeat carries the same event id for the receiver to ignore",
    async () => {
      receiver.answer({ kind: "hold" });
      const d = await queuedOne();
      const doomed = spawnDoomed("send");
      await receiver.waitFor(1);
      doomed.kill("SIGKILL");
      await doomed.exited;
      receiver.answer({ kind: "status", status: 200, body: "seen" });
      start();
      await receiver.waitFor(2);
      expect((await waitForState(d.id, "DELIVERED")).attempts).toBe(1);
      const ids = receiver.received.map((r) => r.headers.get("origo-event-id"));
      expect(ids[0]).toBe(d.eventId);
      expect(ids[1]).toBe(d.eventId);
      expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
      expect((await attemptsOf(d.id)).map((a) => [a.durationMs === null, a.status])).toEqual([
        [true, null],
        [false, 200],
      ]);
    },
    30_000,
  );
});
