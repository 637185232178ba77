import type { Context, Hono, MiddlewareHandler } from "hono";
import { describeRoute, generateSpecs, resolver, validator } from "hono-openapi";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { AppError, invalid } from "../../lib/errors.ts";
import { findUnstorable } from "../../lib/charset.ts";
import { clientIp } from "../../lib/client-ip.ts";
import { countRequest } from "../accounts/index.ts";
import { M } from "./messages.ts";
import { authenticateApiToken } from "./service.ts";

export const MAX_API_BODY = 1024 * 1024;
export const OPENAPI_PATH = "/api/v1/openapi.json";
/** The interactive reference page; its viewer injects styles, so app.tsx lets this path have inline ones. */
export const API_DOCS_PATH = "/api/v1/docs";
/** The API's own documents are not operations: reading them is never rate-limited (and needs no database). */
const isOperation = (path: string) => path.startsWith("/api/v1/") && path !== OPENAPI_PATH && path !== API_DOCS_PATH;

/**
 * For everything under /api/: bodies over 1 MiB (`largeBody`: the one operation given more) are refused with 413 before they are read, and the
 * caller is whoever the bearer token names. Cookies are ignored here on purpose: the API is exempt
 * from CSRF checks, so a browser's session must never authorise it. Every /api/v1 request counts
 * against its token's rate limit, or its address's when it has no valid token (so guessing tokens
 * is limited too); over the limit it is refused with 429 and Retry-After before anything else.
 */
export function apiMiddleware({
  largeBody,
}: {
  largeBody?: { accepts: (method: string, path: string) => boolean; maxSize: number; message: string };
} = {}): MiddlewareHandler<AppEnv> {
  const limitOf = (maxSize: number, message: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError("too_large", message);
      },
    });
  const standard = limitOf(MAX_API_BODY, M.tooLarge);
  // One operation may take a file inside its JSON (a commercial document, base64): its own, larger limit.
  const large = largeBody ? limitOf(largeBody.maxSize, largeBody.message) : standard;
  return async (c, next) => {
    c.set("user", null);
    c.set("sessionId", null);
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const checked = match ? await authenticateApiToken({ db: c.var.db, token: match[1]! }) : null;
    const found = checked === "expired" ? null : checked;
    if (isOperation(c.req.path)) await spendRequest(c, found?.tokenId);
    if (checked === "expired") throw new AppError("unauthorized", M.tokenExpired);
    if (match && !found) throw new AppError("unauthorized", M.unauthorized);
    if (found) {
      const { tokenId: _, ...user } = found;
      c.set("user", user);
    }
    return (largeBody?.accepts(c.req.method, c.req.path) ? large : standard)(c, next);
  };
}

async function spendRequest(c: Context<AppEnv>, tokenId: string | undefined) {
  const { perToken, perAddress, windowMs } = c.var.config.apiRateLimit;
  const key = tokenId ? `api:token:${tokenId}` : `api:ip:${clientIp(c)}`;
  const over = await countRequest({ db: c.var.db, key, max: tokenId ? perToken : perAddress, windowMs });
  if (!over) return;
  c.header("Retry-After", String(Math.max(1, Math.ceil(over.retryAfterMs / 1000))));
  throw new AppError("rate_limited", M.rateLimited);
}

/** Converts zod issues to the contract's `issues` (dotted paths such as `goods.0.hsCode`). */
export function zodIssues(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/**
 * Reads and validates a JSON body. Throws `invalid` (400) for malformed JSON and for a body that is
 * not the schema's shape or holds text the database cannot (lib/charset.ts), one issue per field.
 */
export async function readJson<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid(M.malformedJson);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(M.invalidBody, zodIssues(parsed.error));
  // The schemas' text fields refuse these already (textField); this net catches any string they missed.
  const unstorable = findUnstorable(parsed.data);
  if (unstorable) throw invalid(M.invalidBody, [unstorable]);
  return parsed.data;
}

/** The contract's error body (edi-v1.md "Errors"). */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(["invalid", "unauthorized", "forbidden", "not_found", "conflict", "too_large", "rate_limited"]),
      message: z.string().meta({ description: "Chinese, for people" }),
      issues: z
        .array(z.object({ path: z.string().meta({ description: "Dotted path into the body or the query, e.g. goods.0.hsCode" }), message: z.string() }))
        .optional(),
    }),
  })
  .meta({ id: "Error" });

