import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { AppError, invalid, notFound } from "../../lib/errors.ts";
import { hashSecret, verifySecret } from "../../lib/passwords.ts";
import { recordAudit } from "../audit/index.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { afterFailure, isLocked, passwordProblems, renewedExpiry, requiresSecondFactor, THROTTLE, TWO_FACTOR, type Role } from "./rules.ts";
import { accounts, sessions } from "./schema.ts";

const DAY = 86_400_000;

/** A random session token for the cookie (Lucia guide: 20 random bytes, base32). */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The session id stored in the database: SHA-256 of the token, so a leaked table grants nothing. */
export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function hashPassword(password: string) {
  return hashSecret(password, "password");
}

// Verified against when the login does not exist, so both paths cost the same and timing reveals nothing.
// Made on first use, after start-up has set the hashing cost, so it costs what real hashes cost.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword("origo-dummy-password-1"));

function toUser(a: typeof accounts.$inferSelect): CurrentUser {
  return {
    id: a.id,
    login: a.login,
    role: a.role,
    displayName: a.displayName,
    officeCode: a.officeCode,
    enterpriseId: a.enterpriseId,
  };
}

/** Opens a session row and returns its cookie token. */
export async function openSession(
  db: DbOrTx,
  { accountId, sessionDays, twoFactorVerified }: { accountId: string; sessionDays: number; twoFactorVerified: boolean },
) {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + sessionDays * DAY);
  await db.insert(sessions).values({ id: sessionIdOf(token), accountId, expiresAt, twoFactorVerified });
  return { token, expiresAt };
}

/**
 * Checks the credentials and opens a session. Throws `rate_limited` while the login or the address
 * is locked out, `unauthorized` with one generic message for any wrong login/password/inactive account
 * (or an account of a deactivated enterprise). An office account's session is `twoFactorPending`
 * until the second factor is given (two-factor.ts).
 */
export async function signIn({
  db,
  login,
  password,
  ip,
  sessionDays,
}: {
  db: Db;
  login: string;
  password: string;
  ip: string;
  sessionDays: number;
}): Promise<{ token: string; expiresAt: Date; user: CurrentUser; twoFactorPending: boolean }> {
  const now = new Date();
  const loginKey = `login:${login.trim().toLowerCase()}`;
  const ipKey = `ip:${ip}`;
  const [loginState, ipState] = await Promise.all([q.findThrottle(db, loginKey), q.findThrottle(db, ipKey)]);
  if (isLocked(loginState, now)) throw new AppError("rate_limited", M.locked);
  if (isLocked(ipState, now)) throw new AppError("rate_limited", M.ipLocked);

  const account = await q.findAccountByLogin(db, login.trim());
  const ok = account ? await verifySecret(password, account.passwordHash) : (await verifySecret(password, await dummy()), false);
  if (!account || !ok || !(await q.isAccountUsable(db, account.id))) {
    const nextLogin = afterFailure(loginState, now, THROTTLE.maxPerLogin);
    const nextIp = afterFailure(ipState, now, THROTTLE.maxPerIp);
    await Promise.all([q.saveThrottle(db, { key: loginKey, ...nextLogin }), q.saveThrottle(db, { key: ipKey, ...nextIp })]);
    if (nextLogin.lockedUntil) throw new AppError("rate_limited", M.locked);
    throw new AppError("unauthorized", M.badCredentials);
  }
  await q.clearThrottle(db, loginKey);
  const twoFactorPending = requiresSecondFactor(account.role);
  const { token, expiresAt } = await openSession(db, { accountId: account.id, sessionDays, twoFactorVerified: !twoFactorPending });
  return { token, expiresAt, user: toUser(account), twoFactorPending };
}

/**
 * Counts one request against `key` with the sign-in throttle's rule and table (the EDI rate limit:
 * `api:token:<id>` or `api:ip:<addr>`), so every app process over the same database shares one
 * count. At most `max` requests per window pass; after that the key waits out one window. Answers
 * how long to wait, or null when this request may go on.
 */
export async function countRequest({
  db,
  key,
  max,
  windowMs,
}: {
  db: Db;
  key: string;
  max: number;
  windowMs: number;
}): Promise<{ retryAfterMs: number } | null> {
  // One upsert (the counting of afterFailure/isLocked in SQL, q.countThrottled). It was a read locked
  // FOR UPDATE, an insert and an update in a transaction, on every API request (docs/decisions/0020).
  const now = new Date();
  const counted = await q.countThrottled(db, {
    key,
    now,
    windowFrom: new Date(now.getTime() - windowMs),
    lockUntil: new Date(now.getTime() + windowMs),
    max,
  });
  if (counted) return null;
  const state = await q.findThrottle(db, key);
  return { retryAfterMs: Math.max(1, (state?.lockedUntil?.getTime() ?? now.getTime()) - now.getTime()) };
}

