import { describe, expect, test } from "bun:test";
import { addressWithCountry } from "./printable.ts";

describe("addresses as printed", () => {
  test("the country is appended only when the address does not already end with it", () => {
    expect(addressWithCountry("1 GEORGE STREET, SYDNEY NSW 2000", "AUSTRALIA")).toBe("1 GEORGE STREET, SYDNEY NSW 2000, AUSTRALIA");
    expect(addressWithCountry("1 GEORGE STREET, SYDNEY NSW 2000, AUSTRALIA", "AUSTRALIA")).toBe("1 GEORGE STREET, SYDNEY NSW 2000, AUSTRALIA");
    expect(addressWithCountry("1 George Street, Sydney, Australia.", "AUSTRALIA")).toBe("1 George Street, Sydney, Australia.");
    expect(addressWithCountry("NO.1 JIANGUOMENWAI AVENUE, BEIJING, P.R. CHINA", "CHINA")).toBe("NO.1 JIANGUOMENWAI AVENUE, BEIJING, P.R. CHINA");
    expect(addressWithCountry("", "KOREA")).toBe("KOREA");
    expect(addressWithCountry("SEOUL", "")).toBe("SEOUL");
  });
});
