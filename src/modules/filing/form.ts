import type { FormValues } from "../../lib/forms.ts";
import type { ProductInput } from "./rules.ts";
import { FILING_AGREEMENTS } from "./rules.ts";

/**
 * The product form posts one checkbox `agr.<TYPE>` and one criterion `crit.<TYPE>` per agreement
 * that takes filings, so the whole form works without JavaScript.
 */
export function formToInput(v: FormValues): ProductInput {
  return {
    hsCode: v.hsCode ?? "",
    nameZh: v.nameZh ?? "",
    nameEn: v.nameEn ?? "",
    unit: v.unit ?? "",
    materials: v.materials ?? "",
    agreements: FILING_AGREEMENTS.filter((a) => v[`agr.${a.type}`] || (v[`crit.${a.type}`] ?? "").trim()).map((a) => ({
      type: a.type,
      originCriterion: v[`crit.${a.type}`] ?? "",
    })),
  };
}

export function inputToForm(p: ProductInput): FormValues {
  const v: FormValues = { hsCode: p.hsCode, nameZh: p.nameZh, nameEn: p.nameEn, unit: p.unit, materials: p.materials };
  for (const a of p.agreements) {
    v[`agr.${a.type}`] = "on";
    v[`crit.${a.type}`] = a.originCriterion;
  }
  return v;
}
