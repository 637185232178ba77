/**
 * The one inspector for every raster image that enters or leaves Origo: uploads (seals, signatures,
 * image marks) and the renderer. A file's name and declared type say nothing; the bytes do.
 *
 * Order matters, because a hostile file is cheap to make and expensive to decode:
 *   1. size in bytes, 2. type by signature (PNG, JPEG, GIF), 3. dimensions from the header, refused
 *   past the use's limits before anything is decoded, 4. the whole structure (PNG: every chunk's
 *   CRC, IEND last; JPEG: every marker segment and scan through EOI; GIF: every block through the
 *   trailer), nothing after the end (no polyglots), 5. PNG pixel data inflated as a stream, counted and
 *   dropped; it must be exactly the size the header promises, and a decompression bomb is stopped at
 *   the first byte past that size, holding only a few chunks in memory.
 * An image that passes is one the renderer can draw (see src/render/images.ts).
 */
export type ImageType = "image/png" | "image/jpeg" | "image/gif";
export type ImageInfo = { type: ImageType; width: number; height: number };

/** Limits of one use (image marks, seals, signatures, the renderer). */
export type ImageLimits = {
  types: readonly ImageType[];
  maxBytes: number;
  minSide: number;
  maxSide: number;
  /**
   * Width × height; bounds the decoded bitmap the renderer allocates (4 bytes a pixel) and what a
   * PNG's pixel data may inflate to while it is checked (at most 8 bytes a pixel, 16-bit RGBA).
   */
  maxPixels: number;
};

export type ImageProblem = "too_large" | "type" | "dimensions" | "damaged";
export type ImageVerdict = { ok: true; image: ImageInfo } | { ok: false; problem: ImageProblem; message: string };

const TYPE_NAMES: Record<ImageType, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF" };

/** Human messages (constants and builders that tests assert). */
export const IMAGE_MESSAGES = {
  tooLarge: (kb: number, maxKb: number) => `图片大小为 ${kb} KB，超过 ${maxKb} KB，请压缩后重新上传。`,
  type: (types: readonly ImageType[]) => `文件内容不是 ${types.map((t) => TYPE_NAMES[t]).join("、")} 图片（系统按文件内容判断，与文件名无关）。`,
  dimensions: (w: number, h: number, l: ImageLimits) =>
    `图片尺寸为 ${w}×${h} 像素，超出允许范围：每边 ${l.minSide}–${l.maxSide} 像素，且总像素不超过 ${Math.floor(l.maxPixels / 1_000_000)} 百万。请缩小后重新上传。`,
  damaged: (type: ImageType, why: string) => `${TYPE_NAMES[type]} 图片文件已损坏或不完整（${why}），请重新导出图片后上传。`,
  why: {
    truncated: "文件被截断",
    checksum: "数据校验失败",
    structure: "文件结构有误",
    trailing: "图片结尾之后还有其他数据",
    pixels: "像素数据与图片声明的尺寸不符",
    unsupported: "使用了不支持的编码方式",
  },
} as const;

const W = IMAGE_MESSAGES.why;

class Damaged extends Error {}
const damaged = (why: string): never => {
  throw new Damaged(why);
};

/** The whole check (see the module comment). Asynchronous because PNG pixel data is inflated as a stream. */
export async function inspectImage(bytes: Uint8Array, limits: ImageLimits): Promise<ImageVerdict> {
  const verdict = inspectImageStructure(bytes, limits);
  if (!verdict.ok || !verdict.pixels) return verdict;
  const { zlib, expected } = verdict.pixels;
  if (await inflatedSize(zlib, expected)) return { ok: true, image: verdict.image };
  return { ok: false, problem: "damaged", message: IMAGE_MESSAGES.damaged(verdict.image.type, W.pixels) };
}

/**
 * Steps 1–4 only, synchronously: for the renderer, which lays pages out synchronously and draws
 * only images that passed `inspectImage` at upload; this guards it against anything stored before.
 * A PNG's pixel data is returned for the caller to check.
 */
export function inspectImageStructure(bytes: Uint8Array, limits: ImageLimits): ImageVerdict & { pixels?: PngPixels } {
  if (bytes.length > limits.maxBytes)
    return { ok: false, problem: "too_large", message: IMAGE_MESSAGES.tooLarge(Math.ceil(bytes.length / 1024), Math.floor(limits.maxBytes / 1024)) };
  const type = sniffImageType(bytes);
  if (!type || !limits.types.includes(type)) return { ok: false, problem: "type", message: IMAGE_MESSAGES.type(limits.types) };
  try {
    const format = FORMATS[type];
    const { width, height } = format.header(bytes);
    if (!withinLimits(width, height, limits)) return { ok: false, problem: "dimensions", message: IMAGE_MESSAGES.dimensions(width, height, limits) };
    const pixels = format.structure(bytes, width, height);
    return { ok: true, image: { type, width, height }, ...(pixels ? { pixels } : {}) };
  } catch (e) {
    if (e instanceof Damaged) return { ok: false, problem: "damaged", message: IMAGE_MESSAGES.damaged(type, e.message) };
    throw e;
  }
}

