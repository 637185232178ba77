/**
 * `bun src/db/pglite-create.ts DIR`: creates an empty PGlite cluster (initdb) in DIR and exits.
 * Run as a child process by `createPgliteCluster` (client.ts) on a first start; see there why.
 */
import { PGlite } from "@electric-sql/pglite";

const dir = process.argv[2];
if (!dir) throw new Error("usage: bun src/db/pglite-create.ts DIR");
const pg = new PGlite(dir);
await pg.waitReady;
await pg.close();
