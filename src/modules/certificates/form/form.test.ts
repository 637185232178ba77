import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { ORIGIN, startTestApp, TestClient } from "../../../../test/support/app.ts";
import { goodBody } from "../../../../test/support/certificates.ts";
import { decodeHtml, readForm } from "../../../../test/support/forms.ts";
import { fixture } from "../../../../test/support/images.ts";
import { DEMO_PASSWORD } from "../../../demo/data.ts";
import { createProduct, decideProduct, sendProduct } from "../../filing/service.ts";
import type { CertificateBody } from "../edi/contract.ts";
import { FM } from "./form-messages.ts";
import { STATUS_LABELS } from "../labels.ts";
import { CM } from "../lifecycle-messages.ts";
import { M } from "../messages.ts";
import { certificates } from "../schema.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let ent: TestClient;
let productId: string;

beforeAll(async () => {
  t = await startTestApp();
  ent = await as("1100A4419");
  // An approved ChAFTA filing for the working gloves, through the filing services and the office review.
  const account = async (login: string) => (await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, login) }))!;
  const user = { ...(await account("1100A4419")), role: "enterprise" as const };
  const p = await createProduct({
    db: t.db,
    user,
    input: {
      hsCode: "6116100000",
      nameZh: "劳保手套",
      nameEn: "WORKING GLOVES",
      unit: "PAIRS",
      materials: "",
      agreements: [{ type: "CHAFTA", originCriterion: "WP" }],
    },
  });
  await sendProduct({ db: t.db, user, id: p.id });
  await decideProduct({ db: t.db, reviewer: { ...(await account("reviewer1100")), role: "office_reviewer" }, id: p.id, decision: "approve" });
  productId = p.id;
});
afterAll(() => t.close());

async function as(login: string) {
  const c = new TestClient(t.app);
  await c.signIn(login, DEMO_PASSWORD);
  return c;
}

const row = async (id: string) => (await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) }))!;

