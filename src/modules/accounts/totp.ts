import { decodeBase32IgnorePadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";

/**
 * TOTP as every authenticator app speaks it (RFC 6238 with its defaults): HMAC-SHA-1, 6 digits,
 * 30-second steps from the Unix epoch. Codes one step either side of now are accepted, for clocks
 * that drift and for a code typed just as it changes. Pure functions: the caller supplies the time.
 */
export const TOTP = { periodSeconds: 30, digits: 6, windowSteps: 1, keyBytes: 20, issuer: "Origo" } as const;

/** The time step (RFC 6238 "T") that `at` falls in. */
export function totpStep(at: Date, periodSeconds: number = TOTP.periodSeconds): number {
  return Math.floor(at.getTime() / 1000 / periodSeconds);
}

/** The code for one time step; `digits` is 6 in use, 8 in the RFC's test vectors. */
export function totpCode(key: Uint8Array, step: number, digits: number = TOTP.digits): string {
  return generateHOTP(key, BigInt(step), digits);
}

/**
 * The step a typed code belongs to, or null. Accepts steps within the window around `at` that are
 * later than `lastUsedStep`, so a code that has signed someone in cannot be used again (RFC 6238 §5.2).
 */
export function matchTotp({ key, code, at, lastUsedStep }: { key: Uint8Array; code: string; at: Date; lastUsedStep: number | null }): number | null {
  const typed = code.replace(/\s+/g, "");
  if (!/^\d+$/.test(typed) || typed.length !== TOTP.digits) return null;
  const now = totpStep(at);
  for (let step = now - TOTP.windowSteps; step <= now + TOTP.windowSteps; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (verifyHOTP(key, BigInt(step), TOTP.digits, typed)) return step;
  }
  return null;
}

/** A fresh random key of the RFC 4226 recommended 160 bits. */
export function generateTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(TOTP.keyBytes));
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpKeyUri(key: Uint8Array, accountName: string): string {
  return createTOTPKeyURI(TOTP.issuer, accountName, key, TOTP.periodSeconds, TOTP.digits);
}

/** The key as apps take it for manual entry: base32, in groups of four so it can be read aloud. */
export function formatTotpSecret(key: Uint8Array): string {
  return encodeBase32NoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
}

/** Reads a base32 secret as typed or shown (spaces, lower case and padding tolerated). */
export function parseTotpSecret(secret: string): Uint8Array {
  return decodeBase32IgnorePadding(secret.replace(/\s+/g, "").toUpperCase());
}
