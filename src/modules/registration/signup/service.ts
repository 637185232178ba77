import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { createCaptcha, hashCaptchaAnswer } from "../../../lib/captcha.ts";
import { AppError, invalid, notFound, type FieldIssue } from "../../../lib/errors.ts";
import { log } from "../../../lib/log.ts";
import {
  createAccount,
  findAccountContact,
  generateSessionToken,
  listEnterpriseAccounts,
  listLoginsWithPrefix,
  passwordProblems,
  resetPassword,
  sessionIdOf,
  signIn,
} from "../../accounts/index.ts";
import { recordAudit } from "../../audit/index.ts";
import { CODE_CHECK_MESSAGES, issueCode, maskMobile, normalizeMobile, SMS_M, SmsDeliveryError, verifyCode, type SmsSender } from "../../sms/index.ts";
import { passwordResets, registrationAttempts } from "../signup-schema.ts";
import { S } from "./messages.ts";
import * as q from "./queries.ts";
import { identityFailures, loginFitsRegNo, nextFreeLogin, normalizeCode, SIGNUP_LIMITS, type FailedCheck, type TypedIdentity } from "./rules.ts";

export type Attempt = typeof registrationAttempts.$inferSelect;
/** A registration attempt that passed step 1, with the enterprise it matched. */
export type LiveAttempt = { attempt: Attempt; enterprise: { id: string; regNo: string; nameZh: string; officeCode: string } };
export type PasswordReset = typeof passwordResets.$inferSelect;

const SMS_CODE = /^\d{6}$/;

export function listOffices({ db }: { db: Db }) {
  return q.listOffices(db);
}

/**
 * Step 1 (企业登记信息): compares office, registration number, enterprise name and hand-signer with
 * the office's current record (one source of truth: a hand-signer the office adds counts at once,
 * manual Q10). Every submission is kept as an attempt row; a matching one gets a token for the
 * browser's cookie. With the captcha switched off (tests only) the attempt skips step 2.
 * Throws `rate_limited` when this address has failed too often recently.
 */
export async function checkIdentity({
  db,
  typed,
  ip,
  captcha,
}: {
  db: Db;
  typed: TypedIdentity;
  ip: string;
  captcha: boolean;
}): Promise<{ ok: true; token: string } | { ok: false; failures: FailedCheck[] }> {
  const now = new Date();
  const since = new Date(now.getTime() - SIGNUP_LIMITS.identityWindowMs);
  if ((await q.countIdentityFailures(db, ip, since)) >= SIGNUP_LIMITS.identityFailures) throw new AppError("rate_limited", S.identityLimited);
  const officeCode = normalizeCode(typed.officeCode);
  const regNo = normalizeCode(typed.regNo);
  const [officeExists, enterprise] = await Promise.all([q.officeExists(db, officeCode), q.findEnterpriseByRegNo(db, regNo)]);
  const signerNames = enterprise ? await q.activeSignerNames(db, enterprise.id) : [];
  const failures = identityFailures({ typed, officeExists, enterprise, signerNames });
  const token = generateSessionToken();
  const failed = failures.length > 0;
  await db.insert(registrationAttempts).values({
    id: sessionIdOf(token),
    ip,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SIGNUP_LIMITS.attemptTtlMs),
    officeCode,
    regNo,
    enterpriseName: typed.enterpriseName.trim(),
    signerName: typed.signerName.trim(),
    enterpriseId: failed ? null : enterprise!.id,
    failedChecks: failed ? failures : null,
    lastFailedAt: failed ? now : null,
    captchaPassedAt: !failed && !captcha ? now : null,
  });
  return failed ? { ok: false, failures } : { ok: true, token };
}

/** The live attempt behind a cookie token, or null when there is none, it expired, or it is finished. */
export async function getAttempt({ db, token }: { db: Db; token: string | undefined }): Promise<LiveAttempt | null> {
  if (!token) return null;
  const attempt = await q.findLiveAttempt(db, sessionIdOf(token), new Date());
  if (!attempt?.enterpriseId) return null;
  const e = await q.findEnterpriseById(db, attempt.enterpriseId);
  if (!e) return null;
  return { attempt, enterprise: { id: e.id, regNo: e.regNo, nameZh: e.nameZh, officeCode: e.officeCode } };
}

