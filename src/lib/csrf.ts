import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createHmac } from "node:crypto";
import type { AppEnv } from "../app-env.ts";
import { AppError } from "./errors.ts";

export const CSRF_COOKIE = "origo_csrf";
/** The session cookie's name (owned by the accounts slice; the token is bound to its value). */
export const SESSION_COOKIE = "origo_session";
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

const keys = new Map<string, Buffer>();
/** The token's signing key, derived from the deployment's secret (TWO_FACTOR_KEY) so every process shares it. */
function csrfKey(secret: string) {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createHmac("sha256", Buffer.from(secret, "base64")).update("origo csrf token v1").digest()));
  return key;
}

const sign = (secret: string, nonce: string, sessionToken: string | undefined) =>
  createHmac("sha256", csrfKey(secret))
    .update(`${nonce}|${sessionToken ?? ""}`)
    .digest("hex")
    .slice(0, 32);

/**
 * The CSRF token for a session (or for no session): a random nonce and its signature over the
 * nonce and the session cookie's secret token. The same value goes in the cookie and in every form,
 * so a token is only good with the session it was made for, and nobody without the server's key can
 * make one: a cookie planted by an attacker (a sibling subdomain, a man in the middle on plain HTTP)
 * with a matching form value is refused.
 */
export function csrfTokenFor(
  secret: string,
  sessionToken: string | undefined,
  nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("hex"),
) {
  return `${nonce}.${sign(secret, nonce, sessionToken)}`;
}

function validFor(secret: string, token: string | undefined, sessionToken: string | undefined): token is string {
  const m = token && /^([0-9a-f]{32})\.([0-9a-f]{32})$/.exec(token);
  return !!m && timingSafeEqual(m[2]!, sign(secret, m[1]!, sessionToken));
}

/**
 * Makes the CSRF cookie (and `c.var.csrfToken`, which pages put in their forms) fit the session
 * the response leaves the browser with. The session code calls it whenever it sets or clears the
 * session cookie; a cookie already bound to that session is kept, so other open tabs keep working.
 */
export function bindCsrfToSession(c: Context<AppEnv>, sessionToken: string | undefined) {
  const secret = c.var.config.twoFactorKey;
  const current = getCookie(c, CSRF_COOKIE);
  const token = validFor(secret, current, sessionToken) ? current : csrfTokenFor(secret, sessionToken);
  if (token !== current) setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: "Strict", secure: c.var.config.cookieSecure, path: "/" });
  c.set("csrfToken", token);
}

/**
 * Two checks on every state-changing request except the bearer-token API: the request comes from
 * our own origin (Origin / Sec-Fetch-Site), and it carries the session's token (see `csrfTokenFor`)
 * both in the cookie and either as the `_csrf` form field or as the `X-CSRF-Token` header that htmx
 * sends from `hx-headers` on <body>.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cookie = getCookie(c, CSRF_COOKIE);
    const sessionToken = getCookie(c, SESSION_COOKIE);
    const valid = validFor(c.var.config.twoFactorKey, cookie, sessionToken);
    bindCsrfToSession(c, sessionToken);
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
    if (!valid || !sent || !timingSafeEqual(sent, cookie)) throw new AppError("forbidden", CSRF_MESSAGE);
    return next();
  };
}
