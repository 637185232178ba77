import { resvg } from "../render/resvg.ts";

/**
 * Demo seal and signature images, drawn from plain SVG shapes (no fonts needed) so the demo can
 * print eCO certificates with 打印印章签名 on. Real ones are scanned and uploaded by the office.
 */
function png(svg: string, width: number): Uint8Array {
  return new (resvg())(svg, { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: false } }).render().asPng();
}

/** Each image is drawn once per process: the demo loader and the tests ask for the same few again and again. */
const drawn = new Map<string, Uint8Array>();
function once(key: string, draw: () => Uint8Array): Uint8Array {
  let bytes = drawn.get(key);
  if (!bytes) drawn.set(key, (bytes = draw()));
  return bytes;
}

const star = (cx: number, cy: number, r: number) =>
  Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? r * 0.4 : r;
    return `${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`;
  }).join(" ");

/** A round red company seal with a star, varied a little per enterprise so seals differ. */
export function demoSealPng(seed: number): Uint8Array {
  return once(`seal:${seed}`, () => drawSeal(seed));
}

function drawSeal(seed: number): Uint8Array {
  const ring = 4 + (seed % 3);
  const count = 24 + (seed % 8);
  const ticks = Array.from({ length: count }, (_, i) => {
    const a = (i / count) * 2 * Math.PI;
    return `<line x1="${(100 + 70 * Math.cos(a)).toFixed(1)}" y1="${(100 + 70 * Math.sin(a)).toFixed(1)}" x2="${(100 + 80 * Math.cos(a)).toFixed(1)}" y2="${(100 + 80 * Math.sin(a)).toFixed(1)}" stroke="#c8102e" stroke-width="4"/>`;
  }).join("");
  return png(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="92" fill="none" stroke="#c8102e" stroke-width="${ring}"/>${ticks}<polygon points="${star(100, 100, 36)}" fill="#c8102e"/></svg>`,
    240,
  );
}

/** A handwritten-looking stroke, different per signer. */
export function demoSignaturePng(seed: number): Uint8Array {
  return once(`signature:${seed}`, () => drawSignature(seed));
}

function drawSignature(seed: number): Uint8Array {
  const k = (seed % 7) + 3;
  const d = `M10 60 C ${30 + k} ${10 + k}, ${60 - k} 90, 80 45 S ${120 + k} ${20 + k}, 140 55 S 190 ${70 - k}, 230 30 M 40 75 Q 120 ${85 + k} 220 70`;
  return png(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 100"><path d="${d}" fill="none" stroke="#1a237e" stroke-width="4" stroke-linecap="round"/></svg>`,
    360,
  );
}
