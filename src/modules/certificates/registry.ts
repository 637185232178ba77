/**
 * The certificate-type registry: each type's form (the box table in src/render/forms/boxes.ts) together with its agreement
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
import { CERTIFICATE_FORMS, ITEM_NUMBER, type CertificateForm } from "../../render/index.ts";

/** A form with its agreement and the boxes that hold the fields machine review and printing ask about. */
export type CertificateType = CertificateForm & {
  agreement: Agreement;
  producerBox: string | null;
  remarksBox: string;
  criterionBox: string | null;
  itemNumberBox: string | null;
  marksBox: string;
  hsBox: string;
  /** Where the FOB/invoiced value prints (with `value`). */
  valueBox: string | null;
  transport: {
    box: string;
    /** Departure date / carrier No. / ports on separate lines (FTA forms) rather than one route line. */
    structured: boolean;
    /** When the real vessel/flight/vehicle number is required (§17 rule 33). */
    carrierNo: "after-shipment" | "always" | "never";
  };
};

/** The thirteen types the contract requires complete in v1. */
export const REQUIRED_TYPE_CODES: readonly CertificateTypeCode[] = CERTIFICATE_TYPE_CODES.slice(0, 13);

function withBoxes(form: CertificateForm): CertificateType {
  const holding = (field: string) => form.boxes.find((b) => b.fields.includes(field))?.no ?? null;
  const needed = (field: string) => {
    const no = holding(field);
    if (no === null) throw new Error(`${form.code}: no box holds ${field}`);
    return no;
  };
  const structured = holding("transport.departureDate") !== null;
  return {
    ...form,
    agreement: agreementFor(form.code),
    producerBox: holding("producer.name"),
    remarksBox: needed("remarks"),
    criterionBox: holding("goods.*.originCriterion"),
    itemNumberBox: holding(ITEM_NUMBER),
    marksBox: needed("goods.*.marks"),
    hsBox: needed("goods.*.hsCode"),
    valueBox: holding("goods.*.value"),
    transport: {
      box: needed("transport.mode"),
      structured,
      carrierNo: form.carrierNoAlways ? "always" : structured ? "after-shipment" : "never",
    },
  };
}

const TYPES = new Map<CertificateTypeCode, CertificateType>(CERTIFICATE_TYPE_CODES.map((code) => [code, withBoxes(CERTIFICATE_FORMS[code])]));

export function certificateType(code: CertificateTypeCode): CertificateType {
  return TYPES.get(code)!;
}

/** The HS digits each form prints and the code as printed: the renderer's own rule (src/render/forms/boxes.ts), used by machine review too. */
export { hsDigitsForType, printedHsCode } from "../../render/index.ts";

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
  valueBox: string | null;
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
    valueBox: t.valueBox,
    producerBox: t.producerBox,
    remarksBox: t.remarksBox,
    retro: retroRule(code, date),
    boxes: t.boxes,
    unverified: Boolean(t.unverified || t.agreement.unverified || set?.unverified),
  };
}
