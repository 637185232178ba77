/**
 * The notification pages through the app: each person's own list and count in the header, read
 * marks, the settings form, and isolation (enterprise A never sees or touches B's notifications).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { userFor } from "../../../test/support/users.ts";
import { NOTIFY_M } from "./messages.ts";
import { notifyAccounts } from "./outbox.ts";
import { notifications, notificationSettings } from "./schema.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let a: TestClient;
let b: TestClient;
let aId: string;
let bId: string;

beforeAll(async () => {
  t = await startTestApp();
  // The demo data's own notifications (its certified 商事证明) aside: the counts below start from none.
  await t.db.delete(notifications);
  aId = (await userFor(t.db, "1100A4419")).id;
  bId = (await userFor(t.db, "1100A4420")).id;
  a = new TestClient(t.app);
  await a.signIn("1100A4419", DEMO_PASSWORD);
  b = new TestClient(t.app);
  await b.signIn("1100A4420", DEMO_PASSWORD);
});
afterAll(() => t.close());

async function notify(accountId: string, applicationNo: string) {
  await t.db.transaction((tx) =>
    notifyAccounts(tx, [accountId], {
      event: "certificate.returned",
      facts: { applicationNo, number: null, reason: "请补充发票" },
      link: `/certificates/x-${applicationNo}`,
      officeCode: "1100B0",
    }),
  );
  const [row] = await t.db
    .select()
    .from(notifications)
    .where(eq(notifications.link, `/certificates/x-${applicationNo}`));
  return row!;
}

describe("the list and the header", () => {
  test("shows the person's notifications with the unread count in every page's header; read marks clear it", async () => {
    const first = await notify(aId, "A-0001");
    await notify(aId, "A-0002");
    const home = await (await a.get("/home")).text();
    expect(home).toContain('href="/notifications"');
    expect(home).toContain("2 条未读");
    const page = await (await a.get("/notifications")).text();
    expect(page).toContain("原产地证书被退回：A-0001");
    expect(page).toContain("退回原因：请补充发票");
    expect(page).toContain(`action="/notifications/${first.id}/read"`);
    expect(page).toContain('name="open" value="1"');
    expect(page).toContain(NOTIFY_M.markAllRead);
    expect(page).not.toContain("邮件待发送"); // no address given: in the product only

    const one = await a.post(`/notifications/${first.id}/read`, { open: "1" });
    expect(one.status).toBe(303);
    expect(one.headers.get("location")).toBe("/certificates/x-A-0001");
    expect(await (await a.get("/home")).text()).toContain("1 条未读");
    expect((await a.post("/notifications/read", {})).status).toBe(303);
    const after = await (await a.get("/home")).text();
    expect(after).not.toContain("条未读");
    expect(after).toContain('href="/notifications"');
    expect(await (await a.get("/notifications")).text()).toContain('href="/certificates/x-A-0002"');
  });

  test("office staff have the page too", async () => {
    const reviewer = new TestClient(t.app);
    await reviewer.signIn("reviewer1100", DEMO_PASSWORD);
    const res = await reviewer.get("/notifications");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(NOTIFY_M.empty);
  });
});

describe("isolation", () => {
  test("enterprise A never sees B's notifications, nor marks them read", async () => {
    const theirs = await notify(bId, "B-SECRET-1");
    const aPage = await (await a.get("/notifications")).text();
    expect(aPage).not.toContain("B-SECRET-1");
    expect(await (await b.get("/notifications")).text()).toContain("B-SECRET-1");
    const tried = await a.post(`/notifications/${theirs.id}/read`, {});
    expect(tried.status).toBe(404);
    const [still] = await t.db.select().from(notifications).where(eq(notifications.id, theirs.id));
    expect(still!.readAt).toBeNull();
    // "Mark all read" marks only one's own.
    await a.post("/notifications/read", {});
    const [untouched] = await t.db.select().from(notifications).where(eq(notifications.id, theirs.id));
    expect(untouched!.readAt).toBeNull();
  });
});

describe("settings", () => {
  test("without SMTP_URL the page says e-mail is off", async () => {
    const html = await (await a.get("/notifications/settings")).text();
    expect(html).toContain(NOTIFY_M.emailOff);
    expect(html).toContain("原产地证书被退回（含退回原因）");
    expect(html).not.toContain("每日待办汇总");
  });

  test("saves the address and the chosen events, refuses a bad address or a ticked event without one", async () => {
    const bad = await a.post("/notifications/settings", { email: "not-an-address", events: "certificate.returned" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain(NOTIFY_M.emailInvalid);
    expect(badHtml).toContain('value="not-an-address"');
    const none = await a.post("/notifications/settings", { email: "", events: "certificate.returned" });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain(NOTIFY_M.emailNeeded);

    const body = new URLSearchParams({ email: " ZhangSan@Example.CN ", _csrf: a.csrf });
    body.append("events", "certificate.returned");
    body.append("events", "certificate.voided");
    body.append("events", "office.daily_summary"); // not offered to an enterprise: dropped
    const ok = await a.request("/notifications/settings", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(NOTIFY_M.saved);
    const [row] = await t.db.select().from(notificationSettings).where(eq(notificationSettings.accountId, aId));
    expect(row).toMatchObject({ email: "ZhangSan@example.cn", emailEvents: ["certificate.returned", "certificate.voided"] });
    const page = await (await a.get("/notifications/settings")).text();
    expect(page).toContain('value="ZhangSan@example.cn"');
    await notify(aId, "A-0003"); // returned: chosen for e-mail now
    expect(await (await a.get("/notifications")).text()).toContain(NOTIFY_M.emailStates.PENDING);
    expect(page).toMatch(/value="certificate\.voided" checked/);
  });

  test("with SMTP_URL set the page does not say e-mail is off; office staff are offered the daily summary", async () => {
    const on = await startTestApp({ email: { kind: "smtp", url: "smtp://127.0.0.1:1", from: "o@origo.example.cn" } });
    try {
      const staff = new TestClient(on.app);
      await staff.signIn("reviewer1100", DEMO_PASSWORD);
      const html = await (await staff.get("/notifications/settings")).text();
      expect(html).not.toContain(NOTIFY_M.emailOff);
      expect(html).toContain("每日待办汇总");
    } finally {
      await on.close();
    }
  });
});
