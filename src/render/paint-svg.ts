import satori from "satori";
import { fontFace, PT, type FontKey } from "./fonts.ts";
import type { Art, Item, Page, RasterImage, Rgb, Scene } from "./scene.ts";

/**
 * SVG painter: satori turns the positioned text runs into glyph outlines (so the SVG needs no
 * fonts and resvg needs no system fonts); shapes, artwork and images are written as SVG elements
 * around satori's output. One SVG per page, in the same millimetre layout as the PDF.
 */

/** SVG user units per millimetre: fine enough that satori's pixel rounding stays under 0.1 mm. */
const S = 10;

type SatoriFont = { name: string; data: Buffer; weight: 400 | 700; style: "normal" };

const FAMILY: Record<FontKey, { name: string; weight: 400 | 700 }> = {
  regular: { name: "Arimo", weight: 400 },
  bold: { name: "Arimo", weight: 700 },
  cjk: { name: "Noto Sans SC", weight: 400 },
};

let latinFonts: SatoriFont[] | undefined;
let allFonts: SatoriFont[] | undefined;

/** Stable arrays: satori caches parsed fonts per array, so each face is parsed once per process. */
function satoriFonts(withCjk: boolean): SatoriFont[] {
  const make = (key: FontKey): SatoriFont => ({ ...FAMILY[key], data: Buffer.from(fontFace(key).bytes), style: "normal" });
  latinFonts ??= [make("regular"), make("bold")];
  if (!withCjk) return latinFonts;
  allFonts ??= [...latinFonts, make("cjk")];
  return allFonts;
}

const hex = (c: Rgb) =>
  `#${c
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
const n = (v: number) => (Math.round(v * 1000) / 1000).toString();
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Where satori puts the baseline in a line box of height = font size (its own formula, in px). */
function satoriBaseline(key: FontKey, px: number): number {
  const face = fontFace(key);
  const asc = Math.round((face.ascender / face.unitsPerEm) * px);
  const desc = Math.round((-face.descender / face.unitsPerEm) * px);
  return asc + Math.floor((px - asc - desc) / 2);
}

type El = { type: string; props: { style: Record<string, unknown>; children?: unknown } };

function textElement(item: Extract<Item, { kind: "text" }>): El {
  const px = item.size * PT * S;
  const base = satoriBaseline(item.font, px);
  const style: Record<string, unknown> = {
    position: "absolute",
    left: item.x * S,
    top: item.y * S - base,
    fontSize: px,
    lineHeight: 1,
    fontFamily: FAMILY[item.font].name,
    fontWeight: FAMILY[item.font].weight,
    color: hex(item.color),
    whiteSpace: "pre",
  };
  if (item.opacity !== undefined) style.opacity = item.opacity;
  if (item.rotate) {
    style.transform = `rotate(${-item.rotate}deg)`;
    style.transformOrigin = `0px ${base}px`;
  }
  return { type: "div", props: { style, children: item.text } };
}

const artSvgs = new Map<string, string>();

/** Artwork as SVG in mm units, once per process. */
function artSvg(art: Art): string {
  let svg = artSvgs.get(art.id);
  if (!svg) {
    const id = (name: string) => `${art.id}-${name}`;
    const defs = Object.entries(art.symbols).map(([name, d]) => `<path id="${id(name)}" d="${d}"/>`);
    const layers = art.layers.map((layer) => {
      const paint =
        layer.lineWidth === undefined ? `fill="${hex(layer.color)}"` : `fill="none" stroke="${hex(layer.color)}" stroke-width="${n(layer.lineWidth)}"`;
      const paths = layer.paths.map((d) => `<path d="${d}"/>`).join("");
      const uses = layer.uses.map((u) => `<use xlink:href="#${id(u.symbol)}" x="${n(u.x)}" y="${n(u.y)}"/>`).join("");
      return `<g ${paint}>${paths}${uses}</g>`;
    });
    svg = `${defs.length ? `<defs>${defs.join("")}</defs>` : ""}${layers.join("")}`;
    artSvgs.set(art.id, svg);
  }
  return svg;
}

const dataUris = new WeakMap<RasterImage, string>();
function dataUri(image: RasterImage): string {
  let uri = dataUris.get(image);
  if (!uri) {
    uri = `data:${image.mime};base64,${Buffer.from(image.bytes).toString("base64")}`;
    dataUris.set(image, uri);
  }
  return uri;
}

function shapeSvg(item: Item): string {
  switch (item.kind) {
    case "rect":
      return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" fill="${item.fill ? hex(item.fill) : "none"}"${item.stroke ? ` stroke="${hex(item.stroke)}" stroke-width="${n(item.lineWidth)}"` : ""}/>`;
    case "line":
      return `<line x1="${n(item.x1)}" y1="${n(item.y1)}" x2="${n(item.x2)}" y2="${n(item.y2)}" stroke="${hex(item.color)}" stroke-width="${n(item.lineWidth)}"${item.dash ? ` stroke-dasharray="${n(item.dash[0])} ${n(item.dash[1])}"` : ""}/>`;
    case "path":
      return `<path d="${item.d}" fill="${item.fill ? hex(item.fill) : "none"}"${item.stroke ? ` stroke="${hex(item.stroke)}" stroke-width="${n(item.lineWidth ?? 0.2)}"` : ""}/>`;
    case "art":
      return `<g transform="translate(${n(item.x)} ${n(item.y)})">${artSvg(item.art)}</g>`;
    default:
      return "";
  }
}

