/** Pure rules for SMS verification codes: format, limits, masking. No I/O here. */

export const SMS_LIMITS = {
  /** A code is valid this long after it was sent. */
  ttlMs: 10 * 60_000,
  /** A number may get one code per cooldown. */
  cooldownMs: 60_000,
  windowMs: 60 * 60_000,
  /** Codes per number per window. */
  perNumber: 5,
  /** Codes per client address per window (an office network registers several enterprises). */
  perIp: 10,
  /** Wrong guesses that kill a code: 5 per code × 5 codes an hour keeps guessing 6 digits hopeless. */
  maxWrongTries: 5,
} as const;

export const CODE_LENGTH = 6;

/** A uniformly random 6-digit code from the system CSPRNG (rejection sampling avoids modulo bias). */
export function generateCode(): string {
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return String(buf[0]! % 1_000_000).padStart(CODE_LENGTH, "0");
  }
}

/** Mainland China mobile numbers: 11 digits starting 13–19. Accepts spaces, dashes, +86 and full-width digits. */
export function normalizeMobile(input: string): string | null {
  const digits = input
    .normalize("NFKC")
    .replace(/[\s\-()]/g, "")
    .replace(/^(\+?86)(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** `138****8000`: enough for the owner to recognise the number, not enough to reveal it. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : "****";
}

/** A provider's answer as it may be logged: runs of 4+ digits (a number, a code it echoes) become `####`. */
export function redactDigits(text: string): string {
  return text.replace(/\d{4,}/g, "####");
}

export type SendHistory = {
  /** Codes to this number within the window, oldest first. */
  toNumber: Date[];
  /** Codes requested from this address within the window, oldest first. */
  fromIp: Date[];
};

export type SendRefusal = { reason: "cooldown" | "number_limit" | "ip_limit"; retryAt: Date };

/** Whether one more code may be sent now, and if not why and from when on. */
export function sendRefusal(history: SendHistory, now: Date): SendRefusal | null {
  const t = now.getTime();
  const inWindow = (d: Date) => t - d.getTime() < SMS_LIMITS.windowMs;
  const toNumber = history.toNumber.filter(inWindow);
  const fromIp = history.fromIp.filter(inWindow);
  const last = toNumber.at(-1);
  if (last && t - last.getTime() < SMS_LIMITS.cooldownMs) return { reason: "cooldown", retryAt: new Date(last.getTime() + SMS_LIMITS.cooldownMs) };
  if (toNumber.length >= SMS_LIMITS.perNumber)
    return { reason: "number_limit", retryAt: new Date(toNumber[toNumber.length - SMS_LIMITS.perNumber]!.getTime() + SMS_LIMITS.windowMs) };
  if (fromIp.length >= SMS_LIMITS.perIp)
    return { reason: "ip_limit", retryAt: new Date(fromIp[fromIp.length - SMS_LIMITS.perIp]!.getTime() + SMS_LIMITS.windowMs) };
  return null;
}

export type CodeCheck = "ok" | "missing" | "expired" | "used" | "too_many" | "wrong" | "mobile_changed";

/** The state of the latest code before its hash is compared; `null` means compare the hash next. */
export function codeStateBeforeCompare(
  row: { expiresAt: Date; usedAt: Date | null; wrongTries: number; mobile: string } | undefined,
  mobile: string,
  now: Date,
): Exclude<CodeCheck, "ok" | "wrong"> | null {
  if (!row) return "missing";
  if (row.usedAt) return "used";
  if (row.wrongTries >= SMS_LIMITS.maxWrongTries) return "too_many";
  if (now.getTime() >= row.expiresAt.getTime()) return "expired";
  if (row.mobile !== mobile) return "mobile_changed";
  return null;
}
