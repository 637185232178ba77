/** The handler-length rule of `bun run lint` against fixture sources (the real tree is checked by the lint itself). */
import { describe, expect, test } from "bun:test";
import { handlersOf, isHandlerFile, LIMIT, offenders } from "./check-handlers.ts";

const body = (n: number, indent: string) => `${indent}const x = 1;\n`.repeat(n);

const chained = (n: number) => `export const routes = new Hono<AppEnv>()
  .get("/short", allow("public"), (c) => c.text("ok"))
  .post("/long", allow("enterprise"), async (c) => {
${body(n, "    ")}    return c.text("done");
  });
`;

describe("the handler-length rule", () => {
  test("a body of 10 lines passes; a deliberate 11-line handler fails, named with its route and count", () => {
    expect(offenders(handlersOf("src/modules/a/routes.tsx", chained(LIMIT - 1)))).toEqual([]);
    const long = handlersOf("src/modules/a/routes.tsx", chained(LIMIT));
    expect(long.map((h) => [h.route, h.lines])).toEqual([
      ['GET "/short"', 0],
      ['POST "/long"', 11],
    ]);
    expect(offenders(long)).toEqual([{ file: "src/modules/a/routes.tsx", line: 3, route: 'POST "/long"', lines: 11 }]);
  });

  test("handlers whose arguments the formatter put on lines of their own are found too", () => {
    const source = `export const routes = new Hono<AppEnv>().post(
  PRINTERS_PATH,
  ADMIN,
  async (c) => {
${body(12, "    ")}  },
);
`;
    expect(handlersOf("src/modules/a/x-routes.tsx", source)).toEqual([{ file: "src/modules/a/x-routes.tsx", line: 4, route: "POST PRINTERS_PATH", lines: 12 }]);
  });

  test("a multi-line expression body counts its lines; a lookup like map.get( is no handler", () => {
    const source = `const seen = map.get(key);
app.get("/page", allow("public"), (c) =>
  c.html(
    <Page />,
  ),
);
`;
    expect(handlersOf("src/modules/a/routes.tsx", source).map((h) => [h.route, h.lines])).toEqual([['GET "/page"', 3]]);
  });

  test("handler files are every source file under src/ that imports hono (route files, JSON APIs, /metrics), not tests", () => {
    const hono = `import { Hono } from "hono";\n`;
    const files = ["src/modules/a/routes.tsx", "src/modules/a/b/list-routes.tsx", "src/modules/a/api.ts", "src/modules/system/metrics.ts", "src/app.tsx"];
    expect(files.every((f) => isHandlerFile(f, hono))).toBe(true);
    expect(isHandlerFile("src/modules/system/metrics.ts", `import { matchedRoutes } from "hono/route";\n`)).toBe(true);
    expect(isHandlerFile("src/modules/a/routes.test.tsx", hono)).toBe(false);
    expect(isHandlerFile("scripts/x.ts", hono)).toBe(false);
    expect(isHandlerFile("src/modules/a/service.ts", `import { z } from "zod";\n`)).toBe(false);
  });
});
