import { resvg } from "./resvg.ts";
import { AppError } from "../lib/errors.ts";
import { inspectImageStructure, type ImageLimits } from "../lib/images.ts";
import type { ImageBytes } from "./model.ts";
import type { RasterImage } from "./scene.ts";

/**
 * What the renderer draws: every upload passed a stricter use's limits (lib/images.ts) on the way
 * in; this check stands guard for images stored before those limits, so a lying header can never
 * make the renderer allocate past 16 megapixels or meet a file it cannot decode.
 */
export const PRINT_IMAGE_LIMITS: ImageLimits = {
  types: ["image/png", "image/jpeg", "image/gif"],
  maxBytes: 4 * 1024 * 1024,
  minSide: 1,
  maxSide: 4000,
  maxPixels: 16_000_000,
};

function drawableSize(image: ImageBytes): { width: number; height: number } {
  const verdict = inspectImageStructure(image.bytes, PRINT_IMAGE_LIMITS);
  if (!verdict.ok) throw new AppError("invalid", verdict.message);
  return verdict.image;
}

const rasters = new WeakMap<Uint8Array, RasterImage>();
let nextId = 0;

/**
 * A PNG or JPEG the painters can embed; GIF (allowed for image marks) is converted to PNG by
 * resvg once per image.
 */
export function toRaster(image: ImageBytes): RasterImage {
  const cached = rasters.get(image.bytes);
  if (cached) return cached;
  const size = drawableSize(image);
  let raster: RasterImage;
  if (image.mime === "image/gif") {
    const href = `data:image/gif;base64,${Buffer.from(image.bytes).toString("base64")}`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size.width}" height="${size.height}"><image width="${size.width}" height="${size.height}" xlink:href="${href}"/></svg>`;
    const png = new (resvg())(svg, { font: { loadSystemFonts: false } }).render().asPng();
    raster = { id: `img${nextId++}`, bytes: new Uint8Array(png), mime: "image/png", ...size };
  } else {
    raster = { id: `img${nextId++}`, bytes: image.bytes, mime: image.mime, ...size };
  }
  rasters.set(image.bytes, raster);
  return raster;
}

/** The largest rectangle of the image's aspect ratio inside the slot, centred. */
export function fitInto(image: RasterImage, slot: { x: number; y: number; w: number; h: number }) {
  const scale = Math.min(slot.w / image.width, slot.h / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  return { x: slot.x + (slot.w - w) / 2, y: slot.y + (slot.h - h) / 2, w, h };
}