function withinLimits(w: number, h: number, l: ImageLimits) {
  return w >= l.minSide && h >= l.minSide && w <= l.maxSide && h <= l.maxSide && w * h <= l.maxPixels;
}

/** The type by signature only (no structure check): PNG, JPEG, GIF87a/89a, or null. */
export function sniffImageType(b: Uint8Array): ImageType | null {
  if (startsWith(b, PNG_SIGNATURE)) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return "image/gif";
  return null;
}

/** A PNG's zlib stream (its IDAT chunks) and the exact size it must inflate to. */
type PngPixels = { zlib: Uint8Array[]; expected: number };
type Format = { header(b: Uint8Array): { width: number; height: number }; structure(b: Uint8Array, width: number, height: number): PngPixels | void };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: number[]) {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function u32(b: Uint8Array, at: number) {
  if (at + 4 > b.length) damaged(W.truncated);
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function u16(b: Uint8Array, at: number) {
  if (at + 2 > b.length) damaged(W.truncated);
  return (b[at]! << 8) | b[at + 1]!;
}

function u16le(b: Uint8Array, at: number) {
  if (at + 2 > b.length) damaged(W.truncated);
  return b[at]! | (b[at + 1]! << 8);
}

// ---- PNG (ISO/IEC 15948) ----

// Colour type → samples per pixel and the bit depths allowed with it (§11.2.2).
const PNG_COLOURS: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

const png: Format = {
  header(b) {
    // The first chunk must be a 13-byte IHDR (its CRC is checked with the others below).
    if (u32(b, 8) !== 13 || String.fromCharCode(...b.subarray(12, 16)) !== "IHDR") damaged(W.structure);
    return { width: u32(b, 16), height: u32(b, 20) };
  },
  structure(b, width, height) {
    const bitDepth = b[24]!,
      colourType = b[25]!,
      interlace = b[28]!;
    const colour = PNG_COLOURS[colourType];
    if (!colour || !colour.depths.includes(bitDepth) || b[26] !== 0 || b[27] !== 0 || interlace > 1) damaged(W.unsupported);
    let at = 8;
    let palette = false;
    const idat: Uint8Array[] = [];
    for (;;) {
      const length = u32(b, at);
      const end = at + 12 + length;
      if (length > 0x7fffffff || end > b.length) damaged(W.truncated);
      if (Bun.hash.crc32(b.subarray(at + 4, at + 8 + length)) !== u32(b, at + 8 + length)) damaged(W.checksum);
      const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
      if (type === "PLTE") palette = true;
      else if (type === "IDAT") idat.push(b.subarray(at + 8, at + 8 + length));
      else if (type === "IEND") {
        if (end !== b.length) damaged(W.trailing);
        break;
      } else if (type === "IHDR" && at !== 8) damaged(W.structure);
      at = end;
    }
    if (!idat.length || (colourType === 3 && !palette)) damaged(W.structure);
    return { zlib: idat, expected: pngDataSize(width, height, colour!.channels * bitDepth, interlace === 1) };
  },
};

/** Bytes of the filtered scanlines: one filter byte per row, per Adam7 pass when interlaced. */
function pngDataSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean) {
  const rows = (w: number, h: number) => (w && h ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  // Adam7 passes: [x start, y start, x step, y step].
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  return passes.reduce((sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0);
}

/**
 * Whether the zlib stream inflates to exactly `expected` bytes. The output is counted chunk by
 * chunk and dropped, and reading stops at the first byte past `expected`: a decompression bomb
 * costs a few milliseconds and a few chunks of memory, never the size it unpacks to.
 */
async function inflatedSize(parts: Uint8Array[], expected: number) {
  const stream = new DecompressionStream("deflate");
  const writer = stream.writable.getWriter();
  void (async () => {
    for (const part of parts) await writer.write(part as Uint8Array<ArrayBuffer>);
    await writer.close();
  })().catch(() => {}); // a broken stream surfaces on the reading side
  const reader = stream.readable.getReader();
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return total === expected;
      total += value.length;
      if (total > expected) {
        await reader.cancel().catch(() => {});
        return false;
      }
    }
  } catch {
    return false; // not a valid zlib stream, or cut short
  }
}

// ---- JPEG (ITU T.81) ----

// Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
// Frames a PDF's DCTDecode (and so every printer) reads: baseline, extended, progressive Huffman.
const DRAWABLE_FRAMES = new Set([0xc0, 0xc1, 0xc2]);

/** Walks marker segments from SOI; calls `onSegment` for each, returns the offset after EOI. */
function walkJpeg(b: Uint8Array, onSegment: (marker: number, at: number, length: number) => boolean | void) {
  let at = 2;
  for (;;) {
    if (at + 2 > b.length) damaged(W.truncated);
    if (b[at] !== 0xff) damaged(W.structure);
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9) return at + 2; // EOI
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) damaged(W.structure);
    const length = u16(b, at + 2);
    if (length < 2 || at + 2 + length > b.length) damaged(W.truncated);
    if (onSegment(marker, at, length) === false) return -1;
    at += 2 + length;
    if (marker === 0xda) at = skipEntropyData(b, at);
  }
}

