import { PDFDocument, StandardFonts } from "pdf-lib";

/** A small real PDF of `pages` A4 pages, each saying which it is (the attached commercial invoice of tests). */
export async function invoicePdf(pages = 2, title = "COMMERCIAL INVOICE CI-2026-001"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${title} — page ${i} of ${pages}`, { x: 60, y: 760, size: 14, font });
  }
  return doc.save();
}

/** The fields of a complete application for a commercial invoice. */
export const invoiceFields = (documentNo = `CI-${crypto.randomUUID().slice(0, 8)}`) => ({
  docType: "COMMERCIAL_INVOICE",
  documentNo,
  destinationCountry: "AE",
  purpose: "LC negotiation 信用证结汇",
  copies: 2,
  remarks: "",
});
