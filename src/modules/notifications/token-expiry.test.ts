/**
 * "API token about to expire", on real parts: PostgreSQL, the notification outbox drained to a real
 * SMTP server, and the webhook worker posting to a real HTTP receiver. 7 days before expiry, once per
 * token, however many processes look at the same time or how often.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { startSmtpServer } from "../../../test/support/smtp.ts";
import { userFor } from "../../../test/support/users.ts";
import { startReceiver, type Receiver } from "../../../test/support/webhook-receiver.ts";
import { createApiToken } from "../api/index.ts";
import { apiTokens } from "../api/schema.ts";
import { startWebhookWorker, verifySignature } from "../webhooks/index.ts";
import { createWebhookEndpoint } from "../webhooks/service.ts";
import { webhookEventSchema } from "../webhooks/openapi.ts";
import { smtpMailer } from "./mailer.ts";
import { notifications } from "./schema.ts";
import { saveNotificationSettings } from "./service.ts";
import { noticeExpiringTokens, startTokenExpiryWatch } from "./token-expiry.ts";
import { startNotificationWorker } from "./worker.ts";

const DAY = 24 * 3600_000;
let t: Awaited<ReturnType<typeof startTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Receiver;
let exporter: CurrentUser;

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpServer();
  receiver = startReceiver();
  exporter = await userFor(t.db, "1100A4419");
});
afterAll(async () => {
  receiver.stop();
  await smtp.close();
  await t.close();
});

async function tokenExpiringIn(ms: number | null, name: string) {
  const { id } = await createApiToken({ db: t.db, accountId: exporter.id, name, days: ms === null ? null : 30 });
  if (ms !== null)
    await t.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() + ms) })
      .where(eq(apiTokens.id, id));
  return id;
}
const noticesAbout = async (tokenName: string) =>
  (await t.db.select().from(notifications).where(eq(notifications.event, "api_token.expiring"))).filter((n) => n.title.includes(tokenName));

describe("the notice", () => {
  test("goes out once for a token within 7 days of expiry, by notification, e-mail and webhook; not for later or never-expiring tokens", async () => {
    await saveNotificationSettings({ db: t.db, user: exporter, email: "erp@exporter.example.cn", events: ["api_token.expiring"] });
    const { secret } = await createWebhookEndpoint({
      db: t.db,
      user: exporter,
      input: { url: receiver.url(), events: ["api_token.expiring"] },
      secretKey: t.config.twoFactorKey,
      allowPrivate: true,
    });
    const soon = await tokenExpiringIn(3 * DAY, "ERP 正式环境");
    await tokenExpiringIn(20 * DAY, "ERP 测试环境");
    await tokenExpiringIn(null, "长期令牌");

    // Four processes look at once, then again: one notice.
    const counts = await Promise.all([1, 2, 3, 4].map(() => noticeExpiringTokens({ db: t.db })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await noticeExpiringTokens({ db: t.db })).toBe(0);

    const [n, ...more] = await noticesAbout("ERP 正式环境");
    expect(more).toEqual([]);
    expect(n).toMatchObject({ accountId: exporter.id, title: "EDI 接口令牌即将过期：ERP 正式环境", link: "/account/tokens" });
    expect(await noticesAbout("ERP 测试环境")).toEqual([]);
    expect(await noticesAbout("长期令牌")).toEqual([]);

    const mail = startNotificationWorker({
      db: t.db,
      events: t.events,
      mailer: smtpMailer({ url: smtp.url, from: "Origo <noreply@origo.example.cn>" }),
      publicUrl: "https://origo.example.cn",
      pollMs: 50,
    });
    const hooks = startWebhookWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, allowPrivate: true, pollMs: 50 });
    try {
      const [got] = await smtp.waitFor(1);
      expect(got!.mail.subject).toBe("EDI 接口令牌即将过期：ERP 正式环境");
      const [hook] = await receiver.waitFor(1);
      const event = webhookEventSchema.parse(JSON.parse(hook!.body));
      expect(event).toMatchObject({ type: "api_token.expiring", data: { tokenId: soon, name: "ERP 正式环境" } });
      expect(verifySignature(secret, hook!.body, hook!.headers.get("origo-signature")!)).toBe(true);
    } finally {
      await Promise.all([mail.stop(), hooks.stop()]);
    }
    expect(smtp.received).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  test("the loop started with every app process writes the notice without being asked, once across two processes", async () => {
    await tokenExpiringIn(2 * DAY, "货代对接");
    const a = startTokenExpiryWatch({ db: t.db, pollMs: 50 });
    const b = startTokenExpiryWatch({ db: t.db, pollMs: 50 });
    try {
      const end = Date.now() + 10_000;
      while (!(await noticesAbout("货代对接")).length && Date.now() < end) await Bun.sleep(25);
      await Bun.sleep(200); // several more rounds of both loops
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await noticesAbout("货代对接")).toHaveLength(1);
  });

  test("a revoked token gets no notice", async () => {
    const id = await tokenExpiringIn(DAY, "已吊销的令牌");
    await t.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    await noticeExpiringTokens({ db: t.db });
    expect(await noticesAbout("已吊销的令牌")).toEqual([]);
  });
});
