/** Pure rules of self-registration: how typed values are compared with the office's record. No I/O here. */

/** Office codes, registration numbers, logins: full-width → half-width, no spaces, upper case. */
export function normalizeCode(input: string): string {
  return input.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

// Middle dots people type in transliterated names (阿卜杜·热合曼): ·, ・, •, ‧, and the full-width stop.
const DOTS = /[\u00B7\u2022\u2027\u30FB\uFF0E\uFF65]/g;

/**
 * The form in which names are compared: full-width and half-width brackets, letters and digits are the
 * same (NFKC), whitespace of any kind is ignored, middle dots are one dot, Latin letters ignore case.
 * The old system compared exactly and refused 泰文特（北京） for 泰文特(北京) (manual Q3).
 */
export function normalizeName(input: string): string {
  return input.normalize("NFKC").replace(DOTS, "·").replace(/\s+/g, "").toUpperCase();
}

export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/** Every reason a registration step can fail, as recorded for the office's lookup. */
export const FAILED_CHECKS = [
  "office_unknown",
  "not_filed",
  "not_filed_here",
  "inactive",
  "name",
  "no_signer",
  "signer",
  "captcha",
  "sms_wrong",
  "sms_expired",
] as const;
export type FailedCheck = (typeof FAILED_CHECKS)[number];

/** The form field each identity check points at. */
export const CHECK_FIELD: Partial<Record<FailedCheck, "officeCode" | "regNo" | "enterpriseName" | "signerName">> = {
  office_unknown: "officeCode",
  not_filed: "regNo",
  not_filed_here: "officeCode",
  inactive: "regNo",
  name: "enterpriseName",
  no_signer: "signerName",
  signer: "signerName",
};

export type TypedIdentity = { officeCode: string; regNo: string; enterpriseName: string; signerName: string };
export type FiledEnterprise = { officeCode: string; nameZh: string; nameEn: string; active: boolean };

/**
 * Checks step 1 against the office's record and returns every check that failed (empty: all match).
 * Name and hand-signer are both reported when both differ, so one correction fixes everything.
 * The enterprise name may be the filed Chinese or English name; the hand-signer any active one.
 */
export function identityFailures({
  typed,
  officeExists,
  enterprise,
  signerNames,
}: {
  typed: TypedIdentity;
  officeExists: boolean;
  enterprise: FiledEnterprise | undefined;
  signerNames: string[];
}): FailedCheck[] {
  if (!officeExists) return ["office_unknown"];
  if (!enterprise) return ["not_filed"];
  if (enterprise.officeCode !== normalizeCode(typed.officeCode)) return ["not_filed_here"];
  if (!enterprise.active) return ["inactive"];
  const failures: FailedCheck[] = [];
  if (!sameName(typed.enterpriseName, enterprise.nameZh) && !sameName(typed.enterpriseName, enterprise.nameEn)) failures.push("name");
  if (signerNames.length === 0) failures.push("no_signer");
  else if (!signerNames.some((s) => sameName(s, typed.signerName))) failures.push("signer");
  return failures;
}

/** Logins on a registration number: the number itself, or the number with a suffix -1 … -99 (manual Q1). */
export function loginFitsRegNo(login: string, regNo: string): boolean {
  const l = normalizeCode(login);
  const r = normalizeCode(regNo);
  return l === r || new RegExp(`^${r.replace(/[^A-Z0-9]/g, "\\$&")}-[1-9][0-9]?$`).test(l);
}

/** The registration number if it is free, else the first free `regNo-N`. */
export function nextFreeLogin(regNo: string, taken: string[]): string {
  const used = new Set(taken.map(normalizeCode));
  const r = normalizeCode(regNo);
  if (!used.has(r)) return r;
  for (let n = 1; ; n++) if (!used.has(`${r}-${n}`)) return `${r}-${n}`;
}

/** Limits of the public steps (the SMS limits live in the sms slice). */
export const SIGNUP_LIMITS = {
  /** A registration attempt (and a password reset) must be finished within this time. */
  attemptTtlMs: 30 * 60_000,
  /** Wrong captcha answers before the attempt must start over from step 1. */
  captchaTries: 5,
  /** Failed step-1 checks per address per window, against probing the office's records. */
  identityFailures: 20,
  identityWindowMs: 15 * 60_000,
} as const;
