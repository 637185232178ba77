import type { Context } from "hono";

/** A stored image (seal, signature): immutable rows, so cached for good and tagged by their hash. */
export function imageResponse(c: Context, image: { mediaType: string; sha256: string; data: Uint8Array }) {
  c.header("Content-Type", image.mediaType);
  c.header("Cache-Control", "private, max-age=31536000, immutable");
  c.header("ETag", `"${image.sha256}"`);
  c.header("Content-Disposition", "inline");
  return c.body(image.data as Uint8Array<ArrayBuffer>);
}
