/** The size rule of `bun run lint` against fixture files (the real tree is checked by the lint itself). */
import { describe, expect, test } from "bun:test";
import { LIMIT, lineCount, offenders } from "./check-size.ts";

const lines = (n: number) => "x;\n".repeat(n);

describe("the size rule", () => {
  test("500 lines pass; a deliberate 501-line file fails, named with its count", () => {
    const files: Record<string, string> = { "src/a.ts": lines(LIMIT), "src/b.tsx": lines(LIMIT + 1), "test/c.ts": lines(3) };
    expect(offenders(Object.keys(files), (f) => files[f]!)).toEqual([{ file: "src/b.tsx", lines: 501 }]);
  });

  test("listed data tables may be longer; other files are not .ts sources", () => {
    const files: Record<string, string> = {
      "src/render/forms/boxes.ts": lines(900),
      "src/modules/reference/data/agreements.ts": lines(900),
      "src/modules/reference/data.ts": lines(900),
      "src/public/big.js": lines(900),
    };
    expect(offenders(Object.keys(files), (f) => files[f]!)).toEqual([{ file: "src/modules/reference/data.ts", lines: 900 }]);
  });

  test("counts lines as an editor numbers them", () => {
    expect(lineCount("a\nb\n")).toBe(2);
    expect(lineCount("a\nb")).toBe(2);
    expect(lineCount("")).toBe(0);
  });
});
