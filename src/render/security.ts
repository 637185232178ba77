import encodeQR from "@paulmillr/qr";
import { fontFace } from "./fonts.ts";
import type { Art, PathItem, Rgb } from "./scene.ts";

/**
 * eCO security printing, all vector: a guilloche background with microtext (REFERENCE.md §0.1:
 * anti-copy shading), a void pantograph whose hidden word (VOID or COPY) shows on photocopies, and the QR code.
 * Artwork is computed once per process.
 */

const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

let guilloche: Art | undefined;

/** Full-page background: interleaved wave bands, a central rosette and microtext lines along the frame. */
export function guillocheArt(): Art {
  if (guilloche) return guilloche;
  const waves: string[] = [];
  const waves2: string[] = [];
  for (let k = 0; k < 30; k++) {
    const y0 = 6 + k * 9.8;
    const a: string[] = [];
    const b: string[] = [];
    for (let x = 0; x <= 210; x += 2) {
      const t = (x / 210) * Math.PI * 2;
      a.push(`${r2(x)} ${r2(y0 + 3.2 * Math.sin(t * 5 + k * 0.7) + 1.2 * Math.sin(t * 13 + k))}`);
      b.push(`${r2(x)} ${r2(y0 + 4.9 + 3.2 * Math.sin(t * 5 + k * 0.7 + Math.PI) + 1.2 * Math.cos(t * 11 - k))}`);
    }
    waves.push(`M${a.join("L")}`);
    waves2.push(`M${b.join("L")}`);
  }
  // hypotrochoid rosette at the page centre
  const rosette: string[] = [];
  const [R, r, d] = [52, 8.6667, 40];
  for (let i = 0; i <= 1560; i++) {
    const t = (i / 1560) * Math.PI * 2 * 13;
    const x = 105 + (R - r) * Math.cos(t) + d * Math.cos(((R - r) / r) * t);
    const y = 160 + (R - r) * Math.sin(t) - d * Math.sin(((R - r) / r) * t);
    rosette.push(`${r2(x * 0.62 + 105 * 0.38)} ${r2(y * 0.62 + 160 * 0.38)}`);
  }
  const phrase = microtextPhrase("CCPIT CERTIFICATE OF ORIGIN \u2022 ", 1.1);
  const uses = [];
  for (const y of [8.6, 289.9]) {
    for (let x = 10; x + phrase.width <= 200.5; x += phrase.width) uses.push({ symbol: "micro", x: r2(x), y });
  }
  guilloche = {
    id: "guilloche",
    symbols: { micro: phrase.d },
    layers: [
      { color: [0.72, 0.86, 0.8], lineWidth: 0.1, paths: waves, uses: [] },
      { color: [0.9, 0.78, 0.84], lineWidth: 0.1, paths: [...waves2, `M${rosette.join("L")}`], uses: [] },
      { color: [0.45, 0.55, 0.6], paths: [], uses },
    ],
  };
  return guilloche;
}

/** Glyph outlines of a phrase at `sizePt`, baseline at y = 0, in millimetres. */
function microtextPhrase(text: string, sizePt: number): { d: string; width: number } {
  const face = fontFace("bold");
  const k = (sizePt * 25.4) / 72 / face.unitsPerEm;
  const run = face.font.layout(text);
  let x = 0;
  const parts: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const path = glyph.path as unknown as { scale(a: number, b: number): { translate(x: number, y: number): { toSVG(): string } } };
    parts.push(path.scale(k, -k).translate(x, 0).toSVG());
    x += run.positions[i]!.xAdvance * k;
  });
  const d = parts.join("").replace(/-?\d*\.\d+/g, (n) => String(Math.round(Number(n) * 1000) / 1000));
  return { d, width: x };
}

/** 5×7 bitmaps of the letters a hidden word may use (VOID, COPY, FORGED). */
const LETTERS: Record<string, string[]> = {
  C: ["01111", "10000", "10000", "10000", "10000", "10000", "01111"],
  D: ["11110", "10001", "10001", "10001", "10001", "10001", "11110"],
  E: ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
  F: ["11111", "10000", "10000", "11110", "10000", "10000", "10000"],
  G: ["01110", "10001", "10000", "10111", "10001", "10001", "01111"],
  I: ["11111", "00100", "00100", "00100", "00100", "00100", "11111"],
  O: ["01110", "10001", "10001", "10001", "10001", "10001", "01110"],
  P: ["11110", "10001", "10001", "11110", "10000", "10000", "10000"],
  R: ["11110", "10001", "10001", "11110", "10100", "10010", "10001"],
  V: ["10001", "10001", "10001", "10001", "01010", "01010", "00100"],
  Y: ["10001", "10001", "01010", "00100", "00100", "00100", "00100"],
};

/** The words an office may choose to hide in its eCOs. */
export const HIDDEN_WORDS = ["VOID", "COPY"] as const;
export type HiddenWord = (typeof HIDDEN_WORDS)[number];

/**
 * The pantograph's screens (docs/decisions/0010-void-pantograph.md): the same rows of one ink
 * everywhere (row height half the pitch), cut into dashes that are half ink, half gap — short
 * outside the letters, three times longer inside. Same ink, same coverage (25 %), so the original
 * shows one even tint; a copier that loses the short dashes shows the word. Sizes stay at or above
 * a pixel at 150 dpi, where rasterisers render coverage faithfully.
 */
export const PANTOGRAPH = { ink: [0.55, 0.6, 0.66] as Rgb, row: { height: 0.17, pitch: 0.34 }, fineDash: 0.17, boldDash: 0.51 } as const;

