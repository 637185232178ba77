/** Pure rules of API tokens: how long one lives and when its holder is told. No I/O here. */

/** Lifetimes offered when a token is created, in days; null: never expires. 90 days is the default. */
export const TOKEN_LIFETIMES = [30, 90, 180, 365, null] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];
export const DEFAULT_TOKEN_DAYS = 90;

const DAY_MS = 24 * 3600_000;

/** How long before its expiry a token's holder hears that it is about to expire (once). */
export const EXPIRY_NOTICE_MS = 7 * DAY_MS;

/** When a token created at `now` with a lifetime of `days` (null: never) expires. */
export const expiryFor = (days: number | null, now: Date) => (days === null ? null : new Date(now.getTime() + days * DAY_MS));

export const isExpired = (expiresAt: Date | null, now: Date) => expiresAt !== null && expiresAt.getTime() <= now.getTime();

/** The form's value ("90", "never") as a lifetime; undefined when it is none of those offered. */
export function parseLifetime(value: string | undefined): TokenLifetime | undefined {
  if (value === undefined || value === "") return DEFAULT_TOKEN_DAYS;
  if (value === "never") return null;
  return TOKEN_LIFETIMES.find((d) => d !== null && String(d) === value);
}
