/**
 * `bun run lint`: a route handler reads as parse → call → render (issue #11), so its body is at most
 * 10 lines. Building a view model goes to the slice's views/, a refusal to `formFailure` (src/lib/forms.ts),
 * a repeated parse or authorize step to a small named helper, a service call stays in service.ts.
 *
 * A route handler is the arrow function `(c) => …` given to `.get/.post/.put/.patch/.delete/.all/.on(`
 * in any file that registers Hono handlers: every source file under src/ (not a test) that imports
 * from "hono" — the slices' route files, the JSON API files (`src/modules/**∕api.ts`), `/metrics`,
 * the print agent's routes, src/app.tsx — on the call's line or as one of its arguments on lines of
 * their own. The count relies on the formatter (`biome format` runs
 * first in the lint): a body ends at the first line indented no deeper than the line the arrow is on,
 * and its length is the lines between the arrow's line and that line. Prints each offender and exits 1.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const LIMIT = 10;

/** Handlers allowed past the limit, as `file` and `METHOD path` as written, each with its reason. */
export const ALLOWED: readonly { file: string; route: string; why: string }[] = [];

export type Handler = { file: string; line: number; route: string; lines: number };

const ROUTE_CALL = /\.(get|post|put|patch|delete|all|on)\(\s*(`[^`]*`|"[^"]*"|'[^']*'|[A-Za-z_$][\w$.]*)?/;
const ARROW = /(?:^|[\s(,])(?:async\s+)?\(c\)\s*=>\s*(.*)$/;
const indentOf = (line: string) => line.length - line.trimStart().length;
const blank = (line: string) => line.trim() === "";

/** Lines of the arrow's body that starts on `at`: a block's inner lines, or an expression's lines past the arrow's line. */
function bodyLines(lines: readonly string[], at: number): number {
  const indent = indentOf(lines[at]!);
  let end = at + 1;
  while (end < lines.length && (blank(lines[end]!) || indentOf(lines[end]!) > indent)) end++;
  const rest = ARROW.exec(lines[at]!)?.[1] ?? "";
  // A block `{ … }` closes on the line at `end`; an expression that goes on past its line closes there too when it opened a bracket.
  if (rest === "{" || /[([{]$/.test(rest) || rest === "") return end - at - 1;
  return 0;
}

/** Every route handler of one file with the length of its body. */
export function handlersOf(file: string, source: string): Handler[] {
  const lines = source.split("\n");
  const found: Handler[] = [];
  for (let i = 0; i < lines.length; i++) {
    const call = ROUTE_CALL.exec(lines[i]!);
    if (!call) continue;
    const route = `${call[1]!.toUpperCase()} ${call[2] ?? "?"}`;
    if (ARROW.test(lines[i]!.slice(call.index))) {
      found.push({ file, line: i + 1, route, lines: bodyLines(lines, i) });
      continue;
    }
    if (!/\($/.test(lines[i]!.trimEnd())) continue;
    // Arguments on lines of their own: the path on the next line, the handler one indent deeper than the call.
    const indent = indentOf(lines[i]!);
    const path = /^\s*(`[^`]*`|"[^"]*"|'[^']*'|[A-Za-z_$][\w$.]*),/.exec(lines[i + 1] ?? "")?.[1];
    for (let j = i + 1; j < lines.length && (blank(lines[j]!) || indentOf(lines[j]!) > indent); j++) {
      if (indentOf(lines[j]!) === indent + 2 && ARROW.test(lines[j]!)) {
        found.push({ file, line: j + 1, route: `${call[1]!.toUpperCase()} ${path ?? "?"}`, lines: bodyLines(lines, j) });
      }
    }
  }
  return found;
}

/** A source file under src/ (not a test) that imports from "hono" is one whose handlers are held to the limit. */
export function isHandlerFile(file: string, source: string): boolean {
  return /^src\/.+\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && /from\s+["']hono(\/[^"']*)?["']/.test(source);
}

export function offenders(handlers: readonly Handler[]): Handler[] {
  return handlers.filter((h) => h.lines > LIMIT && !ALLOWED.some((a) => a.file === h.file && a.route === h.route)).sort((a, b) => b.lines - a.lines);
}

/** The handler files of the tree with their sources. */
export function handlerFiles(root: string): { file: string; source: string }[] {
  return [...new Bun.Glob("src/**/*.{ts,tsx}").scanSync({ cwd: root })]
    .map((f) => f.replaceAll("\\", "/"))
    .sort()
    .map((file) => ({ file, source: readFileSync(join(root, file), "utf8") }))
    .filter(({ file, source }) => isHandlerFile(file, source));
}

if (import.meta.main) {
  const root = join(import.meta.dir, "..");
  const all = handlerFiles(root).flatMap(({ file, source }) => handlersOf(file, source));
  if (process.argv.includes("--all")) for (const h of [...all].sort((a, b) => b.lines - a.lines)) console.log(`${h.lines}\t${h.file}:${h.line}\t${h.route}`);
  const found = offenders(all);
  for (const h of found)
    console.error(
      `${h.file}:${h.line} ${h.route}: ${h.lines} lines (limit ${LIMIT}): parse → call → render; move the rest to views/, formFailure or a named helper`,
    );
  if (found.length) {
    console.error(`\n${found.length} of ${all.length} route handler(s) over ${LIMIT} lines (scripts/check-handlers.ts)`);
    process.exit(1);
  }
  console.log(`handlers: ${all.length} route handlers, none over ${LIMIT} lines outside ${ALLOWED.length} listed`);
}
