import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env.ts";
import { AppError } from "./errors.ts";

export const CSRF_COOKIE = "origo_csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_MESSAGE = "页面已过期或来源不明，请刷新页面后重新提交。";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function timingSafeEqual(a: string, b: string) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function sameOrigin(c: Context<AppEnv>) {
  const site = c.req.header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = c.req.header("origin");
  if (!origin) return !!site; // browsers send at least one of the two on unsafe requests
  const expected = new Set([new URL(c.req.url).origin]);
  expected.add(new URL(c.var.config.publicUrl).origin);
  return expected.has(origin);
}

/**
 * Two checks on every state-changing request except the bearer-token API: the request comes from
 * our own origin (Origin / Sec-Fetch-Site), and it carries the double-submit token, either as the
 * `_csrf` form field or as the `X-CSRF-Token` header that htmx sends from `hx-headers` on <body>.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || !/^[0-9a-f]{32}$/.test(token)) {
      token = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("hex");
      setCookie(c, CSRF_COOKIE, token, {
        httpOnly: true,
        sameSite: "Strict",
        secure: c.var.config.cookieSecure,
        path: "/",
      });
    }
    c.set("csrfToken", token);
    if (SAFE.has(c.req.method) || c.req.path.startsWith("/api/")) return next();
    if (!sameOrigin(c)) throw new AppError("forbidden", CSRF_MESSAGE);
    let sent = c.req.header(CSRF_HEADER);
    if (!sent) {
      const type = c.req.header("content-type") ?? "";
      if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
        const body = await c.req.parseBody();
        const v = body[CSRF_FIELD];
        sent = typeof v === "string" ? v : undefined;
      }
    }
    if (!sent || !timingSafeEqual(sent, token)) throw new AppError("forbidden", CSRF_MESSAGE);
    return next();
  };
}
