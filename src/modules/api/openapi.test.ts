import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestApp } from "../../../test/support/app.ts";

// The document is generated from the routes (hono-openapi); these are the promises an integrator's
// client generator relies on. Redocly's lint runs in CI (`bun run lint:openapi`).
let t: Awaited<ReturnType<typeof startTestApp>>;
type Op = { operationId: string; parameters?: { in: string; name: string }[]; responses: Record<string, unknown>; requestBody?: unknown };
let doc: {
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, unknown> };
  webhooks: Record<string, { post: Op & { parameters: { name: string }[] } }>;
};
beforeAll(async () => {
  t = await startTestApp();
  doc = (await (await t.app.request("/api/v1/openapi.json")).json()) as typeof doc;
});
afterAll(() => t.close());

const ops = () =>
  Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

describe("the OpenAPI document", () => {
  test("has every operation of the edi-v1 contract, each with its own operationId", () => {
    expect(
      ops()
        .map((o) => o.key)
        .sort(),
    ).toEqual(
      [
        "POST /certificates",
        "GET /certificates",
        "PUT /certificates/{id}",
        "GET /certificates/{id}",
        "POST /certificates/{id}/marks-image",
        "POST /certificates/{id}/send",
        "POST /certificates/{id}/copy",
        "POST /certificates/{id}/amend",
        "GET /certificates/{id}/pdf",
        "GET /reference/certificate-types",
        "POST /products",
        "GET /products",
        "POST /products/{id}/send",
        "GET /products/{id}",
        "POST /commercial-documents",
        "GET /commercial-documents",
        "GET /commercial-documents/{id}",
        "POST /commercial-documents/{id}/send",
        "GET /commercial-documents/{id}/pdf",
        "POST /commercial-documents/{id}/file",
        "POST /webhooks",
        "GET /webhooks",
        "GET /webhooks/{id}/deliveries",
        "DELETE /webhooks/{id}",
        "POST /webhooks/deliveries/{id}/replay",
      ].sort(),
    );
    const ids = ops().map((o) => o.op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("describes path and query parameters, and the answers each operation can give", () => {
    const op = (key: string) => ops().find((o) => o.key === key)!.op;
    const params = (key: string) => (op(key).parameters ?? []).map((p) => `${p.in}:${p.name}`);
    expect(params("GET /certificates")).toEqual(
      expect.arrayContaining([
        "query:invoiceNo",
        "query:status",
        "query:type",
        "query:invoiceDateFrom",
        "query:invoiceDateTo",
        "query:importer",
        "query:page",
        "query:pageSize",
      ]),
    );
    expect(params("GET /certificates/{id}")).toEqual(["path:id"]);
    expect(Object.keys(op("POST /certificates/{id}/send").responses).sort()).toEqual(["200", "400", "401", "403", "404", "409", "422", "429"]);
    expect(Object.keys(op("POST /certificates").responses).sort()).toEqual(["201", "400", "401", "403", "413", "429"]);
  });

  test("every operation describes the rate limit's 429 with its Retry-After header", () => {
    for (const { key, op } of ops()) {
      const answer = op.responses["429"] as { headers?: Record<string, unknown> } | undefined;
      expect({ key, headers: Object.keys(answer?.headers ?? {}) }).toEqual({ key, headers: ["Retry-After"] });
    }
  });

  test("describes every webhook event: its body (WebhookEvent) and the signature header", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([
      "api_token.expiring",
      "certificate.approved",
      "certificate.issued",
      "certificate.returned",
      "certificate.voided",
      "commercial.approved",
      "commercial.returned",
      "commercial.voided",
      "filing.approved",
      "filing.returned",
    ]);
    for (const hook of Object.values(doc.webhooks)) {
      expect(JSON.stringify(hook.post.requestBody)).toContain("#/components/schemas/WebhookEvent");
      expect(hook.post.parameters.map((p) => p.name)).toContain("Origo-Signature");
    }
    expect(doc.components.schemas.WebhookEvent).toMatchObject({ required: ["id", "type", "occurredAt", "data"] });
    expect(doc.components.schemas).toHaveProperty("WebhookCommercialData");
    expect(doc.components.schemas).toHaveProperty("WebhookApiTokenData");
  });

  test("every schema reference resolves under #/components/schemas", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) {
      expect(ref).toStartWith("#/components/schemas/");
      expect(doc.components.schemas).toHaveProperty(ref.slice("#/components/schemas/".length));
    }
  });
});
