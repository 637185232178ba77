import { describe, expect, test } from "bun:test";
import { CERTIFICATE_TYPE_CODES } from "../../reference/index.ts";
import { formLayout, layoutKeys } from "./form-layout.ts";
import { applyLineOp, parseOp } from "./form-ops.ts";
import { formToBody, parseCountry, parseDate, parseNumber, parsePlace, sameBody } from "./form.ts";
import { certificateType } from "../registry.ts";
import { ITEM_NUMBER } from "../../../render/index.ts";

describe("reading what the exporter typed", () => {
  test("a country may be picked from the list or typed as a code or a name", () => {
    expect(parseCountry("AUSTRALIA(澳大利亚)(601)")).toBe("AU");
    expect(parseCountry("澳大利亚")).toBe("AU");
    expect(parseCountry("australia")).toBe("AU");
    expect(parseCountry("au")).toBe("AU");
    expect(parseCountry(" ")).toBeNull();
    // Unknown text is kept for machine review to report, not dropped.
    expect(parseCountry("ATLANTIS")).toBe("ATLANTIS");
  });

  test("a picked port gives its country; a port typed by hand keeps the country typed beside it (manual Q6)", () => {
    expect(parsePlace("", "AUSTRALIA(澳大利亚)(601) / ADELAIDE")).toEqual({ country: "AU", port: "ADELAIDE" });
    expect(parsePlace("CN", "CHINA(中国)(142) / DALIAN")).toEqual({ country: "CN", port: "DALIAN" });
    expect(parsePlace("AUSTRALIA(澳大利亚)(601)", "PORT HEDLAND")).toEqual({ country: "AU", port: "PORT HEDLAND" });
    expect(parsePlace("NZ", "")).toEqual({ country: "NZ", port: null });
  });

  test("dates and numbers in the forms people type them; anything else is reported with what was typed", () => {
    expect(parseDate("2026/11/5")).toBe("2026-11-05");
    expect(parseDate("2026年11月20日")).toBe("2026-11-20");
    expect(parseDate("2026-02-30")).toBeNull();
    expect(parseNumber("1,500")).toBe(1500);
    expect(parseNumber("１５０")).toBe(150);
    expect(parseNumber("150 CTNS")).toBeUndefined();
    const { body, issues } = formToBody({ "goods.0.packages.count": "一百五十", "goods.0.packages.kind": "CARTONS", "invoice.date": "20/11/2026" }, "CHAFTA");
    expect(body.goods![0]!.packages).toEqual({ count: null, kind: "CARTONS" });
    expect(body.invoice!.date).toBeNull();
    expect(issues.map((i) => [i.rule, i.field])).toEqual([
      ["FORMAT", "goods.0.packages.count"],
      ["FORMAT", "invoice.date"],
    ]);
  });

  test("the same content in another key order, or empty instead of missing, is the same body", () => {
    const { body } = formToBody({ "exporter.name": "X", remarks: "" }, "GENERAL");
    expect(sameBody(body, { exporter: { name: "X" }, printMode: "ECO", type: "GENERAL", goods: [] })).toBe(true);
    expect(sameBody(body, { exporter: { name: "Y" }, printMode: "ECO", type: "GENERAL", goods: [] })).toBe(false);
  });
});

describe("goods-line buttons", () => {
  const lines = { "goods.0.description": "A", "goods.0.packages.count": "abc", "goods.1.description": "B", "goods.2.description": "C", remarks: "R" };
  const order = (values: Record<string, string>) => formToBody(values, "GENERAL").body.goods!.map((g) => g.description);

  test("moving a line moves everything typed on it, even what could not be read", () => {
    const moved = applyLineOp(lines, parseOp("down:0")!)!;
    expect(order(moved.values)).toEqual(["B", "A", "C"]);
    expect(moved.values["goods.1.packages.count"]).toBe("abc");
    expect(moved.values.remarks).toBe("R");
    expect(moved.focus).toBe("goods.1.op.down");
    // At the end of the list focus moves to the button that still exists.
    expect(applyLineOp(lines, parseOp("down:1")!)!.focus).toBe("goods.2.op.up");
  });

  test("add, copy and remove; an operation on a line that is not there changes nothing", () => {
    expect(order(applyLineOp(lines, { kind: "add" })!.values)).toEqual(["A", "B", "C", null]);
    expect(order(applyLineOp(lines, parseOp("copy:1")!)!.values)).toEqual(["A", "B", "B", "C"]);
    expect(order(applyLineOp(lines, parseOp("remove:0")!)!.values)).toEqual(["B", "C"]);
    expect(order(applyLineOp(lines, parseOp("up:0")!)!.values)).toEqual(["A", "B", "C"]);
    expect(order(applyLineOp(lines, parseOp("remove:9")!)!.values)).toEqual(["A", "B", "C"]);
    expect(parseOp("drop table")).toBeNull();
  });
});

describe("the form's layout", () => {
  test("every field of every type's boxes has an input, in the order of the boxes, and nothing the type lacks", () => {
    for (const code of CERTIFICATE_TYPE_CODES) {
      const type = certificateType(code);
      const keys = layoutKeys(formLayout(type), 1);
      const expected = type.boxes.flatMap((b) => b.fields).filter((f) => f !== ITEM_NUMBER);
      for (const field of expected) {
        const key = field.replace("*", "0");
        const covered = keys.has(key) || [...keys].some((k) => k.startsWith(`${key}.`));
        expect({ code, field, covered }).toEqual({ code, field, covered: true });
      }
      expect({ code, producer: keys.has("producer.name") }).toEqual({ code, producer: type.producerBox !== null });
      expect({ code, criterion: keys.has("goods.0.originCriterion") }).toEqual({ code, criterion: type.criterionBox !== null });
      // Sections follow the box numbers.
      const numbers = formLayout(type).flatMap((s) => (s.kind === "box" ? [Number(s.no)] : s.kind === "goods" ? [Number(s.boxes[0]!.no)] : []));
      expect({ code, numbers }).toEqual({ code, numbers: [...numbers].sort((a, b) => a - b) });
    }
  });
});
