/**
 * The certificate page of a commercial document certificate (商事证明书) and the issued file: that
 * page followed by the attached document's pages, one PDF. Layout only; the office's PAdES
 * signature is applied afterwards (modules/endorsement), as for an eCO.
 */
import { PT } from "./fonts.ts";
import { fitInto, toRaster } from "./images.ts";
import type { ImageBytes } from "./model.ts";
import { A4, type Item, type Rgb, type Scene } from "./scene.ts";
import { qrPath, verificationUrl } from "./security.ts";
import { formatDate, wrapText } from "./text.ts";
import { placeText } from "./typeset.ts";

export type PrintableCommercialCertificate = {
  number: string;
  verificationCode: string;
  /** YYYY-MM-DD */
  date: string;
  place: string;
  officeNameEn: string;
  officeNameZh: string;
  enterpriseNameEn: string;
  enterpriseNameZh: string;
  document: { nameEn: string; nameZh: string; number: string; pages: number };
  destination: string;
  purpose: string;
  copies: number;
  statementEn: string;
  statementZh: string;
  signatoryName?: string;
  officeSeal?: ImageBytes;
  officerSignature?: ImageBytes;
};

const INK: Rgb = [0, 0, 0];
const RULE: Rgb = [0.45, 0.2, 0.15];
const LEFT = 22;
const WIDTH = A4.width - 2 * LEFT;

/** The page: title, number and date, who and what, the office's attestation, seal, signature and QR. */
export function composeCommercialCertificate(
  c: PrintableCommercialCertificate,
  { preview = false, publicUrl = "" }: { preview?: boolean; publicUrl?: string } = {},
): Scene {
  const items: Item[] = [];
  const text = (x: number, y: number, s: string, size: number, opts: Parameters<typeof placeText>[5] = {}) => placeText(items, x, y, s, size, opts);
  const para = (y: number, s: string, size: number, opts: { bold?: boolean } = {}) => {
    for (const line of wrapText(s, WIDTH, size, opts.bold ? "bold" : "regular")) {
      text(LEFT, y, line, size, opts);
      y += size * PT * 1.45;
    }
    return y;
  };
  items.push({ kind: "rect", x: 12, y: 12, w: A4.width - 24, h: A4.height - 24, stroke: RULE, lineWidth: 0.8 });
  items.push({ kind: "rect", x: 14, y: 14, w: A4.width - 28, h: A4.height - 28, stroke: RULE, lineWidth: 0.25 });
  text(A4.width / 2, 32, c.officeNameZh, 13, { align: "center", bold: true });
  text(A4.width / 2, 39, c.officeNameEn.toUpperCase(), 9.5, { align: "center" });
  text(A4.width / 2, 54, "商 事 证 明 书", 20, { align: "center", bold: true });
  text(A4.width / 2, 62, "CERTIFICATE", 15, { align: "center", bold: true, color: RULE });
  if (c.number) items.push(qrPath(verificationUrl(publicUrl, c.number, c.verificationCode), A4.width - LEFT - 24, 22, 24));
  let y = 76;
  const row = (label: string, value: string) => {
    text(LEFT, y, label, 9, { bold: true });
    const lines = wrapText(value, WIDTH - 58, 9.5);
    lines.forEach((l, i) => text(LEFT + 58, y + i * 5, l, 9.5));
    y += Math.max(1, lines.length) * 5 + 1.6;
  };
  row("证明书号 No.", c.number || "—");
  row("校验码 Verification code", c.verificationCode || "—");
  row("日期 Date", `${c.date}  (${formatDate(c.date)})`);
  row("申请人 Applicant", `${c.enterpriseNameZh}  ${c.enterpriseNameEn}`);
  row(
    "所附单据 Document",
    `${c.document.nameZh} ${c.document.nameEn}  No. ${c.document.number}  (${c.document.pages} page${c.document.pages === 1 ? "" : "s"})`,
  );
  row("目的国 Destination", c.destination);
  if (c.purpose) row("用途 Purpose", c.purpose);
  row("份数 Copies", String(c.copies));
  items.push({ kind: "line", x1: LEFT, y1: y + 2, x2: A4.width - LEFT, y2: y + 2, color: RULE, lineWidth: 0.3 });
  y += 12;
  y = para(y, c.statementZh, 11.5);
  y = para(y + 3, c.statementEn, 11);
  y = para(y + 3, "The attached document forms an integral part of this certificate. 所附单据为本证明书不可分割的组成部分。", 8.5);
  const base = Math.max(y + 50, 235);
  text(LEFT, base, `${c.place}, ${formatDate(c.date)}`, 10);
  text(LEFT, base + 6, c.officeNameEn, 9);
  if (c.officeSeal) {
    const seal = toRaster(c.officeSeal);
    items.push({ kind: "image", ...fitInto(seal, { x: LEFT + 20, y: base - 42, w: 40, h: 40 }), image: seal });
  }
  const signX = A4.width - LEFT - 60;
  if (c.officerSignature) {
    const sig = toRaster(c.officerSignature);
    items.push({ kind: "image", ...fitInto(sig, { x: signX, y: base - 18, w: 50, h: 16 }), image: sig });
  }
  items.push({ kind: "line", x1: signX, y1: base + 1, x2: A4.width - LEFT, y2: base + 1, color: INK, lineWidth: 0.2 });
  text(signX, base + 5, c.signatoryName ?? "", 9);
  text(signX, base + 10, "Authorised signature 授权签字", 7.5);
  text(LEFT, A4.height - 20, `Verify: ${publicUrl.replace(/\/+$/, "")}/verify  No. ${c.number || "—"}  Code ${c.verificationCode || "—"}`, 7.5);
  if (preview) items.push({ kind: "text", x: 40, y: 200, size: 90, font: "bold", text: "PREVIEW", color: [0.85, 0.2, 0.2], opacity: 0.2, rotate: 40 });
  return { title: `${c.number || "PREVIEW"} Commercial document certificate`, preview, pages: [{ ...A4, items }] };
}

