// Public face of the accounts slice: sessions, sign-in, roles and the access guard.
export { allow, ACCESS, sessionMiddleware, setSessionCookie, SESSION_COOKIE, TWO_FACTOR_PATH } from "./access.ts";
export { M as ACCOUNT_MESSAGES } from "./messages.ts";
export { accountsRoutes } from "./routes.tsx";
export { OFFICE_ROLES, PASSWORD_POLICY, ROLES, isOfficeRole, passwordProblems, requiresSecondFactor, type Role } from "./rules.ts";
export { parseTotpSecret, totpCode, totpStep } from "./totp.ts";
export { enrolTotpWithKey, resetTwoFactor } from "./two-factor.ts";
export {
  countRequest,
  createAccount,
  findAccountContact,
  findUsableUser,
  generatePassword,
  generateSessionToken,
  hashPassword,
  listStaff,
  listEnterpriseAccounts,
  listLoginsWithPrefix,
  usableUserLookup,
  resetPassword,
  sessionIdOf,
  setEnterpriseAccountActive,
  signIn,
  validateSession,
  type NewAccount,
} from "./service.ts";
export { openSecret, sealSecret } from "./secret-box.ts";
