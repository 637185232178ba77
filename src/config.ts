import { z } from "zod";
import { DatabaseUrlError, parseDatabaseUrl } from "./db/url.ts";

/**
 * Every environment variable the process reads, validated in one place.
 * A bad value stops start-up with a message naming the variable (see `loadConfig`).
 */
const flag = z.enum(["0", "1", "true", "false", "yes", "no"]).transform((v) => v === "1" || v === "true" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DEMO: flag.optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  COOKIE_SECURE: flag.optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // The one origin written into documents and messages (QR code, "Verify at", e-mails): never taken from a request.
  PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\/[^/]+\/?$/, "must be an origin such as https://origo.example.cn (no path)")
    .optional(),
  TRUST_PROXY: flag.optional(),
  TWO_FACTOR_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").byteLength === 32, "must be 32 random bytes in base64 (openssl rand -base64 32)")
    .optional(),
  // Image captcha on the public registration pages. `off` exists for browser tests and is refused in production.
  CAPTCHA: z.enum(["on", "off"]).default("on"),
  // A real SMS provider: POST JSON {to, text} to this URL. Unset: messages go to the database outbox.
  SMS_HTTP_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must be an http:// or https:// URL")
    .optional(),
  SMS_HTTP_TOKEN: z.string().min(8, "must be at least 8 characters").optional(),
  // E-mail notifications over SMTP (smtp:// with STARTTLS when offered, smtps:// for TLS from the start). Unset: no e-mail.
  SMTP_URL: z
    .string()
    .url()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.cn:465")
    .optional(),
  SMTP_FROM: z
    .string()
    .min(3)
    .regex(/^[^\r\n]+$/, "must be one line, e.g. Origo <noreply@origo.example.cn>")
    .optional(),
  // Argon2 cost of stored passwords and SMS codes. `fast` exists for the test suite and is refused in production.
  PASSWORD_HASHING: z.enum(["standard", "fast"]).optional(),
  // The EDI API's rate limit, requests per minute: per token, and per address for requests without one.
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  API_RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(1).default(60),
  // Operations (several processes, metrics, shutdown): docs/operations.md.
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 16)").optional(),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(10),
  // Webhook deliveries to loopback and private addresses: on outside production (local receivers), refused in production (SSRF).
  WEBHOOK_ALLOW_PRIVATE: flag.optional(),
});

/**
 * Encrypts office staff's TOTP secrets at rest, so a copy of the database alone does not give away
 * their second factor. This fixed key serves development and tests only; production must set its own.
 */
const DEVELOPMENT_TWO_FACTOR_KEY = "b3JpZ28tZGV2ZWxvcG1lbnQtb25seS10b3RwLWtleSE=";

