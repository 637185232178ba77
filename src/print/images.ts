import { Resvg } from "@resvg/resvg-js";
import { AppError } from "../lib/errors";
import type { ImageBytes } from "./model";
import type { RasterImage } from "./scene";

export const IMAGE_UNREADABLE = "图片无法识别，请上传 PNG、JPEG 或 GIF 格式的图片。";

/** Pixel size read from the file header (PNG IHDR, JPEG SOFn, GIF logical screen). */
export function imageSize(bytes: Uint8Array, mime: ImageBytes["mime"]): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === "image/png" && bytes.length > 24 && view.getUint32(0) === 0x89504e47) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (mime === "image/gif" && bytes.length > 10 && view.getUint32(0) === 0x47494638) {
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (mime === "image/jpeg" && bytes.length > 4 && view.getUint16(0) === 0xffd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) {
        at++;
        continue;
      }
      const marker = bytes[at + 1]!;
      const length = view.getUint16(at + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      }
      at += 2 + length;
    }
  }
  throw new AppError("invalid", IMAGE_UNREADABLE);
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
  const size = imageSize(image.bytes, image.mime);
  let raster: RasterImage;
  if (image.mime === "image/gif") {
    const href = `data:image/gif;base64,${Buffer.from(image.bytes).toString("base64")}`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size.width}" height="${size.height}"><image width="${size.width}" height="${size.height}" xlink:href="${href}"/></svg>`;
    const png = new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
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
