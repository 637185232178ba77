import { describe, expect, test } from "bun:test";
import { textWidth } from "./fonts.ts";
import { formatDate, numberToWords, wrapText } from "./text.ts";

describe("line breaking", () => {
  test("lines never exceed the width and keep every word in order", () => {
    const text = "ONE HUNDRED AND FIFTY (150) CARTONS OF WORKING GLOVES MODEL WG-101, KNITTED COTTON WITH NITRILE COATED PALM";
    const lines = wrapText(text, 40, 8);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(textWidth(l, 8, "regular")).toBeLessThanOrEqual(40 + 1e-9);
    expect(lines.join(" ")).toBe(text);
  });

  test("a word wider than the line is cut; Chinese breaks between characters", () => {
    const long = "X".repeat(80);
    const cut = wrapText(long, 30, 8);
    expect(cut.join("")).toBe(long);
    for (const l of cut) expect(textWidth(l, 8, "regular")).toBeLessThanOrEqual(30 + 1e-9);
    const zh = wrapText("中国国际贸易促进委员会北京市分会", 20, 8);
    expect(zh.length).toBeGreaterThan(1);
    expect(zh.join("")).toBe("中国国际贸易促进委员会北京市分会");
  });

  test("newlines are kept as line breaks", () => {
    expect(wrapText("ORIGO/1002\nMADE IN CHINA", 100, 8)).toEqual(["ORIGO/1002", "MADE IN CHINA"]);
  });
});

describe("certificate wording", () => {
  test("package counts in words as the forms ask", () => {
    expect(numberToWords(150)).toBe("ONE HUNDRED AND FIFTY");
    expect(numberToWords(21)).toBe("TWENTY-ONE");
    expect(numberToWords(1005)).toBe("ONE THOUSAND AND FIVE");
    expect(numberToWords(2300450)).toBe("TWO MILLION THREE HUNDRED THOUSAND FOUR HUNDRED AND FIFTY");
  });

  test("dates with the month in English", () => {
    expect(formatDate("2026-11-20")).toBe("NOV. 20, 2026");
    expect(formatDate("2026-05-01")).toBe("MAY 1, 2026");
  });
});
