import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { parseForm } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { API_DOCS_PATH, OPENAPI_PATH, openApiDocument, type OpenApiExtra } from "./http.ts";
import { M } from "./messages.ts";
import { parseLifetime } from "./rules.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./service.ts";
import { ApiDocsPage } from "./views/docs.tsx";
import { TokensPage } from "./views/tokens.tsx";
import { textField } from "../../lib/charset.ts";

const tokenForm = z.object({
  name: textField().trim().min(1, M.tokenNameRequired).max(60, M.tokenNameRequired),
  // 30, 90, 180, 365 days or never; absent (an older form, a script) is the default 90.
  expires: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const days = parseLifetime(v);
      if (days === undefined) ctx.addIssue({ code: "custom", message: M.lifetimeInvalid });
      return days ?? null;
    }),
});

/**
 * The OpenAPI document of the /api/v1 routes in `v1`, generated once from their descriptions, and
 * the reference page over it (Scalar, served from our own origin: the CSP allows no other).
 */
export function apiDocsRoutes(v1: Hono<AppEnv>, extra?: OpenApiExtra) {
  let doc: ReturnType<typeof openApiDocument> | undefined;
  return new Hono<AppEnv>()
    .get(OPENAPI_PATH, allow("public"), async (c) => c.json(await (doc ??= openApiDocument(v1, extra))))
    .get(API_DOCS_PATH, allow("public"), (c) => c.html(<ApiDocsPage />));
}

/** A part another slice adds below the tokens (webhook endpoints), rendered for the signed-in enterprise. */
export type TokenPageSection = (c: Context<AppEnv>) => Promise<Child>;

/** The enterprise's own token page (账户设置 › EDI 接口令牌), with the sections app.tsx hands in. */
export function tokenRoutes({ sections = [] }: { sections?: TokenPageSection[] } = {}) {
  const page = async (c: Context<AppEnv>, props: Omit<Parameters<typeof TokensPage>[0], "csrfToken" | "tokens">, status: 200 | 201 | 422 = 200) => {
    const tokens = await listApiTokens({ db: c.var.db, accountId: c.var.user!.id });
    const extra = await Promise.all(sections.map((s) => s(c)));
    return renderPage(c, M.tokensTitle, <TokensPage csrfToken={c.var.csrfToken} tokens={tokens} {...props} extra={extra} />, status);
  };
  return new Hono<AppEnv>()
    .get("/account/tokens", allow("enterprise"), (c) => page(c, {}))
    .post("/account/tokens", allow("enterprise"), async (c) => {
      const form = parseForm(tokenForm, await c.req.parseBody());
      if (!form.ok) return page(c, { values: form.values, errors: form.errors }, 422);
      const { token } = await createApiToken({ db: c.var.db, accountId: c.var.user!.id, name: form.data.name, days: form.data.expires });
      return page(c, { created: token }, 201);
    })
    .post("/account/tokens/:id/revocation", allow("enterprise"), async (c) => {
      await revokeApiToken({ db: c.var.db, accountId: c.var.user!.id, id: c.req.param("id") });
      return c.redirect("/account/tokens", 303);
    });
}
