/**
 * The machine-review vocabulary: rule codes (edi-v1.md "Problems"), the problem record, the review
 * context, and the small helpers every rule group uses.
 */
import type { Problem as SharedProblem } from "../../../lib/problems.ts";
import type { CertificateBody } from "../edi/contract.ts";
import { unprintableChars } from "../../../lib/charset.ts";
import { M } from "../messages.ts";
import type { CertificateType } from "../registry.ts";

/** Every rule code of the contract's table, in its order. */
export const RULE_CODES = [
  "REQUIRED",
  "FORMAT",
  "CHARSET",
  "EXPORTER_MISMATCH",
  "SIGNER_INVALID",
  "DEST_IS_CHINA",
  "DEST_NOT_PARTY",
  "CONSIGNEE_COUNTRY",
  "PORT_COUNTRY",
  "ITEM_LIMIT",
  "CRITERION_INVALID",
  "CRITERION_THRESHOLD",
  "PRODUCT_NOT_FILED",
  "CRITERION_MISMATCH",
  "HS_FORMAT",
  "PACKAGES",
  "MARKS_INVALID",
  "VALUE_REQUIRED",
  "INVOICE_DUPLICATE",
  "INVOICE_AFTER_SHIPMENT",
  "DATE_IN_FUTURE",
  "RETRO_NOT_ALLOWED",
  "RETRO_TOO_LATE",
  "TRANSPORT",
  "MARKS_IMAGE",
] as const;

export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = "error" | "warning";

/** One machine-review finding: `field` is a dotted path into the body (`goods.2.originCriterion`). */
export type Problem = SharedProblem<RuleCode>;

/** An approved product filing (商品备案) of the enterprise. */
export type ProductFiling = { hsCode: string; agreements: readonly { type: string; originCriterion: string }[] };

/** What the rules need from outside the certificate. The caller loads it; the rules stay pure. */
export type ReviewContext = {
  /** Application date (YYYY-MM-DD, the office's calendar day). */
  today: string;
  enterprise: { nameEn: string; addressEn: string };
  /** `hasLatinName` false: the office has not recorded the romanised name printed in the declaration. */
  handSigners: readonly { name: string; active: boolean; hasSignature: boolean; hasLatinName?: boolean }[];
  /** The enterprise's APPROVED product filings only. */
  filings: readonly ProductFiling[];
  /** The enterprise's other live (not VOIDED or REPLACED) certificate holding this invoice number, if any. */
  invoiceHolder: { id: string | number; applicationNo: string | null } | null;
  /** The attached image marks, as uploaded. */
  marksImage: { mime: string; bytes: Uint8Array } | null;
  /** The enterprise's seal image on file (its pixel size), or null when it has none. */
  enterpriseSeal: { width: number; height: number } | null;
};

/** What each rule group receives. */
export type RuleInput = { cert: CertificateBody; ctx: ReviewContext; type: CertificateType };

export const problem = (rule: RuleCode, field: string, message: string, hint: string, severity: Severity = "error"): Problem => ({
  rule,
  field,
  severity,
  message,
  hint,
});

/** Upper case with single spaces, as word lists and placeholders are compared. */
export const upper = (s: string) => s.trim().replace(/\s+/g, " ").toUpperCase();

export const isBlank = (s: string | null | undefined): s is null | undefined | "" => !s || !s.trim();

/** A CHARSET problem for a printed field holding characters the form cannot carry, or none. */
export function charsetProblem(field: string, text: string | null | undefined): Problem[] {
  if (!text) return [];
  const bad = unprintableChars(text);
  if (!bad.length) return [];
  const fixable = bad.filter((c) => c.replacement !== null).length;
  return [problem("CHARSET", field, M.charset(bad), fixable === bad.length ? M.charsetHintFix : fixable ? M.charsetHintChinese : M.charsetHintDelete)];
}
