import { deflateSync } from "node:zlib";
import { join } from "node:path";

const fixtures = join(import.meta.dir, "../fixtures");

/** The fixture images (see test/fixtures/README.md) as bytes. */
export async function fixture(name: "seal.png" | "signature.jpg") {
  return new Uint8Array(await Bun.file(join(fixtures, name)).arrayBuffer());
}

function chunk(type: string, data: Uint8Array) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, Bun.hash.crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A valid RGB PNG of random pixels: random data does not compress, so the file's size follows its
 * dimensions (about 3 bytes a pixel). Used to test size limits with a real picture.
 */
export function noisePng(width: number, height: number) {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(height * (1 + width * 3));
  // getRandomValues fills at most 64 KiB a call.
  for (let at = 0; at < raw.length; at += 65536) crypto.getRandomValues(raw.subarray(at, Math.min(raw.length, at + 65536)));
  for (let row = 0; row < height; row++) raw[row * (1 + width * 3)] = 0; // filter type "none"
  const sig = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array())]));
}

const PNG_SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number, bitDepth = 8, colourType = 0, interlace = 0) {
  const data = new Uint8Array(13);
  const v = new DataView(data.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  data.set([bitDepth, colourType, 0, 0, interlace], 8);
  return chunk("IHDR", data);
}

/** A PNG of the given header over the given (already deflated) pixel data. */
export function pngOf(header: { width: number; height: number; colourType?: number }, idat: Uint8Array) {
  return new Uint8Array(
    Buffer.concat([PNG_SIG, ihdr(header.width, header.height, 8, header.colourType ?? 0), chunk("IDAT", idat), chunk("IEND", new Uint8Array())]),
  );
}

/** A greyscale PNG built by hand whose pixel data inflates to `rawLength` bytes. */
export function greyPng(width: number, height: number, interlace: 0 | 1, rawLength: number) {
  return new Uint8Array(
    Buffer.concat([PNG_SIG, ihdr(width, height, 8, 0, interlace), chunk("IDAT", deflateSync(new Uint8Array(rawLength))), chunk("IEND", new Uint8Array())]),
  );
}

/** A GIF of one frame: logical screen and frame size as given, a 2-colour table, tiny LZW data. */
export function gif(screen: { width: number; height: number }, frame = screen) {
  const le = (n: number) => [n & 0xff, n >> 8];
  return new Uint8Array([
    ...new TextEncoder().encode("GIF89a"),
    ...le(screen.width),
    ...le(screen.height),
    0x80,
    0,
    0,
    0,
    0,
    0,
    255,
    255,
    255,
    0x2c,
    0,
    0,
    0,
    0,
    ...le(frame.width),
    ...le(frame.height),
    0,
    2,
    2,
    0x4c,
    0x01,
    0,
    0x3b,
  ]);
}

/**
 * Files made to hurt: each is small, and each must be refused before it costs memory or makes a
 * PDF fail. `problem` is what the inspector says about it.
 */
export async function hostileImages() {
  const seal = await fixture("seal.png");
  const jpeg = await fixture("signature.jpg");
  const badCrc = seal.slice();
  badCrc[40] = badCrc[40]! ^ 0xff;
  // The bomb promises a 1000×1000 grey picture (1 MB of pixel data) and inflates to 64 MB.
  const bomb = pngOf({ width: 1000, height: 1000 }, deflateSync(new Uint8Array(64 * 1024 * 1024)));
  const huge = pngOf({ width: 60_000, height: 60_000 }, deflateSync(new Uint8Array(100)));
  return {
    "gif-65535": { bytes: gif({ width: 65535, height: 65535 }), problem: "dimensions" },
    "gif-frame-outside-screen": { bytes: gif({ width: 10, height: 10 }, { width: 65535, height: 65535 }), problem: "damaged" },
    "gif-no-trailer": { bytes: gif({ width: 10, height: 10 }).subarray(0, 30), problem: "damaged" },
    "png-60000": { bytes: huge, problem: "dimensions" },
    "png-bad-crc": { bytes: badCrc, problem: "damaged" },
    "png-truncated": { bytes: seal.subarray(0, seal.length - 20), problem: "damaged" },
    "png-no-iend": { bytes: seal.subarray(0, seal.length - 12), problem: "damaged" },
    "png-short-data": { bytes: greyPng(100, 100, 0, 100 * 101 - 1), problem: "damaged" },
    "png-bomb": { bytes: bomb, problem: "damaged" },
    "png-zip-polyglot": { bytes: new Uint8Array(Buffer.concat([seal, new TextEncoder().encode("PK\x03\x04polyglot")])), problem: "damaged" },
    "jpeg-truncated": { bytes: jpeg.subarray(0, jpeg.length - 200), problem: "damaged" },
    "jpeg-no-frame": { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9]), problem: "damaged" },
    "jpeg-lying-size": { bytes: jpegWithSize(jpeg, 65535, 65535), problem: "dimensions" },
    "pdf-named-png": { bytes: new TextEncoder().encode("%PDF-1.4 not a picture"), problem: "type" },
  } as const satisfies Record<string, { bytes: Uint8Array; problem: string }>;
}

/** The JPEG with its frame header's dimensions replaced (the scan still describes the old ones). */
function jpegWithSize(jpeg: Uint8Array, width: number, height: number) {
  const out = jpeg.slice();
  for (let at = 2; at + 9 < out.length; ) {
    const marker = out[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) {
      new DataView(out.buffer).setUint16(at + 5, height);
      new DataView(out.buffer).setUint16(at + 7, width);
      return out;
    }
    at += 2 + ((out[at + 2]! << 8) | out[at + 3]!);
  }
  throw new Error("no frame header in fixture");
}