/**
 * The user behind an account id when the account may act (active, and its enterprise active), for
 * other ways in than a session (EDI API tokens); null otherwise.
 */
export async function findUsableUser({ db, accountId }: { db: DbOrTx; accountId: string }): Promise<CurrentUser | null> {
  const row = await q.findAccountWithUsable(db, accountId);
  return row?.usable === true ? toUser(row.account) : null;
}

/**
 * A lookup, built once, of a row of `table` that names an account in its `accountId` column, with
 * that account's user when it may act (as findUsableUser), in one query: for other ways in than a
 * session that run on every request (EDI API tokens). `where` picks the row with
 * `sql.placeholder`s, whose values each call passes.
 */
export function usableUserLookup<T extends PgTable>(options: { table: T; accountId: PgColumn; where: SQL; name: string }) {
  const lookup = q.withUsableAccount(options);
  return async (db: Db, values: Record<string, unknown>): Promise<{ row: T["$inferSelect"]; user: CurrentUser | null } | null> => {
    const [found] = await lookup(db, values);
    return found ? { row: found.row as T["$inferSelect"], user: found.usable === true ? toUser(found.account) : null } : null;
  };
}

/**
 * Resolves a cookie token to its user, deleting expired sessions and sliding the expiry forward
 * when less than half the lifetime remains. `renewedUntil` tells the caller to re-set the cookie.
 * `twoFactorPending`: the password was right but the second factor is still owed; such a session
 * lapses after TWO_FACTOR.pendingMs.
 */
export async function validateSession({
  db,
  token,
  sessionDays,
}: {
  db: Db;
  token: string;
  sessionDays: number;
}): Promise<{ user: CurrentUser; sessionId: string; renewedUntil: Date | null; twoFactorPending: boolean } | null> {
  const sessionId = sessionIdOf(token);
  const row = await q.findSessionWithAccount(db, sessionId);
  if (!row) return null;
  const now = new Date();
  const twoFactorPending = requiresSecondFactor(row.account.role) && !row.session.twoFactorVerified;
  const pendingLapsed = twoFactorPending && now.getTime() - row.session.createdAt.getTime() > TWO_FACTOR.pendingMs;
  if (now >= row.session.expiresAt || !row.usable || pendingLapsed) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  const renewedUntil = twoFactorPending ? null : renewedExpiry(row.session.expiresAt, now, sessionDays * DAY);
  if (renewedUntil) await db.update(sessions).set({ expiresAt: renewedUntil }).where(eq(sessions.id, sessionId));
  return { user: toUser(row.account), sessionId, renewedUntil, twoFactorPending };
}

export async function signOut({ db, sessionId }: { db: Db; sessionId: string }) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * 修改账户密码: checks the current password and the policy, then ends every other session of the
 * account. Throws `invalid` with field issues (`currentPassword`, `newPassword`, `confirmPassword`).
 */
export async function changePassword({
  db,
  accountId,
  sessionId,
  currentPassword,
  newPassword,
  confirmPassword,
}: {
  db: Db;
  accountId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}) {
  const account = await q.findAccountById(db, accountId);
  if (!account) throw notFound();
  if (!(await verifySecret(currentPassword, account.passwordHash)))
    throw invalid(M.currentPasswordWrong, [{ path: "currentPassword", message: M.currentPasswordWrong }]);
  const problems = passwordProblems(newPassword, account.login);
  if (problems.length) throw invalid(problems.join(""), [{ path: "newPassword", message: problems.join("") }]);
  if (newPassword !== confirmPassword) throw invalid(M.confirmMismatch, [{ path: "confirmPassword", message: M.confirmMismatch }]);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(accounts.id, accountId));
    const others = await tx.query.sessions.findMany({ where: eq(sessions.accountId, accountId) });
    for (const s of others) if (s.id !== sessionId) await tx.delete(sessions).where(eq(sessions.id, s.id));
    await recordAudit(tx, { actorId: accountId, entity: "account", entityId: accountId, action: "password_changed" });
  });
}

export type NewAccount = {
  login: string;
  password: string;
  role: Role;
  displayName: string;
  officeCode?: string | null;
  enterpriseId?: string | null;
  mobile?: string | null;
};

