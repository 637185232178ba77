import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { AppError, invalid } from "../../lib/errors.ts";
import { findUnstorable } from "../../lib/charset.ts";
import { M } from "./messages.ts";
import { authenticateApiToken } from "./service.ts";

export const MAX_API_BODY = 1024 * 1024;

/**
 * For everything under /api/: bodies over 1 MiB are refused with 413 before they are read, and the
 * caller is whoever the bearer token names. Cookies are ignored here on purpose: the API is exempt
 * from CSRF checks, so a browser's session must never authorise it.
 */
export function apiMiddleware(): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: MAX_API_BODY,
    onError: () => {
      throw new AppError("too_large", M.tooLarge);
    },
  });
  return async (c, next) => {
    c.set("user", null);
    c.set("sessionId", null);
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match) {
      const user = await authenticateApiToken({ db: c.var.db, token: match[1]! });
      if (!user) throw new AppError("unauthorized", M.unauthorized);
      c.set("user", user);
    }
    return limit(c, next);
  };
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

type Operation = {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path under /api/v1, e.g. `/products/{id}`. */
  path: string;
  summary: string;
  tag: string;
  request?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  multipart?: boolean;
};

const operations: Operation[] = [];

/** Slices describe each endpoint next to its route, from the same zod schemas that validate it. */
export function describeOperation(op: Operation) {
  operations.push(op);
}

const errorSchema = z.object({
  error: z.object({
    code: z.enum(["invalid", "unauthorized", "forbidden", "not_found", "conflict", "too_large", "rate_limited"]),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const toSchema = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { io, unrepresentable: "any" });

/** The OpenAPI 3.1 document of every described operation. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {
      [String(op.status ?? 200)]: op.response
        ? { description: "OK", content: { "application/json": { schema: toSchema(op.response, "output") } } }
        : { description: "OK" },
    };
    for (const code of ["400", "401", "404", "409", "413", "429"])
      responses[code] = { description: "error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    const entry: Record<string, unknown> = { summary: op.summary, tags: [op.tag], responses };
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    if (params.length) entry.parameters = params;
    if (op.request)
      entry.requestBody = {
        required: true,
        content: { [op.multipart ? "multipart/form-data" : "application/json"]: { schema: toSchema(op.request, "input") } },
      };
    (paths[op.path] ??= {})[op.method] = entry;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Origo EDI API", version: "1.0.0", description: "Certificates of origin and product filings for exporters' own systems." },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: { Error: toSchema(errorSchema, "output") },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
