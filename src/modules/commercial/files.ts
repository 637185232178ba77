/**
 * The uploaded document, judged by its content: a PDF (header, then parsed whole by pdf-lib for its
 * page count) or a JPEG/PNG scan (through the one image inspector, lib/images.ts). Size first, so a
 * large file is refused before anything is parsed.
 */
import { unstorableChar } from "../../lib/charset.ts";
import { AppError, invalid } from "../../lib/errors.ts";
import { inspectImage, sniffImageType, type ImageLimits } from "../../lib/images.ts";
import { inspectPdf, isPdf } from "../../lib/pdf.ts";
import { M } from "./messages.ts";
import { COMMERCIAL_LIMITS } from "./rules.ts";

/** A scan at 300 dpi of an A3 page is about 3500 × 5000 pixels; past that it is not a scan of a page. */
export const SCAN_LIMITS: ImageLimits = {
  types: ["image/png", "image/jpeg"],
  maxBytes: COMMERCIAL_LIMITS.maxBytes,
  minSide: 200,
  maxSide: 6000,
  maxPixels: 24_000_000,
};

export type UploadFacts = { mediaType: "application/pdf" | "image/png" | "image/jpeg"; pageCount: number; byteSize: number; sha256: string };

const fileIssue = (message: string, code: "invalid" | "too_large" = "invalid") => new AppError(code, message, [{ path: "file", message }]);

export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The facts of an acceptable upload, or an AppError naming the file field (413 past the size limit, else 400). */
export async function inspectUpload(bytes: Uint8Array): Promise<UploadFacts> {
  if (!bytes.byteLength) throw invalid(M.fileRequired, [{ path: "file", message: M.fileRequired }]);
  if (bytes.byteLength > COMMERCIAL_LIMITS.maxBytes) throw fileIssue(M.fileTooLarge(mb(bytes.byteLength)), "too_large");
  const sha256 = new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
  if (isPdf(bytes)) {
    const verdict = await inspectPdf(bytes, { maxPages: COMMERCIAL_LIMITS.maxPages });
    if (!verdict.ok) {
      if (verdict.problem === "encrypted") throw fileIssue(M.pdfEncrypted);
      if (verdict.problem === "pages") throw fileIssue(M.pdfPages(verdict.pageCount ?? 0, COMMERCIAL_LIMITS.maxPages));
      throw fileIssue(M.pdfDamaged);
    }
    return { mediaType: "application/pdf", pageCount: verdict.pageCount, byteSize: bytes.byteLength, sha256 };
  }
  const sniffed = sniffImageType(bytes);
  if (sniffed !== "image/png" && sniffed !== "image/jpeg") throw fileIssue(M.fileType);
  const verdict = await inspectImage(bytes, SCAN_LIMITS);
  if (!verdict.ok) throw fileIssue(M.image(verdict.message));
  return { mediaType: sniffed, pageCount: 1, byteSize: bytes.byteLength, sha256 };
}

/** A file name kept for display: the last path part, without control characters, at most 120 characters. */
export function cleanFileName(name: string | undefined, mediaType: string) {
  const base = (name ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(-120);
  return base && !unstorableChar(base) ? base : `document.${mediaType === "application/pdf" ? "pdf" : mediaType === "image/png" ? "png" : "jpg"}`;
}
