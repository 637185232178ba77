/** Pure rules of notifications: which events exist and for whom, e-mail addresses, retry timing. No I/O here. */

/** Events an enterprise account hears about (one notification per account of the enterprise). */
export const ENTERPRISE_EVENTS = [
  "certificate.returned",
  "certificate.approved",
  "certificate.issued",
  "certificate.voided",
  "filing.approved",
  "filing.returned",
  "commercial.returned",
  "commercial.approved",
  "commercial.voided",
  "api_token.expiring",
] as const;
/** Events office staff hear about. */
export const OFFICE_EVENTS = ["office.daily_summary"] as const;
export const NOTIFICATION_EVENTS = [...ENTERPRISE_EVENTS, ...OFFICE_EVENTS] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const isNotificationEvent = (s: string): s is NotificationEvent => (NOTIFICATION_EVENTS as readonly string[]).includes(s);

/** The events a role may choose to receive by e-mail (the settings page offers these); the daily summary goes to reviewers and admins. */
export function eventsForRole(role: string): readonly NotificationEvent[] {
  if (role === "enterprise") return ENTERPRISE_EVENTS;
  return role === "office_admin" || role === "office_reviewer" ? OFFICE_EVENTS : [];
}

/** A notification's link is a path of this app, never another site (it is followed after "mark read"). */
export const isLocalPath = (link: string) => link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\");

export const EMAIL_MAX = 254;

/**
 * A plain mailbox address (local@domain), trimmed and with the domain lower-cased; null when it is
 * not one. Deliberately narrow: no display names, comments or quoted local parts, no line breaks
 * (header injection), so what is stored is what the SMTP server is given.
 */
export function normalizeEmail(input: string): string | null {
  const s = input.normalize("NFKC").trim();
  if (!s || s.length > EMAIL_MAX) return null;
  const m =
    /^([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64})@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$/.exec(s);
  if (!m) return null;
  const [, local, domain] = m;
  if (local!.startsWith(".") || local!.endsWith(".") || local!.includes("..")) return null;
  return `${local}@${domain!.toLowerCase()}`;
}

/** `z***@example.com`: enough for the owner to recognise the address in a log, not enough to reveal it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${address[0]}***@${address.slice(at + 1)}`;
}

/**
 * Delivery attempts before an e-mail is given up: with the delays below the last one is about 20 h
 * after the first, so a mail server down for most of a day delays mail but loses none.
 */
export const MAX_ATTEMPTS = 14;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 4 * 60 * 60_000;

/** Wait before attempt `attempts + 1` after `attempts` failures: 30 s doubling up to 4 h, ±20 % jitter so a recovered server is not hit by every process at once. */
export function retryDelayMs(attempts: number, random: number = Math.random()): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

/** The lease a worker holds on an e-mail while sending it; a worker that dies lets it run out and another takes the mail. */
export const LEASE_MS = 60_000;
