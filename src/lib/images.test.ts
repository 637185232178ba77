import { describe, expect, test } from "bun:test";
import { deflateSync } from "node:zlib";
import { join } from "node:path";
import { inspectImage } from "./images.ts";

const fixtures = join(import.meta.dir, "../../test/fixtures");
const png = new Uint8Array(await Bun.file(join(fixtures, "seal.png")).arrayBuffer());
const jpeg = new Uint8Array(await Bun.file(join(fixtures, "signature.jpg")).arrayBuffer());

function chunk(type: string, data: Uint8Array) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, Bun.hash.crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A greyscale PNG built by hand, so the interlaced case can be tested without an encoder that makes one. */
function greyPng(width: number, height: number, interlace: 0 | 1, rawLength: number) {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 0, 0, 0, interlace], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(new Uint8Array(rawLength))), chunk("IEND", new Uint8Array())];
  return new Uint8Array(Buffer.concat(parts));
}

describe("inspectImage", () => {
  test("reads type and size of a real PNG and a real JPEG", () => {
    expect(inspectImage(png)).toEqual({ type: "image/png", width: 200, height: 200 });
    expect(inspectImage(jpeg)).toEqual({ type: "image/jpeg", width: 250, height: 84 });
  });

  test("refuses bytes that are not an image, whatever they are called", () => {
    expect(inspectImage(new TextEncoder().encode("%PDF-1.4 not a picture"))).toBeNull();
    expect(inspectImage(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(inspectImage(new Uint8Array())).toBeNull();
  });

  test("refuses a PNG cut short or with a damaged chunk", () => {
    expect(inspectImage(png.subarray(0, png.length - 20))).toBeNull();
    const damaged = png.slice();
    damaged[40] = damaged[40]! ^ 0xff;
    expect(inspectImage(damaged)).toBeNull();
  });

  test("refuses a PNG whose pixel data does not fill the size its header claims", () => {
    expect(inspectImage(greyPng(10, 10, 0, 10 * 11))).toEqual({ type: "image/png", width: 10, height: 10 });
    expect(inspectImage(greyPng(10, 10, 0, 10 * 11 - 1))).toBeNull();
    // A header claiming a huge picture over a little data is refused without inflating a huge buffer.
    expect(inspectImage(greyPng(20_000, 20_000, 0, 100))).toBeNull();
  });

  test("accepts an interlaced PNG with the Adam7 data size", () => {
    // 10×10, 8-bit grey: the seven passes are 2×2, 1×2, 3×1, 2×3, 5×2, 5×5 and 10×5 pixels,
    // each row led by a filter byte: 6 + 4 + 4 + 9 + 12 + 30 + 55 bytes.
    const size = 120;
    expect(inspectImage(greyPng(10, 10, 1, size))).toEqual({ type: "image/png", width: 10, height: 10 });
    expect(inspectImage(greyPng(10, 10, 1, 10 * 11))).toBeNull();
  });

  test("refuses a JPEG without its end or without a frame header", () => {
    expect(inspectImage(jpeg.subarray(0, jpeg.length - 200))).toBeNull();
    expect(inspectImage(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9]))).toBeNull();
  });
});
