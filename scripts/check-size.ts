/**
 * `bun run lint`: no source file (`.ts`/`.tsx` under src/, scripts/, test/, bench/) over 500 lines
 * (docs/decisions/0021-file-size-limit.md). A file past the limit is split along its seams; only data
 * tables, listed below with their reason, may be longer. Prints each offender and exits 1.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const LIMIT = 500;

/** Files allowed past the limit: data, not code, each with its reason. */
export const DATA_TABLES: readonly { path: RegExp; why: string }[] = [
  {
    path: /^src\/render\/forms\/boxes\.ts$/,
    why: "the one table of every certificate form's boxes (issue #13), read whole by the registry and the renderer",
  },
  {
    path: /^src\/modules\/reference\/data\/[^/]+\.ts$/,
    why: "reference data copied from REFERENCE.md (agreements, countries, ports…), one entry a row",
  },
];

/** Lines as an editor numbers them (a final newline does not start another). */
export const lineCount = (source: string) => (source === "" ? 0 : source.split("\n").length - (source.endsWith("\n") ? 1 : 0));

export type Offender = { file: string; lines: number };

export function offenders(files: readonly string[], read: (file: string) => string): Offender[] {
  return files
    .filter((file) => /\.tsx?$/.test(file) && !DATA_TABLES.some((t) => t.path.test(file)))
    .map((file) => ({ file, lines: lineCount(read(file)) }))
    .filter((o) => o.lines > LIMIT)
    .sort((a, b) => b.lines - a.lines);
}

export function sourceFiles(root: string, folders = ["src", "scripts", "test", "bench"]): string[] {
  return folders
    .flatMap((f) => (existsSync(join(root, f)) ? [...new Bun.Glob(`${f}/**/*.{ts,tsx}`).scanSync({ cwd: root })] : []))
    .map((f) => f.replaceAll("\\", "/"))
    .sort();
}

if (import.meta.main) {
  const root = join(import.meta.dir, "..");
  const found = offenders(sourceFiles(root), (file) => readFileSync(join(root, file), "utf8"));
  for (const o of found)
    console.error(`${o.file}: ${o.lines} lines (limit ${LIMIT}): split it along its seams, or list it in scripts/check-size.ts if it is a data table`);
  if (found.length) {
    console.error(`\n${found.length} file(s) over ${LIMIT} lines (scripts/check-size.ts)`);
    process.exit(1);
  }
  console.log(`sizes: no source file over ${LIMIT} lines outside ${DATA_TABLES.length} listed data tables`);
}
