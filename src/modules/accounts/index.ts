// Public face of the accounts slice: sessions, sign-in, roles and the access guard.
export { allow, ACCESS, sessionMiddleware, SESSION_COOKIE } from "./access.ts";
export { M as ACCOUNT_MESSAGES } from "./messages.ts";
export { accountsRoutes } from "./routes.tsx";
export { OFFICE_ROLES, PASSWORD_POLICY, ROLES, isOfficeRole, passwordProblems, type Role } from "./rules.ts";
export { createAccount, generatePassword, listStaff, resetPassword, signIn, validateSession, type NewAccount } from "./service.ts";