/** Step 2: a new image challenge for the attempt; the previous one stops counting. Returns the SVG. */
export async function newCaptcha({ db, attemptId }: { db: Db; attemptId: string }): Promise<string> {
  const { answer, svg } = createCaptcha();
  const salt = generateSessionToken();
  await db
    .update(registrationAttempts)
    .set({ captchaSalt: salt, captchaHash: hashCaptchaAnswer(salt, answer) })
    .where(eq(registrationAttempts.id, attemptId));
  return svg;
}

/**
 * Step 2: checks the answer to the current challenge and spends it whatever the outcome (single use:
 * the hash is cleared by the same UPDATE that checks it). After too many wrong answers the attempt
 * ends and the registrant starts again at step 1.
 */
export async function answerCaptcha({ db, attempt, answer }: { db: Db; attempt: Attempt; answer: string }): Promise<"ok" | "wrong" | "exhausted"> {
  const now = new Date();
  const id = eq(registrationAttempts.id, attempt.id);
  if (attempt.captchaSalt) {
    const hash = hashCaptchaAnswer(attempt.captchaSalt, answer);
    const won = await db
      .update(registrationAttempts)
      .set({ captchaSalt: null, captchaHash: null, captchaPassedAt: now })
      .where(and(id, eq(registrationAttempts.captchaHash, hash)))
      .returning({ id: registrationAttempts.id });
    if (won.length) return "ok";
  }
  const [row] = await db
    .update(registrationAttempts)
    .set({ captchaSalt: null, captchaHash: null, captchaWrong: sql`${registrationAttempts.captchaWrong} + 1`, failedChecks: ["captcha"], lastFailedAt: now })
    .where(id)
    .returning({ wrong: registrationAttempts.captchaWrong });
  if ((row?.wrong ?? 0) < SIGNUP_LIMITS.captchaTries) return "wrong";
  await db.update(registrationAttempts).set({ expiresAt: now }).where(id);
  return "exhausted";
}

/** The logins already on a registration number and the next free one (manual Q1: offer `-1`, `-2`, … instead of a dead end). */
export async function suggestLogin({ db, regNo }: { db: Db; regNo: string }) {
  const taken = await listLoginsWithPrefix({ db, prefix: regNo });
  return { taken: taken.sort(), next: nextFreeLogin(regNo, taken) };
}

/**
 * Step 3: sends the SMS code for the attempt to `mobile` (stored on the attempt, so the code is
 * bound to that number). Throws `invalid` on a malformed number, `rate_limited`, or SmsDeliveryError.
 */
export async function sendRegistrationCode({ db, sender, live, mobile, ip }: { db: Db; sender: SmsSender; live: LiveAttempt; mobile: string; ip: string }) {
  const number = normalizeMobile(mobile);
  if (!number) throw invalid(S.mobileFormat, [{ path: "mobile", message: S.mobileFormat }]);
  await db.update(registrationAttempts).set({ mobile: number }).where(eq(registrationAttempts.id, live.attempt.id));
  const sent = await issueCode({
    db,
    sender,
    purpose: "registration",
    subjectId: live.attempt.id,
    mobile: number,
    ip,
    message: { officeCode: live.enterprise.officeCode, text: SMS_M.registrationText },
  });
  return { ...sent, masked: maskMobile(number) };
}

export type AccountInput = { login: string; password: string; confirmPassword: string; mobile: string; smsCode: string };

/**
 * Step 3 (账户信息): checks every field first (so a typo does not spend the SMS code), then the code,
 * then creates the enterprise account and signs it in. Throws `invalid` with one issue per field.
 */
