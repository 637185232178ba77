import type { Context } from "hono";
import { getConnInfo } from "hono/bun";

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
