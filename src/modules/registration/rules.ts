/**
 * Pure rules of enterprise records: identifier formats and check characters. No I/O here.
 */

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015 (REFERENCE.md §0.3): 18 characters
 * from this 31-character set; the 18th is a check character over the first 17 (ISO 7064 style,
 * modulus 31).
 */
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a credit code, or null if any is outside the set. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = "length" | "charset" | "check";

/** Why a (normalised) credit code is not valid, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  if ([...code].some((ch) => !USCC_CHARSET.includes(ch))) return "charset";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "check";
}

/** People type codes with spaces and in lower case; the stored form is upper case without spaces. */
export function normalizeCode(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

/**
 * Registration number (企业注册号), assigned by the office: 4 digits of the office's area (the first
 * four characters of its code, e.g. 1100 for 1100B0), one capital letter and 4 digits. This is the
 * shape of every number the operations manual shows (1100A4419, 1100P0000, 1100B0980); REFERENCE.md
 * §0.1 describes it as 9 characters, with an unverified split.
 */
export const REG_NO_PATTERN = /^\d{4}[A-Z]\d{4}$/;

export function regNoPrefix(officeCode: string): string {
  return officeCode.slice(0, 4);
}

export type RegNoProblem = "format" | "office";

export function regNoProblem(regNo: string, officeCode: string): RegNoProblem | null {
  if (!REG_NO_PATTERN.test(regNo)) return "format";
  return regNo.startsWith(regNoPrefix(officeCode)) ? null : "office";
}

/**
 * The next free number of the office's "A" series (prefix + A + 4 digits) after the highest one in
 * use, moving to the next letter when a series is full. The office may still type another number.
 */
export function suggestRegNo(officeCode: string, taken: readonly string[]): string {
  const prefix = regNoPrefix(officeCode);
  const used = new Set(taken);
  for (let letter = 65; letter <= 90; letter++) {
    const series = prefix + String.fromCharCode(letter);
    const serials = taken.filter((n) => n.startsWith(series) && REG_NO_PATTERN.test(n)).map((n) => Number(n.slice(5)));
    const next = serials.length ? Math.max(...serials) + 1 : 1;
    if (next <= 9999) {
      const candidate = series + String(next).padStart(4, "0");
      if (!used.has(candidate)) return candidate;
    }
  }
  return `${prefix}A0001`;
}

/** Customs registration code (海关编码): 10 digits (REFERENCE.md §0.3). */
export const CUSTOMS_CODE_PATTERN = /^\d{10}$/;

/**
 * Resident identity number (居民身份证号码), GB 11643-1999: 17 digits and a check character
 * (ISO 7064 MOD 11-2; X stands for 10). Only values shaped like one are checked; hand-signers who
 * hold other documents (passports) give those numbers instead.
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

export function looksLikeResidentId(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value);
}

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function residentIdValid(value: string): boolean {
  return looksLikeResidentId(value) && residentIdCheckChar(value.slice(0, 17)) === value[17];
}

/** Text printed on certificates: printable ASCII only, so every printer font can draw it. */
export function isPrintableEnglish(value: string): boolean {
  return /^[\x20-\x7E]+$/.test(value);
}

/** Masks an identity number for lists: first 4 and last 4 characters stay. */
export function maskIdNo(value: string): string {
  return value.length <= 8 ? value : value.slice(0, 4) + "*".repeat(value.length - 8) + value.slice(-4);
}
