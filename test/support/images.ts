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
