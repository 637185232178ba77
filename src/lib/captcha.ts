import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/**
 * Image captcha drawn on the server as SVG paths: every character is a stroke drawing warped by a
 * random rotation, skew, scale and a wave across the whole image, crossed by noise curves. The SVG
 * holds no text, so the answer is not in the markup. Characters people confuse are left out
 * (0 O Q, 1 I, 2 Z, 5 S, 8 B, G, V); answers are case-insensitive.
 */

type Pt = readonly [number, number];
/** Stroke glyphs on a 4 × 6 grid (x right, y down). */
// biome-ignore format: a data table, laid out by hand
const GLYPHS: Record<string, readonly (readonly Pt[])[]> = {
  A: [[[0, 6], [2, 0], [4, 6]], [[0.7, 4], [3.3, 4]]],
  C: [[[4, 1], [3, 0], [1, 0], [0, 1], [0, 5], [1, 6], [3, 6], [4, 5]]],
  D: [[[0, 0], [0, 6], [2.5, 6], [4, 4.5], [4, 1.5], [2.5, 0], [0, 0]]],
  E: [[[4, 0], [0, 0], [0, 6], [4, 6]], [[0, 3], [3, 3]]],
  F: [[[4, 0], [0, 0], [0, 6]], [[0, 3], [3, 3]]],
  H: [[[0, 0], [0, 6]], [[4, 0], [4, 6]], [[0, 3], [4, 3]]],
  J: [[[1, 0], [4, 0]], [[3, 0], [3, 5], [2, 6], [1, 6], [0, 5]]],
  K: [[[0, 0], [0, 6]], [[4, 0], [0, 3.5]], [[1.3, 2.6], [4, 6]]],
  L: [[[0, 0], [0, 6], [4, 6]]],
  M: [[[0, 6], [0, 0], [2, 3.5], [4, 0], [4, 6]]],
  N: [[[0, 6], [0, 0], [4, 6], [4, 0]]],
  P: [[[0, 6], [0, 0], [3, 0], [4, 1], [4, 2], [3, 3], [0, 3]]],
  R: [[[0, 6], [0, 0], [3, 0], [4, 1], [4, 2], [3, 3], [0, 3]], [[2, 3], [4, 6]]],
  T: [[[0, 0], [4, 0]], [[2, 0], [2, 6]]],
  U: [[[0, 0], [0, 5], [1, 6], [3, 6], [4, 5], [4, 0]]],
  W: [[[0, 0], [1, 6], [2, 2.5], [3, 6], [4, 0]]],
  X: [[[0, 0], [4, 6]], [[4, 0], [0, 6]]],
  Y: [[[0, 0], [2, 3], [4, 0]], [[2, 3], [2, 6]]],
  "3": [[[0, 0.5], [1, 0], [3, 0], [4, 1], [4, 2], [3, 3], [1.5, 3]], [[3, 3], [4, 4], [4, 5], [3, 6], [1, 6], [0, 5.5]]],
  "4": [[[3, 6], [3, 0], [0, 4], [4, 4]]],
  "6": [[[3.5, 0], [2, 0], [0, 2.5], [0, 5], [1, 6], [3, 6], [4, 5], [4, 4], [3, 3], [1, 3], [0, 4]]],
  "7": [[[0, 0], [4, 0], [1.5, 6]]],
  "9": [[[4, 2], [3, 3], [1, 3], [0, 2], [0, 1], [1, 0], [3, 0], [4, 1], [4, 3.5], [2, 6], [0.5, 6]]],
};

export const CAPTCHA_ALPHABET = Object.keys(GLYPHS).join("");
export const CAPTCHA_LENGTH = 5;
const WIDTH = 170;
const HEIGHT = 64;

/** A uniform random integer in [0, n) from the system CSPRNG. */
function randomInt(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % n;
  }
}

const between = (lo: number, hi: number) => lo + (hi - lo) * (randomInt(1_000_000) / 1_000_000);

