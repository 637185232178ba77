import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { log } from "../../lib/log.ts";
import { maskMobile, redactDigits } from "./rules.ts";
import { smsOutbox } from "./schema.ts";

export type SmsMessage = {
  to: string;
  text: string;
  purpose: "registration" | "password_reset" | "notification";
  /** The office whose admins may read the message in the outbox. */
  officeCode: string;
};

/** Every way of delivering an SMS. `send` resolves once the provider accepted the message, or throws SmsDeliveryError. */
export interface SmsSender {
  readonly kind: "outbox" | "http";
  send(message: SmsMessage): Promise<void>;
}

export class SmsDeliveryError extends Error {
  override name = "SmsDeliveryError";
}

/**
 * Default adapter: the message is stored for the office admins' 短信发件箱. A verification code is
 * also written to the log (a developer signs up without opening the outbox); a notification is
 * logged without number or text (it is about a person's business, and the outbox page has it).
 */
export function outboxSender(db: Db): SmsSender {
  return {
    kind: "outbox",
    async send(m) {
      await db.insert(smsOutbox).values({ id: Bun.randomUUIDv7(), officeCode: m.officeCode, purpose: m.purpose, to: m.to, text: m.text });
      if (m.purpose === "notification") log.info("sms outbox", { to: maskMobile(m.to), officeCode: m.officeCode, purpose: m.purpose });
      else log.info("sms outbox", { to: m.to, officeCode: m.officeCode, purpose: m.purpose, text: m.text });
    },
  };
}

/**
 * A real provider behind an HTTP endpoint: `POST url` with JSON `{to, text}` and, when a token is
 * configured, `Authorization: Bearer <token>`. Any 2xx is success; anything else, a network error or
 * no answer within `timeoutMs` is a SmsDeliveryError. The log line carries no message text (it holds a code).
 */
export function httpSender({ url, token, timeoutMs = 10_000 }: { url: string; token?: string; timeoutMs?: number }): SmsSender {
  return {
    kind: "http",
    async send(m) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (token) headers.authorization = `Bearer ${token}`;
      let res: Response;
      try {
        res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ to: m.to, text: m.text }), signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        log.error("sms provider unreachable", { to: maskMobile(m.to), err });
        throw new SmsDeliveryError(`SMS provider unreachable: ${(err as Error).message}`);
      }
      if (!res.ok) {
        // The answer is logged for the operator, but a provider may echo the number or the text (and its code).
        const body = redactDigits((await res.text().catch(() => "")).slice(0, 200));
        log.error("sms provider refused", { to: maskMobile(m.to), status: res.status, body });
        throw new SmsDeliveryError(`SMS provider answered ${res.status}`);
      }
      log.info("sms sent", { to: maskMobile(m.to), purpose: m.purpose, provider: "http" });
    },
  };
}

/** The adapter the configuration asks for. */
export function smsSenderFor({ config, db }: { config: Pick<Config, "sms">; db: Db }): SmsSender {
  return config.sms.kind === "http" ? httpSender({ url: config.sms.url, token: config.sms.token }) : outboxSender(db);
}