export type Config = {
  env: "development" | "production" | "test";
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Load demo data on first start: default on for the embedded database, never by default on a server. */
  demo: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  cookieSecure: boolean;
  sessionDays: number;
  /**
   * The externally visible origin, without a trailing slash. Every absolute URL the server writes
   * into a certificate or a message comes from here, never from the request's Host header (which a
   * client chooses). Development default: this server's own origin.
   */
  publicUrl: string;
  /** A reverse proxy in front sets X-Forwarded-Proto, and only it can reach us (TRUST_PROXY). */
  trustProxy: boolean;
  /** Base64 AES-256 key for TOTP secrets at rest (TWO_FACTOR_KEY). */
  twoFactorKey: string;
  /** Image captcha on registration; only a non-production process may turn it off. */
  captcha: boolean;
  /** Where SMS codes go: the database outbox (default, shown to office admins) or a provider over HTTP. */
  sms: { kind: "outbox" } | { kind: "http"; url: string; token: string | undefined };
  /** Notification e-mail: off without SMTP_URL; the sender address defaults to noreply@ the PUBLIC_URL host. */
  email: { kind: "off" } | { kind: "smtp"; url: string; from: string };
  /** Argon2 cost (src/lib/passwords.ts): `fast` by default under NODE_ENV=test only, never in production. */
  passwordHashing: "standard" | "fast";
  /**
   * Requests per window to /api/v1 per token (`perToken`) and per address without a valid token
   * (`perAddress`), counted in the database so every process shares them; over it, 429 with Retry-After.
   */
  apiRateLimit: { perToken: number; perAddress: number; windowMs: number };
  /** Bearer token that opens /metrics; unset, /metrics does not exist (it is off the public internet by default). */
  metricsToken: string | undefined;
  /** How long SIGTERM waits for requests in flight before closing them. */
  shutdownGraceMs: number;
  /** Webhook deliveries may reach loopback and private addresses: tests and development only (SSRF guard, modules/webhooks). */
  webhookAllowPrivate: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message} (got ${JSON.stringify(present[String(i.path[0])])})`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if (production && !e.TWO_FACTOR_KEY)
    throw new ConfigError("Invalid environment:\n  TWO_FACTOR_KEY: required in production (32 random bytes in base64: openssl rand -base64 32)");
  if (production && e.CAPTCHA === "off") throw new ConfigError("Invalid environment:\n  CAPTCHA: cannot be off when NODE_ENV=production (it is a test switch)");
  if (production && e.PASSWORD_HASHING === "fast")
    throw new ConfigError("Invalid environment:\n  PASSWORD_HASHING: cannot be fast when NODE_ENV=production (it is a test switch)");
  if (production && !e.PUBLIC_URL)
    throw new ConfigError("Invalid environment:\n  PUBLIC_URL: required in production (the address verifiers type, e.g. https://origo.example.cn)");
  if (production && e.WEBHOOK_ALLOW_PRIVATE)
    throw new ConfigError(
      "Invalid environment:\n  WEBHOOK_ALLOW_PRIVATE: cannot be on when NODE_ENV=production (webhooks must not reach the server's own network)",
    );
  if (e.SMTP_FROM && !e.SMTP_URL) throw new ConfigError("Invalid environment:\n  SMTP_URL: must be set when SMTP_FROM is set");
  if (e.SMS_HTTP_TOKEN && !e.SMS_HTTP_URL) throw new ConfigError("Invalid environment:\n  SMS_HTTP_URL: must be set when SMS_HTTP_TOKEN is set");
  if (e.DATABASE_URL) {
    try {
      parseDatabaseUrl(e.DATABASE_URL);
    } catch (err) {
      if (err instanceof DatabaseUrlError) throw new ConfigError(`Invalid environment:\n  ${err.message}`);
      throw err;
    }
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO ?? !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE ?? production,
    sessionDays: e.SESSION_DAYS,
    publicUrl,
    trustProxy: e.TRUST_PROXY ?? false,
    twoFactorKey: e.TWO_FACTOR_KEY ?? DEVELOPMENT_TWO_FACTOR_KEY,
    captcha: e.CAPTCHA === "on",
    email: e.SMTP_URL ? { kind: "smtp", url: e.SMTP_URL, from: e.SMTP_FROM ?? `Origo 原产地证 <noreply@${new URL(publicUrl).hostname}>` } : { kind: "off" },
    sms: e.SMS_HTTP_URL ? { kind: "http", url: e.SMS_HTTP_URL, token: e.SMS_HTTP_TOKEN } : { kind: "outbox" },
    passwordHashing: e.PASSWORD_HASHING ?? (e.NODE_ENV === "test" ? "fast" : "standard"),
    apiRateLimit: { perToken: e.API_RATE_LIMIT, perAddress: e.API_RATE_LIMIT_ANONYMOUS, windowMs: 60_000 },
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE ?? !production,
  };
}

/**
 * The desk agent runs on a desk's own computer, apart from the server: it reads only its token
 * (ORIGO_DESK_TOKEN, which keeps it out of the process list) and LOG_LEVEL.
 */
export function loadDeskAgentEnv(env: Record<string, string | undefined> = process.env) {
  const level = envSchema.shape.LOG_LEVEL.safeParse(env.LOG_LEVEL || undefined);
  if (!level.success) throw new ConfigError(`Invalid environment:\n  LOG_LEVEL: must be debug, info, warn or error (got ${JSON.stringify(env.LOG_LEVEL)})`);
  return { token: env.ORIGO_DESK_TOKEN || undefined, logLevel: level.data };
}

/** `bun run cli office import-key`: the PKCS#12 passphrase comes from P12_PASSPHRASE, never the command line (process list). */
export function p12Passphrase(env: Record<string, string | undefined> = process.env): string {
  return env.P12_PASSPHRASE ?? "";
}