function randomAnswer(): string {
  let s = "";
  for (let i = 0; i < CAPTCHA_LENGTH; i++) s += CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)];
  return s;
}

const f = (n: number) => n.toFixed(1);

/** Splits a polyline into short pieces so the wave bends straight strokes into curves. */
function subdivide(line: readonly Pt[], step: number): Pt[] {
  const out: Pt[] = [line[0]!];
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1]!;
    const [x1, y1] = line[i]!;
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let k = 1; k <= n; k++) out.push([x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n]);
  }
  return out;
}

function darkColour() {
  return `hsl(${randomInt(360)},${45 + randomInt(40)}%,${18 + randomInt(20)}%)`;
}

/** Draws `answer` (or a fresh random one) as a distorted SVG image. */
export function createCaptcha(answer: string = randomAnswer()): { answer: string; svg: string } {
  const wave = { ay: between(2, 3.5), ly: between(20, 32), py: between(0, 6.3), ax: between(0.8, 2), lx: between(9, 15), px: between(0, 6.3) };
  const warp = ([x, y]: Pt): Pt => [x + wave.ax * Math.sin(y / wave.lx + wave.px), y + wave.ay * Math.sin(x / wave.ly + wave.py)];
  const parts: string[] = [];
  const cell = (WIDTH - 20) / answer.length;
  [...answer].forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new Error(`captcha: no glyph for ${ch}`);
    const scale = between(5.4, 6.6);
    const angle = between(-0.25, 0.25);
    const skew = between(-0.25, 0.25);
    const cx = 10 + cell * (i + 0.5) + between(-3, 3);
    const cy = HEIGHT / 2 + between(-4, 4);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const place = ([gx, gy]: Pt): Pt => {
      const x = (gx - 2 + skew * (gy - 3)) * scale * between(0.97, 1.03);
      const y = (gy - 3) * scale;
      return warp([cx + x * cos - y * sin, cy + x * sin + y * cos]);
    };
    const d = glyph
      .map((line) =>
        subdivide(line, 0.5)
          .map(place)
          .map(([x, y], k) => `${k ? "L" : "M"}${f(x)} ${f(y)}`)
          .join(""),
      )
      .join("");
    parts.push(`<path d="${d}" stroke="${darkColour()}" stroke-width="${f(between(2.2, 3.2))}"/>`);
  });
  // Noise: curves through the text in the same ink, and specks, so the strokes cannot simply be traced.
  for (let i = 0; i < 3; i++) {
    const d = `M${f(between(0, 20))} ${f(between(8, HEIGHT - 8))}C${f(between(30, 70))} ${f(between(0, HEIGHT))} ${f(between(90, 140))} ${f(between(0, HEIGHT))} ${f(between(WIDTH - 20, WIDTH))} ${f(between(8, HEIGHT - 8))}`;
    parts.push(`<path d="${d}" stroke="${darkColour()}" stroke-width="${f(between(0.8, 1.5))}"/>`);
  }
  const specks: string[] = [];
  for (let i = 0; i < 40; i++) specks.push(`M${f(between(0, WIDTH))} ${f(between(0, HEIGHT))}h1.5v1.5h-1.5z`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img">` +
    `<rect width="100%" height="100%" fill="hsl(${randomInt(360)},40%,94%)"/>` +
    `<path d="${specks.join("")}" fill="${darkColour()}" opacity="0.6"/>` +
    `<g fill="none" stroke-linecap="round" stroke-linejoin="round">${parts.join("")}</g></svg>`;
  return { answer, svg };
}

/** How a typed answer is compared: case, spaces and full-width letters do not matter. */
export function normalizeCaptchaAnswer(typed: string): string {
  return typed.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/**
 * The stored form of an answer: SHA-256 over a per-challenge salt and the normalized answer. A slow
 * hash is not needed here: the answer lives for minutes, is used once, and guessing is throttled.
 */
export function hashCaptchaAnswer(salt: string, answer: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`${salt}:${normalizeCaptchaAnswer(answer)}`)));
}
