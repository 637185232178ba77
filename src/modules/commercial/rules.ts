/** Pure rules of a commercial document application: its fields, limits and completeness at send. */
import { z } from "zod";
import { textField, unprintableChars } from "../../lib/charset.ts";
import { findCountry } from "../reference/index.ts";
import { M } from "./messages.ts";

/** Upload limits (docs/decisions/0018-commercial-documents.md). */
export const COMMERCIAL_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPages: 50,
  /** What one enterprise may keep stored, all its applications' files together. */
  quotaBytes: 200 * 1024 * 1024,
  maxCopies: 10,
} as const;

export const REASON_MAX = 500;

/** The fields an application holds (all optional while a draft; `missingForSend` says what sending needs). */
export type CommercialFields = {
  docType: string | null;
  documentNo: string;
  destinationCountry: string | null;
  purpose: string;
  copies: number;
  remarks: string;
};

const trimmed = (max: number, tooLong: string) =>
  textField()
    .transform((s) => s.trim())
    .pipe(z.string().max(max, tooLong));

/** The fields as typed in the page or sent by the API: shape and length; types and countries are checked against the reference. */
export const commercialFieldsSchema = z.object({
  docType: textField().max(40).nullish(),
  documentNo: trimmed(60, M.documentNoTooLong).optional().default(""),
  destinationCountry: textField().max(2, M.countryUnknown).nullish(),
  purpose: trimmed(200, M.purposeTooLong).optional().default(""),
  copies: z.coerce.number(M.copiesRange).int(M.copiesRange).min(1, M.copiesRange).max(COMMERCIAL_LIMITS.maxCopies, M.copiesRange).optional().default(1),
  remarks: trimmed(500, M.remarksTooLong).optional().default(""),
});
export type CommercialInput = z.input<typeof commercialFieldsSchema>;

export type FieldIssue = { path: string; message: string };

/**
 * The fields normalised (codes upper-case, empty choices null), or the issues of the ones that are
 * not well formed. `knownTypes` is the reference table's codes.
 */
export function normaliseFields(input: unknown, knownTypes: readonly string[]): { ok: true; fields: CommercialFields } | { ok: false; issues: FieldIssue[] } {
  const parsed = commercialFieldsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: String(i.path[0] ?? ""),
      message: i.message.includes("：") ? i.message : `${M.fields[String(i.path[0])] ?? ""}：${i.message}`,
    }));
    return { ok: false, issues };
  }
  const d = parsed.data;
  const docType = d.docType?.trim().toUpperCase() || null;
  const country = d.destinationCountry?.trim().toUpperCase() || null;
  const issues: FieldIssue[] = [];
  if (docType && !knownTypes.includes(docType)) issues.push({ path: "docType", message: M.docTypeUnknown });
  if (country && !findCountry(country)) issues.push({ path: "destinationCountry", message: M.countryUnknown });
  if (unprintableChars(d.documentNo).length) issues.push({ path: "documentNo", message: M.notPrintable(M.fields.documentNo!) });
  if (issues.length) return { ok: false, issues };
  return { ok: true, fields: { docType, documentNo: d.documentNo, destinationCountry: country, purpose: d.purpose, copies: d.copies, remarks: d.remarks } };
}

/** What sending still needs, each naming its field; empty when the application is complete. */
export function missingForSend(fields: CommercialFields, hasFile: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!fields.docType) issues.push({ path: "docType", message: M.docTypeRequired });
  if (!fields.documentNo) issues.push({ path: "documentNo", message: M.documentNoRequired });
  if (!fields.destinationCountry) issues.push({ path: "destinationCountry", message: M.countryRequired });
  if (!fields.purpose) issues.push({ path: "purpose", message: M.purposeRequired });
  if (!hasFile) issues.push({ path: "file", message: M.fileRequired });
  return issues;
}

/** The attestation printed on the certificate page: the type's template with the document's facts. */
export function fillStatement(template: string, facts: { document: string; no: string; enterprise: string }) {
  return template.replaceAll("{document}", facts.document).replaceAll("{no}", facts.no).replaceAll("{enterprise}", facts.enterprise);
}
