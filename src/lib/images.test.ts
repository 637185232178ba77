import { describe, expect, test } from "bun:test";
import { fixture, gif, greyPng, hostileImages } from "../../test/support/images.ts";
import { IMAGE_MESSAGES, inspectImage, type ImageLimits } from "./images.ts";

const png = await fixture("seal.png");
const jpeg = await fixture("signature.jpg");
const ANY: ImageLimits = { types: ["image/png", "image/jpeg", "image/gif"], maxBytes: 1024 * 1024, minSide: 1, maxSide: 4000, maxPixels: 16_000_000 };

describe("inspectImage", () => {
  test("reads type and size of a real PNG, a real JPEG and a GIF", async () => {
    expect(await inspectImage(png, ANY)).toEqual({ ok: true, image: { type: "image/png", width: 200, height: 200 } });
    expect(await inspectImage(jpeg, ANY)).toEqual({ ok: true, image: { type: "image/jpeg", width: 250, height: 84 } });
    expect(await inspectImage(gif({ width: 1, height: 1 }), ANY)).toEqual({ ok: true, image: { type: "image/gif", width: 1, height: 1 } });
  });

  test("refuses every hostile file with the problem it has", async () => {
    for (const [name, { bytes, problem }] of Object.entries(await hostileImages())) {
      const verdict = await inspectImage(bytes, ANY);
      expect({ name, problem: verdict.ok ? "accepted" : verdict.problem }).toEqual({ name, problem });
    }
  });

  test("names the dimensions, the size, the allowed types and the kind of damage", async () => {
    const hostile = await hostileImages();
    expect(await inspectImage(hostile["gif-65535"].bytes, ANY)).toMatchObject({ message: IMAGE_MESSAGES.dimensions(65535, 65535, ANY) });
    expect(IMAGE_MESSAGES.dimensions(65535, 65535, ANY)).toContain("65535×65535");
    expect(await inspectImage(hostile["png-bad-crc"].bytes, ANY)).toMatchObject({ message: IMAGE_MESSAGES.damaged("image/png", IMAGE_MESSAGES.why.checksum) });
    expect(await inspectImage(hostile["png-zip-polyglot"].bytes, ANY)).toMatchObject({
      message: IMAGE_MESSAGES.damaged("image/png", IMAGE_MESSAGES.why.trailing),
    });
    expect(await inspectImage(hostile["png-bomb"].bytes, ANY)).toMatchObject({ message: IMAGE_MESSAGES.damaged("image/png", IMAGE_MESSAGES.why.pixels) });
    expect(await inspectImage(png, { ...ANY, maxBytes: 1024 })).toMatchObject({
      problem: "too_large",
      message: IMAGE_MESSAGES.tooLarge(Math.ceil(png.length / 1024), 1),
    });
    expect(await inspectImage(gif({ width: 1, height: 1 }), { ...ANY, types: ["image/png", "image/jpeg"] })).toMatchObject({
      problem: "type",
      message: IMAGE_MESSAGES.type(["image/png", "image/jpeg"]),
    });
  });

  test("judges dimensions by each use's limits: sides and megapixels", async () => {
    expect(await inspectImage(png, { ...ANY, maxSide: 199 })).toMatchObject({ ok: false, problem: "dimensions" });
    expect(await inspectImage(png, { ...ANY, minSide: 201 })).toMatchObject({ ok: false, problem: "dimensions" });
    expect(await inspectImage(png, { ...ANY, maxPixels: 200 * 200 - 1 })).toMatchObject({ ok: false, problem: "dimensions" });
    expect(await inspectImage(png, { ...ANY, maxPixels: 200 * 200 })).toMatchObject({ ok: true });
  });

  test("a PNG's pixel data must fill exactly the size its header claims, interlaced or not", async () => {
    expect(await inspectImage(greyPng(10, 10, 0, 10 * 11), ANY)).toMatchObject({ ok: true });
    expect(await inspectImage(greyPng(10, 10, 0, 10 * 11 + 1), ANY)).toMatchObject({ ok: false, problem: "damaged" });
    // 10×10, 8-bit grey, Adam7: passes of 2×2, 1×2, 3×1, 2×3, 5×2, 5×5 and 10×5 pixels, each row
    // led by a filter byte: 6 + 4 + 4 + 9 + 12 + 30 + 55 bytes.
    expect(await inspectImage(greyPng(10, 10, 1, 120), ANY)).toMatchObject({ ok: true });
    expect(await inspectImage(greyPng(10, 10, 1, 10 * 11), ANY)).toMatchObject({ ok: false, problem: "damaged" });
  });
});
