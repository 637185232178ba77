/** Pure lookups over the reference tables in ./data (loaded once, in memory). */
import {
  AGREEMENTS,
  CERTIFICATE_TYPE_CODES,
  type Agreement,
  type CertificateTypeCode,
  type CriterionSet,
  type Dated,
  type Party,
  type RetroRule,
} from "./data/agreements.ts";
import { COUNTRIES, type Country } from "./data/countries.ts";
import { CUSTOMS_DISTRICTS, type CustomsDistrict } from "./data/customs-districts.ts";
import { PORTS, type Port } from "./data/ports.ts";
import { TRANSPORT_MODES, type TransportMode } from "./data/transport-modes.ts";
import { UNITS, type Unit } from "./data/units.ts";
import { checkCriterionText, type CriterionProblem } from "./criteria.ts";

const byIso2 = new Map(COUNTRIES.map((c) => [c.iso2, c]));
const districts = new Map(CUSTOMS_DISTRICTS.map((d) => [d.code, d]));
const key = (s: string) => s.trim().toUpperCase().replace(/\s+/g, " ");

// ---- countries ----

/** The country with this ISO 3166-1 alpha-2 code (exact, upper case), or undefined. */
export function findCountry(iso2: string | null | undefined): Country | undefined {
  return iso2 ? byIso2.get(iso2) : undefined;
}

/** "AUSTRALIA(澳大利亚)(601)" — the label the old system's pickers show (manual 常见问题 6). */
export function countryLabel(country: Country): string {
  return `${country.nameEn}(${country.nameZh})${country.customs ? `(${country.customs})` : ""}`;
}

/** Countries whose code, English or Chinese name or customs code matches the query; best matches first. */
export function searchCountries({ query, limit = 20 }: { query: string; limit?: number }): Country[] {
  const q = key(query);
  if (!q) return COUNTRIES.slice(0, limit);
  return rank(COUNTRIES, (c) => [c.iso2, c.iso3, c.nameEn, c.nameZh, c.customs ?? ""], q).slice(0, limit);
}

// ---- ports ----

export type PortOption = Port & { label: string };

/** "AUSTRALIA(澳大利亚)(601) / ADELAIDE" */
export function portLabel(port: Port): string {
  const country = findCountry(port.country);
  return `${country ? countryLabel(country) : port.country} / ${port.name}`;
}

/** Every port the reference knows under this name, alias or UN/LOCODE (several countries may share a name). */
export function portsNamed(name: string | null | undefined): Port[] {
  if (!name) return [];
  const k = key(name);
  return PORTS.filter((p) => p.name === k || p.locode === k || p.aliases?.includes(k));
}

/** The port of this name in this country, if the reference knows it. */
export function findPort({ name, country }: { name: string; country?: string }): Port | undefined {
  return portsNamed(name).find((p) => !country || p.country === country);
}

/**
 * Ports matching the query (name, alias, Chinese name, UN/LOCODE, or the country's name), limited to
 * one country when `country` is given; exact and prefix matches first. An empty query lists the
 * country's ports.
 */
export function searchPorts({ query, country, limit = 20 }: { query: string; country?: string; limit?: number }): PortOption[] {
  const pool = country ? PORTS.filter((p) => p.country === country) : PORTS;
  const q = key(query);
  const hits = q
    ? rank(
        pool,
        (p) => {
          const c = findCountry(p.country);
          return [p.name, p.locode, p.nameZh ?? "", ...(p.aliases ?? []), c?.nameEn ?? "", c?.nameZh ?? ""];
        },
        q,
      )
    : [...pool];
  return hits.slice(0, limit).map((p) => ({ ...p, label: portLabel(p) }));
}

// ---- customs districts, units, transport modes ----

export function findCustomsDistrict(code: string | null | undefined): CustomsDistrict | undefined {
  return code ? districts.get(code) : undefined;
}

export function listCustomsDistricts(): readonly CustomsDistrict[] {
  return CUSTOMS_DISTRICTS;
}

/** The unit written as this word, alias or customs unit code ("PAIRS", "PCS", "025"). */
export function findUnit(word: string | null | undefined): Unit | undefined {
  if (!word) return undefined;
  const k = key(word);
  return UNITS.find((u) => u.nameEn === k || u.code === k || u.aliases.includes(k));
}

