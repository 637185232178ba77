import { z } from "zod";
import { ENTERPRISE_NATURES } from "./data.ts";
import { M } from "./messages.ts";
import { textField } from "../../lib/charset.ts";
import {
  CUSTOMS_CODE_PATTERN,
  creditCodeProblem,
  isPrintableEnglish,
  looksLikeResidentId,
  normalizeCode,
  regNoPrefix,
  regNoProblem,
  residentIdValid,
} from "./rules.ts";

/**
 * The office's forms as zod schemas: the boundary where typed text becomes a record. Every message
 * names its field in Chinese; checks that need the database (uniqueness) live in the service.
 */
const F = M.fields;

const text = (label: string, max: number) => textField().trim().min(1, M.required(label)).max(max, M.tooLong(label, max));

const optionalText = (label: string, max: number) =>
  textField()
    .trim()
    .max(max, M.tooLong(label, max))
    .optional()
    .transform((v) => v || null);

const english = (label: string, max: number) => text(label, max).refine(isPrintableEnglish, M.englishOnly(label));

const phone = (label: string) => optionalText(label, 30).refine((v) => v === null || /^[0-9+\-() ]{5,30}$/.test(v), M.phoneInvalid);

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on");

const creditCode = z
  .string()
  .transform(normalizeCode)
  .pipe(
    z
      .string()
      .min(1, M.required(F.creditCode))
      .superRefine((v, ctx) => {
        const problem = creditCodeProblem(v);
        if (problem === "length") ctx.addIssue({ code: "custom", message: M.creditCodeLength });
        else if (problem === "charset") ctx.addIssue({ code: "custom", message: M.creditCodeCharset });
        else if (problem === "check") ctx.addIssue({ code: "custom", message: M.creditCodeCheck });
      }),
  );

/** The editable fields of an enterprise record (the registration number is set once, at creation). */
export const enterpriseFields = z.object({
  nameZh: text(F.nameZh, 100),
  nameEn: english(F.nameEn, 200),
  addressEn: english(F.addressEn, 300),
  creditCode,
  nature: z.string().refine((v) => (ENTERPRISE_NATURES as readonly string[]).includes(v), M.natureInvalid),
  smallMicro: checkbox,
  visaPoint: text(F.visaPoint, 40),
  contactName: optionalText(F.contactName, 40),
  contactPhone: phone(F.contactPhone),
  contactEmail: optionalText(F.contactEmail, 100).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), M.emailInvalid),
});

export type EnterpriseFields = z.infer<typeof enterpriseFields>;

/** Creating adds the registration number, which must carry the office's own prefix. */
export function newEnterpriseForm(officeCode: string) {
  return enterpriseFields.extend({
    regNo: z
      .string()
      .transform(normalizeCode)
      .pipe(
        z
          .string()
          .min(1, M.required(F.regNo))
          .superRefine((v, ctx) => {
            const problem = regNoProblem(v, officeCode);
            if (problem === "format") ctx.addIssue({ code: "custom", message: M.regNoFormat });
            else if (problem === "office") ctx.addIssue({ code: "custom", message: M.regNoOffice(regNoPrefix(officeCode)) });
          }),
      ),
  });
}

/** Editing carries the version the form was filled from, so a concurrent change is not overwritten. */
export const editEnterpriseForm = enterpriseFields.extend({ version: z.string().min(1) });

export const customsCodeForm = z.object({
  code: z
    .string()
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().min(1, M.required(F.customsCode)).regex(CUSTOMS_CODE_PATTERN, M.customsCodeFormat)),
});

export const rejectionForm = z.object({
  reason: textField().trim().min(1, M.reasonRequired).max(200, M.tooLong(F.reason, 200)),
});

const idNo = z
  .string()
  .optional()
  .transform((v) => (v ? normalizeCode(v) : null))
  .superRefine((v, ctx) => {
    if (v === null) return;
    if (looksLikeResidentId(v)) {
      if (!residentIdValid(v)) ctx.addIssue({ code: "custom", message: M.idNoCheck });
    } else if (!/^[A-Z0-9]{5,20}$/.test(v)) ctx.addIssue({ code: "custom", message: M.idNoFormat });
  });

/** A name as printed on English certificates: Latin letters, upper-cased (`Zhang San` → `ZHANG SAN`). */
export const latinName = (label: string) =>
  z
    .string()
    .trim()
    .max(40, M.tooLong(label, 40))
    .transform((v) => v.replace(/\s+/g, " ").toUpperCase())
    .refine((v) => v === "" || /^[A-Z][A-Z .'-]*$/.test(v), M.nameLatinFormat)
    .optional()
    .transform((v) => v || null);

export const signerForm = z
  .object({
    name: text(F.signerName, 30),
    nameLatin: latinName(F.signerNameLatin),
    phone: phone(F.signerPhone),
    idNo,
    active: checkbox,
    isDefault: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.isDefault && !v.active) ctx.addIssue({ code: "custom", path: ["isDefault"], message: M.defaultMustBeActive });
  });

export type SignerFields = z.infer<typeof signerForm>;

/** Labels of every form field, for the error summary at the top of a form. */
export const FIELD_LABELS: Record<string, string> = {
  regNo: F.regNo,
  nameZh: F.nameZh,
  nameEn: F.nameEn,
  addressEn: F.addressEn,
  creditCode: F.creditCode,
  nature: F.nature,
  smallMicro: F.smallMicro,
  visaPoint: F.visaPoint,
  contactName: F.contactName,
  contactPhone: F.contactPhone,
  contactEmail: F.contactEmail,
  code: F.customsCode,
  reason: F.reason,
  name: F.signerName,
  nameLatin: F.signerNameLatin,
  phone: F.signerPhone,
  idNo: F.signerIdNo,
  active: F.signerActive,
  isDefault: F.signerDefault,
  image: F.image,
};
