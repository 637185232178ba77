/**
 * Certificate types are the vocabulary every layer shares: the reference data gives each its
 * regime (src/modules/reference), the renderer its form (src/render), the EDI contract its code.
 * The list lives here so the renderer needs no slice.
 */
/** The `type` codes of the EDI contract, in its order; the first thirteen are required in v1. */
export const CERTIFICATE_TYPE_CODES = [
  "GENERAL",
  "APTA",
  "ACFTA",
  "CNNZ",
  "CNSG",
  "CNCR",
  "CEPA_HK",
  "CEPA_MO",
  "CNIS",
  "CNCH",
  "CHAFTA",
  "CNKR",
  "CNPE",
  "RCEP",
  "CNCL",
  "CNPK",
  "CNGE",
  "CNMU",
  "CNRS",
  "CNEC",
  "CNNI",
  "CNKH",
] as const;

export type CertificateTypeCode = (typeof CERTIFICATE_TYPE_CODES)[number];
