import type { Context } from "hono";
import { getConnInfo } from "hono/bun";
import type { AppEnv } from "../app-env.ts";

/**
 * The client's address, for the sign-in throttle and the API's rate limit. Forwarded headers are
 * not trusted by default: anyone could set them to dodge those limits. Only when the config trusts
 * a reverse proxy (TRUST_PROXY, which then is the only way in) is the client the address the proxy
 * appended last to X-Forwarded-For (the entries before it are the client's to write); otherwise,
 * behind a proxy, every request would share the proxy's address. Without a socket (`app.request()`
 * tests) it answers "local".
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.var.config.trustProxy) {
    const appended = c.req.header("x-forwarded-for")?.split(",").pop()?.trim();
    if (appended) return appended;
  }
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
