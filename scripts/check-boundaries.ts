/**
 * `bun run lint` (with Biome): the import rules of docs/decisions/0012-lint-and-boundaries.md, over
 * the import graph of the source tree.
 *
 * - slice-private: a slice (`src/modules/<slice>/`) is entered from outside only through its
 *   `index.ts` (or a sub-slice's, `src/modules/<slice>/<part>/index.ts`); folders inside a slice
 *   (certificates/form/, checks/, …) are the same slice; a slice's schema file may import another slice's schema file (foreign keys), and
 *   `src/db/schema.ts` gathers every slice's schema.
 * - schema-gather: `src/db/schema.ts` re-exports every table for drizzle; only `src/db/` (and tests)
 *   may import it, or it would be a door past every slice's index.
 * - layer: `src/lib`, `src/views` and the renderer (`src/render`, pure layout and paint) never import a
 *   slice: slices depend on them, not the other way round. The renderer does not import the printer
 *   transport (`src/print`: IPP, dispatch, printer models, desk agent) either.
 * - table-owner: drizzle's relational API (`db.query.<table>`) reaches every table without an
 *   import, so it is used only by the slice whose schema declares the table.
 * - import-style: a relative import names the file with its extension (`./queries.ts`), the one
 *   style the tree uses, and the file exists. `--fix` adds missing extensions.
 *
 * Tests, `test/`, `bench/` and `scripts/` may reach into a slice to set up data, so the first two
 * rules skip them; the import style holds everywhere.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

export type Violation = { file: string; line: number; rule: "slice-private" | "schema-gather" | "layer" | "import-style" | "table-owner"; message: string };

/**
 * Folders whose extensionless imports wait for the branches editing them to merge (issue #11); the
 * coordinator then runs `bun run lint:fix` and empties this list.
 */
export const STYLE_PENDING: readonly string[] = ["src/print/", "src/render/", "bench/print.ts"];

/** Reaching past an index on purpose, each with its reason. */
export const ALLOWED: readonly { from: string; to: string; why: string }[] = [
  {
    from: "src/modules/audit/index.ts",
    to: "src/modules/accounts/schema.ts",
    why: "the audit trail names each actor; accounts records audit entries, so its index would make a cycle",
  },
  {
    from: "src/modules/accounts/queries.ts",
    to: "src/modules/registration/schema.ts",
    why: "a deactivated enterprise shuts out its accounts at every session check (one query); registration creates accounts, so its index would make a cycle",
  },
];

const SUFFIXES = [".ts", ".tsx", "/index.ts", "/index.tsx"];
const sliceOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];
const isSchema = (file: string) => /(^|[/-])schema\.ts$/.test(file);
const isTestCode = (file: string) => /\.test\.tsx?$/.test(file) || /^(test|bench|scripts)\//.test(file);
const isLayer = (file: string) => /^src\/(lib|views|render)\//.test(file);
const isRenderer = (file: string) => file.startsWith("src/render/");

export type Import = { specifier: string; line: number };

/**
 * Static imports and re-exports (`import … from`, `export … from`, `import "x"`) and, unless
 * `dynamic: false`, `import("x")` calls (tests skip those: their strings may hold code, and the
 * slice rules do not apply to them anyway).
 */
export function importsOf(source: string, { dynamic = true } = {}): Import[] {
  const found: Import[] = [];
  const lineAt = (index: number) => source.slice(0, index).split("\n").length;
  const patterns = [
    /^[ \t]*(?:import|export)\s+(?:type\s+)?[^;=()"'`]*?\bfrom\s*["']([^"']+)["']/gm,
    /^[ \t]*import\s*["']([^"']+)["']/gm,
    ...(dynamic ? [/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g] : []),
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push({ specifier: m[1]!, line: lineAt(m.index! + m[0].indexOf(m[1]!)) });
  return found.sort((a, b) => a.line - b.line);
}

/** The tree as paths relative to its root (posix separators) and a way to read each file. */
export type Tree = { files: string[]; read(file: string): string };

/** Which slice declares each table (`export const <name> = pgTable(` in a slice's schema files). */
function tableOwners(tree: Tree): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of tree.files) {
    const slice = sliceOf(file);
    if (!slice || !isSchema(file)) continue;
    for (const m of tree.read(file).matchAll(/export const (\w+)\s*=\s*pgTable\(/g)) owners.set(m[1]!, slice);
  }
  return owners;
}

