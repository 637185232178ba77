import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { fixture, noisePng } from "../../../test/support/images.ts";
import { auditLog, customsCodes, enterpriseImages, enterprises, handSigners } from "../../db/schema.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { M } from "./messages.ts";
import { creditCodeCheckChar } from "./rules.ts";
import { findEnterpriseByRegNo, getSealImage, getSignatureImage, hasApprovedCustomsCode } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let admin: TestClient;
let reviewer: TestClient;
let adminSh: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = new TestClient(t.app);
  await admin.signIn("admin1100", DEMO_PASSWORD);
  reviewer = new TestClient(t.app);
  await reviewer.signIn("reviewer1100", DEMO_PASSWORD);
  adminSh = new TestClient(t.app);
  await adminSh.signIn("admin3100", DEMO_PASSWORD);
});
afterAll(() => t.close());

/** A valid credit code from 17 characters of ours, so each test's enterprise has its own. */
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);

async function idOf(regNo: string) {
  const e = await findEnterpriseByRegNo({ db: t.db, regNo });
  if (!e) throw new Error(`no enterprise ${regNo}`);
  return e.id;
}

function auditRows(entity: string, entityId: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.id);
}

async function accountIdOf(login: string) {
  const row = await t.db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.login, login) });
  return row!.id;
}

/** Posts a multipart upload the way the page's form does. */
const upload = (c: TestClient, path: string, bytes: Uint8Array, name: string, type: string) => c.upload(path, bytes, name, type);

const newEnterprise = (over: Record<string, string> = {}) => ({
  regNo: "1100A5001",
  nameZh: "北京测试贸易有限公司",
  nameEn: "BEIJING TEST TRADING CO., LTD.",
  addressEn: "NO.1 TEST ROAD, CHAOYANG DISTRICT, BEIJING, CHINA",
  creditCode: creditCode("91110105MA01TEXT0"),
  nature: "贸易企业",
  smallMicro: "1",
  visaPoint: "1100B0",
  contactName: "测试",
  contactPhone: "010-12345678",
  contactEmail: "test@example.com",
  ...over,
});

