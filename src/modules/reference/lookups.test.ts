import { describe, expect, test } from "bun:test";
import {
  AGREEMENTS,
  CERTIFICATE_TYPE_CODES,
  COUNTRIES,
  PORTS,
  agreementFor,
  countryLabel,
  findCountry,
  findCustomsDistrict,
  findPort,
  findTransportMode,
  findUnit,
  importingPartyStatus,
  itemCap,
  retroRule,
  searchCountries,
  searchPorts,
} from "./index.ts";

describe("countries", () => {
  test("finds a country by its alpha-2 code and labels it as the old system's pickers do", () => {
    const au = findCountry("AU");
    expect(au?.nameZh).toBe("澳大利亚");
    expect(countryLabel(au!)).toBe("AUSTRALIA(澳大利亚)(601)");
    expect(countryLabel(findCountry("CN")!)).toBe("CHINA(中国)(142)");
  });

  test("a code that is not ISO alpha-2 upper case is unknown", () => {
    expect(findCountry("XX")).toBeUndefined();
    expect(findCountry("au")).toBeUndefined();
    expect(findCountry("")).toBeUndefined();
  });

  test("a country without an old customs code is labelled without one", () => {
    expect(countryLabel(findCountry("RS")!)).toBe("SERBIA(塞尔维亚)");
  });

  test("codes are unique and names printable on a certificate (ASCII upper case)", () => {
    const iso2 = COUNTRIES.map((c) => c.iso2);
    expect(new Set(iso2).size).toBe(iso2.length);
    for (const c of COUNTRIES) {
      expect(c.iso2).toMatch(/^[A-Z]{2}$/);
      expect(c.iso3).toMatch(/^[A-Z]{3}$/);
      expect(c.nameEn).toMatch(/^[A-Z '(),.-]+$/);
    }
  });

  test("every importing party of every agreement is a known country", () => {
    for (const a of Object.values(AGREEMENTS)) {
      if (a.parties === "ANY") continue;
      for (const p of a.parties) expect(findCountry(p.country)?.iso2).toBe(p.country);
    }
  });

  test("search matches Chinese names and customs codes", () => {
    expect(searchCountries({ query: "新西兰" })[0]?.iso2).toBe("NZ");
    expect(searchCountries({ query: "601" })[0]?.iso2).toBe("AU");
    expect(searchCountries({ query: "korea" }).map((c) => c.iso2)).toContain("KR");
  });
});

describe("ports", () => {
  test("search returns labels with the country's picker label", () => {
    const hits = searchPorts({ query: "adel", country: "AU" });
    expect(hits.map((h) => h.label)).toEqual(["AUSTRALIA(澳大利亚)(601) / ADELAIDE"]);
  });

  test("search by Chinese name finds the Chinese port", () => {
    expect(searchPorts({ query: "大连" })[0]?.label).toBe("CHINA(中国)(142) / DALIAN");
  });

  test("an empty query lists the country's ports, and only them", () => {
    const au = searchPorts({ query: "", country: "AU" });
    expect(au.length).toBe(PORTS.filter((p) => p.country === "AU").length);
    expect(au.every((p) => p.country === "AU")).toBe(true);
  });

  test("exact name ranks before prefix and substring matches", () => {
    const hits = searchPorts({ query: "SHANGHAI" });
    expect(hits[0]?.name).toBe("SHANGHAI");
  });

  test("finds ports by alias and UN/LOCODE, optionally within a country", () => {
    expect(findPort({ name: "hongkong" })?.country).toBe("HK");
    expect(findPort({ name: "PUSAN" })?.name).toBe("BUSAN");
    expect(findPort({ name: "AUADL" })?.name).toBe("ADELAIDE");
    expect(findPort({ name: "ADELAIDE", country: "NZ" })).toBeUndefined();
    expect(findPort({ name: "ATLANTIS" })).toBeUndefined();
  });
});

describe("code tables", () => {
  test("customs districts: the contract's example code and Beijing are known, a made-up one is not", () => {
    expect(findCustomsDistrict("0900")?.nameZh).toBe("大连关区");
    expect(findCustomsDistrict("0100")?.nameZh).toBe("北京关区");
    expect(findCustomsDistrict("1234")).toBeUndefined();
  });

  test("units accept the customs code, the printed word and its abbreviations", () => {
    expect(findUnit("025")?.nameEn).toBe("PAIRS");
    expect(findUnit("pcs")?.nameEn).toBe("PIECES");
    expect(findUnit("FURLONGS")).toBeUndefined();
  });

  test("transport modes accept codes and the words printed on forms", () => {
    expect(findTransportMode("SEA")?.print).toBe("BY SEA");
    expect(findTransportMode("by vessel")?.code).toBe("SEA");
    expect(findTransportMode("TRUCK")?.code).toBe("ROAD");
    expect(findTransportMode("CAMEL")).toBeUndefined();
  });
});

describe("agreements", () => {
  test("every contract type code has exactly one agreement entry", () => {
    expect(Object.keys(AGREEMENTS).sort()).toEqual([...CERTIFICATE_TYPE_CODES].sort());
    for (const code of CERTIFICATE_TYPE_CODES) expect(agreementFor(code).type).toBe(code);
  });

  test("importing parties and in-force dates decide the destination", () => {
    expect(importingPartyStatus({ type: "CHAFTA", country: "AU", date: "2026-01-05" })).toEqual({
      ok: true,
      party: { country: "AU", from: "2015-12-20" },
    });
    expect(importingPartyStatus({ type: "CHAFTA", country: "NZ", date: "2026-01-05" })).toEqual({ ok: false, reason: "not_party" });
    expect(importingPartyStatus({ type: "RCEP", country: "KR", date: "2022-01-15" })).toEqual({
      ok: false,
      reason: "not_in_force",
      from: "2022-02-01",
    });
    expect(importingPartyStatus({ type: "RCEP", country: "KR", date: "2022-02-01" }).ok).toBe(true);
    expect(importingPartyStatus({ type: "APTA", country: "MN", date: "2020-12-31" }).ok).toBe(false);
    expect(importingPartyStatus({ type: "CNCH", country: "LI", date: "2026-01-05" }).ok).toBe(true);
  });

  test("the general certificate goes anywhere but China", () => {
    expect(importingPartyStatus({ type: "GENERAL", country: "US", date: "2026-01-05" }).ok).toBe(true);
    expect(importingPartyStatus({ type: "GENERAL", country: "CN", date: "2026-01-05" }).ok).toBe(false);
  });

  test("item caps change on their dates", () => {
    expect(itemCap("CNCH", "2021-08-31")).toBe(20);
    expect(itemCap("CNCH", "2021-09-01")).toBe(50);
    expect(itemCap("CNKR", "2022-06-11")).toBe(20);
    expect(itemCap("CNKR", "2022-06-12")).toBeNull();
    expect(itemCap("CHAFTA", "2026-01-05")).toBe(20);
    expect(itemCap("GENERAL", "2026-01-05")).toBeNull();
  });

  test("retroactive rules change on their dates", () => {
    expect(retroRule("CNNZ", "2022-04-06").allowed).toBe(false);
    expect(retroRule("CNNZ", "2022-04-07")).toMatchObject({ allowed: true, wording: "ISSUED RETROSPECTIVELY" });
    expect(retroRule("CNCL", "2019-02-28").limit).toEqual({ days: 30 });
    expect(retroRule("CNCL", "2019-03-01").limit).toEqual({ months: 12 });
    expect(retroRule("APTA").allowed).toBe(false);
    expect(retroRule("CNKR").grace).toEqual({ days: 7, working: true });
  });
});
