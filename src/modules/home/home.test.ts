import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { goodBody } from "../../../test/support/certificates.ts";
import { createCertificate, sendCertificate } from "../certificates/index.ts";
import { certificates } from "../certificates/schema.ts";
import { createProduct, decideProduct, sendProduct } from "../filing/service.ts";
import { HM } from "./messages.ts";

/** 用户首页: counts per status, what needs the exporter's attention, recent activity, and the filed record. */
let t: Awaited<ReturnType<typeof startTestApp>>;
let web: TestClient;
let html: string;
let holder: { id: string; applicationNo: string };

async function userOf(login: string): Promise<CurrentUser> {
  const a = (await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, login) }))!;
  return { id: a.id, login: a.login, role: a.role, displayName: a.displayName, officeCode: a.officeCode, enterpriseId: a.enterpriseId };
}

beforeAll(async () => {
  t = await startTestApp();
  const me = await userOf("1100A4419");
  const them = await userOf("1100A4420");
  const reviewer = await userOf("reviewer1100");

  // A sent certificate holds invoice DUP-9; a second draft with the same number is blocked by machine review.
  const first = await createCertificate({ db: t.db, user: me, body: goodBody("GENERAL", "DUP-9") });
  await sendCertificate({ db: t.db, user: me, id: first.id });
  holder = { id: first.id, applicationNo: (await t.db.query.certificates.findFirst({ where: eq(certificates.id, first.id) }))!.applicationNo };
  await createCertificate({ db: t.db, user: me, body: goodBody("GENERAL", "DUP-9") });
  // A certificate the office returned (the review desk sets these columns).
  const ret = await createCertificate({ db: t.db, user: me, body: goodBody("GENERAL", "RET-7") });
  await t.db.update(certificates).set({ status: "RETURNED", returnReason: "唛头与箱单不一致", sentAt: new Date() }).where(eq(certificates.id, ret.id));
  // A product filing the office rejected.
  const product = await createProduct({
    db: t.db,
    user: me,
    input: {
      hsCode: "6116100000",
      nameZh: "劳保手套",
      nameEn: "WORKING GLOVES",
      unit: "PAIRS",
      materials: "",
      agreements: [{ type: "CHAFTA", originCriterion: "WP" }],
    },
  });
  await sendProduct({ db: t.db, user: me, id: product.id });
  await decideProduct({ db: t.db, reviewer, id: product.id, decision: "reject", reason: "请补充原材料说明" });
  // Another enterprise's returned certificate must not show.
  const theirs = await createCertificate({ db: t.db, user: them, body: { ...goodBody("GENERAL", "THEIRS-RET"), exporter: null } });
  await t.db.update(certificates).set({ status: "RETURNED", returnReason: "别家的退回原因" }).where(eq(certificates.id, theirs.id));

  web = new TestClient(t.app);
  await web.signIn("1100A4419", DEMO_PASSWORD);
  const res = await web.get("/home");
  expect(res.status).toBe(200);
  html = await res.text();
});
afterAll(() => t.close());

const section = (id: string) => html.match(new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`))?.[1] ?? "";

describe("用户首页", () => {
  test("counts per status link to the list's tabs", () => {
    const counts = section("counts-title");
    expect(counts).toContain('<a href="/certificates">所有证书 <strong>3</strong></a>');
    expect(counts).toContain('<a href="/certificates?status=DRAFT">草稿 <strong>1</strong></a>');
    expect(counts).toContain('<a href="/certificates?status=PENDING">待审 <strong>1</strong></a>');
    expect(counts).toContain('<a href="/certificates?status=RETURNED">退回 <strong>1</strong></a>');
  });

  test("a returned certificate is listed with the office's reason; another enterprise's is not", () => {
    const attention = section("attention-title");
    expect(attention).toContain(HM.returned);
    expect(attention).toContain("RET-7");
    expect(attention).toContain(`${HM.returnReason}：唛头与箱单不一致`);
    expect(html).not.toContain("别家的退回原因");
    expect(html).not.toContain("THEIRS-RET");
  });

  test("a draft blocked by a duplicate invoice links to the certificate holding the number", async () => {
    const attention = section("attention-title");
    expect(attention).toContain(HM.blocked);
    expect(attention).toContain(`申请号为 ${holder.applicationNo} 的证书`);
    const link = `/certificates/by-application/${holder.applicationNo}`;
    expect(attention).toContain(`<a href="${link}">${HM.openHolder}</a>`);
    const res = await web.get(link);
    expect(res.headers.get("location")).toBe(`/certificates/${holder.id}`);
  });

  test("a rejected product filing is listed with its reason", () => {
    const attention = section("attention-title");
    expect(attention).toContain(HM.rejectedFilings);
    expect(attention).toContain("6116100000 劳保手套");
    expect(attention).toContain(`${HM.rejectReason}：请补充原材料说明`);
  });

  test("recent activity lists the latest history entries, newest first", () => {
    const recent = section("recent-title");
    const rows = [...recent.matchAll(/<tr><td>[^<]+<\/td><td><a href="\/certificates\/([^"]+)">([^<]+)<\/a><\/td><td><span class="badge s-(\w+)">/g)].map(
      (m) => [m[2]!.split("（")[0], m[3]],
    );
    expect(rows).toEqual([
      ["RET-7", "draft"],
      ["DUP-9", "draft"],
      ["DUP-9", "pending"],
      ["DUP-9", "draft"],
    ]);
  });

  test("the filed record and hand-signers are still shown", () => {
    expect(html).toContain("北京拓邦投资有限公司");
    expect(html).toContain("BEIJING TUOBANG INVESTMENT CO., LTD.");
    expect(html).toContain("<td>张三</td>");
  });

  test("with nothing to do, the page says so", async () => {
    const other = new TestClient(t.app);
    await other.signIn("1100A4417", DEMO_PASSWORD);
    const page = await (await other.get("/home")).text();
    expect(page).toContain(HM.attentionNone);
    expect(page).toContain(HM.recentNone);
  });
});
