import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { startTestApp } from "../../../test/support/app.ts";
import { apiClient, goodBody, tokenFor } from "../../../test/support/certificates.ts";
import { fixture, hostileImages } from "../../../test/support/images.ts";
import { uploadSeal, uploadSignature } from "../registration/index.ts";
import { certificateMarksImages } from "./schema.ts";

// Issue 10: files made to hurt are refused at upload, the stored certificate (or enterprise) is
// unchanged, and the PDF still renders.
let t: Awaited<ReturnType<typeof startTestApp>>;
let api: ReturnType<typeof apiClient>;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = await tokenFor(t.db, "1100A4419");
  api = apiClient(t.app, token);
});
afterAll(() => t.close());

const upload = (id: string, bytes: Uint8Array) => {
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], "marks.png", { type: "image/png" }));
  return t.app.request(`/api/v1/certificates/${id}/marks-image`, { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } });
};
const pdf = (id: string) => t.app.request(`/api/v1/certificates/${id}/pdf`, { headers: { authorization: `Bearer ${token}` } });
const storedMarks = async (id: string) => (await t.db.select().from(certificateMarksImages).where(eq(certificateMarksImages.certificateId, id)))[0] ?? null;

describe("hostile image marks", () => {
  test("each is refused with 400 and a message naming the problem; the certificate keeps its marks and prints", async () => {
    const created = await api("POST", "/certificates", goodBody("GENERAL"));
    const id = created.json.id as string;
    const good = await fixture("seal.png");
    expect((await upload(id, good)).status).toBe(200);
    const before = await api("GET", `/certificates/${id}`);
    for (const [name, { bytes, problem }] of Object.entries(await hostileImages())) {
      const res = await upload(id, bytes);
      const body = (await res.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(body.error.issues[0]!.path).toBe("marksImage");
      const words = { dimensions: "像素", damaged: "损坏", type: "JPG、PNG 或 GIF" }[problem];
      expect({ name, message: body.error.message }).toEqual({ name, message: expect.stringContaining(words) });
    }
    expect(Buffer.from((await storedMarks(id))!.bytes).equals(Buffer.from(good))).toBe(true);
    expect(await api("GET", `/certificates/${id}`)).toEqual(before);
    const printed = await pdf(id);
    expect(printed.status).toBe(200);
    expect(printed.headers.get("content-type")).toBe("application/pdf");
  });

  test("a GIF that passes is printed", async () => {
    const created = await api("POST", "/certificates", goodBody("GENERAL"));
    const { gif } = await import("../../../test/support/images.ts");
    expect((await upload(created.json.id, gif({ width: 8, height: 8 }))).status).toBe(200);
    expect((await pdf(created.json.id)).status).toBe(200);
  });

  test("an image stored before these checks is answered with a 400 naming it, never a 500", async () => {
    const created = await api("POST", "/certificates", goodBody("GENERAL"));
    const bomb = (await hostileImages())["gif-65535"].bytes;
    await t.db.insert(certificateMarksImages).values({ certificateId: created.json.id, mime: "image/gif", bytes: bomb });
    const res = await pdf(created.json.id);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("65535×65535");
  });
});

describe("hostile seals and signatures", () => {
  test("are refused before anything is stored", async () => {
    const enterprise = await t.db.query.enterprises.findFirst({ where: (e, { eq }) => eq(e.regNo, "1100A4419") });
    const signer = await t.db.query.handSigners.findFirst({ where: (s, { eq }) => eq(s.enterpriseId, enterprise!.id) });
    const admin = await t.db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.login, "admin1100") });
    const images = await t.db.query.enterpriseImages.findMany();
    for (const [name, { bytes }] of Object.entries(await hostileImages())) {
      const args = { db: t.db, officeCode: "1100B0", enterpriseId: enterprise!.id, bytes, actorId: admin!.id };
      expect({ name, seal: await uploadSeal(args).catch((e) => e.code) }).toEqual({ name, seal: expect.stringMatching(/^(invalid|too_large)$/) });
      expect({ name, signature: await uploadSignature({ ...args, signerId: signer!.id }).catch((e) => e.code) }).toEqual({
        name,
        signature: expect.stringMatching(/^(invalid|too_large)$/),
      });
    }
    expect((await t.db.query.enterpriseImages.findMany()).length).toBe(images.length);
  });
});
