import encodeQR from "@paulmillr/qr";
import { fontFace } from "./fonts";
import type { Art, PathItem } from "./scene";

/**
 * eCO security printing, all vector: a guilloche background with microtext (REFERENCE.md §0.1:
 * anti-copy shading), a void pantograph that shows FORGED on photocopies, and the QR code.
 * Artwork is computed once per process.
 */

const r2 = (n: number) => Math.round(n * 100) / 100;

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

/** 5×7 bitmaps of the letters the void pantograph spells. */
const LETTERS: Record<string, string[]> = {
  F: ["11111", "10000", "10000", "11110", "10000", "10000", "10000"],
  O: ["01110", "10001", "10001", "10001", "10001", "10001", "01110"],
  R: ["11110", "10001", "10001", "11110", "10100", "10010", "10001"],
  G: ["01110", "10001", "10000", "10111", "10001", "10001", "01111"],
  E: ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
  D: ["11110", "10001", "10001", "10001", "10001", "10001", "11110"],
};

const pantographs = new Map<string, Art>();

/**
 * Void pantograph of a w×h patch: fine hairlines outside the letters, fewer thicker lines inside,
 * at the same mean grey. A copier drops the hairlines and the word FORGED appears.
 */
export function voidPantographArt(w: number, h: number, word = "FORGED"): Art {
  const key = `${word}:${w}x${h}`;
  const cached = pantographs.get(key);
  if (cached) return cached;
  const letterH = Math.min(h * 0.78, 20);
  const cell = letterH / 7;
  const letterW = cell * 5;
  const gapW = cell * 1.4;
  const totalW = word.length * letterW + (word.length - 1) * gapW;
  const x0 = (w - totalW) / 2;
  const y0 = (h - letterH) / 2;
  const insideAt = (y: number): [number, number][] => {
    const row = Math.floor((y - y0) / cell);
    if (row < 0 || row > 6) return [];
    const spans: [number, number][] = [];
    [...word].forEach((ch, i) => {
      const bits = LETTERS[ch]?.[row] ?? "00000";
      const lx = x0 + i * (letterW + gapW);
      for (let c = 0; c < 5; c++) {
        if (bits[c] !== "1") continue;
        const s: [number, number] = [lx + c * cell, lx + (c + 1) * cell];
        const last = spans[spans.length - 1];
        if (last && Math.abs(last[1] - s[0]) < 1e-6) last[1] = s[1];
        else spans.push(s);
      }
    });
    return spans;
  };
  const fine: string[] = [];
  const bold: string[] = [];
  for (let y = 0.25; y < h; y += 0.5) {
    let x = 0;
    for (const [a, b] of insideAt(y)) {
      if (a > x) fine.push(`M${r2(x)} ${r2(y)}H${r2(a)}`);
      x = b;
    }
    if (x < w) fine.push(`M${r2(x)} ${r2(y)}H${r2(w)}`);
  }
  for (let y = 0.5; y < h; y += 1) {
    for (const [a, b] of insideAt(y)) bold.push(`M${r2(a)} ${r2(y)}H${r2(b)}`);
  }
  const art: Art = {
    id: `pantograph-${key}`,
    symbols: {},
    layers: [
      { color: [0.62, 0.66, 0.7], lineWidth: 0.1, paths: [fine.join("")], uses: [] },
      { color: [0.72, 0.75, 0.78], lineWidth: 0.2, paths: [bold.join("")], uses: [] },
    ],
  };
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
