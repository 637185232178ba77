import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs poppler tools on real files: the checks a person would make on the printed PDF. */

const work = mkdtempSync(join(tmpdir(), "origo-print-"));
let seq = 0;

function pdfFile(pdf: Uint8Array): string {
  const file = join(work, `doc${seq++}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

function run(cmd: string[]): string {
  const out = Bun.spawnSync(cmd, { stdout: "pipe", stderr: "pipe" });
  if (out.exitCode !== 0) throw new Error(`${cmd[0]} failed: ${out.stderr.toString()}`);
  return out.stdout.toString();
}

export function pdfText(pdf: Uint8Array, page?: number): string {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  return run(["pdftotext", "-layout", ...range, pdfFile(pdf), "-"]);
}

/** Font names embedded in the PDF (pdffonts). */
export function pdfFonts(pdf: Uint8Array): string[] {
  return run(["pdffonts", pdfFile(pdf)])
    .split("\n")
    .slice(2)
    .map((l) => l.split(/\s+/)[0]!)
    .filter(Boolean);
}

/** Position of a word in PDF points from the top left (pdftotext -bbox). */
export function wordBox(pdf: Uint8Array, word: string): { x: number; y: number } | undefined {
  const xml = run(["pdftotext", "-bbox", pdfFile(pdf), "-"]);
  const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)"[^>]*>${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</word>`).exec(xml);
  return m ? { x: Number(m[1]), y: Number(m[2]) } : undefined;
}

export type Gray = { width: number; height: number; data: Uint8Array };

/** Page 1 rendered by poppler as 8-bit grey. */
export function rasterizePdf(pdf: Uint8Array, dpi: number, page = 1): Gray {
  const prefix = join(work, `ras${seq++}`);
  run(["pdftoppm", "-gray", "-singlefile", "-r", String(dpi), "-f", String(page), "-l", String(page), pdfFile(pdf), prefix]);
  return parsePgm(readFileSync(`${prefix}.pgm`));
}

function parsePgm(buf: Buffer): Gray {
  // P5\n<w> <h>\n<max>\n<data>
  let at = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[at]!))) at++;
    let s = "";
    while (!/\s/.test(String.fromCharCode(buf[at]!))) s += String.fromCharCode(buf[at++]!);
    fields.push(s);
  }
  at++;
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, data: new Uint8Array(buf.subarray(at, at + width * height)) };
}

export function rgbaToGray(width: number, height: number, rgba: Uint8Array): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
  return { width, height, data };
}

/** Share of dark pixels in a region (fractions of the page). */
export function inkShare(img: Gray, region: { x: number; y: number; w: number; h: number }, threshold = 110): number {
  let ink = 0;
  let total = 0;
  const x0 = Math.floor(region.x * img.width);
  const y0 = Math.floor(region.y * img.height);
  const x1 = Math.floor((region.x + region.w) * img.width);
  const y1 = Math.floor((region.y + region.h) * img.height);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      total++;
      if (img.data[y * img.width + x]! < threshold) ink++;
    }
  }
  return ink / total;
}

/**
 * Share of the dark pixels of `a` that have an inked pixel of `b` within `radius` pixels: two
 * renderings of the same drawing score near 1; corrupted or missing glyphs score low. `b` counts
 * grey as ink because rasterisers differ in how dark they draw small text.
 */
export function inkAgreement(a: Gray, b: Gray, radius: number, threshold: number, thresholdB: number): number {
  let ink = 0;
  let matched = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (a.data[y * a.width + x]! >= threshold) continue;
      ink++;
      search: for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || xx < 0 || yy >= b.height || xx >= b.width) continue;
          if (b.data[yy * b.width + xx]! < thresholdB) {
            matched++;
            break search;
          }
        }
      }
    }
  }
  return ink ? matched / ink : 0;
}

export const ARTIFACTS = join(import.meta.dir, "../../.test-artifacts/print");

export function writeArtifact(name: string, bytes: Uint8Array | string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), bytes);
}
