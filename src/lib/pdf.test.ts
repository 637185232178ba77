import { describe, expect, test } from "bun:test";
import { invoicePdf } from "../../test/support/commercial.ts";
import { inspectPdf, isPdf, pdfPage } from "./pdf.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("inspectPdf", () => {
  test("a real PDF: its page count; over the page limit: refused with the count", async () => {
    const pdf = await invoicePdf(3);
    expect(await inspectPdf(pdf, { maxPages: 5 })).toEqual({ ok: true, pageCount: 3 });
    expect(await inspectPdf(pdf, { maxPages: 2 })).toEqual({ ok: false, problem: "pages", pageCount: 3 });
  });

  test("by content: no header is not a PDF; a header over nothing, no catalog or a dangling root is damaged (found by the API fuzzer)", async () => {
    expect(isPdf(bytes("junk before %PDF-1.4"))).toBe(true);
    expect(isPdf(bytes("%PDF"))).toBe(false);
    expect(await inspectPdf(bytes("GIF89a"), { maxPages: 5 })).toEqual({ ok: false, problem: "type" });
    for (const s of ["%PDF-1.7\n", "%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF", "%PDF-1.4\ntrailer\n<< /Root 5 0 R >>\n%%EOF"]) {
      expect(await inspectPdf(bytes(s), { maxPages: 5 })).toEqual({ ok: false, problem: "damaged" });
    }
  });

  test("pdfPage: one page as its own PDF, or null past the end", async () => {
    const pdf = await invoicePdf(2);
    expect(await inspectPdf((await pdfPage(pdf, 2))!, { maxPages: 5 })).toEqual({ ok: true, pageCount: 1 });
    expect(await pdfPage(pdf, 3)).toBeNull();
    expect(await pdfPage(pdf, 0)).toBeNull();
  });
});
