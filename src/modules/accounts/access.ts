import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Access, AppEnv } from "../../app-env.ts";
import { AppError } from "../../lib/errors.ts";
import { M } from "./messages.ts";
import type { Role } from "./rules.ts";
import { validateSession } from "./service.ts";

export const SESSION_COOKIE = "origo_session";

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.config.cookieSecure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: c.var.config.cookieSecure });
}

/** Resolves the session cookie to `c.var.user` (or null), renewing the cookie when the session slid forward. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("user", null);
    c.set("sessionId", null);
    // The API authenticates by bearer token only (src/modules/api/http.ts).
    if (c.req.path.startsWith("/api/")) return next();
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = await validateSession({ db: c.var.db, token, sessionDays: c.var.config.sessionDays });
      if (found) {
        c.set("user", found.user);
        c.set("sessionId", found.sessionId);
        if (found.renewedUntil) setSessionCookie(c, token, found.renewedUntil);
      } else {
        clearSessionCookie(c);
      }
    }
    return next();
  };
}

/** Marks a middleware as an access declaration so the route table can be checked (see access.test.ts). */
export const ACCESS = Symbol("access");
export type AccessGuard = MiddlewareHandler<AppEnv> & { [ACCESS]: Access };

/**
 * Every route states who may use it: `allow("office_admin", "office_reviewer")`, `allow("public")`
 * or `allow("signed_in")`. A route without it is denied (app.ts). Anonymous visitors to a page are
 * sent to sign-in and brought back; a signed-in user of another role gets 403.
 */
export function allow(...roles: Role[] | ["public"] | ["signed_in"]): AccessGuard {
  const access: Access = roles[0] === "public" ? "public" : roles[0] === "signed_in" ? "signed_in" : (roles as Role[]);
  const guard = (async (c, next) => {
    c.set("access", access);
    if (access === "public") return next();
    const user = c.var.user;
    if (!user) {
      if (c.req.path.startsWith("/api/") || c.req.method !== "GET") throw new AppError("unauthorized", M.sessionExpired);
      const nextUrl = c.req.path + (new URL(c.req.url).search || "");
      const target = `/sign-in?next=${encodeURIComponent(nextUrl)}`;
      if (c.req.header("hx-request")) {
        c.header("HX-Redirect", target);
        return c.body(null, 401);
      }
      return c.redirect(target, 303);
    }
    if (access !== "signed_in" && !access.includes(user.role)) throw new AppError("forbidden", "");
    return next();
  }) as AccessGuard;
  guard[ACCESS] = access;
  return guard;
}