export function checkTree(tree: Tree): Violation[] {
  const present = new Set(tree.files);
  const owners = tableOwners(tree);
  const violations: Violation[] = [];
  for (const file of tree.files) {
    if (!/\.tsx?$/.test(file) || file.endsWith(".d.ts")) continue;
    const source = tree.read(file);
    if (!isTestCode(file))
      for (const m of source.matchAll(/\.query\.(\w+)\.find/g)) {
        const owner = owners.get(m[1]!);
        if (owner && owner !== sliceOf(file))
          violations.push({
            file,
            line: source.slice(0, m.index).split("\n").length,
            rule: "table-owner",
            message: `${m[1]} belongs to the ${owner} slice: call a function its index.ts exports`,
          });
      }
    for (const { specifier, line } of importsOf(source, { dynamic: !isTestCode(file) })) {
      if (!specifier.startsWith(".")) continue;
      const target = normalize(join(dirname(file), specifier)).replaceAll("\\", "/");
      const problem = (rule: Violation["rule"], message: string) => violations.push({ file, line, rule, message });
      if (!present.has(target)) {
        const resolved = SUFFIXES.map((e) => target + e).find((t) => present.has(t));
        if (STYLE_PENDING.some((p) => file.startsWith(p)) && resolved) continue;
        problem("import-style", resolved ? `write the file's extension: "${specifier}${resolved.slice(target.length)}"` : `"${specifier}" is no file`);
        if (!resolved) continue;
      }
      const resolved = present.has(target) ? target : SUFFIXES.map((e) => target + e).find((t) => present.has(t))!;
      if (isTestCode(file)) continue;
      if (resolved === "src/db/schema.ts" && !file.startsWith("src/db/")) {
        problem("schema-gather", "src/db/schema.ts holds every slice's tables for drizzle: import a table from its slice's index.ts");
        continue;
      }
      if (isRenderer(file) && resolved.startsWith("src/print/")) {
        problem("layer", `src/render/… is pure layout and paint and must not import the printer transport (${resolved}): the print slice joins the two`);
        continue;
      }
      const to = sliceOf(resolved);
      if (!to) continue;
      if (isLayer(file)) {
        problem(
          "layer",
          `${file.split("/").slice(0, 2).join("/")}/… must not import a slice (${resolved}): pass what it needs as plain values, or move the shared piece to src/lib`,
        );
        continue;
      }
      const from = sliceOf(file);
      if (from === to) continue;
      // A slice's index, or the index of a sub-slice (src/modules/registration/signup/index.ts).
      if (/^src\/modules\/[^/]+\/([^/]+\/)?index\.tsx?$/.test(resolved)) continue;
      if (ALLOWED.some((a) => a.from === file && a.to === resolved)) continue;
      if (isSchema(resolved) && (isSchema(file) || file === "src/db/schema.ts")) continue;
      problem(
        "slice-private",
        `${resolved} is private to the ${to} slice: import it from "src/modules/${to}/index.ts" (export it there if it is meant to be used outside)`,
      );
    }
  }
  return violations;
}

/** Adds the missing extension to every relative import that resolves to a file (`bun run lint:fix`). */
export function fixImportStyle(tree: Tree, write: (file: string, text: string) => void) {
  const present = new Set(tree.files);
  for (const file of tree.files) {
    if (!/\.tsx?$/.test(file)) continue;
    const before = tree.read(file);
    let text = before;
    for (const { specifier } of importsOf(before, { dynamic: !isTestCode(file) })) {
      if (!specifier.startsWith(".")) continue;
      const target = normalize(join(dirname(file), specifier)).replaceAll("\\", "/");
      if (present.has(target)) continue;
      const ext = SUFFIXES.find((e) => present.has(target + e));
      if (ext) text = text.replaceAll(`"${specifier}"`, `"${specifier}${ext}"`);
    }
    if (text !== before) write(file, text);
  }
}

export function treeAt(root: string, folders = ["src", "test", "bench", "scripts"]): Tree {
  const files = folders.flatMap((f) => (existsSync(join(root, f)) ? [...new Bun.Glob(`${f}/**/*`).scanSync({ cwd: root })] : []));
  return { files: files.map((f) => f.replaceAll("\\", "/")).sort(), read: (file) => readFileSync(join(root, file), "utf8") };
}

if (import.meta.main) {
  const root = join(import.meta.dir, "..");
  const tree = treeAt(root);
  if (process.argv.includes("--fix")) fixImportStyle(tree, (file, text) => writeFileSync(join(root, file), text));
  const violations = checkTree(process.argv.includes("--fix") ? treeAt(root) : tree);
  for (const v of violations) console.error(`${relative(process.cwd(), join(root, v.file))}:${v.line}  ${v.rule}  ${v.message}`);
  if (violations.length) {
    console.error(`\n${violations.length} import rule violation(s) (scripts/check-boundaries.ts)`);
    process.exit(1);
  }
  console.log("imports: slices entered through index.ts, lib/views/renderer free of slices, one import style");
}