export function listUnits(): readonly Unit[] {
  return UNITS;
}

/** The transport mode written as this code or alias ("SEA", "VESSEL", "BY AIR"). */
export function findTransportMode(value: string | null | undefined): TransportMode | undefined {
  if (!value) return undefined;
  const k = key(value);
  return TRANSPORT_MODES.find((m) => m.code === k || m.aliases.includes(k));
}

export function listTransportModes(): readonly TransportMode[] {
  return TRANSPORT_MODES;
}

// ---- agreements ----

export function isCertificateType(code: string): code is CertificateTypeCode {
  return (CERTIFICATE_TYPE_CODES as readonly string[]).includes(code);
}

/** The origin regime of a certificate type (GENERAL included). */
export function agreementFor(type: CertificateTypeCode): Agreement {
  return AGREEMENTS[type];
}

/**
 * The entry of a dated list that applies on `date` (YYYY-MM-DD); without a date, the latest entry.
 * Lists are ordered by `from`, the first entry having none.
 */
export function atDate<T>(list: readonly Dated<T>[], date?: string): Dated<T> | undefined {
  let current: Dated<T> | undefined;
  for (const entry of list) {
    if (!entry.from || !date || entry.from <= date) current = entry;
  }
  return current;
}

/** The criteria allowed on `date` (latest when omitted); null when the form has no criterion box. */
export function criterionSet(type: CertificateTypeCode, date?: string): CriterionSet | null {
  return atDate(agreementFor(type).criteria, date) ?? null;
}

/** Maximum number of goods lines on `date`; null = no limit. */
export function itemCap(type: CertificateTypeCode, date?: string): number | null {
  return atDate(agreementFor(type).itemCap, date)?.cap ?? null;
}

/** The retroactive-issue rule that applies to applications made on `date`. */
export function retroRule(type: CertificateTypeCode, date?: string): RetroRule {
  const rule = atDate(agreementFor(type).retro, date);
  if (!rule) throw new Error(`no retroactive rule for ${type}`);
  return rule;
}

export type PartyStatus = { ok: true; party: Party | null } | { ok: false; reason: "not_party" } | { ok: false; reason: "not_in_force"; from: string };

/**
 * Whether `country` may be the destination of a certificate of this type applied for on `date`:
 * an importing party for which the agreement is in force (GENERAL: any country but China).
 */
export function importingPartyStatus({ type, country, date }: { type: CertificateTypeCode; country: string; date: string }): PartyStatus {
  const { parties } = agreementFor(type);
  if (parties === "ANY") return country === "CN" ? { ok: false, reason: "not_party" } : { ok: true, party: null };
  const party = parties.find((p) => p.country === country);
  if (!party) return { ok: false, reason: "not_party" };
  if (party.from > date) return { ok: false, reason: "not_in_force", from: party.from };
  return { ok: true, party };
}

/**
 * Checks an origin criterion for an agreement (product filing and machine review use the same check).
 * Returns the rule code and Chinese message and hint of the first problem, or null.
 */
export function checkCriterion({
  type,
  criterion,
  date,
}: {
  type: CertificateTypeCode;
  criterion: string | null | undefined;
  date?: string;
}): CriterionProblem | null {
  return checkCriterionText({ text: criterion, set: criterionSet(type, date), agreementName: agreementFor(type).nameZh });
}

/** The Chinese problem message for a criterion under an agreement, or null when it is acceptable. */
export function validateCriterion({
  type,
  criterion,
  date,
}: {
  type: CertificateTypeCode;
  criterion: string | null | undefined;
  date?: string;
}): string | null {
  return checkCriterion({ type, criterion, date })?.message ?? null;
}

// ---- ranking ----

/** Items whose fields contain the query: exact field match, then prefix, then substring. */
function rank<T>(items: readonly T[], fields: (item: T) => string[], q: string): T[] {
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    let score = 0;
    for (const f of fields(item)) {
      const v = key(f);
      if (!v) continue;
      if (v === q) score = Math.max(score, 3);
      else if (v.startsWith(q)) score = Math.max(score, 2);
      else if (v.includes(q)) score = Math.max(score, 1);
    }
    if (score > 0) scored.push({ item, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.item);
}
