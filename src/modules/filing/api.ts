import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { allow } from "../accounts/index.ts";
import { stripNul } from "../../lib/forms.ts";
import { describeOperation, readJson } from "../api/index.ts";
import { CERTIFICATE_TYPE_CODES } from "../reference/index.ts";
import { PRODUCT_STATUSES } from "./rules.ts";
import { createProduct, getProduct, listProducts, ProductProblemsError, sendProduct } from "./service.ts";

/** The product endpoints of the EDI contract (`/api/v1/products…`). */
const productBody = z
  .object({
    hsCode: z.string().max(20),
    nameZh: z.string().max(200),
    nameEn: z.string().max(500),
    unit: z.string().max(40),
    materials: z.string().max(4000).optional(),
    agreements: z.array(z.object({ type: z.enum(CERTIFICATE_TYPE_CODES), originCriterion: z.string().max(40) })).max(30),
  })
  .meta({ description: "A product filing (商品备案). Criteria are checked against each agreement's set." });

const problem = z.object({ rule: z.string(), field: z.string(), severity: z.enum(["error", "warning"]), message: z.string(), hint: z.string() });
const status = z.enum(PRODUCT_STATUSES);
const created = z.object({ id: z.string(), status, problems: z.array(problem) });
const productOut = z.object({
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
});

describeOperation({ method: "post", path: "/products", tag: "products", summary: "Create a DRAFT product filing", request: productBody, response: created, status: 201 });
describeOperation({ method: "post", path: "/products/{id}/send", tag: "products", summary: "Send a filing for review (422 with problems)", response: z.object({ status }) });
describeOperation({ method: "get", path: "/products", tag: "products", summary: "List the enterprise's filings", response: z.object({ items: z.array(productOut.omit({ problems: true })), page: z.number(), pageSize: z.number(), total: z.number() }) });
describeOperation({ method: "get", path: "/products/{id}", tag: "products", summary: "One filing", response: productOut });

const ENTERPRISE = allow("enterprise");

export const filingApi = new Hono<AppEnv>()
  .post("/products", ENTERPRISE, async (c) => {
    const body = await readJson(c, productBody);
    const result = await createProduct({ db: c.var.db, user: c.var.user!, input: { ...body, materials: body.materials ?? "" }, requestId: c.var.requestId });
    return c.json(result, 201);
  })
  .post("/products/:id/send", ENTERPRISE, async (c) => {
    try {
      return c.json(await sendProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId }));
    } catch (e) {
      if (e instanceof ProductProblemsError) return c.json({ status: "DRAFT", problems: e.problems }, 422);
      throw e;
    }
  })
  .get("/products", ENTERPRISE, async (c) => {
    const page = Math.max(1, Number(c.req.query("page")) || 1);
    const { rows, total } = await listProducts({ db: c.var.db, user: c.var.user!, status: c.req.query("status") || undefined, query: stripNul(c.req.query("q") ?? "") || undefined, page });
    const items = rows.map((r) => ({ id: r.id, status: r.status, version: r.versionNo, hsCode: r.hsCode, nameZh: r.nameZh, nameEn: r.nameEn, unit: r.unit, rejectReason: r.rejectReason }));
    return c.json({ items, page, pageSize: 20, total });
  })
  .get("/products/:id", ENTERPRISE, async (c) => {
    const d = await getProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    const v = d.latest;
    return c.json({
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
    });
  });
