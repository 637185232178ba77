// Public face of enterprise self-registration, password reset by SMS and the office's registration lookup.
export { S as SIGNUP_MESSAGES } from "./messages.ts";
export { signupRoutes } from "./routes.tsx";
