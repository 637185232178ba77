import { describe, expect, test } from "bun:test";
import { generateRouteText, routeLine } from "./route.ts";

const contractExample = {
  from: { country: "CN", port: "DALIAN" },
  to: { country: "AU", port: "ADELAIDE" },
  via: "HONGKONG",
  mode: "SEA",
  departureDate: "2026-12-01",
  vessel: "COSCO STAR V.123",
  routeText: null,
};

describe("generateRouteText", () => {
  test("the contract's example", () => {
    expect(generateRouteText(contractExample)).toBe("FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA VIA HONGKONG");
  });

  test("country names as printed on certificates; mode aliases", () => {
    expect(generateRouteText({ from: { country: "CN", port: "shanghai" }, to: { country: "KR", port: "BUSAN" }, mode: "vessel" })).toBe(
      "FROM SHANGHAI, CHINA TO BUSAN, KOREA BY SEA",
    );
    expect(generateRouteText({ from: { country: "CN", port: "ZHUHAI" }, to: { country: "HK" }, mode: "TRUCK" })).toBe(
      "FROM ZHUHAI, CHINA TO HONG KONG, CHINA BY TRUCK",
    );
  });

  test("an unknown discharge port: the country alone", () => {
    expect(generateRouteText({ from: { country: "CN", port: "SHANGHAI" }, to: { country: "CH" }, mode: "SEA", via: "ROTTERDAM" })).toBe(
      "FROM SHANGHAI, CHINA TO SWITZERLAND BY SEA VIA ROTTERDAM",
    );
  });

  test("missing parts are left out", () => {
    expect(generateRouteText({ from: { country: "CN", port: "DALIAN" } })).toBe("FROM DALIAN, CHINA");
    expect(generateRouteText(null)).toBe("");
  });
});

describe("routeLine", () => {
  test("the exporter's own route text replaces the generated line", () => {
    const own = "FROM ZHUHAI, CHINA TO HONGKONG BY TRUCK, THEN TO GERMANY BY AIR";
    expect(routeLine({ ...contractExample, routeText: ` ${own} ` })).toBe(own);
    expect(routeLine({ ...contractExample, routeText: "  " })).toBe("FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA VIA HONGKONG");
  });
});
