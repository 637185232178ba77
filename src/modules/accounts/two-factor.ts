import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { AppError, conflict, forbidden, invalid, notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { afterFailure, formatRecoveryCode, isLocked, normalizeRecoveryCode, requiresSecondFactor, THROTTLE, TWO_FACTOR } from "./rules.ts";
import { recoveryCodes, sessions, signInThrottle, totpCredentials } from "./schema.ts";
import { openSecret, sealSecret } from "./secret-box.ts";
import { openSession } from "./service.ts";
import { formatTotpSecret, generateTotpKey, matchTotp, totpKeyUri } from "./totp.ts";

// The second factor of office staff: TOTP enrolment and verification, recovery codes, and the
// admin's reset. Passing it replaces the password-only session by a fresh verified one (a new
// token, so whatever saw the pending one gains nothing). `twoFactorKey` is config TWO_FACTOR_KEY,
// which seals the TOTP keys at rest (secret-box.ts).

type Verified = { token: string; expiresAt: Date };

const throttleKey = (accountId: string) => `two_factor:${accountId}`;
const hashRecoveryCode = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(normalizeRecoveryCode(code))));

async function refuseWhileLocked(db: Db, accountId: string) {
  if (isLocked(await q.findThrottle(db, throttleKey(accountId)), new Date())) throw new AppError("rate_limited", M.twoFactorLocked);
}

/** Counts a wrong code; throws `rate_limited` once that locks the account, else `invalid` on `field`. */
async function refuseCode(db: Db, accountId: string, field: string, message: string): Promise<never> {
  const key = throttleKey(accountId);
  const next = afterFailure(await q.findThrottle(db, key), new Date(), THROTTLE.maxPerLogin);
  await q.saveThrottle(db, { key, ...next });
  if (next.lockedUntil) throw new AppError("rate_limited", M.twoFactorLocked);
  throw invalid(message, [{ path: field, message }]);
}

/** Ends the pending session and opens a verified one in the same transaction as the proof. */
async function upgradeSession(tx: DbOrTx, { accountId, sessionId, sessionDays }: { accountId: string; sessionId: string; sessionDays: number }) {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
  await tx.delete(signInThrottle).where(eq(signInThrottle.key, throttleKey(accountId)));
  return openSession(tx, { accountId, sessionDays, twoFactorVerified: true });
}

export async function isTwoFactorEnrolled({ db, accountId }: { db: Db; accountId: string }) {
  return !!(await q.findTotpCredential(db, accountId))?.confirmedAt;
}

/**
 * Starts enrolment, or resumes it with the same key when the page is opened again before the first
 * code confirms it (so a QR code already scanned stays valid). Throws `conflict` once enrolled: the
 * key is never shown again after that.
 */
export async function beginTotpEnrolment({ db, user, twoFactorKey }: { db: Db; user: CurrentUser; twoFactorKey: string }) {
  if (!requiresSecondFactor(user.role)) throw forbidden();
  let credential = await q.findTotpCredential(db, user.id);
  if (credential?.confirmedAt) throw conflict(M.alreadyEnrolled);
  if (!credential) {
    await db
      .insert(totpCredentials)
      .values({ accountId: user.id, sealedSecret: sealSecret(twoFactorKey, generateTotpKey(), user.id) })
      .onConflictDoNothing();
    credential = (await q.findTotpCredential(db, user.id))!;
  }
  const key = openSecret(twoFactorKey, credential.sealedSecret, user.id);
  return { uri: totpKeyUri(key, user.login), secret: formatTotpSecret(key) };
}

/** A code typed at the second step of a pending office sign-in. */
type CodeAttempt = { db: Db; user: CurrentUser; sessionId: string; code: string; twoFactorKey: string; sessionDays: number };

/**
 * Confirms enrolment with the first correct code and issues the recovery codes, returned here in
 * plain text for the one time they are shown. Also passes the second factor for this sign-in.
 */
export async function confirmTotpEnrolment({
  db,
  user,
  sessionId,
  code,
  twoFactorKey,
  sessionDays,
}: CodeAttempt): Promise<Verified & { recoveryCodes: string[] }> {
  await refuseWhileLocked(db, user.id);
  const credential = await q.findTotpCredential(db, user.id);
  if (!credential) throw conflict(M.twoFactorRequired);
  if (credential.confirmedAt) throw conflict(M.alreadyEnrolled);
  const key = openSecret(twoFactorKey, credential.sealedSecret, user.id);
  const step = matchTotp({ key, code, at: new Date(), lastUsedStep: null });
  if (step === null) return refuseCode(db, user.id, "code", M.wrongCode);
  const codes = Array.from({ length: TWO_FACTOR.recoveryCodeCount }, () =>
    formatRecoveryCode(encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)))),
  );
  const session = await db.transaction(async (tx) => {
    if (!(await q.claimTotpStep(tx, user.id, step, true))) throw conflict(M.alreadyEnrolled);
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, user.id));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ id: Bun.randomUUIDv7(), accountId: user.id, codeHash: hashRecoveryCode(c) })));
    await recordAudit(tx, { actorId: user.id, officeCode: user.officeCode, entity: "account", entityId: user.id, action: "two_factor_enrolled" });
    return upgradeSession(tx, { accountId: user.id, sessionId, sessionDays });
  });
  return { ...session, recoveryCodes: codes };
}

