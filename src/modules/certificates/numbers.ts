/**
 * Certificate numbers (证书号) and verification codes: pure rules.
 *
 * REFERENCE.md §0.2: the CIQ/customs numbers were type letter + 2-digit year + registration number
 * + serial; the CCPIT's own structure is not confirmed (a pattern like type + year + visa office +
 * serial is plausible). So the structure is an office setting, a template, and the default follows
 * that plausible pattern: type letter, 2-digit year, office code, 6-digit serial, e.g.
 * `C261100B0000042`. The serial counts per office, type and year, so a template must contain the
 * type letter, the year and the serial, or two certificates could get one number.
 */

export const DEFAULT_NUMBER_FORMAT = "{T}{YY}{OFFICE}{N6}";

/** What a template may contain besides its tokens: what prints safely on every form. */
const LITERAL = /^[A-Z0-9\-/]*$/;
const TOKEN = /\{([A-Z]+)(\d?)\}/g;

export type NumberParts = { letter: string; year: number; officeCode: string; serial: number };

export type NumberFormatProblem = "unknown_token" | "literal" | "missing_type" | "missing_year" | "serial_count" | "serial_width";

/** Why a template cannot be used, or null when it can. */
export function numberFormatProblem(format: string): NumberFormatProblem | null {
  let type = 0;
  let year = 0;
  let serial = 0;
  for (const m of format.matchAll(TOKEN)) {
    const [, name, width] = m;
    if (name === "T" && !width) type++;
    else if ((name === "YY" || name === "YYYY") && !width) year++;
    else if (name === "OFFICE" && !width) continue;
    else if (name === "N") {
      if (!width || Number(width) < 3) return "serial_width";
      serial++;
    } else return "unknown_token";
  }
  if (!LITERAL.test(format.replace(TOKEN, ""))) return "literal";
  if (!type) return "missing_type";
  if (!year) return "missing_year";
  if (serial !== 1) return "serial_count";
  return null;
}

/**
 * The number for these parts. The serial is zero-padded to the template's width and never cut: a
 * 1,000,000th certificate gets a longer number rather than a repeated one.
 */
export function formatCertificateNumber(format: string, { letter, year, officeCode, serial }: NumberParts): string {
  return format.replace(TOKEN, (_, name: string, width: string) => {
    if (name === "T") return letter;
    if (name === "YY") return String(year % 100).padStart(2, "0");
    if (name === "YYYY") return String(year);
    if (name === "OFFICE") return officeCode;
    return String(serial).padStart(Number(width), "0");
  });
}

/** Letters and digits that cannot be misread for one another (no 0/O, 1/I/L). */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // 31 symbols
export const VERIFICATION_CODE_LENGTH = 8;

/**
 * A random verification code (查验码) printed on the certificate and asked for by the public check
 * together with the number; about 40 bits, so numbers alone (which are sequential) reveal nothing.
 */
export function newVerificationCode(): string {
  let out = "";
  while (out.length < VERIFICATION_CODE_LENGTH) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) {
      // 248 = 8 × 31: rejecting bytes above it keeps every symbol equally likely.
      if (b < 248 && out.length < VERIFICATION_CODE_LENGTH) out += CODE_ALPHABET[b % 31];
    }
  }
  return out;
}
