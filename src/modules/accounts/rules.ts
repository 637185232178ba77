/** Pure rules about accounts: roles, password policy. No I/O here. */

import { ROLES, type Role } from "../../app-env.ts";

// The roles belong to the access model every handler shares (src/app-env.ts); re-exported for this slice's users.
export { ROLES, type Role };

export const OFFICE_ROLES: readonly Role[] = ["office_admin", "office_reviewer", "print_clerk"];

export function isOfficeRole(role: Role) {
  return role !== "enterprise";
}

/** The password policy stated on every form that sets a password. */
export const PASSWORD_POLICY = "至少 8 位，须同时包含字母和数字，且不能与登录名相同。";

/** Returns the problems with a proposed password (empty when it is acceptable). */
export function passwordProblems(password: string, login: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push("密码至少需要 8 位。");
  if (password.length > 128) problems.push("密码不能超过 128 位。");
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push("密码须同时包含字母和数字。");
  if (login && password.toLowerCase() === login.toLowerCase()) problems.push("密码不能与登录名相同。");
  return problems;
}

/** Sign-in throttling: how many failures in the window lock a login (or an address), and for how long. */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerLogin: 5,
  maxPerIp: 30,
} as const;

export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };
/** How long a counting window lasts and how long reaching its maximum locks the key. */
export type ThrottleWindow = { windowMs: number; lockMs: number };

/**
 * Next throttle state after one more counted event at `now` (a failed sign-in, or one API request:
 * the EDI rate limit counts with the same rule, with its own window).
 */
export function afterFailure(state: ThrottleState | undefined, now: Date, max: number, window: ThrottleWindow = THROTTLE): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStart.getTime() > window.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  const lockedUntil = failures >= max ? new Date(now.getTime() + window.lockMs) : null;
  return { failures, windowStart, lockedUntil };
}

export function isLocked(state: ThrottleState | undefined, now: Date) {
  return !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime();
}

/** Sliding expiry: a session is renewed once less than half its lifetime remains. */
export function renewedExpiry(expiresAt: Date, now: Date, lifetimeMs: number): Date | null {
  return expiresAt.getTime() - now.getTime() < lifetimeMs / 2 ? new Date(now.getTime() + lifetimeMs) : null;
}

/**
 * Office staff sign in with a second factor (TOTP, or a recovery code) after the password: the
 * CA card of the old system, without its plugin. Enterprise accounts have their own (SMS) flows.
 */
export function requiresSecondFactor(role: Role) {
  return isOfficeRole(role);
}

export const TWO_FACTOR = {
  /** A session waiting for its second factor lapses after this long (enrolment included). */
  pendingMs: 15 * 60_000,
  recoveryCodeCount: 10,
} as const;

/** Recovery codes are shown as four groups of four base32 letters; typing tolerates case, spaces and dashes. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]+/g, "");
}

export function formatRecoveryCode(raw: string): string {
  return raw.replace(/(.{4})(?=.)/g, "$1-");
}

/** Only local paths are followed after sign-in, so a `next` parameter cannot send anyone off-site. */
export function safeNext(next: string | undefined | null) {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