const ERROR_ANSWERS = {
  400: "invalid: malformed JSON, a body or query that is not the schema's shape, or text the database cannot hold",
  401: "unauthorized: no bearer token, or one that is unknown, revoked or expired",
  403: "forbidden: the token's account may not use this operation",
  404: "not_found: no such record of this enterprise (another enterprise's records are never revealed)",
  409: "conflict: the record is not in a state that allows this",
  413: "too_large: a body over 1 MiB, or an upload over its limit",
  429: "rate_limited: too many requests from this token (or, without one, this address) in the last minute; wait the seconds in Retry-After",
} as const;
type ErrorAnswer = keyof typeof ERROR_ANSWERS;
const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait before the next request", schema: { type: "integer" as const, minimum: 1 } } };

type Operation = {
  operationId: string;
  summary: string;
  tag: string;
  /** JSON request body, read with `readJson` against this same schema. */
  body?: z.ZodType;
  /** multipart/form-data request body. */
  multipart?: z.ZodType;
  /** The success answer: a JSON schema, or a media type for a file. */
  response: z.ZodType | "application/pdf";
  status?: 200 | 201;
  /** A 422 answer with this body (machine review refused the action). */
  unprocessable?: z.ZodType;
  /** Error answers besides those every operation can give (400, 401, 403; 413 with a body). */
  errors?: ErrorAnswer[];
  /** Public operations need no token (and so cannot answer 401/403). */
  public?: boolean;
};

const json = (schema: z.ZodType) => ({ "application/json": { schema: resolver(schema) } });

/**
 * Describes one EDI operation beside its route, from the same zod schemas that validate it; the
 * OpenAPI document is generated from the routes (hono-openapi, see docs/decisions/0008). Query and path
 * parameters come from the route's `validator(...)` middlewares.
 */
export function apiOperation(op: Operation) {
  const codes = new Set<ErrorAnswer>(op.errors);
  // Every token-holding operation validates something (body, query or path): 400 is always possible.
  if (!op.public) codes.add(400).add(401).add(403);
  if (op.body || op.multipart) codes.add(413);
  // Every request counts against a rate limit, public ones against the caller's address.
  codes.add(429);
  const responses: NonNullable<Parameters<typeof describeRoute>[0]["responses"]> = {
    [op.status ?? 200]:
      op.response === "application/pdf"
        ? { description: "OK", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } }
        : { description: "OK", content: json(op.response) },
  };
  for (const code of [...codes].sort())
    responses[code] = { description: ERROR_ANSWERS[code], content: json(apiErrorSchema), ...(code === 429 ? { headers: RETRY_AFTER } : {}) };
  if (op.unprocessable) responses[422] = { description: "Machine review found problems of severity error; nothing moved", content: json(op.unprocessable) };
  return describeRoute({
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    ...(op.public ? { security: [] } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
    ...(op.multipart ? { requestBody: { required: true, content: { "multipart/form-data": { schema: resolver(op.multipart) } } } } : {}),
    responses,
  });
}

/**
 * The route validator for query and path parameters: a failure is the contract's 400 with one issue
 * per parameter (the middleware also puts the parameters in the OpenAPI document).
 */
export function apiParams<S extends z.ZodType>(target: "query" | "param", schema: S) {
  return validator(target, schema, (result) => {
    if (!result.success)
      throw invalid(
        M.invalidQuery,
        result.error.map((i) => ({ path: (i.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join("."), message: i.message })),
      );
  });
}

/** What other slices add to the document besides their operations: OpenAPI 3.1 `webhooks`, the schemas they name, a tag. */
type Documentation = NonNullable<NonNullable<Parameters<typeof generateSpecs>[1]>["documentation"]>;
export type OpenApiExtra = {
  webhooks: NonNullable<Documentation["webhooks"]>;
  schemas: NonNullable<NonNullable<Documentation["components"]>["schemas"]>;
  tag: { name: string; description: string };
};

/** The OpenAPI 3.1 document of the operations in `api` (the /api/v1 routes). */
export function openApiDocument(api: Hono<AppEnv>, extra?: OpenApiExtra) {
  return generateSpecs(api, {
    documentation: {
      openapi: "3.1.0",
      info: { title: "Origo EDI API", version: "1.0.0", description: "Certificates of origin and product filings for exporters' own systems (edi-v1)." },
      servers: [{ url: "/api/v1" }],
      tags: [
        { name: "certificates", description: "Certificates of origin" },
        { name: "products", description: "Product filings (商品备案)" },
        {
          name: "commercial-documents",
          description: "Commercial document certification (商事证明): the document is uploaded with the application and certified behind a certificate page",
        },
        { name: "reference", description: "Reference data" },
        ...(extra ? [extra.tag] : []),
      ],
      ...(extra ? { webhooks: extra.webhooks } : {}),
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A token from 账户设置 › EDI 接口令牌 or `bun run cli token create`" } },
        ...(extra ? { schemas: extra.schemas } : {}),
      },
      security: [{ bearer: [] }],
    },
  });
}
