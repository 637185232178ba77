export { markDraining, systemRoutes } from "./routes.ts";
