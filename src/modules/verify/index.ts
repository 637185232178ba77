// Public certificate verification.
export { verifyRoutes } from "./routes.tsx";
