/**
 * E-mail out over SMTP with nodemailer (the maintained library for it): one connection per
 * message, bounded waits, and errors reduced to what the worker needs: is it worth trying again,
 * and what to record (the SMTP reply code and nodemailer's error code, never the address or body).
 */
import nodemailer, { type NodemailerError } from "nodemailer";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { emailOutbox } from "./schema.ts";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string /** The same for every attempt of one notification, so a receiver can drop a repeat. */;
  messageId: string;
  /** The office whose admins may read the mail on 邮件发件箱 when no SMTP server is configured. */
  officeCode?: string | null;
};

export interface Mailer {
  readonly kind?: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A failed send. `permanent`: the server refused the message for good (5xx), do not try again. */
export class MailDeliveryError extends Error {
  override name = "MailDeliveryError";
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | undefined,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Each wait (connect, greeting, a reply); a whole message is given at most three of them, well inside the worker's lease (LEASE_MS). */
export const SMTP_TIMEOUT_MS = 15_000;

export function smtpMailer({ url, from, timeoutMs = SMTP_TIMEOUT_MS }: { url: string; from: string; timeoutMs?: number }): Mailer {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  return {
    kind: "smtp",
    async send(mail) {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          headers: { "Auto-Submitted": "auto-generated" },
          signal: AbortSignal.timeout(timeoutMs * 3),
        });
      } catch (err) {
        const e = err as NodemailerError;
        // The reply code and error code only: a server's reply text may repeat the address.
        const what = [e.responseCode, e.code, e.timeoutType].filter(Boolean).join(" ") || "error";
        throw new MailDeliveryError(`SMTP ${what}`, e.permanent === true, e.responseCode, e.code);
      }
    },
    close: () => transport.close(),
  };
}

/**
 * Without SMTP_URL: the mail is kept for the office admins' 邮件发件箱 (as the SMS outbox keeps
 * texts), so a demo or a test installation shows what would have been sent. Mail concerning no
 * office is not kept (it has no reader); the log names neither address nor text.
 */
export function outboxMailer(db: Db): Mailer {
  return {
    kind: "outbox",
    async send(mail) {
      if (!mail.officeCode) return;
      await db.insert(emailOutbox).values({ id: Bun.randomUUIDv7(), officeCode: mail.officeCode, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {},
  };
}

/** The mailer the configuration asks for: SMTP with SMTP_URL, else the outbox page. */
export function mailerFor({ config, db }: { config: Pick<Config, "email">; db: Db }): Mailer {
  return config.email.kind === "smtp" ? smtpMailer({ url: config.email.url, from: config.email.from }) : outboxMailer(db);
}
