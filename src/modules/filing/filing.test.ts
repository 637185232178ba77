import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { unstorableMessage } from "../../lib/charset.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { createApiToken } from "../api/index.ts";
import { M } from "./messages.ts";
import { listApprovedFilings } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const form = (o: Record<string, string> = {}) => ({
  hsCode: "6116100000",
  nameZh: "劳保手套",
  nameEn: "working gloves",
  unit: "PAIRS",
  materials: "棉纱，编织、缝制",
  "agr.CHAFTA": "on",
  "crit.CHAFTA": "wp",
  ...o,
});

async function as(login: string) {
  const c = new TestClient(t.app);
  await c.signIn(login, DEMO_PASSWORD);
  return c;
}

async function createVia(c: TestClient, fields = form()) {
  const res = await c.post("/products", fields);
  expect(res.status).toBe(303);
  return res.headers.get("location")!.match(/\/products\/([^?]+)/)![1]!;
}

async function enterpriseIdOf(login: string) {
  const a = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, login) });
  return a!.enterpriseId!;
}

describe("product filing", () => {
  test("filed, sent, approved: certificates then check against it", async () => {
    const ent = await as("1100A4419");
    const id = await createVia(ent);
    const detail = await (await ent.get(`/products/${id}?done=saved`)).text();
    expect(detail).toContain(M.saved);
    expect(detail).toContain("WORKING GLOVES"); // English names are stored upper-case as printed

    expect((await ent.post(`/products/${id}/submission`, {})).headers.get("location")).toBe(`/products/${id}?done=sent`);
    const rev = await as("reviewer1100");
    const queue = await (await rev.get("/office/products")).text();
    expect(queue).toContain("北京拓邦投资有限公司");
    expect(queue).toContain(`/office/products/${id}`);
    expect((await rev.post(`/office/products/${id}/approval`, {})).status).toBe(303);
    expect(await listApprovedFilings({ db: t.db, enterpriseId: await enterpriseIdOf("1100A4419") })).toContainEqual(
      expect.objectContaining({ hsCode: "6116100000", agreements: [{ type: "CHAFTA", originCriterion: "WP" }] }),
    );
    // A second decision on the same filing is refused clearly.
    const again = await rev.post(`/office/products/${id}/approval`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(M.notPending);
  });

  test("a filing with problems is saved as a draft, shows them, and cannot be sent", async () => {
    const ent = await as("1100A4419");
    const id = await createVia(ent, form({ hsCode: "6116", "crit.CHAFTA": "CTH" }));
    const edit = await (await ent.get(`/products/${id}/edit`)).text();
    expect(edit).toContain(M.hsFormat("6116"));
    expect(edit).toContain('value="CTH"');
    const send = await ent.post(`/products/${id}/submission`, {});
    expect(send.status).toBe(422);
    const html = await send.text();
    expect(html).toContain(M.hasProblems);
    expect(html).toContain(M.hsFormat("6116"));
  });

  test("sending without an approved customs code is refused with the next step, and nothing is lost (manual Q5)", async () => {
    const ent = await as("1100P0000");
    const id = await createVia(ent);
    const send = await ent.post(`/products/${id}/submission`, {});
    expect(send.status).toBe(422);
    const html = await send.text();
    expect(html).toContain(M.customsCodeMissing);
    expect(html).toContain("增加海关编码");
    expect(html).toContain("6116100000");
  });

  test("a rejection needs a reason, which the enterprise sees; the edited filing can be resent", async () => {
    const ent = await as("1100A4420");
    const id = await createVia(ent);
    await ent.post(`/products/${id}/submission`, {});
    const rev = await as("reviewer1100");
    const noReason = await rev.post(`/office/products/${id}/rejection`, { reason: " " });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain(M.rejectReasonRequired);
    await rev.post(`/office/products/${id}/rejection`, { reason: "请补充原材料来源说明" });
    const seen = await (await ent.get(`/products/${id}`)).text();
    expect(seen).toContain("请补充原材料来源说明");
    expect(seen).toContain(M.statusLabels.REJECTED!);
    await ent.post(`/products/${id}`, form({ materials: "棉纱产自河北" }));
    expect((await ent.post(`/products/${id}/submission`, {})).status).toBe(303);
  });

  test("editing an approved filing makes a new version; certificates keep the approved one until it is approved", async () => {
    const ent = await as("1100A4418");
    const enterpriseId = await enterpriseIdOf("1100A4418");
    const id = await createVia(ent);
    await ent.post(`/products/${id}/submission`, {});
    const rev = await as("reviewer1100");
    await rev.post(`/office/products/${id}/approval`, {});
    await ent.post(`/products/${id}`, form({ "crit.CHAFTA": "PSR" }));
    const detail = await (await ent.get(`/products/${id}`)).text();
    expect(detail).toContain("第 2 版");
    expect(detail).toContain(M.approvedVersionNote(1));
    expect((await listApprovedFilings({ db: t.db, enterpriseId }))[0]!.agreements[0]!.originCriterion).toBe("WP");
    await ent.post(`/products/${id}/submission`, {});
    // Pending: locked against edits until withdrawn.
    expect((await ent.post(`/products/${id}`, form())).status).toBe(409);
    await rev.post(`/office/products/${id}/approval`, {});
    expect((await listApprovedFilings({ db: t.db, enterpriseId }))[0]!.agreements[0]!.originCriterion).toBe("PSR");
    const history = await (await rev.get(`/office/products/${id}`)).text();
    for (const label of ["创建", "发送审核", "审核通过", "生成新版本"]) expect(history).toContain(label);
  });

  test("withdraw and copy", async () => {
    const ent = await as("1100A4415");
    const id = await createVia(ent);
    await ent.post(`/products/${id}/submission`, {});
    expect((await ent.post(`/products/${id}/withdrawal`, {})).headers.get("location")).toBe(`/products/${id}?done=withdrawn`);
    const copy = await ent.post(`/products/${id}/copies`, {});
    const copyId = copy.headers.get("location")!.match(/\/products\/([^/]+)\/edit/)![1]!;
    expect(copyId).not.toBe(id);
    expect(await (await ent.get(`/products/${copyId}/edit`)).text()).toContain('value="6116100000"');
  });

  test("another enterprise and another office see nothing of it", async () => {
    const owner = await as("1100A4419");
    const id = await createVia(owner);
    await owner.post(`/products/${id}/submission`, {});
    const other = await as("1100A4420");
    expect((await other.get(`/products/${id}`)).status).toBe(404);
    expect((await other.post(`/products/${id}/withdrawal`, {})).status).toBe(404);
    expect(await (await other.get("/products")).text()).not.toContain(id);
    const shanghai = await as("reviewer3100");
    expect((await shanghai.get(`/office/products/${id}`)).status).toBe(404);
    expect((await shanghai.post(`/office/products/${id}/approval`, {})).status).toBe(404);
    expect(await (await shanghai.get("/office/products")).text()).not.toContain(id);
  });

  test("search by HS code and name, and status tabs", async () => {
    const ent = await as("1100A4416");
    await createVia(ent, form({ hsCode: "8544421100", nameZh: "电线", nameEn: "ELECTRIC WIRE", unit: "METRES" }));
    await createVia(ent, form({ hsCode: "8544491100", nameZh: "电缆", nameEn: "ELECTRIC CABLE", unit: "METRES" }));
    const byHs = await (await ent.get("/products?q=854442")).text();
    expect(byHs).toContain("8544421100");
    expect(byHs).not.toContain("8544491100");
    const byName = await (await ent.get(`/products?q=${encodeURIComponent("电缆")}`)).text();
    expect(byName).toContain("8544491100");
    expect(byName).not.toContain("8544421100");
    expect(await (await ent.get("/products?status=PENDING")).text()).toContain(M.none);
  });
});

describe("product API", () => {
  let token: string;
  beforeAll(async () => {
    const a = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "1100A4412") });
    token = (await createApiToken({ db: t.db, accountId: a!.id, name: "test" })).token;
  });
  const api = (path: string, init: RequestInit = {}) =>
    t.app.request(`/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) } });
  const body = {
    hsCode: "6116100000",
    nameZh: "手套",
    nameEn: "GLOVES",
    unit: "PAIRS",
    agreements: [
      { type: "CHAFTA", originCriterion: "WP" },
      { type: "ACFTA", originCriterion: "XX" },
    ],
  };

  test("create returns 201 with problems, send returns 422 with them, a fixed filing goes to PENDING", async () => {
    const res = await api("/products", { method: "POST", body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; status: string; problems: { rule: string; field: string }[] };
    expect(created.status).toBe("DRAFT");
    expect(created.problems).toEqual([expect.objectContaining({ rule: "CRITERION_INVALID", field: "agreements.1.originCriterion" })]);
    const send = await api(`/products/${created.id}/send`, { method: "POST" });
    expect(send.status).toBe(422);
    expect(((await send.json()) as { problems: unknown[] }).problems).toHaveLength(1);

    const ok = (await (await api("/products", { method: "POST", body: JSON.stringify({ ...body, agreements: [body.agreements[0]] }) })).json()) as {
      id: string;
    };
    const sent = await api(`/products/${ok.id}/send`, { method: "POST" });
    expect(await sent.json()).toEqual({ id: ok.id, status: "PENDING" });
    const got = (await (await api(`/products/${ok.id}`)).json()) as { status: string; agreements: unknown[] };
    expect(got.status).toBe("PENDING");
    const list = (await (await api("/products")).json()) as { items: { id: string }[]; total: number };
    expect(list.items.map((i) => i.id)).toContain(ok.id);
  });

  test("bad shapes are 400 with the field named, and nothing is saved", async () => {
    const before = ((await (await api("/products")).json()) as { total: number }).total;
    const malformed = await api("/products", { method: "POST", body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("invalid");
    const wrong = await api("/products", {
      method: "POST",
      body: JSON.stringify({ ...body, hsCode: 6116100000, agreements: [{ type: "NOPE", originCriterion: "WP" }] }),
    });
    expect(wrong.status).toBe(400);
    const issues = ((await wrong.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(["hsCode", "agreements.0.type"]));
    expect(((await (await api("/products")).json()) as { total: number }).total).toBe(before);
  });

  test("another enterprise's filing is 404, a missing token 401", async () => {
    const mine = new TestClient(t.app);
    await mine.signIn("1100A4419", DEMO_PASSWORD);
    const id = await createVia(mine);
    expect((await api(`/products/${id}`)).status).toBe(404);
    expect((await api(`/products/${id}/send`, { method: "POST" })).status).toBe(404);
    const anon = await t.app.request("/api/v1/products");
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  test("a body over 1 MiB is 413", async () => {
    const res = await api("/products", { method: "POST", body: JSON.stringify({ ...body, materials: "x".repeat(1024 * 1024 + 10) }) });
    expect(res.status).toBe(413);
  });
});

describe("hostile input", () => {
  test("NUL characters in a search or a form are refused with the field's message, never a server error", async () => {
    const ent = await as("1100A4419");
    const search = await ent.get("/products?q=%00abc");
    expect(search.status).toBe(422);
    expect(await search.text()).toContain(unstorableMessage("U+0000"));
    const res = await ent.post("/products", form({ nameZh: "手\u0000套" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(unstorableMessage("U+0000"));
  });
});
