/** The goods table: each line's cells, and pagination over page 1's goods band and the continuation sheets. */
import { printedHsCode } from "./forms/boxes.ts";
import { FRAME } from "./forms/families.ts";
import type { ColumnField, ColumnSpec } from "./forms/types.ts";
import type { GoodsLine } from "./model.ts";
import type { RasterImage } from "./scene.ts";
import { fitTokens, formatDate, formatNumber, numberToWords, wrapText } from "./text.ts";
import { ascentOf, CONTINUED, type Ctx, IMAGE_MARKS_NOTE, lh, lines, type PageDraft, SIZE } from "./compose-draft.ts";

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

export function goodsRows(ctx: Ctx): Row[] {
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

export type Sheet = { first: boolean; bodyTop: number; bodyBottom: number; rows: Placed[]; blocks: BlockPlaced[]; goodsEnd?: number; continued?: number };

export const CONT = { bandTop: FRAME.top, bandH: 22, goodsTop: FRAME.top + 24 } as const;

/** Pagination: goods rows fill page 1's goods band, then continuation sheets; rows split by lines only when they cannot move whole. */
export function paginate(ctx: Ctx, rows: Row[]): Sheet[] {
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
    ...(ctx.images.marks
      ? [{ heading: `MARKS AND NUMBERS (IMAGE) - ${ctx.layout.header.numberLabel} ${ctx.cert.number}`, lines: [] }, { image: ctx.images.marks }]
      : []),
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

export function drawGoods(page: PageDraft, ctx: Ctx, sheet: Sheet, bandTop: number) {
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
