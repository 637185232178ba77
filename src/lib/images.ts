import { inflateSync } from "node:zlib";

/**
 * Content checks for uploaded raster images. A file's name and declared type say nothing; the bytes
 * do. `inspectImage` recognises PNG and JPEG by their signatures and walks their structure far
 * enough to know the picture is whole (PNG: every chunk's CRC, the pixel data inflates to exactly
 * the size the header promises; JPEG: a frame header before the scan, an end marker after it).
 * It returns the type and dimensions, or null for anything else, truncated or corrupt.
 */
export type ImageInfo = { type: "image/png" | "image/jpeg"; width: number; height: number };

/** The largest side accepted before decoding, so a tiny file cannot claim a huge bitmap. */
const MAX_SIDE = 20_000;

export function inspectImage(bytes: Uint8Array): ImageInfo | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return inspectPng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return inspectJpeg(bytes);
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: number[]) {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function u32(b: Uint8Array, at: number) {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function u16(b: Uint8Array, at: number) {
  return (b[at]! << 8) | b[at + 1]!;
}

// PNG colour types and their samples per pixel (PNG spec §11.2.2).
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function inspectPng(b: Uint8Array): ImageInfo | null {
  let at = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | null = null;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (at + 12 <= b.length) {
    const length = u32(b, at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    const end = at + 12 + length;
    if (end > b.length) return null;
    if (Bun.hash.crc32(b.subarray(at + 4, at + 8 + length)) !== u32(b, at + 8 + length)) return null;
    const data = b.subarray(at + 8, at + 8 + length);
    if (!header) {
      if (type !== "IHDR" || length !== 13) return null;
      header = { width: u32(data, 0), height: u32(data, 4), bitDepth: data[8]!, colorType: data[9]!, interlace: data[12]! };
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") {
      ended = true;
      break;
    }
    at = end;
  }
  if (!header || !ended || !idat.length) return null;
  const { width, height, bitDepth, colorType, interlace } = header;
  const channels = PNG_CHANNELS[colorType];
  if (!channels || width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || interlace > 1) return null;
  const expected = pngDataSize(width, height, channels * bitDepth, interlace === 1);
  let raw: Uint8Array;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch {
    return null;
  }
  if (raw.length !== expected) return null;
  return { type: "image/png", width, height };
}

/** Bytes of the filtered scanlines: one filter byte per row, per Adam7 pass when interlaced. */
function pngDataSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean) {
  const rows = (w: number, h: number) => (w && h ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  // Adam7 passes: [x start, y start, x step, y step].
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
  return passes.reduce((sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0);
}

// Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function inspectJpeg(b: Uint8Array): ImageInfo | null {
  let at = 2;
  let size: { width: number; height: number } | null = null;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = u16(b, at + 2);
    if (length < 2 || at + 2 + length > b.length) return null;
    if (isStartOfFrame(marker)) {
      if (length < 8) return null;
      size = { height: u16(b, at + 5), width: u16(b, at + 7) };
    }
    if (marker === 0xda) {
      // Start of scan: entropy-coded data follows; the picture must have had its frame header and must end.
      if (!size || size.width < 1 || size.height < 1 || size.width > MAX_SIDE || size.height > MAX_SIDE) return null;
      return hasEndMarker(b, at + 2 + length) ? { type: "image/jpeg", ...size } : null;
    }
    at += 2 + length;
  }
  return null;
}

/** EOI (FF D9) after the scan; encoders may pad a few bytes after it. */
function hasEndMarker(b: Uint8Array, from: number) {
  for (let i = b.length - 2; i >= Math.max(from, b.length - 64); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}
