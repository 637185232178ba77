import forge from "node-forge";
import { generateKeyPairSync } from "node:crypto";

/**
 * The PAdES signature of an issued eCO (docs/decisions/0009-pades-signature.md): a CMS SignedData
 * over the whole file (ETSI.CAdES.detached), built with node-forge from the office's key and
 * certificate as stored (PEM), so no PKCS#12 is decrypted per signature. Signed attributes are
 * those PAdES baseline B-B asks for: content-type, message-digest and the ESS signing-certificate-v2
 * naming the signer's certificate by hash; the signing time goes in the signature dictionary (/M),
 * not in a signing-time attribute. The signing itself is in sign-pdf.ts, loaded with the first
 * signature (pdf-lib and @signpdf are not needed to start the server).
 */

const { asn1, pki, md } = forge;

export type OfficeKey = { keyPem: string; certificatePems: string[] };

/** Signs a finished PDF: placeholder (reason, signer name, place), then the CMS over every byte but the signature. */
export async function signPdf(pdf: Uint8Array, options: { key: OfficeKey; reason: string; name: string; location: string }): Promise<Uint8Array> {
  return (await import("./sign-pdf.ts")).signPdf(pdf, options);
}

export type KeyFacts = { subject: string; notAfter: Date; selfSigned: boolean };

function facts(cert: forge.pki.Certificate): KeyFacts {
  const subject = cert.subject.attributes.map((a) => `${a.shortName ?? a.name}=${a.value}`).join(", ");
  return { subject, notAfter: cert.validity.notAfter, selfSigned: cert.isIssuer(cert) };
}

/** A new RSA key and a self-signed certificate for the office (demo, or until a CA-issued one is imported). */
export function createSelfSignedKey({ officeName, years = 5 }: { officeName: string; years?: number }): OfficeKey & KeyFacts {
  const pair = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
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
  const keyBag = [
    ...(p12.getBags({ bagType: pki.oids.pkcs8ShroudedKeyBag! })[pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: pki.oids.keyBag! })[pki.oids.keyBag!] ?? []),
  ][0];
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
