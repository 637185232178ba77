/**
 * The layout engine's drawing surface: a page's items kept by layer (PageDraft), the type sizes and
 * line pitch, text that shrinks to fit a box, and the context every part of one certificate's layout
 * reads (compose.ts builds it).
 */
import { PT } from "./fonts.ts";
import type { FormLayout, Rect } from "./forms/types.ts";
import { fitInto } from "./images.ts";
import type { PrintableCertificate, RenderOptions } from "./model.ts";
import { BLACK, type Item, type RasterImage, type Rgb } from "./scene.ts";
import { fitTokens, wrapText } from "./text.ts";
import { placeText, type TextOptions } from "./typeset.ts";

export const SIZE = {
  boxTitle: 6.3,
  data: 8.5,
  dataMin: 6,
  goods: 8,
  goodsHeader: 6,
  statement: 6.8,
  caption: 6,
} as const;
const LEADING = 1.18;
/** line pitch in mm of a font size */
export const lh = (size: number) => size * PT * LEADING;
/** baseline below the top of a line box */
export const ascentOf = (size: number) => size * PT * 0.93;

const FORM_COLOR: Rgb = [0.1, 0.1, 0.1];
const DATA_COLOR: Rgb = BLACK;
export const PREVIEW_COLOR: Rgb = [0.85, 0.12, 0.12];
const LINE = 0.25;

export const CONTINUED = (page: number) => `(CONTINUED ON PAGE ${page})`;
export const BOX_CONTINUED = "(CONTINUED ON CONTINUATION SHEET)";
export const IMAGE_MARKS_NOTE = "IMAGE MARKS: SEE LAST PAGE";
export const CONTINUATION_TITLE = "CONTINUATION SHEET";

export type Layer = "form" | "data" | "image";

/** Items of one page kept by layer, so PCO output can drop the pre-printed form and shift the data. */
export class PageDraft {
  readonly form: Item[] = [];
  readonly data: Item[] = [];
  readonly images: Item[] = [];
  readonly background: Item[] = [];

  list(layer: Layer) {
    return layer === "form" ? this.form : layer === "data" ? this.data : this.images;
  }

  /** Text at baseline (x, y) in the faces that print it. Returns the width drawn. */
  text(layer: Layer, x: number, y: number, text: string, size: number, opts: TextOptions = {}) {
    const form = layer === "form";
    return placeText(this.list(layer), x, y, text, size, { ...opts, form, color: opts.color ?? (form ? FORM_COLOR : DATA_COLOR) });
  }

  rect(r: Rect, lineWidth = LINE) {
    this.form.push({ kind: "rect", ...r, stroke: FORM_COLOR, lineWidth });
  }

  hline(x1: number, x2: number, y: number, dash?: readonly [number, number]) {
    this.form.push({ kind: "line", x1, y1: y, x2, y2: y, color: FORM_COLOR, lineWidth: dash ? 0.2 : LINE, dash });
  }

  vline(x: number, y1: number, y2: number) {
    this.form.push({ kind: "line", x1: x, y1, x2: x, y2, color: FORM_COLOR, lineWidth: LINE });
  }

  image(raster: RasterImage, slot: Rect) {
    this.images.push({ kind: "image", ...fitInto(raster, slot), image: raster });
  }
}

/** Lines placed top-down from `y`, each `pitch` apart; returns the y below the last line. */
export function lines(
  page: PageDraft,
  layer: Layer,
  x: number,
  y: number,
  texts: string[],
  size: number,
  opts: { bold?: boolean; align?: "left" | "center" | "right" } = {},
) {
  let top = y;
  for (const t of texts) {
    page.text(layer, x, top + ascentOf(size), t, size, opts);
    top += lh(size);
  }
  return top;
}

export type Overflow = { heading: string; lines: string[] };

/** Shrinks text to fit a box down to the minimum size; what still does not fit continues elsewhere. */
export function fitText(paragraphs: string[], w: number, h: number): { size: number; lines: string[]; rest: string[] } {
  const texts = paragraphs.filter((p) => p.trim() !== "");
  for (let size: number = SIZE.data; size >= SIZE.dataMin; size -= 0.5) {
    // a size at which a token (invoice or certificate number, HS code) would be cut is never chosen
    if (size > SIZE.dataMin && !texts.every((p) => fitTokens(p, w, size))) continue;
    const wrapped = texts.flatMap((p) => wrapText(p, w, size));
    if (wrapped.length * lh(size) <= h + 0.01) return { size, lines: wrapped, rest: [] };
  }
  const size = SIZE.dataMin;
  const wrapped = texts.flatMap((p) => wrapText(p, w, size));
  const keep = Math.max(0, Math.floor((h + 0.01) / lh(size)) - 1);
  return { size, lines: [...wrapped.slice(0, keep), BOX_CONTINUED], rest: wrapped.slice(keep) };
}

export function partyText(p: { name: string; address: string } | undefined): string[] {
  return p ? [p.name, p.address] : [];
}

export type Ctx = {
  cert: PrintableCertificate;
  options: RenderOptions;
  layout: FormLayout;
  eco: boolean;
  retro: { kind: "box"; label: string } | { kind: "tick" } | { kind: "title" } | undefined;
  images: { officeSeal?: RasterImage; officerSignature?: RasterImage; enterpriseSeal?: RasterImage; signature?: RasterImage; marks?: RasterImage };
  overflow: Overflow[];
};

export function retroTarget(cert: PrintableCertificate, layout: FormLayout): Ctx["retro"] {
  if (!cert.retroactive) return undefined;
  const wanted = [cert.retroactive.box, layout.retroPlace].filter((b): b is string => !!b);
  for (const place of wanted) {
    if (place === "title") return { kind: "title" };
    if (place === "tick" || (layout.ticks && layout.ticks.label === place)) {
      if (layout.ticks?.boxes.some((b) => b.id === "retro")) return { kind: "tick" };
      continue;
    }
    if (layout.boxes.some((b) => b.label === place)) return { kind: "box", label: place };
  }
  return { kind: "title" };
}
