import { describe, expect, test } from "bun:test";
import { toHalfWidth, unprintableChars } from "./charset.ts";

describe("toHalfWidth", () => {
  test("full-width letters, digits and punctuation become ASCII", () => {
    expect(toHalfWidth("ＡＣＭＥ　ＣＯ．，ＬＴＤ．（１２３）")).toBe("ACME CO.,LTD.(123)");
  });

  test("CJK punctuation, typographic quotes and dashes", () => {
    expect(toHalfWidth("NO.1、2。“A”‘B’《C》【D】—E…")).toBe("NO.1,2.\"A\"'B'<C>[D]-E...");
  });

  test("accented Latin letters print as their base letter", () => {
    expect(toHalfWidth("ZÜRICH, QUERÉTARO")).toBe("ZURICH, QUERETARO");
  });

  test("Chinese characters and line breaks are kept", () => {
    expect(toHalfWidth("手套\r\nGLOVES")).toBe("手套\r\nGLOVES");
  });

  test("text that is already printable is unchanged", () => {
    const ascii = "FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA ~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./";
    expect(toHalfWidth(ascii)).toBe(ascii);
  });
});

describe("unprintableChars", () => {
  test("lists distinct offending characters in order, with code point and replacement", () => {
    expect(unprintableChars("A，B，C中")).toEqual([
      { char: "，", codePoint: "U+FF0C", replacement: "," },
      { char: "中", codePoint: "U+4E2D", replacement: null },
    ]);
  });

  test("the ideographic space is named and replaced by a space", () => {
    expect(unprintableChars("A　B")).toEqual([{ char: "\u3000", codePoint: "U+3000", replacement: " " }]);
  });

  test("printable ASCII and line breaks are fine", () => {
    expect(unprintableChars("N/M\nC/NO. 1-150\r\n")).toEqual([]);
  });
});
