import { PT, textWidth } from "./fonts.ts";
import { composeBackPage } from "./back-page.ts";
import { formLayout } from "./forms/index.ts";
import { FRAME } from "./forms/families.ts";
import { toRaster } from "./images.ts";
import type { PrintableCertificate, RenderOptions } from "./model.ts";
import { A4, type Item, type Page, type Scene } from "./scene.ts";
import { guillocheArt, qrPath, verificationUrl } from "./security.ts";
import { wrapText } from "./text.ts";
import { boxFrame, dataBox, headerBlock, signedBox, tickStrip } from "./compose-boxes.ts";
import { CONTINUATION_TITLE, type Ctx, lines, PageDraft, PREVIEW_COLOR, retroTarget } from "./compose-draft.ts";
import { CONT, drawGoods, goodsRows, paginate, type Sheet } from "./compose-goods.ts";

/**
 * The layout engine: a certificate and its form → positioned pages. Line breaking and pagination
 * happen here, once, from the font metrics; painters only draw what this returns. Its parts:
 * compose-draft.ts (the page draft, sizes, text fitting), compose-boxes.ts (page 1's boxes),
 * compose-goods.ts (the goods table and pagination); this file assembles the pages.
 */

export { BOX_CONTINUED, CONTINUED, IMAGE_MARKS_NOTE } from "./compose-draft.ts";
export { rvcBased } from "./compose-goods.ts";

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
