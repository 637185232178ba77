/**
 * The contract's defaults for omitted fields (edi-v1.md "Certificates"): `exporter` defaults to the
 * enterprise's filed English name and address, `handSigner` to the enterprise's default
 * hand-signer. Applied when a body is saved, so what is stored and reviewed is what will print.
 */
import type { CertificateBody } from "./edi/contract.ts";

export function withDefaults(
  cert: CertificateBody,
  { enterprise, defaultHandSigner }: { enterprise: { nameEn: string; addressEn: string }; defaultHandSigner: string | null },
): CertificateBody {
  return {
    ...cert,
    exporter: cert.exporter ?? { name: enterprise.nameEn, address: enterprise.addressEn },
    handSigner: cert.handSigner?.trim() ? cert.handSigner : (defaultHandSigner ?? cert.handSigner),
  };
}
