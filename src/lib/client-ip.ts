import type { Context } from "hono";
import { getConnInfo } from "hono/bun";
import type { AppEnv } from "../app-env.ts";

/**
 * The peer address of the connection. Forwarded headers are not trusted: anyone could set them to
 * dodge the sign-in throttle. In `app.request()` tests there is no socket, so it answers "local".
 */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

/**
 * Whether the browser reached us over HTTPS: the request URL says so, or, only when the config
 * trusts a reverse proxy (TRUST_PROXY), the proxy's first X-Forwarded-Proto. Without that trust the
 * header is anyone's to send.
 */
export function cameOverHttps(c: Context<AppEnv>) {
  if (new URL(c.req.url).protocol === "https:") return true;
  return c.var.config.trustProxy && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}
