import { PT, textWidth } from "./fonts.ts";
import { composeBackPage } from "./back-page.ts";
import { formLayout } from "./forms/index.ts";
import { printedHsCode } from "./forms/boxes.ts";
import { FRAME } from "./forms/families.ts";
import type { BoxSpec, ColumnField, ColumnSpec, FormLayout, Rect } from "./forms/types.ts";
import { fitInto, toRaster } from "./images.ts";
import type { GoodsLine, PrintableCertificate, RenderOptions } from "./model.ts";
import { A4, BLACK, type Item, type Page, type RasterImage, type Rgb, type Scene } from "./scene.ts";
import { guillocheArt, qrPath, verificationUrl, voidPantographArt } from "./security.ts";
import { fitTokens, formatDate, formatNumber, numberToWords, wrapText } from "./text.ts";
import { placeText, type TextOptions } from "./typeset.ts";

/**
 * The layout engine: a certificate and its form → positioned pages. Line breaking and pagination
 * happen here, once, from the font metrics; painters only draw what this returns.
 */

const SIZE = {
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
const lh = (size: number) => size * PT * LEADING;
/** baseline below the top of a line box */
const ascentOf = (size: number) => size * PT * 0.93;

const FORM_COLOR: Rgb = [0.1, 0.1, 0.1];
const DATA_COLOR: Rgb = BLACK;
const PREVIEW_COLOR: Rgb = [0.85, 0.12, 0.12];
const LINE = 0.25;

export const CONTINUED = (page: number) => `(CONTINUED ON PAGE ${page})`;
export const BOX_CONTINUED = "(CONTINUED ON CONTINUATION SHEET)";
export const IMAGE_MARKS_NOTE = "IMAGE MARKS: SEE LAST PAGE";
const CONTINUATION_TITLE = "CONTINUATION SHEET";

type Layer = "form" | "data" | "image";

/** Items of one page kept by layer, so PCO output can drop the pre-printed form and shift the data. */
class PageDraft {
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
function lines(page: PageDraft, layer: Layer, x: number, y: number, texts: string[], size: number, opts: { bold?: boolean; align?: "left" | "center" | "right" } = {}) {
  let top = y;
  for (const t of texts) {
    page.text(layer, x, top + ascentOf(size), t, size, opts);
    top += lh(size);
  }
  return top;
}

type Overflow = { heading: string; lines: string[] };

/** Shrinks text to fit a box down to the minimum size; what still does not fit continues elsewhere. */
function fitText(paragraphs: string[], w: number, h: number): { size: number; lines: string[]; rest: string[] } {
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

function partyText(p: { name: string; address: string } | undefined): string[] {
  return p ? [p.name, p.address] : [];
}

type Ctx = {
  cert: PrintableCertificate;
  options: RenderOptions;
  layout: FormLayout;
  eco: boolean;
  retro: { kind: "box"; label: string } | { kind: "tick" } | { kind: "title" } | undefined;
  images: { officeSeal?: RasterImage; officerSignature?: RasterImage; enterpriseSeal?: RasterImage; signature?: RasterImage; marks?: RasterImage };
  overflow: Overflow[];
};

function retroTarget(cert: PrintableCertificate, layout: FormLayout): Ctx["retro"] {
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

/** Draws a box frame and its numbered title; returns the y where its data may start. */
function boxFrame(page: PageDraft, box: BoxSpec): number {
  page.rect(box.rect);
  const title = box.label ? `${box.label}. ${box.title}` : box.title;
  const titleLines = wrapText(title, box.rect.w - 3, SIZE.boxTitle);
  return lines(page, "form", box.rect.x + 1.5, box.rect.y + 0.8, titleLines, SIZE.boxTitle) + 0.6;
}

function dataBox(page: PageDraft, box: BoxSpec, ctx: Ctx) {
  const top = boxFrame(page, box);
  const { cert } = ctx;
  const x = box.rect.x + 2;
  const w = box.rect.w - 4;
  const bottom = box.rect.y + box.rect.h - 1;
  const retroHere = ctx.retro?.kind === "box" && ctx.retro.label === box.label ? [cert.retroactive!.wording] : [];
  let paragraphs: string[] = [];
  let y = top;
  switch (box.field) {
    case "exporter":
      paragraphs = partyText(cert.exporter);
      break;
    case "producer":
      paragraphs = partyText(cert.producer);
      break;
    case "consignee":
      paragraphs = partyText(cert.consignee);
      break;
    case "route":
      paragraphs = [cert.transport.routeText];
      break;
    case "destination":
      paragraphs = [cert.destinationCountry];
      break;
    case "remarks":
      paragraphs = [...retroHere, cert.remarks ?? ""];
      break;
    case "officialUse":
      paragraphs = retroHere;
      if (box.officialTicks) y = officialTicks(page, box, y);
      break;
    case "transportDetails": {
      for (const row of box.rows ?? []) {
        const labelW = page.text("form", x - 0.5, y + ascentOf(SIZE.boxTitle + 0.4), row.label, SIZE.boxTitle + 0.4);
        const datum = row.datum === "departureDate" ? formatDate(cert.transport.departureDate) : (cert.transport[row.datum] ?? "");
        const size = SIZE.data - 0.5;
        const fits = textWidth(datum, size, "regular") <= w - labelW - 2;
        const rowLines = fits ? [datum] : wrapText(datum, w - 4, size);
        if (fits) page.text("data", x + labelW + 1.5, y + ascentOf(size), datum, size);
        y += lh(size);
        if (!fits) y = lines(page, "data", x + 2, y, rowLines, size);
      }
      paragraphs = [...retroHere, cert.transport.routeText];
      y += 0.6;
      break;
    }
    case "none":
    case "declaration":
    case "certification":
      return;
  }
  const fit = fitText(paragraphs, w, bottom - y);
  lines(page, "data", x, y, fit.lines, fit.size);
  if (fit.rest.length) ctx.overflow.push({ heading: `BOX ${box.label ?? ""} ${box.title} (CONTINUED)`.replace(/\s+/g, " "), lines: fit.rest });
}

/** Form E box 4 / RCEP box 5: Given / Not Given tick boxes and the importing customs' signature line; returns the y below the ticks. */
function officialTicks(page: PageDraft, box: BoxSpec, top: number): number {
  const r = box.rect;
  let y = top + 0.6;
  for (const label of box.officialTicks ?? []) {
    page.rect({ x: r.x + 3, y, w: 2.6, h: 2.6 }, 0.2);
    y = lines(page, "form", r.x + 7, y - 0.2, wrapText(label, r.w - 9, SIZE.statement), SIZE.statement) + 0.8;
  }
  const caption = wrapText(box.signatureCaption ?? "", r.w - 6, SIZE.caption);
  const captionTop = r.y + r.h - 0.8 - caption.length * lh(SIZE.caption);
  page.hline(r.x + 3, r.x + r.w - 3, captionTop - 0.4, [0.5, 0.5]);
  lines(page, "form", r.x + r.w / 2, captionTop, caption, SIZE.caption, { align: "center" });
  return y;
}

/** A seal of at most `size` mm ending at `bottom`, never above the statement that ends at `top`. */
function sealSlot(x: number, size: number, top: number, bottom: number): Rect {
  const y = Math.max(top, bottom - size);
  return { x, y, w: size, h: Math.max(0, bottom - y) };
}

/** Declaration and certification boxes: statement, data lines, place/date, signature and seals. */
function signedBox(page: PageDraft, box: BoxSpec, ctx: Ctx) {
  const { cert, options } = ctx;
  const r = box.rect;
  let y = boxFrame(page, box) + 0.4;
  const x = r.x + 2;
  const w = r.w - 4;
  for (const part of box.statement ?? []) {
    if ("text" in part) {
      y = lines(page, "form", x, y, wrapText(part.text, w, SIZE.statement), SIZE.statement) + 0.4;
    } else {
      const value = part.datum === "destination" ? cert.destinationCountry : "CHINA";
      y += 0.8;
      page.text("data", r.x + r.w / 2, y + ascentOf(SIZE.data), value, SIZE.data, { align: "center", bold: true });
      y += lh(SIZE.data);
      page.hline(r.x + 8, r.x + r.w - 8, y, [0.6, 0.6]);
      y += 0.4;
      if (part.caption) y = lines(page, "form", r.x + r.w / 2, y, [part.caption], SIZE.caption, { align: "center" });
      y += 0.4;
    }
  }
  if (ctx.retro?.kind === "box" && ctx.retro.label === box.label) {
    y = lines(page, "data", x, y + 0.6, [cert.retroactive!.wording], SIZE.data, { bold: true });
  }
  const bottom = r.y + r.h;
  const captionTop = bottom - (box.contactLabels ? 10.8 : 3.4);
  const signLine = captionTop - 0.5;
  const dataBaseline = signLine - 1.2;
  page.hline(r.x + 3, r.x + r.w - 3, signLine, [0.5, 0.5]);
  lines(page, "form", x, captionTop, wrapText(box.signatureCaption ?? "", w, SIZE.caption), SIZE.caption);
  if (box.field === "declaration") {
    page.text("data", x, dataBaseline, `${cert.declaration.place}  ${formatDate(cert.declaration.date)}`, SIZE.data);
    page.text("data", r.x + r.w - 2, dataBaseline, cert.declaration.signerName, SIZE.data, { align: "right" });
    if (options.printSeal) {
      if (ctx.images.signature) page.image(ctx.images.signature, { x: r.x + r.w * 0.36, y: dataBaseline - 16, w: 32, h: 13 });
      if (ctx.images.enterpriseSeal) page.image(ctx.images.enterpriseSeal, sealSlot(r.x + r.w - 36, 32, y, dataBaseline + 3));
    }
  } else {
    page.text("data", x, dataBaseline, `${cert.certification.place}  ${formatDate(cert.certification.date)}`, SIZE.data);
    page.text("data", x, dataBaseline - lh(SIZE.data), cert.certification.officeName, SIZE.data - 0.5);
    // eCO: the office's seal over its name, the authorised signatory's signature and name at the right.
    if (ctx.eco && ctx.images.officeSeal) page.image(ctx.images.officeSeal, sealSlot(r.x + r.w * 0.3, 36, y, dataBaseline + 3));
    if (ctx.eco && ctx.images.officerSignature) page.image(ctx.images.officerSignature, { x: r.x + r.w - 36, y: dataBaseline - 16, w: 32, h: 13 });
    if (ctx.eco && cert.certification.signatoryName) page.text("data", r.x + r.w - 2, dataBaseline, cert.certification.signatoryName, SIZE.data, { align: "right" });
    if (box.contactLabels) {
      const c = cert.certification.contact ?? {};
      const rowY = bottom - 5.6;
      const tel = page.text("form", x, rowY, "Tel:", SIZE.caption);
      page.text("data", x + tel + 1, rowY, c.tel ?? "", SIZE.caption + 0.5);
      const fax = page.text("form", x + w / 2, rowY, "Fax:", SIZE.caption);
      page.text("data", x + w / 2 + fax + 1, rowY, c.fax ?? "", SIZE.caption + 0.5);
      const addr = page.text("form", x, bottom - 2, "Address:", SIZE.caption);
      page.text("data", x + addr + 1, bottom - 2, c.address ?? "", SIZE.caption + 0.5);
    }
  }
}

function headerBlock(page: PageDraft, ctx: Ctx) {
  const { header } = ctx.layout;
  const r = header.rect;
  page.rect(r);
  const labelW = page.text("form", r.x + 2, r.y + 4.6, header.numberLabel, 7);
  page.text("data", r.x + 3 + labelW, r.y + 4.8, ctx.cert.number, 10, { bold: true });
  // the title is centred left of the QR column so that print, preview and the PCO overlay agree
  const cx = r.x + (r.w - 22) / 2;
  let y = r.y + 9;
  for (const line of header.lines) {
    const wrapped = wrapText(line.text, r.w - 26, line.size, line.bold ? "bold" : "regular");
    y = lines(page, "form", cx, y, wrapped, line.size, { align: "center", bold: line.bold }) + 0.5;
  }
  if (ctx.retro?.kind === "title") lines(page, "data", cx, y + 0.5, [ctx.cert.retroactive!.wording], SIZE.data, { align: "center", bold: true });
  if (ctx.eco) {
    if (ctx.options.publicUrl) {
      page.background.push(qrPath(verificationUrl(ctx.options.publicUrl, ctx.cert.number, ctx.cert.verificationCode), r.x + r.w - 21, r.y + 7, 19));
    }
    const s = ctx.layout.security;
    page.background.push({ kind: "art", art: voidPantographArt(s.w, s.h - 3.2, ctx.cert.hiddenWord ?? "VOID"), x: s.x, y: s.y });
    const url = ctx.options.publicUrl ? `${ctx.options.publicUrl.replace(/\/+$/, "")}/verify` : "";
    const note = [url && `Verify at ${url}`, `Code: ${ctx.cert.verificationCode}`].filter(Boolean).join("   ");
    page.text("data", s.x + s.w / 2, s.y + s.h - 0.6, note, 6, { align: "center" });
  }
}

function tickStrip(page: PageDraft, ctx: Ctx) {
  const ticks = ctx.layout.ticks;
  if (!ticks) return;
  page.rect(ticks.rect);
  page.text("form", ticks.rect.x + 1.5, ticks.rect.y + 3, `${ticks.label}.`, SIZE.boxTitle);
  for (const b of ticks.boxes) {
    page.rect({ x: b.x, y: b.y, w: 3, h: 3 }, 0.2);
    page.text("form", b.x + 4.2, b.y + 2.5, b.label, SIZE.statement);
    if (b.id === "retro" && ctx.retro?.kind === "tick") page.text("data", b.x + 1.5, b.y + 2.6, "X", 8, { align: "center", bold: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Goods

/** One goods line: each cell's lines and font size (smaller where a token is wider than its column). */
type Row = { cells: string[][]; sizes: number[]; height: number };

/** Smallest size a goods cell shrinks to so that a long token (invoice number, HS code) stays whole. */
const GOODS_MIN = 5;

const CENTRED: ColumnField[] = ["itemNo", "hsCode", "criterion", "originCountry"];

function currency(ctx: Ctx) {
  return ctx.cert.invoice.currency ?? "USD";
}

function packagesText(g: GoodsLine): string {
  if (g.packages.count === null) return `${g.description} ${g.packages.kind}`.trim();
  return `${numberToWords(g.packages.count)} (${g.packages.count}) ${g.packages.kind} OF ${g.description}`;
}

function quantityText(g: GoodsLine): string[] {
  const out = [`${formatNumber(g.quantity.value)} ${g.quantity.unit}`];
  if (g.grossWeightKg !== undefined) out.push(`G.W. ${formatNumber(g.grossWeightKg)} KGS`);
  return out;
}

function invoiceText(ctx: Ctx, g: GoodsLine, index: number): string[] {
  const own = g.invoice;
  if (own && (own.number !== ctx.cert.invoice.number || own.date !== ctx.cert.invoice.date)) return [own.number, formatDate(own.date)];
  return index === 0 ? [ctx.cert.invoice.number, formatDate(ctx.cert.invoice.date)] : [];
}

function valueText(ctx: Ctx, g: GoodsLine, prefix = ""): string[] {
  return g.value === undefined ? [] : [`${prefix}${currency(ctx)} ${formatNumber(g.value, 2)}`];
}

/** A criterion that rests on a value content (`RVC 40%`, `RVC`, a bare percentage of Form E): the FOB value then prints. */
export function rvcBased(criterion: string | undefined): boolean {
  return /RVC|\d\s*%/i.test(criterion ?? "");
}

function cellText(ctx: Ctx, column: ColumnSpec, g: GoodsLine, index: number): string[] {
  const hasMarks = ctx.layout.goods.columns.some((c) => c.field === "marks");
  switch (column.field) {
    case "itemNo":
      return [String(g.itemNo)];
    case "marks":
      return [g.marks];
    case "description": {
      const out = [];
      if (!hasMarks && g.marks) out.push(`MARKS: ${g.marks}`);
      out.push(packagesText(g));
      if (ctx.layout.goods.hsInDescription) out.push(`HS CODE: ${printedHsCode(ctx.cert.type, g.hsCode)}`);
      return out;
    }
    case "hsCode":
      return [printedHsCode(ctx.cert.type, g.hsCode)];
    case "criterion":
      return [g.criterion ?? ""];
    case "originCountry":
      return [g.originCountry ?? "CHINA"];
    case "quantity":
      return quantityText(g);
    case "quantityValue":
      return ctx.layout.goods.valueOnlyForRvc && !rvcBased(g.criterion) ? quantityText(g) : [...quantityText(g), ...valueText(ctx, g, "FOB ")];
    case "invoice":
      return invoiceText(ctx, g, index);
    case "invoiceValue":
      return [...invoiceText(ctx, g, index), ...valueText(ctx, g)];
    case "value":
      return valueText(ctx, g);
  }
}

const GOODS_PITCH = lh(SIZE.goods);
const ROW_GAP = 1.2;

function goodsRows(ctx: Ctx): Row[] {
  const cols = ctx.layout.goods.columns;
  const cellSize = (texts: string[], c: ColumnSpec) => {
    let size: number = SIZE.goods;
    while (size > GOODS_MIN && !texts.every((t) => fitTokens(t, c.w - 2, size))) size -= 0.5;
    return size;
  };
  const rows: Row[] = ctx.cert.goods.map((g, i) => {
    const texts = cols.map((c) => cellText(ctx, c, g, i));
    const sizes = cols.map((c, k) => cellSize(texts[k]!, c));
    const cells = cols.map((c, k) => texts[k]!.flatMap((t) => wrapText(t, c.w - 2, sizes[k]!)));
    return { cells, sizes, height: Math.max(1, ...cells.map((c) => c.length)) };
  });
  // end marker after the last item (REFERENCE.md §17 rule 15), with the image-marks note
  const end = cols.map((c) => {
    if (c.field === "description") return ["***"];
    if (c.field === "marks" && ctx.images.marks) return wrapText(IMAGE_MARKS_NOTE, c.w - 2, SIZE.goods);
    return [];
  });
  if (ctx.images.marks && !cols.some((c) => c.field === "marks")) end[cols.findIndex((c) => c.field === "description")]!.push(IMAGE_MARKS_NOTE);
  rows.push({ cells: end, sizes: cols.map(() => SIZE.goods), height: Math.max(1, ...end.map((c) => c.length)) });
  return rows;
}

function columnXs(cols: ColumnSpec[]): number[] {
  const xs: number[] = [];
  let x = FRAME.left;
  for (const c of cols) {
    xs.push(x);
    x += c.w;
  }
  return xs;
}

function goodsHeader(page: PageDraft, ctx: Ctx, top: number) {
  const cols = ctx.layout.goods.columns;
  const xs = columnXs(cols);
  cols.forEach((c, i) => {
    const wrapped = wrapText(`${c.label}. ${c.title}`, c.w - 1.6, SIZE.goodsHeader);
    lines(page, "form", xs[i]! + 0.8, top + 0.8, wrapped, SIZE.goodsHeader);
  });
  page.hline(FRAME.left, FRAME.right, top + ctx.layout.goods.headerHeight);
}

/** A slice of a row placed on a page: lines [from, to) at `y`. */
type Placed = { row: Row; from: number; to: number; y: number };
type BlockPlaced = { heading?: string; lines: string[]; y: number } | { image: RasterImage; y: number; h: number };

type Sheet = { first: boolean; bodyTop: number; bodyBottom: number; rows: Placed[]; blocks: BlockPlaced[]; goodsEnd?: number; continued?: number };

const CONT = { bandTop: FRAME.top, bandH: 22, goodsTop: FRAME.top + 24 } as const;

/** Pagination: goods rows fill page 1's goods band, then continuation sheets; rows split by lines only when they cannot move whole. */
function paginate(ctx: Ctx, rows: Row[]): Sheet[] {
  const g = ctx.layout.goods;
  const first: Sheet = { first: true, bodyTop: g.top + g.headerHeight + 1, bodyBottom: g.bottom - 0.8, rows: [], blocks: [] };
  const contBody = () => ({ bodyTop: CONT.goodsTop + g.headerHeight + 1, bodyBottom: g.bottom - 0.8 });
  const sheets: Sheet[] = [first];
  let sheet = first;
  let cursor = first.bodyTop;
  // one line is kept free at the bottom of every sheet for the "continued" note
  const limit = () => sheet.bodyBottom - GOODS_PITCH;
  const contCapacity = Math.floor((contBody().bodyBottom - GOODS_PITCH - contBody().bodyTop) / GOODS_PITCH);
  const newSheet = () => {
    sheet.continued = sheets.length + 1;
    sheet = { first: false, ...contBody(), rows: [], blocks: [] };
    sheets.push(sheet);
    cursor = sheet.bodyTop;
  };
  for (const row of rows) {
    let from = 0;
    while (from < row.height) {
      const fit = Math.floor((limit() - cursor + 0.01) / GOODS_PITCH);
      const rest = row.height - from;
      if (rest <= fit) {
        sheet.rows.push({ row, from, to: row.height, y: cursor });
        cursor += rest * GOODS_PITCH + ROW_GAP;
        from = row.height;
      } else if (from === 0 && rest <= contCapacity && sheet.rows.length > 0) {
        newSheet();
      } else if (fit > 0) {
        sheet.rows.push({ row, from, to: from + fit, y: cursor });
        from += fit;
        newSheet();
      } else {
        newSheet();
      }
    }
  }
  // Blocks (box text that did not fit, image marks) go on continuation sheets after the goods.
  const blocks: ({ heading?: string; lines: string[] } | { image: RasterImage })[] = [
    ...ctx.overflow.map((o) => ({ heading: o.heading, lines: o.lines })),
    ...(ctx.images.marks ? [{ heading: `MARKS AND NUMBERS (IMAGE) - ${ctx.layout.header.numberLabel} ${ctx.cert.number}`, lines: [] }, { image: ctx.images.marks }] : []),
  ];
  if (blocks.length && sheet.first) newSheet();
  if (blocks.length) {
    sheet.goodsEnd = cursor;
    cursor += 2;
  }
  const pitch = lh(SIZE.data);
  for (const block of blocks) {
    if ("image" in block) {
      const maxH = limit() - cursor;
      const full = contBody().bodyBottom - GOODS_PITCH - contBody().bodyTop - 2;
      const natural = (block.image.height / block.image.width) * (FRAME.right - FRAME.left - 8);
      const h = Math.min(natural, full);
      if (h > maxH) {
        newSheet();
        sheet.goodsEnd = cursor;
        cursor += 2;
      }
      sheet.blocks.push({ image: block.image, y: cursor, h });
      cursor += h + 2;
      continue;
    }
    const all = block.heading ? [block.heading, ...block.lines] : block.lines;
    let from = 0;
    while (from < all.length) {
      const fit = Math.floor((limit() - cursor + 0.01) / pitch);
      if (fit <= 0) {
        newSheet();
        sheet.goodsEnd = cursor;
        cursor += 2;
        continue;
      }
      const part = all.slice(from, from + fit);
      sheet.blocks.push({ heading: from === 0 ? block.heading : undefined, lines: from === 0 && block.heading ? part.slice(1) : part, y: cursor });
      cursor += part.length * pitch + 1.5;
      from += part.length;
    }
  }
  return sheets;
}

function drawGoods(page: PageDraft, ctx: Ctx, sheet: Sheet, bandTop: number) {
  const g = ctx.layout.goods;
  const cols = g.columns;
  const xs = columnXs(cols);
  const bandBottom = g.bottom;
  page.rect({ x: FRAME.left, y: bandTop, w: FRAME.right - FRAME.left, h: bandBottom - bandTop });
  goodsHeader(page, ctx, bandTop);
  const colBottom = sheet.goodsEnd ?? bandBottom;
  for (let i = 1; i < xs.length; i++) page.vline(xs[i]!, bandTop, colBottom);
  if (sheet.goodsEnd !== undefined) page.hline(FRAME.left, FRAME.right, sheet.goodsEnd);
  for (const placed of sheet.rows) {
    cols.forEach((c, i) => {
      const cell = placed.row.cells[i]!.slice(placed.from, placed.to);
      const centred = CENTRED.includes(c.field);
      const size = placed.row.sizes[i]!;
      let y = placed.y;
      // smaller cells keep the row's line pitch so that the columns stay aligned
      for (const line of cell) {
        page.text("data", centred ? xs[i]! + c.w / 2 : xs[i]! + 1, y + ascentOf(size), line, size, { align: centred ? "center" : "left" });
        y += GOODS_PITCH;
      }
    });
  }
  for (const block of sheet.blocks) {
    if ("image" in block) {
      page.image(block.image, { x: FRAME.left + 4, y: block.y, w: FRAME.right - FRAME.left - 8, h: block.h });
      continue;
    }
    let y = block.y;
    if (block.heading) y = lines(page, "data", FRAME.left + 2, y, [block.heading], SIZE.data, { bold: true });
    lines(page, "data", FRAME.left + 2, y, block.lines, SIZE.data);
  }
  if (sheet.continued) {
    const desc = cols.findIndex((c) => c.field === "description");
    const x = desc >= 0 ? xs[desc]! + 1 : FRAME.left + 2;
    page.text("data", x, sheet.bodyBottom - GOODS_PITCH + ascentOf(SIZE.goods), CONTINUED(sheet.continued), SIZE.goods, { bold: true });
  }
}

// ---------------------------------------------------------------------------------------------

/** Diagonal watermark centred on the page, above everything, and a plain mark in the top margin. */
function previewMark(page: PageDraft) {
  const size = 96;
  const half = textWidth("PREVIEW", size, "bold") / 2;
  const lift = (size * PT * 0.35) / Math.SQRT2;
  page.images.push({
    kind: "text",
    x: A4.width / 2 - half / Math.SQRT2 + lift,
    y: A4.height / 2 + half / Math.SQRT2 + lift,
    size,
    font: "bold",
    text: "PREVIEW",
    color: PREVIEW_COLOR,
    opacity: 0.22,
    rotate: 45,
  });
  page.images.push({ kind: "text", x: FRAME.left, y: 7, size: 8, font: "bold", text: "PREVIEW", color: PREVIEW_COLOR });
}

function pageNumber(page: PageDraft, n: number, m: number) {
  page.text("data", FRAME.right, 7, `Page ${n} of ${m}`, 7.5, { align: "right" });
}

/** Page 1 without its goods: drawing the boxes is what finds text that must continue elsewhere. */
function firstPage(ctx: Ctx): PageDraft {
  const page = new PageDraft();
  headerBlock(page, ctx);
  for (const box of ctx.layout.boxes) {
    if (box.field === "declaration" || box.field === "certification") signedBox(page, box, ctx);
    else if (box.field === "none") boxFrame(page, box);
    else dataBox(page, box, ctx);
  }
  tickStrip(page, ctx);
  return page;
}

function continuationPage(ctx: Ctx, sheet: Sheet): PageDraft {
  const page = new PageDraft();
  const band = { x: FRAME.left, y: CONT.bandTop, w: FRAME.right - FRAME.left, h: CONT.bandH };
  page.rect(band);
  page.text("form", band.x + 2, band.y + 8, CONTINUATION_TITLE, 12, { bold: true });
  lines(page, "form", band.x + 2, band.y + 10.5, wrapText(ctx.layout.name, 100, 7.5), 7.5);
  // label at a fixed place (pre-printed), the number after it
  const labelW = page.text("form", band.x + 108, band.y + 8, ctx.layout.header.numberLabel, 7);
  page.text("data", band.x + 109.5 + labelW, band.y + 8, ctx.cert.number, 10, { bold: true });
  if (ctx.eco && ctx.options.publicUrl) {
    page.background.push(qrPath(verificationUrl(ctx.options.publicUrl, ctx.cert.number, ctx.cert.verificationCode), band.x + band.w - 20, band.y + 1.5, 19));
  }
  drawGoods(page, ctx, sheet, CONT.goodsTop);
  // the bottom band (declaration, certification and anything under them) repeats on every sheet
  for (const box of ctx.layout.boxes) {
    if (box.rect.y < ctx.layout.goods.bottom) continue;
    if (box.field === "declaration" || box.field === "certification") signedBox(page, box, ctx);
    else boxFrame(page, box);
  }
  tickStrip(page, ctx);
  return page;
}

function shift(item: Item, dx: number, dy: number): Item {
  switch (item.kind) {
    case "line":
      return { ...item, x1: item.x1 + dx, x2: item.x2 + dx, y1: item.y1 + dy, y2: item.y2 + dy };
    case "path":
      // PCO pages carry no paths (QR and artwork are eCO only)
      return item;
    default:
      return { ...item, x: item.x + dx, y: item.y + dy };
  }
}

function finish(draft: PageDraft, opts: { withForm: boolean; dx: number; dy: number; eco: boolean }): Page {
  const items: Item[] = [];
  if (opts.eco) items.push({ kind: "art", art: guillocheArt(), x: 0, y: 0 });
  items.push(...draft.background);
  if (opts.withForm) items.push(...draft.form);
  for (const item of [...draft.data, ...draft.images]) items.push(opts.dx || opts.dy ? shift(item, opts.dx, opts.dy) : item);
  return { ...A4, items };
}

/** Lays a certificate out on A4 pages (see the module comment). */
export function composeCertificate(cert: PrintableCertificate, options: RenderOptions): Scene {
  const layout = formLayout(cert.type);
  const eco = cert.mode === "ECO";
  const img = cert.images ?? {};
  const ctx: Ctx = {
    cert,
    options,
    layout,
    eco,
    retro: retroTarget(cert, layout),
    images: {
      officeSeal: img.officeSeal && toRaster(img.officeSeal),
      officerSignature: img.officerSignature && toRaster(img.officerSignature),
      enterpriseSeal: img.enterpriseSeal && toRaster(img.enterpriseSeal),
      signature: img.signature && toRaster(img.signature),
      marks: img.marks && toRaster(img.marks),
    },
    overflow: [],
  };
  const first = firstPage(ctx);
  const sheets = paginate(ctx, goodsRows(ctx));
  drawGoods(first, ctx, sheets[0]!, layout.goods.top);
  const drafts = [first, ...sheets.slice(1).map((s) => continuationPage(ctx, s))];
  const pco = !eco && !options.preview;
  const pages = drafts.map((draft, i) => {
    pageNumber(draft, i + 1, drafts.length);
    if (options.preview) previewMark(draft);
    // PCO: page 1 is the pre-printed form, so only its data prints, shifted by the printer's calibration;
    // continuation sheets have no pre-printed form and print whole.
    const onForm = pco && i === 0;
    const cal = onForm ? (options.calibration ?? { xMm: 0, yMm: 0 }) : { xMm: 0, yMm: 0 };
    return finish(draft, { withForm: !onForm, dx: cal.xMm, dy: cal.yMm, eco });
  });
  // an eCO is the whole document: the overleaf notes its face refers to are its last page (unnumbered)
  if (eco && layout.backNotes) pages.push(...composeBackPage(cert.type).pages);
  return {
    title: `${layout.name} ${cert.number}`.trim(),
    preview: options.preview,
    pages,
  };
}
