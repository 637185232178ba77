import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import forge from "node-forge";
import { generateKeyPairSync, sign as nativeSign } from "node:crypto";
import { PDFDocument } from "pdf-lib";

/**
 * The PAdES signature of an issued eCO (docs/decisions/0009-pades-signature.md): a CMS SignedData
 * over the whole file (ETSI.CAdES.detached), built with node-forge from the office's key and
 * certificate as stored (PEM), so no PKCS#12 is decrypted per signature. Signed attributes are
 * those PAdES baseline B-B asks for: content-type, message-digest and the ESS signing-certificate-v2
 * naming the signer's certificate by hash; the signing time goes in the signature dictionary (/M),
 * not in a signing-time attribute.
 */

const { asn1, pki, md } = forge;
const OID_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47";
const SIGNATURE_BYTES = 16384;

export type OfficeKey = { keyPem: string; certificatePems: string[] };

const der = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();
const certDer = (cert: forge.pki.Certificate) => der(pki.certificateToAsn1(cert));

/** ESS signing-certificate-v2 (RFC 5035) with one ESSCertIDv2: SHA-256 (the default, so omitted) of the signer's certificate. */
function signingCertificateV2(cert: forge.pki.Certificate) {
  const hash = md.sha256.create().update(certDer(cert)).digest().getBytes();
  const U = asn1.Class.UNIVERSAL;
  return asn1.create(U, asn1.Type.SEQUENCE, true, [
    asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(OID_SIGNING_CERTIFICATE_V2).getBytes()),
    asn1.create(U, asn1.Type.SET, true, [
      asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.OCTETSTRING, false, hash)])])]),
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
export async function signPdf(pdf: Uint8Array, { key, reason, name, location }: { key: OfficeKey; reason: string; name: string; location: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({ pdfDoc: doc, reason, name, location, contactInfo: "", signatureLength: SIGNATURE_BYTES, subFilter: SUBFILTER_ETSI_CADES_DETACHED, appName: "Origo" });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new Uint8Array(await new SignPdf().sign(prepared, new OfficeSigner(key)));
}

export type KeyFacts = { subject: string; notAfter: Date; selfSigned: boolean };

function facts(cert: forge.pki.Certificate): KeyFacts {
  const subject = cert.subject.attributes.map((a) => `${a.shortName ?? a.name}=${a.value}`).join(", ");
  return { subject, notAfter: cert.validity.notAfter, selfSigned: cert.isIssuer(cert) };
}

/** A new RSA key and a self-signed certificate for the office (demo, or until a CA-issued one is imported). */
export function createSelfSignedKey({ officeName, years = 5 }: { officeName: string; years?: number }): OfficeKey & KeyFacts {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  const keys = { privateKey: pki.privateKeyFromPem(pair.privateKey), publicKey: pki.publicKeyFromPem(pair.publicKey) };
  const cert = pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 86_400_000);
  const name = [
    { shortName: "CN", value: officeName },
    { shortName: "O", value: officeName },
    { shortName: "C", value: "CN" },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(keys.privateKey, md.sha256.create());
  return { keyPem: pair.privateKey, certificatePems: [pki.certificateToPem(cert)], ...facts(cert) };
}

export type P12Problem = "unreadable" | "no_key" | "mismatch" | "expired" | "not_yet_valid";

/**
 * Opens a PKCS#12 file issued by a CA: its private key, the certificate that matches the key, and
 * any chain certificates. Refuses (with the reason) a file it cannot open, one without a key, a key
 * that matches no certificate, and a certificate outside its validity period.
 */
export function readP12(bytes: Uint8Array, passphrase: string, now = new Date()): { ok: true; key: OfficeKey & KeyFacts } | { ok: false; problem: P12Problem } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString("binary"))), false, passphrase);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  const keyBag = [...(p12.getBags({ bagType: pki.oids.pkcs8ShroudedKeyBag! })[pki.oids.pkcs8ShroudedKeyBag!] ?? []), ...(p12.getBags({ bagType: pki.oids.keyBag! })[pki.oids.keyBag!] ?? [])][0];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) return { ok: false, problem: "no_key" };
  const certs = (p12.getBags({ bagType: pki.oids.certBag! })[pki.oids.certBag!] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0;
  });
  if (!own) return { ok: false, problem: "mismatch" };
  if (own.validity.notAfter < now) return { ok: false, problem: "expired" };
  if (own.validity.notBefore > now) return { ok: false, problem: "not_yet_valid" };
  const chain = certs.filter((c) => c !== own);
  return { ok: true, key: { keyPem: pki.privateKeyToPem(key), certificatePems: [own, ...chain].map((c) => pki.certificateToPem(c)), ...facts(own) } };
}
