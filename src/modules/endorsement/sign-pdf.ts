import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import forge from "node-forge";
import { sign as nativeSign } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import type { OfficeKey } from "./signing.ts";

/**
 * The PAdES signing itself (see signing.ts), apart so that pdf-lib and @signpdf load with the first
 * signature rather than with the server (docs/decisions/0020).
 */
const { asn1, pki, md } = forge;
const OID_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47";
const SIGNATURE_BYTES = 16384;

const der = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();
const certDer = (cert: forge.pki.Certificate) => der(pki.certificateToAsn1(cert));

/** ESS signing-certificate-v2 (RFC 5035) with one ESSCertIDv2: SHA-256 (the default, so omitted) of the signer's certificate. */
function signingCertificateV2(cert: forge.pki.Certificate) {
  const hash = md.sha256.create().update(certDer(cert)).digest().getBytes();
  const U = asn1.Class.UNIVERSAL;
  return asn1.create(U, asn1.Type.SEQUENCE, true, [
    asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(OID_SIGNING_CERTIFICATE_V2).getBytes()),
    asn1.create(U, asn1.Type.SET, true, [
      asn1.create(U, asn1.Type.SEQUENCE, true, [
        asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.OCTETSTRING, false, hash)])]),
      ]),
    ]),
  ]);
}

/** An @signpdf Signer over a stored key: a fresh one per signature is cheap (no PKCS#12 to open). */
class OfficeSigner extends Signer {
  constructor(private readonly key: OfficeKey) {
    super();
  }

  override async sign(pdf: Buffer): Promise<Buffer> {
    const [signerCert, ...chain] = this.key.certificatePems.map((p) => pki.certificateFromPem(p));
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString("binary"));
    for (const c of [signerCert!, ...chain]) p7.addCertificate(c);
    // forge builds the structure; the RSA signature itself is made natively below (forge's is pure JS, ~0.5 s).
    const deferred = { sign: () => "" } as unknown as forge.pki.rsa.PrivateKey;
    p7.addSigner({
      key: deferred,
      certificate: signerCert!,
      digestAlgorithm: pki.oids.sha256!,
      authenticatedAttributes: [{ type: pki.oids.contentType!, value: pki.oids.data }, { type: pki.oids.messageDigest! }],
    });
    p7.sign({ detached: true });
    // forge knows only three attribute types: add signing-certificate-v2 to the signed attributes,
    // sign their DER as a SET again (RFC 5652 §5.4), and put the new signature in the SignerInfo
    // (which holds the same attributes node, and the signature as its last element).
    const msg = p7 as unknown as { signers: { authenticatedAttributesAsn1: forge.asn1.Asn1 }[]; signerInfos: forge.asn1.Asn1[] };
    const signer = msg.signers[0]!;
    const attributes = signer.authenticatedAttributesAsn1.value as forge.asn1.Asn1[];
    attributes.push(signingCertificateV2(signerCert!));
    const asSet = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attributes);
    const info = msg.signerInfos[0]!.value as forge.asn1.Asn1[];
    info[info.length - 1]!.value = nativeSign("sha256", Buffer.from(der(asSet), "binary"), this.key.keyPem).toString("binary");
    return Buffer.from(der(p7.toAsn1()), "binary");
  }
}

/** Signs a finished PDF: placeholder (reason, signer name, place), then the CMS over every byte but the signature. */
export async function signPdf(
  pdf: Uint8Array,
  { key, reason, name, location }: { key: OfficeKey; reason: string; name: string; location: string },
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason,
    name,
    location,
    contactInfo: "",
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: "Origo",
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new Uint8Array(await new SignPdf().sign(prepared, new OfficeSigner(key)));
}
