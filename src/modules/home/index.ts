// The landing pages of both sides.
export { homeRoutes } from "./routes.tsx";