export async function completeRegistration({
  db,
  live,
  input,
  ip,
  sessionDays,
}: {
  db: Db;
  live: LiveAttempt;
  input: AccountInput;
  ip: string;
  sessionDays: number;
}): Promise<{ token: string; expiresAt: Date; login: string }> {
  const { attempt, enterprise } = live;
  const attemptRow = eq(registrationAttempts.id, attempt.id);
  const issues: FieldIssue[] = [];
  const login = normalizeCode(input.login);
  let taken: string[] = [];
  if (!loginFitsRegNo(login, enterprise.regNo)) issues.push({ path: "login", message: S.loginShape(enterprise.regNo) });
  else {
    taken = await listLoginsWithPrefix({ db, prefix: enterprise.regNo });
    if (taken.some((t) => normalizeCode(t) === login)) issues.push({ path: "login", message: S.loginTaken(login, nextFreeLogin(enterprise.regNo, taken)) });
  }
  const weak = passwordProblems(input.password, login);
  if (weak.length) issues.push({ path: "password", message: weak.join("") });
  else if (input.password !== input.confirmPassword) issues.push({ path: "confirmPassword", message: S.confirmMismatch });
  const mobile = normalizeMobile(input.mobile);
  if (!mobile) issues.push({ path: "mobile", message: S.mobileFormat });
  const code = input.smsCode.normalize("NFKC").trim();
  if (!SMS_CODE.test(code)) issues.push({ path: "smsCode", message: SMS_M.codeFormat });
  // Kept for the office's lookup: what was typed at this step (never the password).
  await db
    .update(registrationAttempts)
    .set({ login: login.slice(0, 64), mobile: mobile ?? input.mobile.trim().slice(0, 32) })
    .where(attemptRow);
  if (issues.length || !mobile) throw invalid(S.registerFailed, issues);

  const check = await verifyCode({ db, purpose: "registration", subjectId: attempt.id, mobile, code });
  if (check !== "ok") {
    const failed: FailedCheck | null = check === "expired" ? "sms_expired" : check === "wrong" || check === "too_many" ? "sms_wrong" : null;
    if (failed)
      await db
        .update(registrationAttempts)
        .set({ failedChecks: [failed], lastFailedAt: new Date() })
        .where(attemptRow);
    const message = CODE_CHECK_MESSAGES[check];
    throw invalid(message, [{ path: check === "mobile_changed" ? "mobile" : "smsCode", message }]);
  }

  let accountId: string;
  try {
    accountId = await createAccount({
      db,
      account: { login, password: input.password, role: "enterprise", enterpriseId: enterprise.id, displayName: enterprise.nameZh, mobile },
    });
  } catch (e) {
    // Someone took the login between the check above and now.
    if (e instanceof AppError && e.code === "conflict")
      throw invalid(S.registerFailed, [{ path: "login", message: S.loginTaken(login, nextFreeLogin(enterprise.regNo, [...taken, login])) }]);
    throw e;
  }
  await db.transaction(async (tx) => {
    await tx.update(registrationAttempts).set({ accountId, completedAt: new Date() }).where(attemptRow);
    await recordAudit(tx, {
      actorId: accountId,
      officeCode: enterprise.officeCode,
      entity: "account",
      entityId: accountId,
      action: "self_registered",
      after: { login, regNo: enterprise.regNo, mobile: maskMobile(mobile) },
    });
  });
  const session = await signIn({ db, login, password: input.password, ip, sessionDays });
  return { token: session.token, expiresAt: session.expiresAt, login };
}

/**
 * 注册查询 (manual Q1, Q3): an enterprise of the caller's office by registration number, with its filed
 * values, its accounts and the last failed registration attempt on that number. Another office's
 * enterprise is not found.
 */
export async function lookupRegistration({ db, officeCode, regNo }: { db: Db; officeCode: string; regNo: string }) {
  const number = normalizeCode(regNo);
  const enterprise = await q.findEnterpriseByRegNo(db, number);
  if (!enterprise || enterprise.officeCode !== officeCode) throw notFound(S.lookupNotFound(number));
  const [signerNames, accounts, lastFailed, logins] = await Promise.all([
    q.activeSignerNames(db, enterprise.id),
    listEnterpriseAccounts({ db, enterpriseId: enterprise.id }),
    q.lastFailedAttempt(db, number),
    suggestLogin({ db, regNo: enterprise.regNo }),
  ]);
  return { enterprise, signerNames, accounts, lastFailed, nextLogin: logins.next };
}

