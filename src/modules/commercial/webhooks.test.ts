/**
 * The office's decisions on commercial documents (商事证明) reach the enterprise's webhook endpoints
 * as they reach its notifications: written in the deciding transaction (commercial/events.ts), signed
 * and sent by the webhook worker to a real HTTP receiver on a loopback port.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { invoiceFields, invoicePdf } from "../../../test/support/commercial.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { userFor } from "../../../test/support/users.ts";
import { startReceiver, type Receiver } from "../../../test/support/webhook-receiver.ts";
import { notifications } from "../notifications/schema.ts";
import { startWebhookWorker, verifySignature, type WebhookWorker } from "../webhooks/index.ts";
import { createWebhookEndpoint } from "../webhooks/service.ts";
import { webhookEventSchema } from "../webhooks/openapi.ts";
import { approveCommercialDocument, returnCommercialDocument, voidCommercialDocument } from "./office-actions.ts";
import { createCommercialDocument, sendCommercialDocument } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let exporter: CurrentUser;
let reviewer: CurrentUser;
let receiver: Receiver;
let worker: WebhookWorker;

beforeAll(async () => {
  t = await startTestApp();
  exporter = await userFor(t.db, "1100A4419");
  reviewer = await userFor(t.db, "reviewer1100");
  receiver = startReceiver();
  worker = startWebhookWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, allowPrivate: true, pollMs: 100 });
});
afterAll(async () => {
  await worker.stop();
  receiver.stop();
  await t.close();
});

async function pending() {
  const { id } = await createCommercialDocument({
    db: t.db,
    user: exporter,
    input: invoiceFields(),
    file: { bytes: await invoicePdf(1), name: "invoice.pdf" },
  });
  await sendCommercialDocument({ db: t.db, user: exporter, id });
  return id;
}

describe("commercial document decisions as webhook events", () => {
  test("approved, returned and voided each reach a subscribed endpoint, signed, with the number or the reason; the enterprise is notified too", async () => {
    const { secret } = await createWebhookEndpoint({
      db: t.db,
      user: exporter,
      input: { url: receiver.url(), events: ["commercial.approved", "commercial.returned", "commercial.voided"] },
      secretKey: t.config.twoFactorKey,
      allowPrivate: true,
    });
    const approved = await pending();
    const { number } = await approveCommercialDocument({ db: t.db, reviewer, id: approved });
    const returned = await pending();
    await returnCommercialDocument({ db: t.db, reviewer, id: returned, reason: "发票缺少签字" });
    await voidCommercialDocument({ db: t.db, reviewer, id: approved, reason: "企业申请撤销" });

    const got = await receiver.waitFor(3);
    for (const r of got) expect(verifySignature(secret, r.body, r.headers.get("origo-signature")!)).toBe(true);
    const events = got.map((r) => webhookEventSchema.parse(JSON.parse(r.body)));
    expect(events.map((e) => e.type)).toEqual(["commercial.approved", "commercial.returned", "commercial.voided"]);
    expect(events[0]!.data).toEqual({
      commercialDocumentId: approved,
      applicationNo: expect.stringMatching(/^SZ/),
      docType: "COMMERCIAL_INVOICE",
      number,
      status: "APPROVED",
      reason: null,
    });
    expect(events[1]!.data).toMatchObject({ commercialDocumentId: returned, status: "RETURNED", reason: "发票缺少签字", number: null });
    expect(events[2]!.data).toMatchObject({ commercialDocumentId: approved, status: "VOIDED", reason: "企业申请撤销", number });

    const told = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/commercial/${approved}`));
    expect(new Set(told.map((n) => n.event))).toEqual(new Set(["commercial.approved", "commercial.voided"]));
  });
});
