import { describe, expect, test } from "bun:test";
import { pdfSig, pdfText, readQrCode } from "../../../test/support/pdf.ts";
import { printableTypes, renderCertificatePdf } from "../../render/index.ts";
import { sampleCertificate, sealImage, signatureImage } from "../../render/fixtures.ts";
import { createSelfSignedKey, signPdf } from "./signing.ts";

const PUBLIC = "https://origo.example.cn";
const key = createSelfSignedKey({ officeName: "CCPIT BEIJING SUB-COUNCIL" });

async function imageCount(pdf: Uint8Array) {
  const file = `${require("node:os").tmpdir()}/origo-every-${crypto.randomUUID()}.pdf`;
  await Bun.write(file, pdf);
  try {
    return (await Bun.$`pdfimages -list ${file}`.text()).split("\n").slice(2).filter(Boolean).length;
  } finally {
    require("node:fs").rmSync(file, { force: true });
  }
}

describe("an issued eCO of every printable type", () => {
  test("carries both seals and both signatures, no Chinese, a QR code to PUBLIC_URL/verify and a valid PAdES signature", async () => {
    for (const type of printableTypes()) {
      const certificate = sampleCertificate({
        type,
        mode: "ECO",
        images: { officeSeal: sealImage(), officerSignature: signatureImage(), enterpriseSeal: sealImage("#b00"), signature: signatureImage() },
        certification: { place: "BEIJING, CHINA", date: "2026-11-22", officeName: "CCPIT BEIJING SUB-COUNCIL", signatoryName: "LI MING" },
      });
      const drawn = await renderCertificatePdf({ certificate, options: { preview: false, printSeal: true, publicUrl: PUBLIC } });
      const pdf = await signPdf(drawn, { key, reason: certificate.number, name: "CCPIT BEIJING SUB-COUNCIL", location: "BEIJING, CHINA" });
      const report = await pdfSig(pdf);
      expect({
        type,
        valid: report.includes("Signature is Valid."),
        whole: report.includes("Total document signed"),
        cades: report.includes("ETSI.CAdES.detached"),
      }).toEqual({ type, valid: true, whole: true, cades: true });
      expect({ type, qr: await readQrCode(pdf) }).toEqual({ type, qr: `${PUBLIC}/verify?no=${certificate.number}&code=${certificate.verificationCode}` });
      const text = await pdfText(pdf);
      expect({ type, chinese: /[\u3400-\u9fff]/.test(text), signatory: text.includes("LI MING"), signer: text.includes("ZHANG SAN") }).toEqual({
        type,
        chinese: false,
        signatory: true,
        signer: true,
      });
      expect({ type, images: (await imageCount(pdf)) >= 4 }).toEqual({ type, images: true });
    }
  });
});
