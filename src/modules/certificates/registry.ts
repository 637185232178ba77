/**
 * The certificate-type registry: each type's form (types-registry.ts) together with its agreement
 * (reference slice), and a plain summary of both for the reference endpoint and the pages.
 */
import {
  agreementFor,
  CERTIFICATE_TYPE_CODES,
  countryLabel,
  criterionSet,
  describeCriterionSet,
  findCountry,
  isCertificateType,
  itemCap,
  retroRule,
  type Agreement,
  type CertificateTypeCode,
  type RetroRule,
} from "../reference/index.ts";
import { CERTIFICATE_FORMS, type CertificateForm } from "./types-registry.ts";

export type CertificateType = CertificateForm & { agreement: Agreement };

/** The thirteen types the contract requires complete in v1. */
export const REQUIRED_TYPE_CODES: readonly CertificateTypeCode[] = CERTIFICATE_TYPE_CODES.slice(0, 13);

const TYPES = new Map<CertificateTypeCode, CertificateType>(
  CERTIFICATE_TYPE_CODES.map((code) => [code, { ...CERTIFICATE_FORMS[code], agreement: agreementFor(code) }]),
);

export function certificateType(code: CertificateTypeCode): CertificateType {
  return TYPES.get(code)!;
}

/** The type for a code typed by someone, or undefined when it is not a contract code. */
export function findCertificateType(code: string): CertificateType | undefined {
  return isCertificateType(code) ? TYPES.get(code) : undefined;
}

export function listCertificateTypes(): CertificateType[] {
  return [...TYPES.values()];
}

export type CertificateTypeSummary = {
  code: CertificateTypeCode;
  letter: string;
  nameZh: string;
  titleEn: string;
  requiredInV1: boolean;
  preferential: boolean;
  productFiling: boolean;
  /** Importing parties with the date the agreement applies to each; null for GENERAL (any country but China). */
  parties: { country: string; label: string; from: string }[] | null;
  criteria: { codes: string[]; description: string } | null;
  itemCap: number | null;
  value: CertificateForm["value"];
  producerBox: string | null;
  remarksBox: string;
  retro: RetroRule;
  boxes: CertificateForm["boxes"];
  unverified: boolean;
};

/** What a certificate type means on `date` (YYYY-MM-DD): the rules that apply to an application made that day. */
export function summarizeCertificateType({ code, date }: { code: CertificateTypeCode; date: string }): CertificateTypeSummary {
  const t = certificateType(code);
  const set = criterionSet(code, date);
  const parties = t.agreement.parties;
  return {
    code,
    letter: t.letter,
    nameZh: t.nameZh,
    titleEn: t.titleEn,
    requiredInV1: REQUIRED_TYPE_CODES.includes(code),
    preferential: t.agreement.preferential,
    productFiling: t.agreement.productFiling,
    parties:
      parties === "ANY"
        ? null
        : parties.map((p) => {
            const c = findCountry(p.country);
            return { country: p.country, label: c ? countryLabel(c) : p.country, from: p.from };
          }),
    criteria: set ? { codes: set.options.map((o) => o.code || "%"), description: describeCriterionSet(set) } : null,
    itemCap: itemCap(code, date),
    value: t.value,
    producerBox: t.producerBox,
    remarksBox: t.remarksBox,
    retro: retroRule(code, date),
    boxes: t.boxes,
    unverified: Boolean(t.unverified || t.agreement.unverified || set?.unverified),
  };
}