type TextItem = Extract<Item, { kind: "text" }>;

/** Glyph outlines of text runs on a page of W×H units, without the outer <svg> element. */
async function outlines(texts: TextItem[], W: number, H: number, idPrefix: string): Promise<string> {
  if (!texts.length) return "";
  const root = {
    type: "div",
    props: { style: { display: "flex", position: "relative", width: "100%", height: "100%" }, children: texts.map(textElement) },
  };
  const withCjk = texts.some((t) => t.font === "cjk");
  const out = await satori(root as unknown as Parameters<typeof satori>[0], { width: W, height: H, fonts: satoriFonts(withCjk) });
  // two satori outputs share a document: keep their mask/clip ids apart
  return out.slice(out.indexOf(">") + 1, out.lastIndexOf("</svg>")).replace(/satori_/g, `satori_${idPrefix}`);
}

/**
 * Outlines of the pre-printed form text, by the exact runs drawn: the same form on the next
 * certificate costs nothing, and any difference in the runs is a different entry.
 */
const formOutlines = new Map<string, string>();
const FORM_CACHE_SIZE = 32;

async function cachedFormOutlines(texts: TextItem[], W: number, H: number): Promise<string> {
  const key = `${W}x${H}:${Bun.hash(JSON.stringify(texts))}`;
  let svg = formOutlines.get(key);
  if (svg === undefined) {
    svg = await outlines(texts, W, H, "f");
    if (formOutlines.size >= FORM_CACHE_SIZE) formOutlines.delete(formOutlines.keys().next().value!);
    formOutlines.set(key, svg);
  }
  return svg;
}

export async function paintSvgPage(page: Page, meta: { title: string; preview: boolean }): Promise<string> {
  const texts = page.items.filter((i): i is TextItem => i.kind === "text");
  const W = page.width * S;
  const H = page.height * S;
  const glyphs =
    (await cachedFormOutlines(
      texts.filter((t) => t.form),
      W,
      H,
    )) +
    (await outlines(
      texts.filter((t) => !t.form),
      W,
      H,
      "d",
    ));
  const shapes = page.items.map(shapeSvg).join("");
  const images = page.items
    .filter((i): i is Extract<Item, { kind: "image" }> => i.kind === "image")
    .map((i) => `<image x="${n(i.x)}" y="${n(i.y)}" width="${n(i.w)}" height="${n(i.h)}" preserveAspectRatio="none" xlink:href="${dataUri(i.image)}"/>`)
    .join("");
  const title = meta.preview ? `PREVIEW — ${meta.title}` : meta.title;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${page.width}mm" height="${page.height}mm" viewBox="0 0 ${W} ${H}"${meta.preview ? ' data-preview="true"' : ""}>` +
    `<title>${esc(title)}</title>` +
    `<rect width="${W}" height="${H}" fill="#ffffff"/>` +
    `<g transform="scale(${S})">${shapes}</g>` +
    glyphs +
    `<g transform="scale(${S})">${images}</g>` +
    `</svg>`
  );
}

export async function paintSvg(scene: Scene): Promise<string[]> {
  const out: string[] = [];
  for (const page of scene.pages) out.push(await paintSvgPage(page, scene));
  return out;
}