/** Where the word sits in a w×h patch: letter cell size and origin, sized to fit inside with a margin. */
export function hiddenWordBox(w: number, h: number, word: string) {
  const cells = word.length * 5 + (word.length - 1) * 1.4;
  const cell = Math.min((h * 0.78) / 7, (w * 0.9) / cells, 20 / 7);
  return { cell, x0: (w - cells * cell) / 2, y0: (h - 7 * cell) / 2, letterW: 5 * cell, gapW: 1.4 * cell };
}

/** Whether the point (x, y) of the patch lies in a letter of the word (for the art and for tests). */
export function inHiddenWord(w: number, h: number, word: string, x: number, y: number): boolean {
  const b = hiddenWordBox(w, h, word);
  const row = Math.floor((y - b.y0) / b.cell);
  if (row < 0 || row > 6) return false;
  const i = Math.floor((x - b.x0) / (b.letterW + b.gapW));
  if (i < 0 || i >= word.length) return false;
  const col = Math.floor((x - b.x0 - i * (b.letterW + b.gapW)) / b.cell);
  return col >= 0 && col < 5 && LETTERS[word[i]!]?.[row]?.[col] === "1";
}

const pantographs = new Map<string, Art>();

/**
 * Void pantograph of a w×h patch, drawn entirely inside it: fine bars outside the letters of
 * `word`, coarse bars inside, one ink and one coverage, so the original shows an even tint and a
 * copy that loses the fine bars shows the word.
 */
export function voidPantographArt(w: number, h: number, word: string = "VOID"): Art {
  const key = `${word}:${w}x${h}`;
  const cached = pantographs.get(key);
  if (cached) return cached;
  const b = hiddenWordBox(w, h, word);
  /** Spans [a, b) of the row at height y that lie inside letters. */
  const insideAt = (y: number): [number, number][] => {
    const row = Math.floor((y - b.y0) / b.cell);
    if (row < 0 || row > 6) return [];
    const spans: [number, number][] = [];
    [...word].forEach((ch, i) => {
      const bits = LETTERS[ch]?.[row] ?? "00000";
      const lx = b.x0 + i * (b.letterW + b.gapW);
      for (let c = 0; c < 5; c++) {
        if (bits[c] !== "1") continue;
        const s: [number, number] = [lx + c * b.cell, lx + (c + 1) * b.cell];
        const last = spans[spans.length - 1];
        if (last && Math.abs(last[1] - s[0]) < 1e-6) last[1] = s[1];
        else spans.push(s);
      }
    });
    return spans;
  };
  /**
   * Dashes of length `dash` (gaps as long) from x1 to x2 on row `k`, each row shifted by its own
   * fraction of a period so that dashes never line up into columns (columns would draw the letters).
   */
  const dashes = (x1: number, x2: number, y: number, dash: number, k: number) => {
    const out: string[] = [];
    const phase = (-(Math.imul(k + 1, 2654435761) >>> 0) / 2 ** 32) * 2 * dash;
    for (let x = phase + Math.floor((x1 - phase) / (2 * dash)) * 2 * dash; x < x2; x += 2 * dash) {
      const [a, e] = [Math.max(x, x1), Math.min(x + dash, x2)];
      if (e - a > 0.01) out.push(`M${r3(a)} ${r3(y)}H${r3(e)}V${r3(y + row.height)}H${r3(a)}Z`);
    }
    return out.join("");
  };
  const parts: string[] = [];
  const { row, fineDash, boldDash } = PANTOGRAPH;
  for (let k = 0, y = (row.pitch - row.height) / 2; y + row.height <= h; k++, y += row.pitch) {
    let x = 0;
    for (const [a, e] of insideAt(y + row.height / 2)) {
      parts.push(dashes(x, a, y, fineDash, k), dashes(a, e, y, boldDash, k));
      x = e;
    }
    parts.push(dashes(x, w, y, fineDash, k));
  }
  const art: Art = { id: `pantograph-${key}`, symbols: {}, layers: [{ color: PANTOGRAPH.ink, paths: [parts.join("")], uses: [] }] };
  pantographs.set(key, art);
  return art;
}

/** Where the QR code of a certificate leads: the public verification page. */
export function verificationUrl(publicUrl: string, number: string, code: string): string {
  const base = publicUrl.replace(/\/+$/, "");
  return `${base}/verify?no=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`;
}

/** Recent QR codes: a certificate is drawn several times (preview, print, reprint, thumbnail). */
const qrCache = new Map<string, PathItem>();
const QR_CACHE_SIZE = 64;

/** QR code as one filled path of module runs (vector, no raster), `size` mm square at (x, y). */
export function qrPath(text: string, x: number, y: number, size: number): PathItem {
  const key = `${x} ${y} ${size} ${text}`;
  let item = qrCache.get(key);
  if (!item) {
    item = makeQrPath(text, x, y, size);
    if (qrCache.size >= QR_CACHE_SIZE) qrCache.delete(qrCache.keys().next().value!);
    qrCache.set(key, item);
  }
  return item;
}

function makeQrPath(text: string, x: number, y: number, size: number): PathItem {
  const modules = encodeQR(text, "raw", { ecc: "medium", border: 0 });
  const n = modules.length;
  const m = size / n;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules[row]![col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules[row]![col]) col++;
      const x1 = r2(x + start * m);
      const x2 = r2(x + col * m);
      const y1 = r2(y + row * m);
      const y2 = r2(y + (row + 1) * m);
      parts.push(`M${x1} ${y1}H${x2}V${y2}H${x1}Z`);
    }
  }
  return { kind: "path", d: parts.join(""), fill: [0, 0, 0] };
}