async function sendResetCode({ db, sender, reset, ip }: { db: Db; sender: SmsSender; reset: PasswordReset; ip: string }) {
  const account = reset.accountId ? await findAccountContact({ db, login: reset.login }) : undefined;
  const officeCode = account
    ? (account.officeCode ?? (account.enterpriseId ? (await q.findEnterpriseById(db, account.enterpriseId))?.officeCode : undefined))
    : undefined;
  const message = account && officeCode ? { officeCode, text: (code: string) => SMS_M.resetText(code, account.login) } : null;
  try {
    await issueCode({ db, sender, purpose: "password_reset", subjectId: reset.id, mobile: reset.mobile, ip, message });
  } catch (e) {
    // Saying the provider failed would tell a stranger that the login and number match.
    if (!(e instanceof SmsDeliveryError)) throw e;
    log.warn("password reset code not delivered", { resetId: reset.id });
  }
}

/**
 * 找回密码, first step: the same answer whether or not the login exists and has this mobile number.
 * When they match (and the account is active) a code goes to the number; otherwise a decoy is
 * recorded that counts against the same limits. Throws `invalid` (malformed number) or `rate_limited`.
 */
export async function startPasswordReset({ db, sender, login, mobile, ip }: { db: Db; sender: SmsSender; login: string; mobile: string; ip: string }) {
  const number = normalizeMobile(mobile);
  if (!number) throw invalid(S.mobileFormat, [{ path: "mobile", message: S.mobileFormat }]);
  const account = await findAccountContact({ db, login });
  const matches = !!account && account.active && !!account.mobile && normalizeMobile(account.mobile) === number;
  const token = generateSessionToken();
  const now = new Date();
  const [reset] = await db
    .insert(passwordResets)
    .values({
      id: sessionIdOf(token),
      ip,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SIGNUP_LIMITS.attemptTtlMs),
      login: login.trim().slice(0, 64),
      mobile: number,
      accountId: matches ? account.id : null,
    })
    .returning();
  await sendResetCode({ db, sender, reset: reset!, ip });
  return { token, masked: maskMobile(number) };
}

export async function getPasswordReset({ db, token }: { db: Db; token: string | undefined }) {
  return token ? ((await q.findLiveReset(db, sessionIdOf(token), new Date())) ?? null) : null;
}

export function resendResetCode({ db, sender, reset, ip }: { db: Db; sender: SmsSender; reset: PasswordReset; ip: string }) {
  return sendResetCode({ db, sender, reset, ip });
}

/**
 * 找回密码, second step: the code and the new password. A wrong code reads the same for a decoy as
 * for a real account. On success the password is replaced, lock-outs lifted and sessions ended.
 */
export async function confirmPasswordReset({
  db,
  reset,
  smsCode,
  newPassword,
  confirmPassword,
}: {
  db: Db;
  reset: PasswordReset;
  smsCode: string;
  newPassword: string;
  confirmPassword: string;
}) {
  const issues: FieldIssue[] = [];
  const code = smsCode.normalize("NFKC").trim();
  if (!SMS_CODE.test(code)) issues.push({ path: "smsCode", message: SMS_M.codeFormat });
  const weak = passwordProblems(newPassword, reset.login);
  if (weak.length) issues.push({ path: "newPassword", message: weak.join("") });
  else if (newPassword !== confirmPassword) issues.push({ path: "confirmPassword", message: S.confirmMismatch });
  if (issues.length) throw invalid(issues[0]!.message, issues);
  const check = await verifyCode({ db, purpose: "password_reset", subjectId: reset.id, mobile: reset.mobile, code });
  const account = check === "ok" && reset.accountId ? await findAccountContact({ db, login: reset.login }) : undefined;
  if (!account || account.id !== reset.accountId) {
    const message = check === "ok" ? SMS_M.codeWrong : CODE_CHECK_MESSAGES[check];
    throw invalid(message, [{ path: "smsCode", message }]);
  }
  await resetPassword({ db, login: account.login, password: newPassword });
  await db.update(passwordResets).set({ completedAt: new Date() }).where(eq(passwordResets.id, reset.id));
}
