/**
 * PAdES signing of an issued eCO (docs/decisions/0009-pades-signature.md): time to make an office
 * key, to sign a one-page certificate, and to check an uploaded file's signature (/verify).
 * Run alone: `bun run bench signing`. Target: signing ≤ 150 ms median (it happens once per certificate).
 */
import { checkPdfSignature } from "../src/modules/endorsement/pdf-signature.ts";
import { createSelfSignedKey, signPdf } from "../src/modules/endorsement/signing.ts";
import { sampleCertificate, sealImage, signatureImage } from "../src/render/fixtures.ts";
import { renderCertificatePdf } from "../src/render/index.ts";
import { ms, summary } from "./lib.ts";

async function timed(runs: number, fn: () => Promise<unknown> | unknown) {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return summary(out);
}

export async function benchSigning() {
  const key = createSelfSignedKey({ officeName: "CCPIT BEIJING SUB-COUNCIL" });
  const cert = sampleCertificate({
    images: { officeSeal: sealImage(), officerSignature: signatureImage(), enterpriseSeal: sealImage("#b00"), signature: signatureImage() },
  });
  const pdf = await renderCertificatePdf({ certificate: cert, options: { preview: false, printSeal: true, publicUrl: "https://origo.example.cn" } });
  const keygen = await timed(5, () => createSelfSignedKey({ officeName: "CCPIT BEIJING SUB-COUNCIL" }));
  const sign = await timed(20, () => signPdf(pdf, { key, reason: cert.number, name: "CCPIT BEIJING SUB-COUNCIL", location: "BEIJING, CHINA" }));
  const signed = await signPdf(pdf, { key, reason: cert.number, name: "CCPIT BEIJING SUB-COUNCIL", location: "BEIJING, CHINA" });
  const check = await timed(20, () => checkPdfSignature(signed));
  console.log(`self-signed office key      median ${ms(keygen.median)}  p95 ${ms(keygen.p95)}`);
  console.log(`sign one-page eCO           median ${ms(sign.median)}  p95 ${ms(sign.p95)}  (${pdf.length} → ${signed.length} bytes)`);
  console.log(`check uploaded signature    median ${ms(check.median)}  p95 ${ms(check.p95)}`);
}
