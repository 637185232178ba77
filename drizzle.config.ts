import { defineConfig } from "drizzle-kit";

// Migrations are generated from the slices' schema files and applied by the app at start
// (src/db/migrate.ts), on PGlite and PostgreSQL alike. Never point drizzle-kit at a running app's data dir.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
});
