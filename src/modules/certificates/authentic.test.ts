import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestApp } from "../../../test/support/app.ts";
import { apiClient, goodBody, tokenFor } from "../../../test/support/certificates.ts";
import { pdfText, readQrCode } from "../../../test/support/pdf.ts";
import { approveCertificate } from "./office-actions.ts";

let PUBLIC: string;
let t: Awaited<ReturnType<typeof startTestApp>>;
let api: ReturnType<typeof apiClient>;
let token: string;

beforeAll(async () => {
  // The configured default (no override): development's own origin, not whatever the client sends.
  t = await startTestApp();
  PUBLIC = t.config.publicUrl;
  token = await tokenFor(t.db, "1100A4419");
  api = apiClient(t.app, token);
});
afterAll(() => t.close());

async function approvedGeneral() {
  const created = await api("POST", "/certificates", { ...goodBody("GENERAL"), localPrint: true });
  expect((await api("POST", `/certificates/${created.json.id}/send`)).status).toBe(200);
  const reviewer = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "reviewer1100") });
  const approved = await approveCertificate({ db: t.db, reviewer: { ...reviewer!, role: "office_reviewer" }, id: created.json.id });
  const row = await t.db.query.certificates.findFirst({ where: (x, { eq }) => eq(x.id, created.json.id) });
  return { id: created.json.id as string, number: approved.number, code: row!.verificationCode! };
}

const pdfOf = async (id: string, host: string) => {
  const res = await t.app.request(`http://${host}/api/v1/certificates/${id}/pdf`, { headers: { authorization: `Bearer ${token}`, host } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};

describe("the verification address of an issued eCO", () => {
  test("comes from PUBLIC_URL, whatever Host the request names: the QR decodes to it and the Verify line prints it", async () => {
    const cert = await approvedGeneral();
    const pdf = await pdfOf(cert.id, "anything.example");
    expect(await readQrCode(pdf)).toBe(`${PUBLIC}/verify?no=${encodeURIComponent(cert.number)}&code=${cert.code}`);
    const text = await pdfText(pdf);
    expect(text).toContain(`Verify at ${PUBLIC}/verify`);
    expect(text).not.toContain("anything.example");
  });
});
