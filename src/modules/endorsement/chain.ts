import forge from "node-forge";

export type ChainEntry = { subject: string; issuer: string; serial: string; notBefore: Date; notAfter: Date; sha256: string };

const dn = (attrs: forge.pki.CertificateField[]) => attrs.map((a) => `${a.shortName ?? a.name}=${a.value}`).join(", ");

/** The certificates in a PEM bundle as a verifier reads them: subject, issuer, validity and fingerprint. */
export function describeChain(pem: string): ChainEntry[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => {
    const cert = forge.pki.certificateFromPem(b);
    const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
    return {
      subject: dn(cert.subject.attributes),
      issuer: dn(cert.issuer.attributes),
      serial: cert.serialNumber.toUpperCase(),
      notBefore: cert.validity.notBefore,
      notAfter: cert.validity.notAfter,
      sha256: forge.md.sha256.create().update(der).digest().toHex().toUpperCase(),
    };
  });
}
