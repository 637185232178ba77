import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Access, AppEnv } from "../../app-env.ts";
import { bindCsrfToSession, SESSION_COOKIE } from "../../lib/csrf.ts";
import { AppError } from "../../lib/errors.ts";
import { M } from "./messages.ts";
import type { Role } from "./rules.ts";
import { validateSession } from "./service.ts";
import { isHtmx } from "../../lib/htmx.ts";

export { SESSION_COOKIE };
/** Where a session owing its second factor is sent (it goes on to enrolment when there is no key yet). */
export const TWO_FACTOR_PATH = "/two-factor";

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.config.cookieSecure,
    path: "/",
    expires: expiresAt,
  });
  bindCsrfToSession(c, token);
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: c.var.config.cookieSecure });
  bindCsrfToSession(c, undefined);
}

/** Resolves the session cookie to `c.var.user` (or null), renewing the cookie when the session slid forward. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("user", null);
    c.set("sessionId", null);
    c.set("twoFactorPending", false);
    // The API authenticates by bearer token only (src/modules/api/http.ts).
    if (c.req.path.startsWith("/api/")) return next();
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = await validateSession({ db: c.var.db, token, sessionDays: c.var.config.sessionDays });
      if (found) {
        c.set("user", found.user);
        c.set("sessionId", found.sessionId);
        c.set("twoFactorPending", found.twoFactorPending);
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

/** Sends a page request elsewhere, bringing the user back to it afterwards (htmx gets HX-Redirect). */
function redirectWithNext(c: Context<AppEnv>, path: string) {
  const nextUrl = c.req.path + (new URL(c.req.url).search || "");
  const target = `${path}?next=${encodeURIComponent(nextUrl)}`;
  if (isHtmx(c)) {
    c.header("HX-Redirect", target);
    return c.body(null, 401);
  }
  return c.redirect(target, 303);
}

const isPageRequest = (c: Context<AppEnv>) => c.req.method === "GET" && !c.req.path.startsWith("/api/");

/**
 * Every route states who may use it: `allow("office_admin", "office_reviewer")`, `allow("public")`,
 * `allow("signed_in")`, or `allow("any_session")` for the few pages a session still owing its
 * second factor may reach (the two-factor pages, sign-out). A route without it is denied (app.ts).
 * Anonymous visitors to a page are sent to sign-in and brought back; a session owing its second
 * factor is sent to the two-factor page (a post is refused); a signed-in user of another role gets 403.
 */
export function allow(...roles: Role[] | ["public"] | ["signed_in"] | ["any_session"]): AccessGuard {
  const first = roles[0];
  const access: Access = first === "public" || first === "signed_in" || first === "any_session" ? first : (roles as Role[]);
  const guard = (async (c, next) => {
    c.set("access", access);
    if (access === "public") return next();
    const user = c.var.user;
    if (!user) {
      if (!isPageRequest(c)) throw new AppError("unauthorized", M.sessionExpired);
      return redirectWithNext(c, "/sign-in");
    }
    if (access === "any_session") return next();
    if (c.var.twoFactorPending) {
      if (!isPageRequest(c)) throw new AppError("unauthorized", M.twoFactorRequired);
      return redirectWithNext(c, TWO_FACTOR_PATH);
    }
    if (access !== "signed_in" && !access.includes(user.role)) throw new AppError("forbidden", "");
    return next();
  }) as AccessGuard;
  guard[ACCESS] = access;
  return guard;
}
