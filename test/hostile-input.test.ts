import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { unstorableMessage } from "../src/lib/charset.ts";
import { DEMO_PASSWORD } from "../src/demo/data.ts";
import { certificates } from "../src/db/schema.ts";
import { startTestApp, TestClient } from "./support/app.ts";
import { apiClient, goodBody, tokenFor } from "./support/certificates.ts";

// Issue 10: text the database cannot hold is refused at the boundary with the field named, never a 500.
let t: Awaited<ReturnType<typeof startTestApp>>;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  t = await startTestApp();
  api = apiClient(t.app, await tokenFor(t.db, "1100A4419"));
});
afterAll(() => t.close());

const rows = async () => (await t.db.select({ n: count() }).from(certificates))[0]!.n;
/** The body as JSON text with `raw` (already JSON-escaped) spliced in as the remarks. */
const withRemarks = (raw: string) => JSON.stringify({ ...goodBody("GENERAL"), remarks: "X" }).replace('"remarks":"X"', `"remarks":"${raw}"`);

describe("text the database cannot hold, over the API", () => {
  test("a lone surrogate, NUL or a control character is a 400 naming the field; nothing is saved", async () => {
    const before = await rows();
    for (const [raw, cp] of [
      ["\\ud800", "U+D800"],
      ["A\\udc00B", "U+DC00"],
      ["A\\u0000B", "U+0000"],
      ["A\\u0007B", "U+0007"],
      ["\\u009b", "U+009B"],
    ] as const) {
      const res = await api("POST", "/certificates", withRemarks(raw));
      expect({ raw, status: res.status }).toEqual({ raw, status: 400 });
      expect(res.json.error.issues).toContainEqual({ path: "remarks", message: unstorableMessage(cp) });
    }
    expect(await rows()).toBe(before);
  });

  test("deep fields are named by their path; a whole emoji and line breaks are fine", async () => {
    const body = goodBody("GENERAL");
    body.goods![0]!.description = "GLOVES\u0000";
    const res = await api("POST", "/certificates", body);
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["goods.0.description"]);
    const fine = await api("POST", "/certificates", withRemarks("L/C 1\\r\\nORDER 2 \\ud83d\\ude00"));
    expect(fine.status).toBe(201);
  });

  test("products and the list's query parameters too", async () => {
    const product = await api("POST", "/products", { hsCode: "6116100000", nameZh: "手套\u0001", nameEn: "GLOVES", unit: "PAIRS", agreements: [] });
    expect(product.status).toBe(400);
    expect(product.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["nameZh"]);
    const list = await api("GET", "/certificates?invoiceNo=A%00B");
    expect(list.status).toBe(400);
    expect(list.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["invoiceNo"]);
  });
});

describe("text the database cannot hold, in a form", () => {
  test("is named beside the field and what was typed is kept", async () => {
    const c = new TestClient(t.app);
    await c.signIn("1100A4419", DEMO_PASSWORD);
    const res = await c.post("/account/tokens", { name: "ERP\u0007LINK" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(unstorableMessage("U+0007"));
  });
});