async function newDraft(type = "CHAFTA", c = ent) {
  const res = await c.get(`/certificates/new?type=${type}`);
  expect(res.status).toBe(303);
  return res.headers.get("location")!.match(/^\/certificates\/([^?#/]+)$/)![1]!;
}

async function page(id: string, c = ent) {
  const res = await c.get(`/certificates/${id}`);
  return { status: res.status, html: await res.text() };
}

/** What the form posts when the exporter has typed `body` into it. */
function typed(body: CertificateBody): Record<string, string> {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const f: Record<string, string> = {
    printMode: body.printMode,
    copies: s(body.copies),
    handSigner: s(body.handSigner),
    "exporter.name": s(body.exporter?.name),
    "exporter.address": s(body.exporter?.address),
    "producer.name": s(body.producer?.name),
    "producer.address": s(body.producer?.address),
    "consignee.name": s(body.consignee?.name),
    "consignee.address": s(body.consignee?.address),
    "consignee.country": s(body.consignee?.country),
    destinationCountry: s(body.destinationCountry),
    "transport.from.country": s(body.transport?.from?.country),
    "transport.from.port": s(body.transport?.from?.port),
    "transport.to.country": s(body.transport?.to?.country),
    "transport.to.port": s(body.transport?.to?.port),
    "transport.via": s(body.transport?.via),
    "transport.mode": s(body.transport?.mode),
    "transport.departureDate": s(body.transport?.departureDate),
    "transport.vessel": s(body.transport?.vessel),
    "transport.routeText": s(body.transport?.routeText),
    "invoice.number": s(body.invoice?.number),
    "invoice.date": s(body.invoice?.date),
    "invoice.currency": s(body.invoice?.currency),
    remarks: s(body.remarks),
    exportCustoms: s(body.exportCustoms),
    declarationNo: s(body.declarationNo),
  };
  if (body.localPrint) f.localPrint = "on";
  if (body.printSeal) f.printSeal = "on";
  (body.goods ?? []).forEach((g, i) => {
    Object.assign(f, {
      [`goods.${i}.marks`]: s(g.marks),
      [`goods.${i}.packages.count`]: s(g.packages?.count),
      [`goods.${i}.packages.kind`]: s(g.packages?.kind),
      [`goods.${i}.description`]: s(g.description),
      [`goods.${i}.hsCode`]: s(g.hsCode),
      [`goods.${i}.originCriterion`]: s(g.originCriterion),
      [`goods.${i}.quantity.value`]: s(g.quantity?.value),
      [`goods.${i}.quantity.unit`]: s(g.quantity?.unit),
      [`goods.${i}.grossWeightKg`]: s(g.grossWeightKg),
      [`goods.${i}.value`]: s(g.value),
    });
  });
  return f;
}

/** The form as the page shows it, with `over` typed on top (as a browser would post it). */
async function formOf(id: string, over: Record<string, string> = {}) {
  return { ...(await readForm((await page(id)).html, "#cert-form")), ...over };
}

/** An htmx request from the page: same-origin, the CSRF header htmx sends from <body>. */
async function htmx(c: TestClient, path: string, fields: Record<string, string>) {
  return c.request(path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, "hx-request": "true", "x-csrf-token": c.csrf },
  });
}

/** The problems shown beside one input (its slot), as text. */
function beside(html: string, key: string) {
  const m = new RegExp(`id="p-${key.replace(/[.*]/g, "-")}"[^>]*>([\\s\\S]*?)</div>`).exec(html);
  if (!m) throw new Error(`no problem slot for ${key}`);
  return decodeHtml(m[1]!.replace(/<[^>]+>/g, ""));
}

const summary = (html: string) => decodeHtml(/id="problem-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)![1]!.replace(/<[^>]+>/g, ""));

describe("the certificate form", () => {
  test("a new ChAFTA draft: boxes in form order with Chinese and English titles, exporter from the filing, office copies, active signers", async () => {
    const id = await newDraft("CHAFTA");
    const { html } = await page(id);
    const fields = await readForm(html, "#cert-form");
    expect(fields["exporter.name"]).toBe("BEIJING TUOBANG INVESTMENT CO., LTD.");
    expect(fields["exporter.address"]).toBe("NO.1 JIANGUOMENWAI AVENUE, CHAOYANG DISTRICT, BEIJING, CHINA");
    expect(fields.copies).toBe("2");
    expect(fields.handSigner).toBe("张三");
    expect(fields.printMode).toBe("ECO");
    // Boxes in the order of the ChAFTA form, each with its number and English title.
    const order = [
      "Exporter's name, address and country",
      "Producer's name and address (if known)",
      "Importer's name, address and country (if known)",
      "Means of transport and route (if known)",
      "Remarks",
      "Item number (max. 20)",
      "Invoice number and date",
      "Declaration by the exporter or producer",
    ];
    const at = order.map((title) => decodeHtml(html).indexOf(title));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain("运输方式及路线");
    expect(html).toContain('name="producer.name"');
    expect(html).toContain('name="goods.0.originCriterion"');
    // The general certificate has no producer box and no criterion box.
    const general = await page(await newDraft("GENERAL"));
    expect(general.html).not.toContain('name="producer.name"');
    expect(general.html).not.toContain('name="goods.0.originCriterion"');
  });

  test("保存 keeps everything typed, and the page shows it again", async () => {
    const id = await newDraft();
    const body = goodBody("CHAFTA");
    const res = await ent.post(`/certificates/${id}`, await formOf(id, typed(body)));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/certificates/${id}?done=saved`);
    const saved = await row(id);
    expect(saved.revision).toBe(2);
    expect(saved.body.goods).toEqual(body.goods!.map((g) => ({ ...g, value: String(g.value) })));
    expect(saved.body.transport).toMatchObject({ from: { country: "CN", port: "DALIAN" }, to: { country: "AU", port: "ADELAIDE" }, mode: "SEA" });
    expect(saved.problems).toEqual([]);
    const { html } = await page(`${id}?done=saved`);
    expect(html).toContain(FM.saved);
    const shown = await readForm(html, "#cert-form");
    expect(shown["consignee.country"]).toBe("AUSTRALIA(澳大利亚)(601)");
    expect(shown["transport.to.port"]).toBe("AUSTRALIA(澳大利亚)(601) / ADELAIDE");
    expect(shown["goods.0.description"]).toBe("WORKING GLOVES");
    expect(html).toContain(FM.summaryNone);
    expect(decodeHtml(html)).toContain("FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA VIA HONGKONG");
  });

  test("发送 with problems: 422, every problem beside its field and in the summary, nothing typed lost; fixed, it sends", async () => {
    const id = await newDraft();
    const body = goodBody("CHAFTA");
    const bad = {
      ...typed(body),
      destinationCountry: "CN",
      "goods.0.marks": "AS PER INVOICE",
      "goods.0.originCriterion": "CTH",
      "consignee.name": "ACME，TRADING",
      "goods.0.packages.count": "十五",
    };
    const res = await ent.post(`/certificates/${id}/submission`, await formOf(id, bad));
    expect(res.status).toBe(422);
    const html = await res.text();
    const problems = (await row(id)).problems;
    expect(problems.map((p) => p.rule)).toEqual(expect.arrayContaining(["DEST_IS_CHINA", "MARKS_INVALID", "CRITERION_INVALID", "CHARSET", "PACKAGES"]));
    const sum = summary(html);
    expect(sum).toContain(FM.sendBlocked(problems.filter((p) => p.severity === "error").length + 1));
    for (const p of problems) {
      expect(sum).toContain(p.message);
      const key = p.field.replace(/^(goods\.\d+)\.packages$/, "$1.packages.count");
      expect(beside(html, key)).toContain(p.message);
    }
    // The number that could not be read is reported beside its field and still shows what was typed.
    expect(beside(html, "goods.0.packages.count")).toContain(FM.notANumber("十五"));
    const shown = await readForm(html, "#cert-form");
    // Countries, ports and customs districts come back as the pickers label them, the rest as typed.
    const picked: Record<string, string> = {
      CN: "CHINA(中国)(142)",
      AU: "AUSTRALIA(澳大利亚)(601)",
      DALIAN: "CHINA(中国)(142) / DALIAN",
      ADELAIDE: "AUSTRALIA(澳大利亚)(601) / ADELAIDE",
      "0900": "0900 大连关区",
    };
    for (const [k, v] of Object.entries(bad)) {
      const expected = /[cC]ountry$|\.port$|^exportCustoms$/.test(k) ? picked[v] : v;
      expect({ k, v: shown[k] }).toEqual({ k, v: expected });
    }
    expect((await row(id)).status).toBe("DRAFT");

    const fixed = await ent.post(`/certificates/${id}/submission`, await formOf(id, typed(body)));
    expect(fixed.status).toBe(303);
    expect(fixed.headers.get("location")).toBe(`/certificates/${id}?done=sent`);
    expect((await row(id)).status).toBe("PENDING");
    const after = await page(`${id}?done=sent`);
    expect(after.html).toContain(FM.sent);
    expect(after.html).not.toContain('id="cert-form"');
    expect(after.html).toContain(FM.readOnly(STATUS_LABELS.PENDING));
    // A sent certificate can no longer be saved over.
    expect((await ent.post(`/certificates/${id}`, typed(body))).status).toBe(409);
  });

  test("autosave writes the page and answers with live problems; a stale revision is refused and overwrites nothing", async () => {
    const id = await newDraft();
    const body = goodBody("CHAFTA");
    const first = await htmx(ent, `/certificates/${id}/autosave`, await formOf(id, { ...typed(body), "goods.0.marks": "AS PER B/L" }));
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toMatch(/已自动保存 \d\d:\d\d/);
    expect(html).toContain('id="f-revision" name="revision" value="2"');
    expect(beside(html, "goods.0.marks")).toContain(M.marksPlaceholder("AS PER B/L"));
    expect((await row(id)).body.goods![0]!.marks).toBe("AS PER B/L");

    // An unchanged page polling every 30 seconds leaves the revision alone.
    const idle = await htmx(ent, `/certificates/${id}/autosave`, await formOf(id));
    expect(idle.status).toBe(200);
    expect((await row(id)).revision).toBe(2);

    // Another tab still on revision 1 is refused, with the reason, and the saved content stays.
    const stale = await htmx(ent, `/certificates/${id}/autosave`, { ...typed(body), revision: "1", remarks: "FROM THE OLD TAB" });
    expect(stale.status).toBe(409);
    expect(decodeHtml(await stale.text())).toContain(CM.staleRevision);
    expect((await row(id)).body.remarks).toBe(body.remarks);
    // 保存 from that tab is refused the same way, the page keeping what it had; overwriting is one click.
    const plain = await ent.post(`/certificates/${id}`, { ...typed(body), revision: "1", remarks: "FROM THE OLD TAB" });
    expect(plain.status).toBe(409);
    const kept = await readForm(await plain.text(), "#cert-form");
    expect(kept.remarks).toBe("FROM THE OLD TAB");
    const overwrite = await ent.post(`/certificates/${id}`, { ...kept, op: "overwrite" });
    expect(overwrite.status).toBe(303);
    expect((await row(id)).body.remarks).toBe("FROM THE OLD TAB");
  });

  test("goods lines are added, copied, moved and removed with plain posts; htmx gets the form back with focus kept", async () => {
    const id = await newDraft();
    const body = goodBody("CHAFTA");
    const descriptions = async () => (await row(id)).body.goods!.map((g) => g.description);
    const add = await ent.post(`/certificates/${id}`, await formOf(id, { ...typed(body), op: "add" }));
    expect(add.status).toBe(303);
    expect(add.headers.get("location")).toBe(`/certificates/${id}#line-1`);
    expect(await descriptions()).toEqual(["WORKING GLOVES", null]);
    await ent.post(`/certificates/${id}`, await formOf(id, { "goods.1.description": "SAFETY GLOVES", op: "copy:1" }));
    expect(await descriptions()).toEqual(["WORKING GLOVES", "SAFETY GLOVES", "SAFETY GLOVES"]);
    await ent.post(`/certificates/${id}`, await formOf(id, { "goods.2.description": "RUBBER GLOVES", op: "up:2" }));
    expect(await descriptions()).toEqual(["WORKING GLOVES", "RUBBER GLOVES", "SAFETY GLOVES"]);
    const moved = await htmx(ent, `/certificates/${id}`, await formOf(id, { op: "up:1" }));
    expect(moved.status).toBe(200);
    const html = await moved.text();
    expect(html).toStartWith('<form id="cert-form"');
    expect(html).toMatch(/value="down:0"[^>]*autofocus/);
    expect(await descriptions()).toEqual(["RUBBER GLOVES", "WORKING GLOVES", "SAFETY GLOVES"]);
    await ent.post(`/certificates/${id}`, await formOf(id, { op: "remove:0" }));
    expect(await descriptions()).toEqual(["WORKING GLOVES", "SAFETY GLOVES"]);
  });

  test("a line is filled from an approved product filing: HS code, English name, the agreement's criterion and unit", async () => {
    const id = await newDraft();
    const { html } = await page(id);
    expect(html).toContain(`<option value="${productId}">6116100000 劳保手套 WORKING GLOVES (WP)</option>`);
    await ent.post(`/certificates/${id}`, await formOf(id, { "goods.0.product": productId, "goods.0.quantity.value": "1500", op: "fill:0" }));
    expect((await row(id)).body.goods![0]).toMatchObject({
      hsCode: "6116100000",
      description: "WORKING GLOVES",
      originCriterion: "WP",
      quantity: { value: 1500, unit: "PAIRS" },
    });
  });

  test("a CHARSET problem offers the half-width replacement, one click away", async () => {
    const id = await newDraft();
    await ent.post(`/certificates/${id}`, await formOf(id, { ...typed(goodBody("CHAFTA")), "consignee.name": "ＡＣＭＥ　ＴＲＡＤＩＮＧ，ＬＴＤ．" }));
    const { html } = await page(id);
    expect(beside(html, "consignee.name")).toContain(FM.toHalfWidth);
    expect(html).toContain('value="halfwidth:consignee.name"');
    const res = await ent.post(`/certificates/${id}`, await formOf(id, { op: "halfwidth:consignee.name" }));
    expect(res.status).toBe(303);
    const saved = await row(id);
    expect(saved.body.consignee!.name).toBe("ACME TRADING,LTD.");
    expect(saved.problems.filter((p) => p.field === "consignee.name")).toEqual([]);
  });

  test("检查 reviews what is on the page without saving it", async () => {
    const id = await newDraft();
    const res = await htmx(ent, `/certificates/${id}/check`, await formOf(id, { ...typed(goodBody("CHAFTA")), destinationCountry: "CN" }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(summary(html)).toContain(M.destIsChina);
    expect(beside(html, "destinationCountry")).toContain(M.destIsChina);
    expect((await row(id)).revision).toBe(1);
  });

  test("a shipment past the grace period shows the retroactive marking it will carry", async () => {
    const id = await newDraft();
    const body = goodBody("CHAFTA");
    const past = new Date(Date.now() + 8 * 3600_000 - 10 * 86_400_000).toISOString().slice(0, 10);
    await ent.post(`/certificates/${id}`, await formOf(id, { ...typed(body), "transport.departureDate": past, "invoice.date": past }));
    const { html } = await page(id);
    expect(html).toContain(FM.retroactive("ISSUED RETROSPECTIVELY", "5"));
  });

  test("复制 gives a new draft without the invoice number", async () => {
    const id = await newDraft();
    const body = goodBody("CHAFTA");
    const res = await ent.post(`/certificates/${id}/copies`, await formOf(id, typed(body)));
    expect(res.status).toBe(303);
    const copyId = res.headers.get("location")!.match(/\/certificates\/([^?]+)\?done=copied/)![1]!;
    const copy = await row(copyId);
    expect(copy.status).toBe("DRAFT");
    expect(copy.body.invoice!.number).toBeNull();
    expect(copy.body.goods![0]!.description).toBe("WORKING GLOVES");
    expect((await page(`${copyId}?done=copied`)).html).toContain(FM.copied);
  });

  test("改证重发 starts a linked draft from an approved certificate, keeping its invoice number", async () => {
    const id = await newDraft();
    const body = goodBody("CHAFTA");
    expect((await ent.post(`/certificates/${id}/submission`, await formOf(id, typed(body)))).status).toBe(303);
    // Not amendable before approval.
    expect((await ent.post(`/certificates/${id}/amendment`, {})).status).toBe(409);
    await t.db.update(certificates).set({ status: "APPROVED", number: "A2611000000001", approvedAt: new Date() }).where(eq(certificates.id, id));
    const view = await page(id);
    expect(view.html).toContain(`action="/certificates/${id}/amendment"`);
    expect(view.html).toContain(`href="/print/certificates/${id}"`);
    const res = await ent.post(`/certificates/${id}/amendment`, {});
    expect(res.status).toBe(303);
    const newId = res.headers.get("location")!.match(/\/certificates\/([^?]+)\?done=amended/)![1]!;
    const amended = await row(newId);
    expect(amended).toMatchObject({ status: "DRAFT", replacesId: id });
    expect(amended.body.invoice!.number).toBe(body.invoice!.number);
    const shown = await page(newId);
    expect(shown.html).toContain(FM.replaces);
    // A second 改证重发 of the same certificate is refused while the first is alive.
    expect((await ent.post(`/certificates/${id}/amendment`, {})).status).toBe(409);
    // The invoice number held by the original does not count against its replacement.
    expect((await ent.post(`/certificates/${newId}/submission`, await formOf(newId))).status).toBe(303);
  });

  test("删除 asks first, and only for a draft that was never sent", async () => {
    const id = await newDraft();
    const ask = await ent.post(`/certificates/${id}/deletion`, {});
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain(FM.deleteYes);
    expect(await row(id)).toBeDefined();
    const done = await ent.post(`/certificates/${id}/deletion`, { confirm: "yes" });
    expect(done.status).toBe(303);
    expect(await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) })).toBeUndefined();

    const sent = await newDraft();
    await ent.post(`/certificates/${sent}/submission`, await formOf(sent, typed(goodBody("CHAFTA"))));
    expect((await ent.post(`/certificates/${sent}/deletion`, {})).status).toBe(409);
    expect((await ent.post(`/certificates/${sent}/deletion`, { confirm: "yes" })).status).toBe(409);
    expect(await row(sent)).toBeDefined();
    // The form does not offer 删除 on a returned certificate either (it was sent once).
    await t.db.update(certificates).set({ status: "RETURNED", returnReason: "请核对唛头" }).where(eq(certificates.id, sent));
    const returned = await page(sent);
    expect(returned.html).toContain('id="cert-form"');
    expect(returned.html).not.toContain("/deletion");
    expect(returned.html).toContain("请核对唛头");
  });

  test("图片唛头 is judged by its content, whatever its name, and shown back", async () => {
    const id = await newDraft();
    const upload = async (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(await formOf(id))) fd.set(k, v);
      fd.set("_csrf", ent.csrf);
      fd.set("file", new File([bytes], name, { type }));
      return ent.request(`/certificates/${id}/marks-image`, { method: "POST", body: fd, headers: { origin: ORIGIN } });
    };
    const png = await fixture("seal.png");
    const fake = new TextEncoder().encode("not an image at all");
    const refused = await upload(fake, "marks.png", "image/png");
    expect(refused.status).toBe(422);
    expect(beside(await refused.text(), "marksImage")).toContain(CM.marksImageType);
    const big = new Uint8Array(401 * 1024);
    big.set(png);
    const tooBig = await upload(big, "marks.png", "image/png");
    expect(tooBig.status).toBe(413);
    expect(beside(await tooBig.text(), "marksImage")).toContain(CM.marksImageTooLarge);

    const ok = await upload(png, "marks.txt", "text/plain");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/certificates/${id}?done=marksImage#w-marksImage`);
    const shown = await ent.get(`/certificates/${id}/marks-image`);
    expect(shown.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await shown.arrayBuffer())).toEqual(png);
    expect((await page(id)).html).toContain(FM.marksImageCurrent(Math.ceil(png.length / 1024)));
  });

  test("another enterprise's certificate is not found on every route", async () => {
    const id = await newDraft();
    const other = await as("1100A4420");
    expect((await other.get(`/certificates/${id}`)).status).toBe(404);
    expect((await other.get(`/certificates/${id}/marks-image`)).status).toBe(404);
    for (const path of ["", "/autosave", "/check", "/submission", "/copies", "/amendment", "/deletion", "/marks-image"]) {
      const res = await other.post(`/certificates/${id}${path}`, { revision: "1", "invoice.number": "STOLEN" });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect((await row(id)).revision).toBe(1);
  });

  test("an unknown type cannot be started", async () => {
    expect((await ent.get("/certificates/new?type=NOPE")).status).toBe(404);
  });
});
