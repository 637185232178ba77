/**
 * Pure rules of webhooks: which events exist, the retry schedule, the signature, and which
 * addresses a delivery may reach (SSRF). No I/O here.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";

/** The events an endpoint may choose, in the order the page lists them. */
export const WEBHOOK_EVENTS = [
  "certificate.returned",
  "certificate.approved",
  "certificate.issued",
  "certificate.voided",
  "filing.approved",
  "filing.returned",
  "commercial.approved",
  "commercial.returned",
  "commercial.voided",
  "api_token.expiring",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export const isWebhookEvent = (name: string): name is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(name);

/** Endpoints per enterprise: enough for an ERP, a test system and a forwarder. */
export const MAX_ENDPOINTS = 10;
/** Deliveries are retried for this long after the event (the issue's 24 h). */
export const RETRY_WINDOW_MS = 24 * 3600_000;
/** Waits after the 1st, 2nd, … failed attempt; the last repeats until the window closes (13 tries in 24 h). */
export const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 3600_000, 3 * 3600_000] as const;
/** Connect-to-answer limit per attempt; an answer body is read only this far. */
export const SEND_TIMEOUT_MS = 5_000;
export const ANSWER_EXCERPT_CHARS = 500;
/** The worker's hold on a claimed delivery: longer than one attempt can take, so a live worker never loses it mid-send. */
export const LEASE_MS = 30_000;
/** Finished deliveries (and their attempts) are kept this long, then pruned by the worker. */
export const KEEP_FINISHED_DAYS = 30;
/** The signature's timestamp may differ from the receiver's clock by this much (what the docs tell receivers). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * When to try again after `attempts` failed attempts, or null once the next try would fall after
 * `giveUpAt` (the delivery is then FAILED).
 */
export function nextAttemptAt(attempts: number, now: Date, giveUpAt: Date): Date | null {
  const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0];
  const next = new Date(now.getTime() + delay);
  return next.getTime() > giveUpAt.getTime() ? null : next;
}

/** `Origo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signatureHeader(secret: string, body: string, timestamp: number) {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * What a receiver does (the decision note shows the same in a few lines): true when `header`
 * signs `body` with `secret` and its timestamp is within the tolerance of `now` (unix seconds).
 */
export function verifySignature(secret: string, body: string, header: string, now = Math.floor(Date.now() / 1000)) {
  const parts = new Map(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(now - t) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signatureHeader(secret, body, t).split("v1=")[1]!, "hex");
  const given = Buffer.from(v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Addresses a production delivery never reaches: this host, the local network, and what is not unicast on the internet. */
const BLOCKED: readonly [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"], // "this network"
  ["10.0.0.0", 8, "ipv4"], // private
  ["100.64.0.0", 10, "ipv4"], // carrier-grade NAT
  ["127.0.0.0", 8, "ipv4"], // loopback
  ["169.254.0.0", 16, "ipv4"], // link-local (cloud metadata lives here)
  ["172.16.0.0", 12, "ipv4"], // private
  ["192.0.0.0", 24, "ipv4"], // IETF protocol assignments
  ["192.168.0.0", 16, "ipv4"], // private
  ["198.18.0.0", 15, "ipv4"], // benchmarking
  ["224.0.0.0", 4, "ipv4"], // multicast
  ["240.0.0.0", 4, "ipv4"], // reserved, broadcast
  ["::", 128, "ipv6"], // unspecified
  ["::1", 128, "ipv6"], // loopback
  ["64:ff9b:1::", 48, "ipv6"], // local-use NAT64
  ["fc00::", 7, "ipv6"], // unique-local
  ["fe80::", 10, "ipv6"], // link-local
  ["ff00::", 8, "ipv6"], // multicast
];
const blockList = new BlockList();
for (const [net, prefix, type] of BLOCKED) blockList.addSubnet(net, prefix, type);

/** True for an IP address a production delivery may reach (IPv4-mapped IPv6 is judged as its IPv4). */
export function isPublicAddress(address: string) {
  const family = isIP(address);
  if (!family) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return !blockList.check(mapped[1]!, "ipv4");
  return !blockList.check(address, family === 4 ? "ipv4" : "ipv6");
}

export type UrlProblem = "scheme" | "malformed" | "credentials" | "private";

/**
 * Checks an endpoint URL as typed: http(s) only, no user:password part, and (unless private
 * addresses are allowed) no literal private address or `localhost`. Names are checked again, by
 * their resolved addresses, at every delivery (send.ts).
 */
export function urlProblem(raw: string, { allowPrivate }: { allowPrivate: boolean }): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "malformed";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "scheme";
  if (url.username || url.password) return "credentials";
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return "private";
  if (isIP(host) && !isPublicAddress(host)) return "private";
  return null;
}

/** The start of an answer as kept in an attempt's record. */
export function excerpt(text: string) {
  return text.length > ANSWER_EXCERPT_CHARS ? `${text.slice(0, ANSWER_EXCERPT_CHARS)}…` : text;
}