/**
 * Creates an account (operators' CLI, demo data, self-registration). Throws `conflict` if the login is taken.
 * `passwordHash`: `hashPassword(account.password)` made once by a loader that creates many accounts
 * with one password (the demo data: one argon2 hash instead of 18, most of a first start's CPU).
 */
export async function createAccount({
  db,
  account,
  actorId = null,
  passwordHash: hashed,
}: {
  db: Db;
  account: NewAccount;
  actorId?: string | null;
  passwordHash?: string;
}) {
  const problems = passwordProblems(account.password, account.login);
  if (problems.length) throw invalid(problems.join(""), [{ path: "password", message: problems.join("") }]);
  if (await q.findAccountByLogin(db, account.login)) throw new AppError("conflict", `登录名 ${account.login} 已被使用。`);
  const id = Bun.randomUUIDv7();
  const passwordHash = hashed ?? (await hashPassword(account.password));
  await db.transaction(async (tx) => {
    await tx.insert(accounts).values({
      id,
      login: account.login,
      passwordHash,
      role: account.role,
      displayName: account.displayName,
      officeCode: account.role === "enterprise" ? null : (account.officeCode ?? null),
      enterpriseId: account.role === "enterprise" ? (account.enterpriseId ?? null) : null,
      mobile: account.mobile ?? null,
    });
    await recordAudit(tx, {
      actorId,
      officeCode: account.officeCode ?? null,
      entity: "account",
      entityId: id,
      action: "created",
      after: { login: account.login, role: account.role },
    });
  });
  return id;
}

/** Operator reset: sets a new password, lifts any lock-out and ends the account's sessions. */
export async function resetPassword({ db, login, password, actorId = null }: { db: Db; login: string; password: string; actorId?: string | null }) {
  const account = await q.findAccountByLogin(db, login);
  if (!account) throw notFound(`没有登录名为 ${login} 的账户。`);
  const problems = passwordProblems(password, account.login);
  if (problems.length) throw invalid(problems.join(""), [{ path: "password", message: problems.join("") }]);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(accounts.id, account.id));
    await tx.delete(sessions).where(eq(sessions.accountId, account.id));
    await q.clearThrottle(tx, `login:${account.login.toLowerCase()}`);
    await recordAudit(tx, { actorId, entity: "account", entityId: account.id, action: "password_reset" });
  });
}

/** The office's staff, with whether each has set up the second factor. */
export async function listStaff({ db, officeCode }: { db: Db; officeCode: string }) {
  const rows = await q.listOfficeStaff(db, officeCode);
  return rows.map((r) => ({ ...r.account, twoFactorEnrolled: r.totpConfirmedAt !== null }));
}

/** A random password that meets the policy, for operators creating or resetting accounts. */
export function generatePassword(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `${encodeBase32LowerCaseNoPadding(bytes).slice(0, 14)}7Q`;
}

/** The accounts (operators, 操作员) of an enterprise, for the office's personnel page. */
export function listEnterpriseAccounts({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  return q.listEnterpriseAccounts(db, enterpriseId);
}

/**
 * Activates or deactivates one account of the given enterprise (the caller has checked that the
 * enterprise belongs to the acting office). A deactivated account's sessions end at once.
 */
export async function setEnterpriseAccountActive({
  db,
  enterpriseId,
  accountId,
  active,
  actorId,
  officeCode,
}: {
  db: Db;
  enterpriseId: string;
  accountId: string;
  active: boolean;
  actorId: string;
  officeCode: string;
}) {
  await db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for("update");
    if (!account || account.enterpriseId !== enterpriseId) throw notFound();
    if (account.active === active) return;
    await tx.update(accounts).set({ active }).where(eq(accounts.id, accountId));
    if (!active) await tx.delete(sessions).where(eq(sessions.accountId, accountId));
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "account",
      entityId: accountId,
      action: active ? "activated" : "deactivated",
      before: { login: account.login, active: account.active },
      after: { login: account.login, active },
    });
  });
}

/** Logins already taken among `prefix` and `prefix-N`, to offer the next free one (registration, manual Q1). */
export function listLoginsWithPrefix({ db, prefix }: { db: Db; prefix: string }) {
  return q.loginsWithPrefix(db, prefix);
}

/** Who a login belongs to and where SMS may go, for password reset by SMS (no password hash). */
export async function findAccountContact({ db, login }: { db: Db; login: string }) {
  const a = await q.findAccountByLogin(db, login.trim());
  return a && { id: a.id, login: a.login, role: a.role, mobile: a.mobile, active: a.active, officeCode: a.officeCode, enterpriseId: a.enterpriseId };
}
