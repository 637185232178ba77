import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { hashSecret, verifySecret } from "../../lib/passwords.ts";
import { SMS_M } from "./messages.ts";
import * as q from "./queries.ts";
import { codeStateBeforeCompare, generateCode, SMS_LIMITS, sendRefusal, type CodeCheck, type SendRefusal } from "./rules.ts";
import { smsCodes } from "./schema.ts";
import type { SmsSender } from "./senders.ts";

type Purpose = "registration" | "password_reset";

/** Codes are short, so the hash must be slow: argon2id at OWASP's minimum parameters (lib/passwords.ts). */
const hashCode = (code: string) => hashSecret(code, "code");

function refusalMessage(r: SendRefusal, now: Date) {
  if (r.reason === "cooldown") return SMS_M.cooldown(Math.max(1, Math.ceil((r.retryAt.getTime() - now.getTime()) / 1000)));
  return r.reason === "number_limit" ? SMS_M.numberLimit : SMS_M.ipLimit;
}

/**
 * Sends a fresh code for a subject (a registration attempt or a password reset) to `mobile`.
 * The rate limits are checked and the hashed code stored under an advisory lock per address and per
 * number, so parallel requests cannot slip past them. The newest code of a subject replaces the
 * older ones. `message: null` records a decoy that counts against the limits but sends nothing
 * (password reset for a login that does not match), so responses reveal nothing.
 * Throws AppError `rate_limited` with the Chinese reason, or SmsDeliveryError when the provider fails
 * (the code is then forgotten, so the user may retry at once).
 */
export async function issueCode({
  db,
  sender,
  purpose,
  subjectId,
  mobile,
  ip,
  message,
}: {
  db: Db;
  sender: SmsSender;
  purpose: Purpose;
  subjectId: string;
  mobile: string;
  ip: string;
  /** The text around the code and the office whose outbox may show it; null for a decoy. */
  message: { officeCode: string; text: (code: string) => string } | null;
}): Promise<{ expiresAt: Date; resendAt: Date }> {
  const code = generateCode();
  const codeHash = await hashCode(code);
  const id = Bun.randomUUIDv7();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SMS_LIMITS.ttlMs);
  await db.transaction(async (tx) => {
    // Always address first, then number: one order, so two requests never wait on each other in a cycle.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms-ip:${ip}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms-mobile:${mobile}`}))`);
    const since = new Date(now.getTime() - SMS_LIMITS.windowMs);
    const [toNumber, fromIp] = await Promise.all([q.sendTimes(tx, "mobile", mobile, since), q.sendTimes(tx, "ip", ip, since)]);
    const refusal = sendRefusal({ toNumber, fromIp }, now);
    if (refusal) throw new AppError("rate_limited", refusalMessage(refusal, now));
    await tx.insert(smsCodes).values({ id, purpose, subjectId, mobile, ip, codeHash, createdAt: now, expiresAt });
  });
  if (message) {
    try {
      await sender.send({ to: mobile, text: message.text(code), purpose, officeCode: message.officeCode });
    } catch (err) {
      await db.delete(smsCodes).where(eq(smsCodes.id, id));
      throw err;
    }
  }
  return { expiresAt, resendAt: new Date(now.getTime() + SMS_LIMITS.cooldownMs) };
}

/**
 * Checks `code` against the subject's latest code for `mobile`. A right code is spent at once
 * (single use, under a row lock); a wrong one counts towards the code's limit of wrong tries.
 */
export async function verifyCode({
  db,
  purpose,
  subjectId,
  mobile,
  code,
}: {
  db: Db;
  purpose: Purpose;
  subjectId: string;
  mobile: string;
  code: string;
}): Promise<CodeCheck> {
  return db.transaction(async (tx) => {
    const row = await q.latestCodeForUpdate(tx, purpose, subjectId);
    const state = codeStateBeforeCompare(row, mobile, new Date());
    if (state || !row) return state ?? "missing";
    if (!(await verifySecret(code, row.codeHash))) {
      await tx
        .update(smsCodes)
        .set({ wrongTries: sql`${smsCodes.wrongTries} + 1` })
        .where(eq(smsCodes.id, row.id));
      return "wrong";
    }
    await tx.update(smsCodes).set({ usedAt: new Date() }).where(eq(smsCodes.id, row.id));
    return "ok";
  });
}

/** The subject's latest code (without its hash), for showing where it went and when a resend is allowed. */
export function getLatestCode({ db, purpose, subjectId }: { db: Db; purpose: Purpose; subjectId: string }) {
  return q.latestCode(db, purpose, subjectId);
}

export const CODE_CHECK_MESSAGES: Record<Exclude<CodeCheck, "ok">, string> = {
  missing: SMS_M.codeMissing,
  expired: SMS_M.codeExpired,
  used: SMS_M.codeUsed,
  too_many: SMS_M.codeTooMany,
  wrong: SMS_M.codeWrong,
  mobile_changed: SMS_M.mobileChanged,
};

/** 短信发件箱: the newest messages concerning one office. */
export function listOutbox({ db, officeCode, limit = 200 }: { db: Db; officeCode: string; limit?: number }) {
  return q.outboxOf(db, officeCode, limit);
}
