import type { Context } from "hono";

/**
 * An htmx request that swaps part of a page (answer with the fragment). A boosted link or form
 * (`hx-boosted`) and a plain browser request get the whole page.
 */
export function isHtmx(c: Context): boolean {
  return c.req.header("hx-request") === "true" && !c.req.header("hx-boosted");
}
