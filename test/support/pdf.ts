import jsQR from "jsqr";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Page 1 of a PDF as poppler rasterises it (pdftoppm, PPM), in RGBA for image decoders. */
export async function rasterise(pdf: Uint8Array, dpi = 150): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const dir = mkdtempSync(join(tmpdir(), "origo-pdf-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    await Bun.$`pdftoppm -r ${dpi} -f 1 -l 1 ${join(dir, "in.pdf")} ${join(dir, "page")}`.quiet();
    const ppm = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith(".ppm"))!));
    // P6 header: magic, width, height, maxval, each separated by whitespace, then binary RGB.
    const header = ppm
      .subarray(0, 64)
      .toString("latin1")
      .match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/)!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const rgb = ppm.subarray(header[0].length);
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0, j = 0; i < width * height; i++, j += 3) {
      data[i * 4] = rgb[j]!;
      data[i * 4 + 1] = rgb[j + 1]!;
      data[i * 4 + 2] = rgb[j + 2]!;
      data[i * 4 + 3] = 255;
    }
    return { data, width, height };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the first QR code found on page 1, or null. */
export async function readQrCode(pdf: Uint8Array): Promise<string | null> {
  const img = await rasterise(pdf, 200);
  return jsQR(img.data, img.width, img.height)?.data ?? null;
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "origo-pdf-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    return await Bun.$`pdftotext -layout ${join(dir, "in.pdf")} -`.text();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** poppler's report on a PDF's signatures (pdfsig), stdout and stderr together. */
export async function pdfSig(pdf: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "origo-pdf-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    const r = await Bun.$`pdfsig ${join(dir, "in.pdf")}`.nothrow().quiet();
    return r.stdout.toString() + r.stderr.toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
