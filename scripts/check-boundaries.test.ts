/** The import rules of `bun run lint` against small fixture trees (the real tree is checked by the lint itself). */
import { describe, expect, test } from "bun:test";
import { checkTree, fixImportStyle, importsOf, type Tree } from "./check-boundaries.ts";

function tree(files: Record<string, string>): Tree {
  return { files: Object.keys(files).sort(), read: (f) => files[f]! };
}

/** Two slices that keep the rules, and a lib, views and renderer that import no slice. */
const clean = {
  "src/modules/orders/index.ts": `export { placeOrder } from "./service.ts";\n`,
  "src/modules/orders/service.ts": `import { findCustomer } from "../customers/index.ts";\nimport * as q from "./queries.ts";\nexport const placeOrder = () => q;\n`,
  "src/modules/orders/queries.ts": `import { orders } from "./schema.ts";\nexport const one = (db: any) => db.query.orders.findFirst();\n`,
  "src/modules/orders/schema.ts": `import { customers } from "../customers/schema.ts";\nexport const orders = pgTable("orders", {});\n`,
  "src/modules/customers/index.ts": `export { findCustomer } from "./service.ts";\n`,
  "src/modules/customers/service.ts": `import type { Db } from "../../db/client.ts";\nexport const findCustomer = () => 1;\n`,
  "src/modules/customers/schema.ts": `export const customers = pgTable(\n  "customers", {});\n`,
  "src/db/client.ts": `import * as schema from "./schema.ts";\n`,
  "src/db/schema.ts": `export * from "../modules/orders/schema.ts";\nexport * from "../modules/customers/schema.ts";\n`,
  "src/lib/errors.ts": `export class AppError {}\n`,
  "src/views/layout.tsx": `import { AppError } from "../lib/errors.ts";\n`,
  "src/render/compose.ts": `import { AppError } from "../lib/errors.ts";\n`,
  "src/print/ipp.ts": `import { placeOrder } from "../modules/orders/index.ts";\n`,
  "src/modules/orders/orders.test.ts": `import { findCustomer } from "../customers/service.ts";\n`,
  "test/support/seed.ts": `import { customers } from "../../src/modules/customers/schema.ts";\n`,
};

describe("the import rules", () => {
  test("a tree that keeps them passes", () => {
    expect(checkTree(tree(clean))).toEqual([]);
  });

  test("a deliberate cross-slice import fails, naming the file, the line and the way through the index", () => {
    const broken = {
      ...clean,
      "src/modules/orders/service.ts": `import { x } from "./queries.ts";\nimport { findCustomer } from "../customers/service.ts";\n`,
    };
    expect(checkTree(tree(broken))).toEqual([
      {
        file: "src/modules/orders/service.ts",
        line: 2,
        rule: "slice-private",
        message: `src/modules/customers/service.ts is private to the customers slice: import it from "src/modules/customers/index.ts" (export it there if it is meant to be used outside)`,
      },
    ]);
  });

  test("a join on another slice's table from a query file fails; schema to schema (a foreign key) does not", () => {
    const broken = { ...clean, "src/modules/orders/queries.ts": `import {\n  customers,\n} from "../customers/schema.ts";\n` };
    expect(checkTree(tree(broken)).map((v) => [v.file, v.line, v.rule])).toEqual([["src/modules/orders/queries.ts", 3, "slice-private"]]);
  });

  test("lib, views and the renderer import no slice, not even its index; the printer transport may", () => {
    const broken = {
      ...clean,
      "src/lib/errors.ts": `import { placeOrder } from "../modules/orders/index.ts";\n`,
      "src/views/layout.tsx": `import type { M } from "../modules/customers/messages.ts";\n`,
      "src/modules/customers/messages.ts": `export const M = {};\n`,
      "src/render/compose.ts": `const { x } = await import("../modules/orders/index.ts");\n`,
    };
    expect(checkTree(tree(broken)).map((v) => [v.file, v.rule])).toEqual([
      ["src/lib/errors.ts", "layer"],
      ["src/render/compose.ts", "layer"],
      ["src/views/layout.tsx", "layer"],
    ]);
  });

  test("the renderer does not import the printer transport; the transport may use the renderer", () => {
    const broken = {
      ...clean,
      "src/render/compose.ts": `import { placeOrder } from "../print/ipp.ts";\n`,
      "src/print/dispatch.ts": `import { AppError } from "../render/compose.ts";\n`,
    };
    expect(checkTree(tree(broken)).map((v) => [v.file, v.line, v.rule])).toEqual([["src/render/compose.ts", 1, "layer"]]);
  });

  test("a sub-slice folder is part of its slice: reached freely inside it, only through the slice's index from outside", () => {
    const files = {
      ...clean,
      "src/modules/orders/checks/rules.ts": `import { one } from "../queries.ts";\nimport { form } from "../form/form.ts";\n`,
      "src/modules/orders/form/form.ts": `export const form = 1;\n`,
      "src/modules/customers/service.ts": `import { form } from "../orders/form/form.ts";\n`,
    };
    expect(checkTree(tree(files)).map((v) => [v.file, v.rule])).toEqual([["src/modules/customers/service.ts", "slice-private"]]);
  });

  test("the gathered schema is no door past the slices: only src/db imports it", () => {
    const broken = { ...clean, "src/modules/orders/queries.ts": `import { customers } from "../../db/schema.ts";\n` };
    expect(checkTree(tree(broken)).map((v) => [v.file, v.rule])).toEqual([["src/modules/orders/queries.ts", "schema-gather"]]);
  });

  test("the relational API on another slice's table fails outside tests", () => {
    const broken = { ...clean, "src/cli.ts": `const c = await db.query.customers.findFirst({});\n` };
    expect(checkTree(tree(broken))).toEqual([
      { file: "src/cli.ts", line: 1, rule: "table-owner", message: "customers belongs to the customers slice: call a function its index.ts exports" },
    ]);
  });

  test("an import without its extension fails, and --fix writes it", () => {
    const files: Record<string, string> = {
      ...clean,
      "src/modules/orders/index.ts": `export { placeOrder } from "./service";\nexport * from "../../lib/errors";\n`,
    };
    expect(checkTree(tree(files)).map((v) => v.message)).toEqual([
      `write the file's extension: "./service.ts"`,
      `write the file's extension: "../../lib/errors.ts"`,
    ]);
    fixImportStyle(tree(files), (f, text) => (files[f] = text));
    expect(files["src/modules/orders/index.ts"]).toBe(`export { placeOrder } from "./service.ts";\nexport * from "../../lib/errors.ts";\n`);
    expect(checkTree(tree(files))).toEqual([]);
  });

  test("imports are found in every form, with their lines; text in strings after code is not an import", () => {
    const source = `import a from "./a.ts";\nimport type {\n  B,\n} from "./b.ts";\nexport * from "./c.ts";\nimport "./d.ts";\nconst e = await import("./e.ts");\nconst s = "see import x from './f.ts'";\n`;
    expect(importsOf(source)).toEqual([
      { specifier: "./a.ts", line: 1 },
      { specifier: "./b.ts", line: 4 },
      { specifier: "./c.ts", line: 5 },
      { specifier: "./d.ts", line: 6 },
      { specifier: "./e.ts", line: 7 },
    ]);
  });
});
