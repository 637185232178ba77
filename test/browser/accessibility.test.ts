/**
 * axe-core over the main pages of every role, as each person reaches them signed in: no violation
 * of WCAG 2.1 A/AA rules (duplicate ids, missing labels, contrast…) on any of them.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createCertificate, returnCertificate, sendCertificate, updateCertificate } from "../../src/modules/certificates/index.ts";
import { violations } from "../support/axe.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { goodBody } from "../support/certificates.ts";
import { approvedCertificate, userOf } from "../support/print.ts";
import { createWebhookEndpoint } from "../../src/modules/webhooks/service.ts";
import { webhookAttempts, webhookDeliveries } from "../../src/modules/webhooks/schema.ts";

let t: BrowserApp;
let pending: string;
let approved: string;
let resent: string;
let commercial: string;
let webhook: string;

beforeAll(async () => {
  t = await startBrowserApp();
  const exporter = await userOf(t.db, "1100A4419");
  pending = (await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL") })).id;
  await sendCertificate({ db: t.db, user: exporter, id: pending });
  approved = (await approvedCertificate(t.db, { printMode: "PCO" })).id;
  // Returned and sent again with a change: its review page opens on the changes.
  const body = goodBody("GENERAL");
  resent = (await createCertificate({ db: t.db, user: exporter, body })).id;
  await sendCertificate({ db: t.db, user: exporter, id: resent });
  await returnCertificate({ db: t.db, reviewer: await userOf(t.db, "reviewer1100"), id: resent, reason: "请核对备注" });
  await updateCertificate({ db: t.db, user: exporter, id: resent, body: { ...body, remarks: "CHECKED" } });
  // A webhook endpoint with a delivery tried twice (one cut off by a restart) and listed on 接口令牌.
  webhook = (
    await createWebhookEndpoint({
      db: t.db,
      user: exporter,
      input: { url: "https://erp.example.com/hooks", events: ["certificate.returned"] },
      secretKey: t.config.twoFactorKey,
      allowPrivate: false,
    })
  ).endpoint.id;
  const deliveryId = Bun.randomUUIDv7();
  await t.db.insert(webhookDeliveries).values({
    id: deliveryId,
    endpointId: webhook,
    enterpriseId: exporter.enterpriseId!,
    eventId: "evt_test",
    eventType: "certificate.returned",
    body: "{}",
    state: "FAILED",
    giveUpAt: new Date(Date.now() + 86_400_000),
  });
  await t.db.insert(webhookAttempts).values([
    { id: Bun.randomUUIDv7(), deliveryId, ok: false, status: null, answer: "", durationMs: null },
    { id: Bun.randomUUIDv7(), deliveryId, ok: false, status: 500, answer: "Internal Server Error", durationMs: 12 },
  ]);
  await sendCertificate({ db: t.db, user: exporter, id: resent });
  // The demo's certified commercial invoice (商事证明).
  commercial = (await t.db.query.commercialDocuments.findFirst())!.id;
});
afterAll(async () => {
  await t.close();
});

async function audit(login: string | null, paths: string[]) {
  const page = await (await t.browser.newContext()).newPage();
  if (login) await t.signIn(page, login);
  const report: Record<string, string[]> = {};
  for (const path of paths) {
    const res = await page.goto(t.url + path);
    expect(res?.status(), path).toBe(200);
    const found = await violations(page);
    if (found.length) report[path] = found;
  }
  await page.close();
  return report;
}

test("public pages", async () => {
  expect(await audit(null, ["/sign-in", "/register", "/password-reset", "/verify"])).toEqual({});
});

test("the exporter's pages, the certificate form included", async () => {
  expect(
    await audit("1100A4419", [
      "/home",
      "/certificates",
      "/certificates/types",
      "/certificates/new?type=CHAFTA",
      `/certificates/${pending}`,
      `/certificates/${pending}/attachments`,
      "/commercial",
      "/commercial/new",
      `/commercial/${commercial}`,
      "/products",
      "/products/new",
      "/account/password",
      "/account/tokens",
      "/notifications",
      "/notifications/settings",
      `/account/webhooks/${webhook}`,
    ]),
  ).toEqual({});
});

test("the reviewer's pages", async () => {
  expect(
    await audit("reviewer1100", [
      "/office",
      "/office/certificates",
      `/office/certificates/${pending}`,
      `/office/certificates/${resent}`,
      "/office/commercial?tab=all",
      `/office/commercial/${commercial}`,
      "/office/products",
      "/office/registrations",
    ]),
  ).toEqual({});
});

test("the print clerk's and the admin's pages", async () => {
  expect(await audit("print1100", ["/office/print", `/print/certificates/${approved}`])).toEqual({});
  expect(
    await audit("admin1100", [
      "/office/print/setup",
      "/office/enterprises",
      "/office/staff",
      "/office/certificates/settings",
      "/office/commercial/settings",
      `/office/certificates/${approved}`,
      "/office/email-outbox",
    ]),
  ).toEqual({});
});

test("the certificate form with every problem marked (after 检查), and the page after registration's last step", async () => {
  const page = await (await t.browser.newContext()).newPage();
  await t.signIn(page, "1100A4420");
  await page.goto(t.url + "/certificates/new?type=CHAFTA");
  await page.getByRole("button", { name: "检查", exact: true }).click();
  await page.locator("#problem-summary .field-error, .field-error").first().waitFor();
  expect(await violations(page)).toEqual([]);
  await page.goto(t.url + "/register/done");
  expect(await violations(page)).toEqual([]);
});
