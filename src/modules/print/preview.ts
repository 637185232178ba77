/**
 * The certificate as it will print, shown in the pages (证书预览): page images rasterised from the
 * same layout as the PDF, and the PDF itself on request. Read with the caller's own visibility
 * (getPrintableCertificate → not_found for another enterprise's or office's certificate).
 */
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { certificatePages, printableTypes, renderCertificatePdf, type CertificateType, type PrintableCertificate } from "../../render/index.ts";
import { getPrintableCertificate, issuedCertificatePdf } from "../certificates/index.ts";
import { M } from "./messages.ts";

/** Screen resolution of the page images: A4 at 120 dpi is 992 px wide, sharp enough to read box 7. */
export const PREVIEW_DPI = 120;

/** Changes with every start, so a new renderer never serves an old image under a cached ETag. */
const RENDERER_EPOCH = Date.now().toString(36);

type Env = { db: Db; user: CurrentUser; id: string; verifyBaseUrl: string };
/** The office's signing key is opened with this (TWO_FACTOR_KEY), for the issued eCO file. */
type PdfEnv = Env & { secretKey: string };

async function load({ db, user, id, verifyBaseUrl }: Env) {
  const p = await getPrintableCertificate({ db, user, id });
  const options = { preview: p.preview, printSeal: p.printSeal, publicUrl: verifyBaseUrl };
  return { ...p, options, printable: printableTypes().includes(p.certificate.type as CertificateType) };
}

/**
 * A validator of everything the drawing depends on (the view model with image bytes hashed, the
 * options, the renderer's start): equal tags mean equal pictures, so a revalidation answers 304
 * without drawing anything.
 */
function drawingTag(certificate: PrintableCertificate, options: object, page: number | "pdf" | "all"): string {
  const json = JSON.stringify({ certificate, options, page, epoch: RENDERER_EPOCH }, (_k, v) => (v instanceof Uint8Array ? Bun.hash(v).toString(36) : v));
  return `"${new Bun.CryptoHasher("sha256").update(json).digest("base64url").slice(0, 32)}"`;
}

/**
 * What the preview block lists: the number of pages, whether they are marked PREVIEW, and a version
 * of the drawing for the image URLs (a browser reuses an image already in the document for the same
 * URL without asking, so a changed drawing needs a new URL); or why there is no picture.
 */
export async function describeCertificatePreview(env: Env) {
  const p = await load(env);
  const base = { id: env.id, preview: p.preview, version: drawingTag(p.certificate, p.options, "all").slice(1, 13) };
  if (!p.printable) return { ...base, printable: false as const, message: M.previewNoLayout(p.certificate.type), pages: 0 };
  return { ...base, printable: true as const, message: null, pages: certificatePages({ certificate: p.certificate, options: p.options }).count };
}

/** One page image (0-based), with its ETag; `png()` draws only when the caller's copy is stale. */
export async function getCertificatePageImage(env: Env & { page: number }) {
  const p = await load(env);
  if (!p.printable) throw new AppError("not_found", M.previewNoLayout(p.certificate.type));
  const pages = certificatePages({ certificate: p.certificate, options: p.options });
  if (!Number.isInteger(env.page) || env.page < 0 || env.page >= pages.count) throw new AppError("not_found", M.previewNoPage);
  return { etag: drawingTag(p.certificate, p.options, env.page), png: () => pages.png(env.page, PREVIEW_DPI) };
}

/**
 * The PDF of the same drawing, with its file name (`-preview` while marked PREVIEW). Once it is the
 * print of an eCO, the file is the signed one stored at issue, as the API and the printers get it.
 */
export async function getCertificatePreviewPdf(env: PdfEnv) {
  const p = await load(env);
  if (!p.printable) throw new AppError("not_found", M.previewNoLayout(p.certificate.type));
  const issued = !p.preview && p.certificate.mode === "ECO";
  return {
    etag: drawingTag(p.certificate, p.options, "pdf"),
    fileName: `${p.certificate.number || env.id}${p.preview ? "-preview" : ""}.pdf`,
    pdf: async () =>
      issued
        ? (await issuedCertificatePdf({ db: env.db, printable: p, publicUrl: env.verifyBaseUrl, secretKey: env.secretKey })).data
        : renderCertificatePdf({ certificate: p.certificate, options: p.options }),
  };
}
