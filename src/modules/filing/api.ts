import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { allow } from "../accounts/index.ts";
import { apiOperation, apiParams, readJson } from "../api/index.ts";
import { CERTIFICATE_TYPE_CODES } from "../reference/index.ts";
import { PRODUCT_STATUSES } from "./rules.ts";
import { createProduct, getProduct, listProducts, ProductProblemsError, sendProduct } from "./service.ts";
import { textField } from "../../lib/charset.ts";

/** The product endpoints of the EDI contract (`/api/v1/products…`). */
const productBody = z
  .object({
    hsCode: textField().max(20),
    nameZh: textField().max(200),
    nameEn: textField().max(500),
    unit: textField().max(40),
    materials: textField().max(4000).optional(),
    agreements: z.array(z.object({ type: z.enum(CERTIFICATE_TYPE_CODES), originCriterion: textField().max(40) })).max(30),
  })
  .meta({ id: "ProductBody", description: "A product filing (商品备案). Criteria are checked against each agreement's set." });

const problem = z
  .object({ rule: z.string(), field: z.string(), severity: z.enum(["error", "warning"]), message: z.string(), hint: z.string() })
  .meta({ id: "Problem" });
const status = z.enum(PRODUCT_STATUSES).meta({ id: "ProductStatus" });
const created = z.object({ id: z.string(), status, problems: z.array(problem) }).meta({ id: "ProductCreated" });
const productOut = z
  .object({
    id: z.string(),
    status,
    version: z.number(),
    hsCode: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    materials: z.string(),
    agreements: z.array(z.object({ type: z.string(), originCriterion: z.string() })),
    approvedVersion: z.number().nullable(),
    rejectReason: z.string().nullable(),
    problems: z.array(problem),
  })
  .meta({ id: "Product" });

const idParam = z.object({ id: textField().min(1).max(100).meta({ description: "The filing's id" }) });
const listQuery = z.object({
  status: status.optional(),
  q: textField().max(200).optional().meta({ description: "Words in the HS code or the names" }),
  page: z.coerce.number().int().min(1).max(100000).default(1),
});
const listAnswer = z
  .object({
    items: z.array(productOut.pick({ id: true, status: true, version: true, hsCode: true, nameZh: true, nameEn: true, unit: true, rejectReason: true })),
    page: z.number(),
    pageSize: z.number(),
    total: z.number(),
  })
  .meta({ id: "ProductList" });
const sendAnswer = z.object({ status, problems: z.array(problem).optional() }).meta({ id: "ProductSendAnswer" });

function listItemJson(r: Awaited<ReturnType<typeof listProducts>>["rows"][number]) {
  return {
    id: r.id,
    status: r.status,
    version: r.versionNo,
    hsCode: r.hsCode,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    unit: r.unit,
    rejectReason: r.rejectReason,
  };
}

function productJson(d: Awaited<ReturnType<typeof getProduct>>) {
  const v = d.latest;
  return {
    id: d.product.id,
    status: v.status,
    version: v.versionNo,
    hsCode: v.hsCode,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    unit: v.unit,
    materials: v.materials,
    agreements: v.agreements,
    approvedVersion: d.approved?.versionNo ?? null,
    rejectReason: v.rejectReason,
    problems: d.problems,
  };
}

const ENTERPRISE = allow("enterprise");

export const filingApi = new Hono<AppEnv>()
  .post(
    "/products",
    ENTERPRISE,
    apiOperation({
      operationId: "createProduct",
      tag: "products",
      summary: "Create a DRAFT product filing",
      body: productBody,
      response: created,
      status: 201,
    }),
    async (c) => {
      const body = await readJson(c, productBody);
      const result = await createProduct({ db: c.var.db, user: c.var.user!, input: { ...body, materials: body.materials ?? "" }, requestId: c.var.requestId });
      return c.json(result, 201);
    },
  )
  .post(
    "/products/:id/send",
    ENTERPRISE,
    apiOperation({
      operationId: "sendProduct",
      tag: "products",
      summary: "Send a filing for review (422 with problems)",
      response: sendAnswer,
      unprocessable: sendAnswer,
      errors: [404, 409],
    }),
    apiParams("param", idParam),
    async (c) => {
      try {
        return c.json(await sendProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId }));
      } catch (e) {
        if (e instanceof ProductProblemsError) return c.json({ status: "DRAFT", problems: e.problems }, 422);
        throw e;
      }
    },
  )
  .get(
    "/products",
    ENTERPRISE,
    apiOperation({ operationId: "listProducts", tag: "products", summary: "List the enterprise's filings", response: listAnswer, errors: [400] }),
    apiParams("query", listQuery),
    async (c) => {
      const { status, q, page } = c.req.valid("query");
      const { rows, total } = await listProducts({ db: c.var.db, user: c.var.user!, status, query: q?.trim() || undefined, page });
      return c.json({ items: rows.map(listItemJson), page, pageSize: 20, total });
    },
  )
  .get(
    "/products/:id",
    ENTERPRISE,
    apiOperation({ operationId: "getProduct", tag: "products", summary: "One filing", response: productOut, errors: [404] }),
    apiParams("param", idParam),
    async (c) => {
      return c.json(productJson(await getProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id") })));
    },
  );
