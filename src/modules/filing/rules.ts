import { unprintableChars } from "../../lib/charset.ts";
import type { Problem } from "../../lib/problems.ts";
import { AGREEMENTS, checkCriterion, findUnit, isCertificateType, type CertificateTypeCode } from "../reference/index.ts";
import { M } from "./messages.ts";
import type { FiledAgreement } from "./schema.ts";

export type ProductInput = {
  hsCode: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  materials: string;
  agreements: FiledAgreement[];
};

/** Agreements whose certificates check goods against product filings: the ones a product is filed for. */
export const FILING_AGREEMENTS = (Object.values(AGREEMENTS) as (typeof AGREEMENTS)[CertificateTypeCode][]).filter((a) => a.productFiling);

const err = (rule: string, field: string, message: string, hint: string): Problem => ({ rule, field, severity: "error", message, hint });

/**
 * Every problem with a product filing, as of `date` (YYYY-MM-DD, for dated criterion sets). Pure.
 * A filing with errors is saved but cannot be sent.
 */
export function productProblems(p: ProductInput, date: string): Problem[] {
  const out: Problem[] = [];
  const hs = p.hsCode.trim();
  if (!hs) out.push(err("HS_FORMAT", "hsCode", M.hsRequired, M.hsHintFix));
  else if (!/^\d{10}$/.test(hs)) out.push(err("HS_FORMAT", "hsCode", M.hsFormat(hs), M.hsHintFix));
  if (!p.nameZh.trim()) out.push(err("REQUIRED", "nameZh", M.nameZhRequired, M.nameZhRequired));
  if (!p.nameEn.trim()) out.push(err("REQUIRED", "nameEn", M.nameEnRequired, M.nameEnHint));
  else {
    const [bad] = unprintableChars(p.nameEn);
    if (bad) out.push(err("CHARSET", "nameEn", M.charset(bad.char), M.charsetHint));
  }
  if (!p.unit.trim()) out.push(err("REQUIRED", "unit", M.unitRequired, M.unitHint));
  else if (!findUnit(p.unit)) out.push(err("FORMAT", "unit", M.unitUnknown(p.unit), M.unitHint));
  if (!p.agreements.length) out.push(err("REQUIRED", "agreements", M.agreementRequired, M.agreementHint));
  const seen = new Set<string>();
  p.agreements.forEach((a, i) => {
    const field = `agreements.${i}`;
    if (!isCertificateType(a.type) || !AGREEMENTS[a.type].productFiling) {
      out.push(err("FORMAT", `${field}.type`, M.agreementUnknown(a.type), M.agreementHint));
      return;
    }
    if (seen.has(a.type)) out.push(err("FORMAT", `${field}.type`, M.agreementDuplicate(a.type), M.agreementHint));
    seen.add(a.type);
    const problem = checkCriterion({ type: a.type, criterion: a.originCriterion, date });
    if (problem) out.push(err(problem.rule, `${field}.originCriterion`, problem.message, problem.hint));
  });
  return out;
}

export const PRODUCT_STATUSES = ["DRAFT", "PENDING", "APPROVED", "REJECTED"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Editing in place is allowed for drafts and returned filings; an approved one gets a new version. */
export function editOutcome(status: ProductStatus): "in_place" | "new_version" | "locked" {
  if (status === "PENDING") return "locked";
  return status === "APPROVED" ? "new_version" : "in_place";
}
