import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ORIGIN, startTestApp, TestClient } from "../../../test/support/app.ts";
import { invoiceFields, invoicePdf } from "../../../test/support/commercial.ts";
import { readQrCode } from "../../../test/support/pdf.ts";
import { userFor } from "../../../test/support/users.ts";
import { M as VM } from "../verify/messages.ts";
import { verificationLookups } from "../verify/schema.ts";
import { issuedCommercialPdf } from "./issue.ts";
import { approveCommercialDocument, voidCommercialDocument } from "./office-actions.ts";
import { createCommercialDocument, getCommercialDocument, sendCommercialDocument } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function approved(documentNo: string) {
  const [user, reviewer] = await Promise.all([userFor(t.db, "1100A4419"), userFor(t.db, "reviewer1100")]);
  const { id } = await createCommercialDocument({
    db: t.db,
    user,
    input: invoiceFields(documentNo),
    file: { bytes: await invoicePdf(2), name: "invoice.pdf" },
  });
  await sendCommercialDocument({ db: t.db, user, id });
  await approveCommercialDocument({ db: t.db, reviewer, id });
  const d = await getCommercialDocument({ db: t.db, user, id });
  return { id, user, reviewer, number: d.number!, code: d.verificationCode! };
}

async function checkFile(bytes: Uint8Array) {
  const client = new TestClient(t.app);
  await client.get("/verify");
  const body = new FormData();
  body.set("_csrf", client.csrf);
  body.set("file", new File([bytes as Uint8Array<ArrayBuffer>], "certificate.pdf", { type: "application/pdf" }));
  const res = await client.request("/verify/file", { method: "POST", body, headers: { origin: ORIGIN } });
  return { status: res.status, html: await res.text() };
}

describe("/verify for commercial certificates", () => {
  test("number and code tell what was certified, for whom, when and the state; the QR code leads there", async () => {
    await t.db.delete(verificationLookups);
    const c = await approved("CI-VERIFY-1");
    const html = await (await t.app.request(`/verify?no=${c.number}&code=${c.code.toLowerCase()}`)).text();
    for (const s of [
      c.number,
      VM.valid,
      VM.commercialType,
      "商业发票",
      "Commercial Invoice",
      "CI-VERIFY-1",
      "BEIJING TUOBANG INVESTMENT CO., LTD.",
      "UNITED ARAB EMIRATES",
    ])
      expect(html).toContain(s);
    expect((await t.app.request(`/verify?no=${c.number}&code=WRONGCOD`)).status).toBe(404);
    const pdf = await issuedCommercialPdf({ db: t.db, user: c.user, id: c.id, publicUrl: t.config.publicUrl, secretKey: t.config.twoFactorKey });
    expect(await readQrCode(pdf.data)).toBe(`${t.config.publicUrl.replace(/\/+$/, "")}/verify?no=${c.number}&code=${c.code}`);
  });

  test("the issued file is recognised byte for byte; a changed copy is not; a voided certificate says VOIDED", async () => {
    await t.db.delete(verificationLookups);
    const c = await approved("CI-VERIFY-2");
    const pdf = (await issuedCommercialPdf({ db: t.db, user: c.user, id: c.id, publicUrl: t.config.publicUrl, secretKey: t.config.twoFactorKey })).data;
    const ok = await checkFile(pdf);
    expect(ok.status).toBe(200);
    for (const s of [VM.issuedCopy, c.number, "CI-VERIFY-2", pdf.length ? "SHA-256" : ""]) expect(ok.html).toContain(s);
    const changed = new Uint8Array([...pdf, ...new TextEncoder().encode("\n% appended\n")]);
    const bad = await checkFile(changed);
    expect(bad.html).toContain(VM.notIssuedCopy);
    expect(bad.html).toContain(VM.sigAppended);
    await voidCommercialDocument({ db: t.db, reviewer: c.reviewer, id: c.id, reason: "企业申请作废" });
    expect(await (await t.app.request(`/verify?no=${c.number}&code=${c.code}`)).text()).toContain(VM.voided);
  });
});
