import forge from "node-forge";
import { createHash, verify as nativeVerify } from "node:crypto";
import { describeChain, type ChainEntry } from "./chain.ts";

const { asn1, pki } = forge;

export type SignatureCheck =
  | { kind: "unsigned" }
  | { kind: "invalid" }
  | { kind: "valid"; wholeFile: boolean; reason: string | null; chain: ChainEntry[]; signerSha256: string };

/**
 * Checks the last signature of a PDF the way a verifier does: the CMS's message digest equals the
 * SHA-256 of the signed byte ranges, and the signer's certificate's key verifies the signed
 * attributes. `wholeFile` says whether the ranges cover every byte (nothing appended after
 * signing). Trust in the certificate is the caller's: compare `signerSha256` with the office's.
 */
export function checkPdfSignature(pdf: Uint8Array): SignatureCheck {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1);
  if (!ranges) return { kind: "unsigned" };
  const [a, b, c, d] = ranges.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return { kind: "invalid" };
  const hex = text.slice(b, c).replace(/^<|>$/g, "");
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return { kind: "invalid" };
  try {
    // The signature is zero-padded to its placeholder size: parse the DER and ignore what follows.
    const cms = forge.pkcs7.messageFromAsn1(
      asn1.fromDer(forge.util.createBuffer(Buffer.from(hex, "hex").toString("binary")), { parseAllBytes: false } as unknown as boolean),
    ) as unknown as {
      certificates: forge.pki.Certificate[];
      rawCapture: { authenticatedAttributes?: forge.asn1.Asn1[]; signature: string };
    };
    const attrs = cms.rawCapture.authenticatedAttributes;
    if (!attrs?.length) return { kind: "invalid" };
    const digest = createHash("sha256")
      .update(pdf.subarray(a, a + b))
      .update(pdf.subarray(c, c + d))
      .digest("binary");
    const claimed = attrs.find((x) => asn1.derToOid((x.value as forge.asn1.Asn1[])[0]!.value as string) === pki.oids.messageDigest);
    const claimedDigest = claimed && (((claimed.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!.value as string);
    if (claimedDigest !== digest) return { kind: "invalid" };
    const set = asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attrs)).getBytes();
    const signature = Buffer.from(cms.rawCapture.signature, "binary");
    const signer = cms.certificates.find((cert) => nativeVerify("sha256", Buffer.from(set, "binary"), pki.certificateToPem(cert), signature));
    if (!signer) return { kind: "invalid" };
    const pems = [signer, ...cms.certificates.filter((x) => x !== signer)].map((x) => pki.certificateToPem(x)).join("");
    const chain = describeChain(pems);
    const reason = [...text.matchAll(/\/Reason\s*\(([^)]*)\)/g)].at(-1)?.[1] ?? null;
    return { kind: "valid", wholeFile: c + d === pdf.length, reason, chain, signerSha256: chain[0]!.sha256 };
  } catch {
    return { kind: "invalid" };
  }
}
