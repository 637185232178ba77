/**
 * 商事证明 (docs/decisions/0018-commercial-documents.md): what an upload near the limits costs —
 * checking a 10 MB, 50-page PDF (pdf-lib parses it whole), serving one of its pages to the review
 * page, and issuing: the certificate page drawn, the document appended, the whole signed.
 * Run alone: `bun run bench commercial`.
 */
import { PDFDocument } from "pdf-lib";
import { createSelfSignedKey, signPdf } from "../src/modules/endorsement/signing.ts";
import { inspectPdf, pdfPage } from "../src/lib/pdf.ts";
import { sealImage, signatureImage } from "../src/render/fixtures.ts";
import { renderCommercialCertificatePdf } from "../src/render/index.ts";
import { noisePng } from "../test/support/images.ts";
import { ms, summary } from "./lib.ts";

async function timed(runs: number, fn: () => Promise<unknown>) {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return summary(out);
}

/** A scanned-looking PDF: `pages` pages, each one incompressible image, about `bytes` in all. */
async function scannedPdf(pages: number, bytes: number) {
  const doc = await PDFDocument.create();
  const side = Math.floor(Math.sqrt(bytes / pages / 3));
  for (let i = 0; i < pages; i++) {
    const image = await doc.embedPng(noisePng(side, side));
    doc.addPage([595, 842]).drawImage(image, { x: 50, y: 200, width: 495, height: 495 });
  }
  return doc.save();
}

export async function benchCommercial() {
  const big = await scannedPdf(50, 9.5 * 1024 * 1024);
  const small = await scannedPdf(2, 300 * 1024);
  const key = createSelfSignedKey({ officeName: "CCPIT BEIJING SUB-COUNCIL" });
  const certificate = {
    number: "S261100B0000042",
    verificationCode: "K7Q2M9XA",
    date: "2026-12-03",
    place: "BEIJING, CHINA",
    officeNameEn: "CCPIT BEIJING SUB-COUNCIL",
    officeNameZh: "中国国际贸易促进委员会北京市分会",
    enterpriseNameEn: "BEIJING TUOBANG INVESTMENT CO., LTD.",
    enterpriseNameZh: "北京拓邦投资有限公司",
    document: { nameEn: "Commercial Invoice", nameZh: "商业发票", number: "TB-2026-0815", pages: 50 },
    destination: "UNITED ARAB EMIRATES",
    purpose: "L/C negotiation",
    copies: 2,
    statementZh: "兹证明所附北京拓邦投资有限公司商业发票（编号：TB-2026-0815）上的印章及签字属实。",
    statementEn:
      "This is to certify that the seal and signature on the attached Commercial Invoice No. TB-2026-0815 of BEIJING TUOBANG INVESTMENT CO., LTD. are authentic.",
    signatoryName: "LI MING",
    officeSeal: sealImage(),
    officerSignature: signatureImage(),
  };
  const issue = (attachment: Uint8Array) => async () => {
    const pdf = await renderCommercialCertificatePdf({
      certificate,
      attachment: { bytes: attachment, mediaType: "application/pdf" },
      publicUrl: "https://origo.example.cn",
    });
    return signPdf(pdf, { key, reason: certificate.number, name: certificate.officeNameEn, location: certificate.place });
  };
  const rss0 = process.memoryUsage().rss;
  const inspect = await timed(5, () => inspectPdf(big, { maxPages: 50 }));
  const page = await timed(5, () => pdfPage(big, 25));
  const issueSmall = await timed(5, issue(small));
  const issueBig = await timed(3, issue(big));
  const signed = await issue(big)();
  const rss1 = process.memoryUsage().rss;
  console.log(`inspect 50-page PDF (${(big.length / 1048576).toFixed(1)} MB)   median ${ms(inspect.median)}  p95 ${ms(inspect.p95)}`);
  console.log(`one page of it for review        median ${ms(page.median)}  p95 ${ms(page.p95)}`);
  console.log(`issue with a 2-page document     median ${ms(issueSmall.median)}  p95 ${ms(issueSmall.p95)}`);
  console.log(`issue with the 50-page document  median ${ms(issueBig.median)}  p95 ${ms(issueBig.p95)}  (${(signed.length / 1048576).toFixed(1)} MB signed)`);
  console.log(`resident memory grew by          ${((rss1 - rss0) / 1048576).toFixed(0)} MB`);
}
