/** Page 1's boxes: the header, data boxes that shrink or continue their text, the signed boxes with seals, the tick strip. */
import { textWidth } from "./fonts.ts";
import type { BoxSpec, Rect } from "./forms/types.ts";
import { qrPath, verificationUrl, voidPantographArt } from "./security.ts";
import { formatDate, wrapText } from "./text.ts";
import { ascentOf, type Ctx, fitText, lh, lines, type PageDraft, partyText, SIZE } from "./compose-draft.ts";

/** Draws a box frame and its numbered title; returns the y where its data may start. */
export function boxFrame(page: PageDraft, box: BoxSpec): number {
  page.rect(box.rect);
  const title = box.label ? `${box.label}. ${box.title}` : box.title;
  const titleLines = wrapText(title, box.rect.w - 3, SIZE.boxTitle);
  return lines(page, "form", box.rect.x + 1.5, box.rect.y + 0.8, titleLines, SIZE.boxTitle) + 0.6;
}

export function dataBox(page: PageDraft, box: BoxSpec, ctx: Ctx) {
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
export function signedBox(page: PageDraft, box: BoxSpec, ctx: Ctx) {
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
    if (ctx.eco && cert.certification.signatoryName)
      page.text("data", r.x + r.w - 2, dataBaseline, cert.certification.signatoryName, SIZE.data, { align: "right" });
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

export function headerBlock(page: PageDraft, ctx: Ctx) {
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

export function tickStrip(page: PageDraft, ctx: Ctx) {
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
