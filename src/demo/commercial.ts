/**
 * The demo's commercial invoice (a one-page PDF drawn here, Latin text only): the document behind
 * the demo's certified 商事证明, so the walk-through has an issued commercial certificate to open.
 */
export async function demoInvoicePdf({ number, seller, buyer }: { number: string; seller: string; buyer: string }): Promise<Uint8Array> {
  // Imported here: the demo loader is part of every start, this file only of the first.
  const { PDFDocument, StandardFonts, rgb } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  doc.setTitle(`Commercial Invoice ${number}`);
  const [regular, bold] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold)]);
  const page = doc.addPage([595.28, 841.89]);
  const text = (s: string, x: number, y: number, size = 10, font = regular) => page.drawText(s, { x, y, size, font });
  text("COMMERCIAL INVOICE", 190, 780, 18, bold);
  text(`Invoice No.: ${number}`, 50, 740);
  text("Date: 2026-11-28", 400, 740);
  text("Seller:", 50, 715, 10, bold);
  text(seller, 50, 700);
  text("Buyer:", 50, 675, 10, bold);
  text(buyer, 50, 660);
  text("Terms: FOB TIANJIN    Payment: L/C at sight", 50, 635);
  const rows = [
    ["1", "WORKING GLOVES, KNITTED, COATED", "12,000 PAIRS", "USD 0.85", "USD 10,200.00"],
    ["2", "SAFETY GOGGLES, POLYCARBONATE", "3,000 PCS", "USD 1.60", "USD 4,800.00"],
  ];
  const xs = [50, 75, 300, 400, 480];
  ["No.", "Description", "Quantity", "Unit price", "Amount"].forEach((h, i) => text(h, xs[i]!, 600, 10, bold));
  page.drawLine({ start: { x: 50, y: 595 }, end: { x: 545, y: 595 }, thickness: 0.5, color: rgb(0, 0, 0) });
  rows.forEach((r, j) => r.forEach((cell, i) => text(cell, xs[i]!, 578 - j * 18, 9)));
  text("TOTAL: USD 15,000.00", 400, 520, 10, bold);
  text("For and on behalf of the seller (signature and company chop)", 50, 440, 9);
  page.drawEllipse({ x: 130, y: 390, xScale: 38, yScale: 38, borderColor: rgb(0.8, 0.1, 0.1), borderWidth: 2 });
  text("DEMO", 112, 386, 12, bold);
  return doc.save();
}
