/** pdf-lib is imported by the functions that use it: loading it costs ~0.15 s of a start-up that needs none of it. */
const pdfLib = () => import("pdf-lib");

/** A PDF by its content: the header `%PDF-` within the first kilobyte (as readers accept it). */
export function isPdf(bytes: Uint8Array) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes("%PDF-");
}

export type PdfVerdict = { ok: true; pageCount: number } | { ok: false; problem: "type" | "damaged" | "encrypted" | "pages"; pageCount?: number };

/**
 * Whether the bytes are a PDF this system can carry and append to another: the header, then the
 * whole document parsed by pdf-lib (the library that later copies its pages) and its pages copied
 * once, not encrypted, with between one and `maxPages` pages.
 */
export async function inspectPdf(bytes: Uint8Array, { maxPages }: { maxPages: number }): Promise<PdfVerdict> {
  if (!isPdf(bytes)) return { ok: false, problem: "type" };
  let pageCount: number;
  const { PDFDocument } = await pdfLib();
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    // A file pdf-lib parses may still lack a catalog or page tree: counting the pages walks them.
    pageCount = doc.getPageCount();
    // Copying the pages walks every object they use: what the issued file will do with them later.
    if (pageCount >= 1 && pageCount <= maxPages) await (await PDFDocument.create({ updateMetadata: false })).copyPages(doc, doc.getPageIndices());
  } catch (e) {
    // pdf-lib is compiled to ES5, where `instanceof EncryptedPDFError` never holds: its message says it.
    return { ok: false, problem: /is encrypted/.test(String((e as Error)?.message)) ? "encrypted" : "damaged" };
  }
  if (pageCount < 1) return { ok: false, problem: "damaged" };
  if (pageCount > maxPages) return { ok: false, problem: "pages", pageCount };
  return { ok: true, pageCount };
}

/** Page `n` (1-based) of a PDF as a PDF of its own, or null when there is no such page. */
export async function pdfPage(bytes: Uint8Array, n: number): Promise<Uint8Array | null> {
  const { PDFDocument } = await pdfLib();
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  if (!Number.isInteger(n) || n < 1 || n > source.getPageCount()) return null;
  const out = await PDFDocument.create({ updateMetadata: false });
  const [page] = await out.copyPages(source, [n - 1]);
  out.addPage(page!);
  return out.save();
}