/**
 * Checks a code from the authenticator app. Refuses a code of a step already used (`codeReused`),
 * counts every refusal towards the lock-out, and throws `conflict` when the account has no
 * confirmed key (the caller sends the user to enrolment).
 */
export async function verifyTotp({ db, user, sessionId, code, twoFactorKey, sessionDays }: CodeAttempt): Promise<Verified> {
  await refuseWhileLocked(db, user.id);
  const credential = await q.findTotpCredential(db, user.id);
  if (!credential?.confirmedAt) throw conflict(M.twoFactorRequired);
  const key = openSecret(twoFactorKey, credential.sealedSecret, user.id);
  const at = new Date();
  const step = matchTotp({ key, code, at, lastUsedStep: credential.lastUsedStep });
  if (step === null) {
    const usedBefore = matchTotp({ key, code, at, lastUsedStep: null }) !== null;
    return refuseCode(db, user.id, "code", usedBefore ? M.codeReused : M.wrongCode);
  }
  const session = await db.transaction(async (tx) => {
    // A concurrent request with the same code may have claimed the step since we read it.
    if (!(await q.claimTotpStep(tx, user.id, step, false))) return null;
    return upgradeSession(tx, { accountId: user.id, sessionId, sessionDays });
  });
  return session ?? refuseCode(db, user.id, "code", M.codeReused);
}

/** Passes the second factor with a recovery code, which is then spent. Returns how many remain. */
export async function useRecoveryCode({
  db,
  user,
  sessionId,
  code,
  sessionDays,
}: {
  db: Db;
  user: CurrentUser;
  sessionId: string;
  code: string;
  sessionDays: number;
}): Promise<Verified & { remaining: number }> {
  await refuseWhileLocked(db, user.id);
  const session = await db.transaction(async (tx) => {
    if (!(await q.claimRecoveryCode(tx, user.id, hashRecoveryCode(code)))) return null;
    await recordAudit(tx, { actorId: user.id, officeCode: user.officeCode, entity: "account", entityId: user.id, action: "recovery_code_used" });
    return upgradeSession(tx, { accountId: user.id, sessionId, sessionDays });
  });
  if (!session) return refuseCode(db, user.id, "recoveryCode", M.wrongRecoveryCode);
  return { ...session, remaining: await q.countUnusedRecoveryCodes(db, user.id) };
}

/**
 * Removes an account's second factor: its key, recovery codes, lock-out and sessions, so it enrols
 * again at its next sign-in. `by` is the office admin doing it (same office, not themselves); null
 * when an operator does it from the CLI. Returns the account reset.
 */
export async function resetTwoFactor({
  db,
  accountId,
  by,
  requestId = null,
}: {
  db: Db;
  accountId: string;
  by: CurrentUser | null;
  requestId?: string | null;
}) {
  const target = await q.findAccountById(db, accountId);
  if (!target) throw notFound();
  if (by) {
    if (target.officeCode === null || target.officeCode !== by.officeCode) throw forbidden(M.resetOtherOffice);
    if (target.id === by.id) throw forbidden(M.resetSelf);
  }
  await db.transaction(async (tx) => {
    const had = await q.findTotpCredential(tx, target.id);
    await tx.delete(totpCredentials).where(eq(totpCredentials.accountId, target.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, target.id));
    await tx.delete(sessions).where(eq(sessions.accountId, target.id));
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, throttleKey(target.id)));
    await recordAudit(tx, {
      actorId: by?.id ?? null,
      officeCode: target.officeCode,
      entity: "account",
      entityId: target.id,
      action: "two_factor_reset",
      before: { enrolled: !!had?.confirmedAt },
      requestId,
    });
  });
  return target;
}

/**
 * Enrols an account with a given key, already confirmed: for the demo accounts only, whose key is
 * printed in the README so a newcomer can add it to an authenticator app.
 */
export async function enrolTotpWithKey({ db, accountId, key, twoFactorKey }: { db: Db; accountId: string; key: Uint8Array; twoFactorKey: string }) {
  await db
    .insert(totpCredentials)
    .values({ accountId, sealedSecret: sealSecret(twoFactorKey, key, accountId), confirmedAt: new Date() })
    .onConflictDoNothing();
}