/** After a scan header: entropy-coded bytes, where FF is followed by 00 (stuffing) or RSTn. */
function skipEntropyData(b: Uint8Array, at: number) {
  for (;;) {
    const ff = b.indexOf(0xff, at);
    if (ff < 0 || ff + 1 >= b.length) damaged(W.truncated);
    const next = b[ff + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at = ff + 2;
    else return ff;
  }
}

const jpeg: Format = {
  header(b) {
    let size: { width: number; height: number } | null = null;
    // Only up to the first frame header: dimensions are judged before the rest is read.
    walkJpeg(b, (marker, at, length) => {
      if (marker === 0xda) damaged(W.structure); // a scan before any frame header
      if (!isStartOfFrame(marker)) return;
      if (!DRAWABLE_FRAMES.has(marker)) damaged(W.unsupported);
      if (length < 8) damaged(W.structure);
      size = { height: u16(b, at + 5), width: u16(b, at + 7) };
      return false;
    });
    return size ?? damaged(W.structure);
  },
  structure(b) {
    let frames = 0;
    let scans = 0;
    const end = walkJpeg(b, (marker, at, length) => {
      if (isStartOfFrame(marker)) {
        frames++;
        const components = b[at + 9]!;
        if (![1, 3, 4].includes(components) || length !== 8 + 3 * components) damaged(W.unsupported);
      }
      if (marker === 0xda) {
        if (!frames) damaged(W.structure);
        scans++;
      }
    });
    if (frames !== 1 || !scans) damaged(W.structure);
    if (end !== b.length) damaged(W.trailing);
  },
};

// ---- GIF (GIF89a specification) ----

/** Skips data sub-blocks (length byte, data) through the zero-length terminator. */
function skipSubBlocks(b: Uint8Array, at: number) {
  for (;;) {
    if (at >= b.length) damaged(W.truncated);
    const n = b[at]!;
    at += 1 + n;
    if (n === 0) return at;
  }
}

const gif: Format = {
  header(b) {
    return { width: u16le(b, 6), height: u16le(b, 8) };
  },
  structure(b, width, height) {
    if (b.length < 13) damaged(W.truncated);
    const flags = b[10]!;
    let at = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0);
    let frames = 0;
    for (;;) {
      if (at >= b.length) damaged(W.truncated);
      const block = b[at]!;
      if (block === 0x3b) {
        if (at + 1 !== b.length) damaged(W.trailing);
        break;
      }
      if (block === 0x21) {
        if (at + 2 > b.length) damaged(W.truncated);
        at = skipSubBlocks(b, at + 2);
      } else if (block === 0x2c) {
        if (at + 10 > b.length) damaged(W.truncated);
        const x = u16le(b, at + 1),
          y = u16le(b, at + 3),
          w = u16le(b, at + 5),
          h = u16le(b, at + 7);
        // A frame outside the logical screen is how a small header hides a large bitmap.
        if (!w || !h || x + w > width || y + h > height) damaged(W.structure);
        const local = b[at + 9]!;
        at += 10 + (local & 0x80 ? 3 << ((local & 7) + 1) : 0);
        if (!(flags & 0x80) && !(local & 0x80)) damaged(W.structure); // no colour table at all
        if (at >= b.length) damaged(W.truncated);
        const codeSize = b[at]!;
        if (codeSize < 2 || codeSize > 8) damaged(W.structure);
        at = skipSubBlocks(b, at + 1);
        frames++;
      } else damaged(W.structure);
    }
    if (!frames) damaged(W.structure);
  },
};

const FORMATS: Record<ImageType, Format> = { "image/png": png, "image/jpeg": jpeg, "image/gif": gif };

/**
 * The row a stored upload becomes (enterprise_images, office_images): a new id, the owner's key, and
 * what `inspectImage` found plus the bytes' size and SHA-256. Rows are never changed, so whatever
 * was issued with an image keeps it.
 */
export function storedImageRow<Owner extends Record<string, string>>(
  owner: Owner,
  { kind, bytes, info, actorId }: { kind: "seal" | "signature"; bytes: Uint8Array; info: ImageInfo; actorId: string },
) {
  return {
    id: Bun.randomUUIDv7(),
    ...owner,
    kind,
    mediaType: info.type,
    width: info.width,
    height: info.height,
    byteSize: bytes.length,
    sha256: new Bun.CryptoHasher("sha256").update(bytes).digest("hex"),
    data: bytes,
    createdBy: actorId,
  };
}