describe("enterprise records", () => {
  test("the create form offers the next free number of the office's series", async () => {
    const html = await (await admin.get("/office/enterprises/new")).text();
    expect(html).toContain('value="1100A4421"');
  });

  test("an admin creates an enterprise; it is listed, and the creation is audited with its author", async () => {
    const res = await admin.post("/office/enterprises", newEnterprise({ creditCode: " 91350100m000100y43 " }));
    expect(res.status).toBe(303);
    const id = await idOf("1100A5001");
    expect(res.headers.get("location")).toBe(`/office/enterprises/${id}?done=created`);
    const row = await t.db.query.enterprises.findFirst({ where: eq(enterprises.id, id) });
    expect(row).toMatchObject({ officeCode: "1100B0", creditCode: "91350100M000100Y43", nature: "贸易企业", smallMicro: true, active: true });

    const [created] = await auditRows("enterprise", id);
    expect(created).toMatchObject({ action: "created", actorId: await accountIdOf("admin1100"), officeCode: "1100B0" });

    const page = await (await admin.get(`/office/enterprises/${id}?done=created`)).text();
    expect(page).toContain(M.done.created);
    expect(page).toContain("北京管理员（admin1100）");
    expect(page).toContain(M.audit.actions["enterprise.created"]!);

    const list = await (await admin.get("/office/enterprises?q=%E6%B5%8B%E8%AF%95%E8%B4%B8%E6%98%93")).text(); // 测试贸易
    expect(list).toContain("1100A5001");
    expect(list).not.toContain("1100A4419");
    // Customs codes are listed and searchable.
    const byCode = await (await admin.get("/office/enterprises?q=1102919180")).text();
    expect(byCode).toContain("1100A4419");
    expect(byCode).toContain(`1102919180 <span class="badge approved">${M.customsStatus.APPROVED}</span>`);
  });

  test("a wrong credit-code check character is refused, naming the field and keeping what was typed", async () => {
    const good = creditCode("91110105MA01TEXT1");
    const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    const res = await admin.post("/office/enterprises", newEnterprise({ regNo: "1100A5002", creditCode: bad }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`${M.fields.creditCode}：${M.creditCodeCheck}`);
    expect(html).toContain(`value="${bad}"`);
    expect(html).toContain('value="北京测试贸易有限公司"');
    expect(html).toContain('value="1100A5002"');
    expect(await findEnterpriseByRegNo({ db: t.db, regNo: "1100A5002" })).toBeUndefined();
  });

  test("a registration number already filed is refused, naming it", async () => {
    const res = await admin.post("/office/enterprises", newEnterprise({ regNo: "1100A4419", creditCode: creditCode("91110105MA01TEXT2") }));
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(`${M.fields.regNo}：${M.regNoTaken("1100A4419")}`);
    expect(html).toContain('value="BEIJING TEST TRADING CO., LTD."');
  });

  test("another office's prefix, Chinese in the English name and a credit code on file are each named", async () => {
    const res = await admin.post(
      "/office/enterprises",
      newEnterprise({ regNo: "3100A0099", nameEn: "北京测试", creditCode: "91350100M000100Y43", contactEmail: "not-an-email" }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(M.regNoOffice("1100"));
    expect(html).toContain(M.englishOnly(M.fields.nameEn));
    expect(html).toContain(M.emailInvalid);
    // The duplicate credit code is a database check: it is reported once the form itself is right.
    const dup = await admin.post("/office/enterprises", newEnterprise({ regNo: "1100A5003" }));
    expect(dup.status).toBe(303);
    const again = await admin.post("/office/enterprises", newEnterprise({ regNo: "1100A5004", creditCode: "91350100M000100Y43" }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(M.creditCodeTaken("1100A5001"));
  });

  test("an edit saves and audits only what changed, before and after, shown in the history", async () => {
    const id = await idOf("1100A4418");
    const form = await (await admin.get(`/office/enterprises/${id}/edit`)).text();
    const version = form.match(/name="version" value="([^"]+)"/)![1]!;
    const res = await admin.post(`/office/enterprises/${id}`, {
      version,
      nameZh: "北京市大蓝洋行有限公司",
      nameEn: "BEIJING DALAN FOREIGN TRADING CO., LTD.",
      addressEn: "NO.9 DONGZHIMEN SOUTH STREET, DONGCHENG DISTRICT, BEIJING, CHINA",
      creditCode: creditCode("91110101MA01DALAN"),
      nature: "中国企业",
      visaPoint: "1100B0",
      // smallMicro left unticked: it was ticked in the demo data.
    });
    expect(res.status).toBe(303);
    const rows = await auditRows("enterprise", id);
    const updated = rows.at(-1)!;
    expect(updated.action).toBe("updated");
    expect(updated.actorId).toBe(await accountIdOf("admin1100"));
    expect(updated.before).toEqual({ nameEn: "BEIJING DALAN TRADING CO., LTD.", creditCode: null, smallMicro: true });
    expect(updated.after).toEqual({ nameEn: "BEIJING DALAN FOREIGN TRADING CO., LTD.", creditCode: creditCode("91110101MA01DALAN"), smallMicro: false });
    const page = await (await admin.get(`/office/enterprises/${id}`)).text();
    expect(page).toContain(`${M.fields.nameEn}：BEIJING DALAN TRADING CO., LTD. → BEIJING DALAN FOREIGN TRADING CO., LTD.`);
    expect(page).toContain(`${M.fields.smallMicro}：是 → 否`);

    // The same form posted again (its version is now old) overwrites nothing.
    const stale = await admin.post(`/office/enterprises/${id}`, {
      version,
      nameZh: "别人的修改",
      nameEn: "X",
      addressEn: "Y",
      creditCode: creditCode("91110101MA01DALAN"),
      nature: "中国企业",
      visaPoint: "1100B0",
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain(M.staleEdit);
    expect(html).toContain('value="别人的修改"');
    expect((await t.db.query.enterprises.findFirst({ where: eq(enterprises.id, id) }))!.nameZh).toBe("北京市大蓝洋行有限公司");
  });

  test("deactivating shuts the enterprise's users out at once; activating lets them back", async () => {
    const id = await idOf("1100A4417");
    const user = new TestClient(t.app);
    await user.signIn("1100A4417", DEMO_PASSWORD);
    expect((await user.get("/home")).status).toBe(200);

    expect((await admin.post(`/office/enterprises/${id}/deactivation`, {})).status).toBe(303);
    expect((await user.get("/home")).status).toBe(303);
    expect((await new TestClient(t.app).post("/sign-in", { login: "1100A4417", password: DEMO_PASSWORD })).status).toBe(401);
    const list = await (await admin.get("/office/enterprises")).text();
    expect(list).not.toContain("1100A4417");
    expect(await (await admin.get("/office/enterprises?status=inactive")).text()).toContain("1100A4417");

    expect((await admin.post(`/office/enterprises/${id}/activation`, {})).status).toBe(303);
    await new TestClient(t.app).signIn("1100A4417", DEMO_PASSWORD);
    const actions = (await auditRows("enterprise", id)).map((r) => r.action);
    // The demo loader uploaded the demo seal right after creating the record.
    expect(actions).toEqual(["created", "seal_uploaded", "deactivated", "activated"]);
  });
});

describe("customs codes", () => {
  test("an added code waits for review; approval lets the enterprise file products (manual Q5)", async () => {
    const id = await idOf("1100P0000");
    expect(await hasApprovedCustomsCode({ db: t.db, enterpriseId: id })).toBe(false);
    expect((await admin.post(`/office/enterprises/${id}/customs-codes`, { code: "1105 9900 01" })).status).toBe(303);
    const code = await t.db.query.customsCodes.findFirst({ where: and(eq(customsCodes.enterpriseId, id), eq(customsCodes.code, "1105990001")) });
    expect(code!.status).toBe("PENDING");
    expect(await hasApprovedCustomsCode({ db: t.db, enterpriseId: id })).toBe(false);

    expect((await admin.post(`/office/enterprises/${id}/customs-codes/${code!.id}/approval`, {})).status).toBe(303);
    const approved = await t.db.query.customsCodes.findFirst({ where: eq(customsCodes.id, code!.id) });
    expect(approved).toMatchObject({ status: "APPROVED", decidedBy: await accountIdOf("admin1100") });
    expect(await hasApprovedCustomsCode({ db: t.db, enterpriseId: id })).toBe(true);
    expect((await auditRows("customs_code", code!.id)).map((r) => r.action)).toEqual(["added", "approved"]);

    // Approving twice (a double click, a second admin) changes nothing and says why.
    const twice = await admin.post(`/office/enterprises/${id}/customs-codes/${code!.id}/approval`, {});
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain(M.customsNotPending);
  });

  test("rejection needs a reason, which is kept; a rejected code may be submitted again", async () => {
    const id = await idOf("1100A4420");
    await admin.post(`/office/enterprises/${id}/customs-codes`, { code: "1105990002" });
    const code = (await t.db.query.customsCodes.findFirst({ where: and(eq(customsCodes.enterpriseId, id), eq(customsCodes.code, "1105990002")) }))!;

    const noReason = await admin.post(`/office/enterprises/${id}/customs-codes/${code.id}/rejection`, { reason: " " });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain(M.reasonRequired);

    expect((await admin.post(`/office/enterprises/${id}/customs-codes/${code.id}/rejection`, { reason: "营业执照上的编码不同" })).status).toBe(303);
    expect(await t.db.query.customsCodes.findFirst({ where: eq(customsCodes.id, code.id) })).toMatchObject({
      status: "REJECTED",
      reason: "营业执照上的编码不同",
    });
    const page = await (await admin.get(`/office/enterprises/${id}`)).text();
    expect(page).toContain("营业执照上的编码不同");

    expect((await admin.post(`/office/enterprises/${id}/customs-codes/${code.id}/approval`, {})).status).toBe(409);
    expect((await admin.post(`/office/enterprises/${id}/customs-codes`, { code: "1105990002" })).status).toBe(303);
    expect(await t.db.query.customsCodes.findFirst({ where: eq(customsCodes.id, code.id) })).toMatchObject({ status: "PENDING", reason: null });
    expect((await auditRows("customs_code", code.id)).map((r) => r.action)).toEqual(["added", "rejected", "resubmitted"]);
  });

  test("a malformed or already-filed code is refused, naming the field", async () => {
    const id = await idOf("1100A4419");
    const short = await admin.post(`/office/enterprises/${id}/customs-codes`, { code: "110291918" });
    expect(short.status).toBe(422);
    const html = await short.text();
    expect(html).toContain(`${M.fields.customsCode}：${M.customsCodeFormat}`);
    expect(html).toContain('value="110291918"');
    const dup = await admin.post(`/office/enterprises/${id}/customs-codes`, { code: "1102919180" });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain(M.customsCodeTaken(M.customsStatus.APPROVED));
  });
});

describe("personnel, seal and signatures", () => {
  test("a new hand-signer shows on the enterprise's home page at once, and becomes the default when asked", async () => {
    const id = await idOf("1100A4415");
    const user = new TestClient(t.app);
    await user.signIn("1100A4415", DEMO_PASSWORD);
    expect(await (await user.get("/home")).text()).not.toContain("钱小二");

    const bad = await admin.post(`/office/enterprises/${id}/signers`, { name: "钱小二", idNo: "110105194912310021", active: "1" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain(`${M.fields.signerIdNo}：${M.idNoCheck}`);
    expect(html).toContain('value="钱小二"');

    expect(
      (await admin.post(`/office/enterprises/${id}/signers`, { name: "钱小二", phone: "13800000000", idNo: "11010519491231002x", active: "1", isDefault: "1" }))
        .status,
    ).toBe(303);
    const home = await (await user.get("/home")).text();
    expect(home).toContain("钱小二");
    const signers = await t.db.query.handSigners.findMany({ where: eq(handSigners.enterpriseId, id) });
    expect(signers.filter((s) => s.isDefault).map((s) => s.name)).toEqual(["钱小二"]);
    expect(signers.find((s) => s.name === "钱小二")!.idNo).toBe("11010519491231002X");

    // Made inactive, the signer leaves the enterprise's list just as fast; a default must be active.
    const signer = signers.find((s) => s.name === "钱小二")!;
    const invalid = await admin.post(`/office/enterprises/${id}/signers/${signer.id}`, { name: "钱小二", isDefault: "1" });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain(M.defaultMustBeActive);
    expect(
      (await admin.post(`/office/enterprises/${id}/signers/${signer.id}`, { name: "钱小二", phone: "13800000000", idNo: "11010519491231002X" })).status,
    ).toBe(303);
    expect(await (await user.get("/home")).text()).not.toContain("钱小二");
    const updated = (await auditRows("hand_signer", signer.id)).at(-1)!;
    expect(updated.before).toEqual({ name: "钱小二", active: true, isDefault: true });
    expect(updated.after).toEqual({ name: "钱小二", active: false, isDefault: false });
    const page = await (await admin.get(`/office/enterprises/${id}`)).text();
    expect(page).toContain(`${M.fields.signerName}：钱小二</li><li>${M.fields.signerActive}：${M.yes} → ${M.no}`);
  });

  test("a seal and a signature upload by content; the enterprise sees both on its home page", async () => {
    const id = await idOf("1100A4416");
    const signer = (await t.db.query.handSigners.findFirst({ where: eq(handSigners.enterpriseId, id) }))!;
    const png = await fixture("seal.png");
    const jpeg = await fixture("signature.jpg");
    // Named as something else entirely: the bytes decide.
    expect((await upload(admin, `/office/enterprises/${id}/seal`, png, "seal.bin", "application/octet-stream")).status).toBe(303);
    expect((await upload(admin, `/office/enterprises/${id}/signers/${signer.id}/signature`, jpeg, "sig.png", "image/png")).status).toBe(303);

    const e = (await t.db.query.enterprises.findFirst({ where: eq(enterprises.id, id) }))!;
    const s = (await t.db.query.handSigners.findFirst({ where: eq(handSigners.id, signer.id) }))!;
    const sealRes = await admin.get(`/office/enterprises/${id}/images/${e.sealImageId}`);
    expect(sealRes.status).toBe(200);
    expect(sealRes.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await sealRes.arrayBuffer())).toEqual(png);
    const reviewerRes = await reviewer.get(`/office/enterprises/${id}/images/${s.signatureImageId}`);
    expect(reviewerRes.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await reviewerRes.arrayBuffer())).toEqual(jpeg);

    // What printing will use (manual Q11): the current seal and the signer's signature.
    expect((await getSealImage({ db: t.db, enterpriseId: id }))?.data).toEqual(png);
    expect((await getSignatureImage({ db: t.db, enterpriseId: id, signerId: signer.id }))?.mediaType).toBe("image/jpeg");
    expect(await getSignatureImage({ db: t.db, enterpriseId: await idOf("1100A4419"), signerId: signer.id })).toBeNull();

    const user = new TestClient(t.app);
    await user.signIn("1100A4416", DEMO_PASSWORD);
    const home = await (await user.get("/home")).text();
    expect(home).toContain(`src="/home/images/${e.sealImageId}"`);
    expect(home).toContain(`src="/home/images/${s.signatureImageId}"`);
    expect(new Uint8Array(await (await user.get(`/home/images/${e.sealImageId}`)).arrayBuffer())).toEqual(png);
    // Another enterprise cannot fetch them by id.
    const other = new TestClient(t.app);
    await other.signIn("1100A4411", DEMO_PASSWORD);
    expect((await other.get(`/home/images/${e.sealImageId}`)).status).toBe(404);

    const actions = (await auditRows("enterprise", id)).map((r) => r.action);
    expect(actions).toContain("seal_uploaded");
    // The demo loader's signature, then this test's.
    expect((await auditRows("hand_signer", signer.id)).map((r) => r.action)).toEqual(["signature_uploaded", "signature_uploaded"]);
  });

  test("bytes that are not a PNG or JPEG are refused even when named .png; nothing is stored", async () => {
    const id = await idOf("1100A4414");
    const before = (await t.db.select().from(enterpriseImages)).length;
    const text = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>");
    const res = await upload(admin, `/office/enterprises/${id}/seal`, text, "seal.png", "image/png");
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`${M.fields.image}：${M.imageNotImage}`);
    const cut = (await fixture("seal.png")).subarray(0, 2000);
    expect((await upload(admin, `/office/enterprises/${id}/seal`, cut, "seal.png", "image/png")).status).toBe(422);
    expect((await t.db.select().from(enterpriseImages)).length).toBe(before);
  });

  test("an image over 512 KB is refused even though it is a real PNG", async () => {
    const id = await idOf("1100A4414");
    const big = noisePng(500, 400); // ~600 KB of incompressible pixels
    expect(big.length).toBeGreaterThan(512 * 1024);
    const res = await upload(admin, `/office/enterprises/${id}/seal`, big, "seal.png", "image/png");
    expect(res.status).toBe(413);
    expect(await res.text()).toContain(M.imageTooLarge);
    const small = noisePng(200, 200);
    expect((await upload(admin, `/office/enterprises/${id}/seal`, small, "seal.png", "image/png")).status).toBe(303);
  });

  test("an admin deactivates one operator account; its session ends and the history shows it", async () => {
    const id = await idOf("1100A4413");
    const user = new TestClient(t.app);
    await user.signIn("1100A4413", DEMO_PASSWORD);
    const accountId = await accountIdOf("1100A4413");
    expect((await admin.post(`/office/enterprises/${id}/operators/${accountId}/deactivation`, {})).status).toBe(303);
    expect((await user.get("/home")).status).toBe(303);
    const page = await (await admin.get(`/office/enterprises/${id}`)).text();
    expect(page).toContain(M.audit.actions["account.deactivated"]!);
    expect((await admin.post(`/office/enterprises/${id}/operators/${accountId}/activation`, {})).status).toBe(303);
    await new TestClient(t.app).signIn("1100A4413", DEMO_PASSWORD);
    // Another enterprise's account cannot be switched through this enterprise's page.
    const foreign = await accountIdOf("1100A4419");
    expect((await admin.post(`/office/enterprises/${id}/operators/${foreign}/deactivation`, {})).status).toBe(404);
  });
});

describe("office boundaries", () => {
  test("the Shanghai admin sees none of Beijing's enterprises: not listed, 404 for detail, image and every change", async () => {
    const list = await (await adminSh.get("/office/enterprises?status=all")).text();
    expect(list).toContain("3100A0001");
    expect(list).not.toContain("1100A");
    expect(await (await adminSh.get("/office/enterprises?q=1100A4419&status=all")).text()).not.toContain("北京拓邦");

    const id = await idOf("1100A4416");
    const e = (await t.db.query.enterprises.findFirst({ where: eq(enterprises.id, id) }))!;
    expect(e.sealImageId).not.toBeNull();
    const detail = await adminSh.get(`/office/enterprises/${id}`);
    expect(detail.status).toBe(404);
    expect(await detail.text()).not.toContain("北京华冠利");
    expect((await adminSh.get(`/office/enterprises/${id}/images/${e.sealImageId}`)).status).toBe(404);
    expect((await adminSh.get(`/office/enterprises/${id}/edit`)).status).toBe(404);

    const signer = (await t.db.query.handSigners.findFirst({ where: eq(handSigners.enterpriseId, id) }))!;
    const code = (await t.db.query.customsCodes.findFirst({ where: eq(customsCodes.enterpriseId, id) }))!;
    const attempts = [
      adminSh.post(`/office/enterprises/${id}`, { ...newEnterprise(), version: e.updatedAt.toISOString() }),
      adminSh.post(`/office/enterprises/${id}/deactivation`, {}),
      adminSh.post(`/office/enterprises/${id}/customs-codes`, { code: "3100000001" }),
      adminSh.post(`/office/enterprises/${id}/customs-codes/${code.id}/rejection`, { reason: "x" }),
      adminSh.post(`/office/enterprises/${id}/signers`, { name: "上海人", active: "1" }),
      adminSh.post(`/office/enterprises/${id}/signers/${signer.id}`, { name: "改名", active: "1" }),
      upload(adminSh, `/office/enterprises/${id}/seal`, await fixture("seal.png"), "seal.png", "image/png"),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(404);
    const after = (await t.db.query.enterprises.findFirst({ where: eq(enterprises.id, id) }))!;
    expect(after).toEqual(e);
    expect((await auditRows("enterprise", id)).every((r) => r.officeCode === "1100B0")).toBe(true);
  });

  test("a reviewer reads the record but is offered no changes", async () => {
    const id = await idOf("1100A4419");
    const res = await reviewer.get(`/office/enterprises/${id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("北京拓邦投资有限公司");
    expect(html).toContain("1102919180");
    expect(html).not.toContain('action="/office/enterprises/');
    expect((await reviewer.post(`/office/enterprises/${id}/deactivation`, {})).status).toBe(403);
  });
});
