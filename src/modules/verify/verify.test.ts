import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { startTestApp } from "../../../test/support/app.ts";
import { apiClient, goodBody, tokenFor } from "../../../test/support/certificates.ts";
import { certificates } from "../certificates/schema.ts";
import { M } from "./messages.ts";
import { verificationLookups } from "./schema.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  t = await startTestApp();
  api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
});
afterAll(() => t.close());

/** A certificate as the review desk leaves it after approval. */
async function approved(number: string, code: string, status: "APPROVED" | "VOIDED" | "REPLACED" = "APPROVED", replacedById: string | null = null) {
  const { json } = await api("POST", "/certificates", goodBody("GENERAL"));
  await t.db
    .update(certificates)
    .set({ status, number, verificationCode: code, approvedAt: new Date("2026-11-20T02:00:00Z"), replacedById })
    .where(eq(certificates.id, json.id));
  return json.id as string;
}

// Every request of app.request() comes from the same address ("local"): the limit test clears the log first.
const look = (q: string) => t.app.request(`/verify?${q}`);

describe("public verification", () => {
  beforeAll(async () => {
    await approved("C261100B0000001", "K7Q2M9XA");
  });

  test("the number and code show the key facts and VALID", async () => {
    const res = await look("no=C261100B0000001&code=k7q2m9xa");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const s of [
      "C261100B0000001",
      M.valid,
      "BEIJING TUOBANG INVESTMENT CO., LTD.",
      "ACME TRADING LTD",
      "UNITED STATES",
      "WORKING GLOVES",
      "611610",
      "2026-11-20",
    ])
      expect(html).toContain(s);
  });

  test("a wrong code and an unknown number get the same answer", async () => {
    const wrong = await look("no=C261100B0000001&code=AAAAAAAA");
    const unknown = await look("no=C261100B9999999&code=K7Q2M9XA");
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    // Identical but for the values typed back into the form (and the CSRF token).
    const strip = (h: string) => h.replace(/value="[^"]*"/g, "").replace(/[0-9a-f]{32}/g, "");
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
  });

  test("voided and replaced certificates say so, with the replacement's number", async () => {
    const replacement = await approved("C261100B0000003", "NEWCODE1");
    await approved("C261100B0000002", "OLDCODE1", "REPLACED", replacement);
    await approved("C261100B0000004", "VOIDCODE", "VOIDED");
    const replaced = await (await look("no=C261100B0000002&code=OLDCODE1")).text();
    expect(replaced).toContain(M.replaced);
    expect(replaced).toContain(M.replacedBy("C261100B0000003"));
    expect(await (await look("no=C261100B0000004&code=VOIDCODE")).text()).toContain(M.voided);
  });

  test("guessing is cut off after ten misses from one address", async () => {
    await t.db.delete(verificationLookups);
    for (let i = 0; i < 10; i++) expect((await look(`no=C261100B00000${10 + i}&code=GUESS${i}`)).status).toBe(404);
    const blocked = await look("no=C261100B0000001&code=K7Q2M9XA");
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain(M.limited);
  });
});