/**
 * The issued file: the certificate page, then every page of the attached PDF, or the scan on an A4
 * page of its own (scaled to fit within 10 mm margins).
 */
export async function renderCommercialCertificatePdf({
  certificate,
  attachment,
  preview = false,
  publicUrl,
}: {
  certificate: PrintableCommercialCertificate;
  attachment: { bytes: Uint8Array; mediaType: string } | null;
  preview?: boolean;
  publicUrl?: string;
}): Promise<Uint8Array> {
  // pdf-lib and the painter load with the first file drawn, not with the server (decision 0020).
  const [{ paintPdf }, { PDFDocument }] = await Promise.all([import("./paint-pdf.ts"), import("pdf-lib")]);
  const page = await paintPdf(composeCommercialCertificate(certificate, { preview, publicUrl }));
  if (!attachment) return page;
  const doc = await PDFDocument.load(page, { updateMetadata: false });
  if (attachment.mediaType === "application/pdf") {
    const source = await PDFDocument.load(attachment.bytes, { updateMetadata: false });
    for (const p of await doc.copyPages(source, source.getPageIndices())) doc.addPage(p);
  } else {
    const image = attachment.mediaType === "image/png" ? await doc.embedPng(attachment.bytes) : await doc.embedJpg(attachment.bytes);
    const mm = 72 / 25.4;
    const [pw, ph] = [A4.width * mm, A4.height * mm];
    const scale = Math.min((pw - 20 * mm) / image.width, (ph - 20 * mm) / image.height);
    const [w, h] = [image.width * scale, image.height * scale];
    doc.addPage([pw, ph]).drawImage(image, { x: (pw - w) / 2, y: (ph - h) / 2, width: w, height: h });
  }
  return doc.save({ useObjectStreams: false });
}
