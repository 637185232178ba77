/**
 * The certificate form (制单) as plain HTML form fields. Field names are the contract's dotted paths
 * (`goods.2.packages.count`), so a machine-review problem's `field` names its input. Pure: this file
 * converts posted values to a contract body; form-ops.ts applies the form's editing operations
 * (goods lines, half-width fix, filed-product fill); form-layout.ts lays the form out in the order of
 * the type's boxes (registry) and anchors problems to inputs.
 */
import type { FormValues } from "../../../lib/forms.ts";
import {
  COUNTRIES,
  countryLabel,
  findCountry,
  findCustomsDistrict,
  findPort,
  listCustomsDistricts,
  PORTS,
  portLabel,
  type CertificateTypeCode,
} from "../../reference/index.ts";
import { toHalfWidth } from "../../../lib/charset.ts";
import { MAX_GOODS_LINES, type CertificateBody, type GoodsLine } from "../edi/contract.ts";
import { FM } from "./form-messages.ts";
import { problem, type Problem } from "../checks/review-problems.ts";

// ---- reading posted values ----

const countryByWord = new Map<string, string>();
for (const c of COUNTRIES) {
  for (const w of [c.iso2, c.iso3, c.nameEn, c.nameZh, countryLabel(c)]) countryByWord.set(w.toUpperCase(), c.iso2);
}
const portByLabel = new Map(PORTS.map((p) => [portLabel(p).toUpperCase(), p]));

/** A country as typed or picked ("AU", "AUSTRALIA(澳大利亚)(601)", "澳大利亚") → its ISO code; anything else is kept as typed for review to report. */
export function parseCountry(text: string | undefined): string | null {
  const t = (text ?? "").trim();
  if (!t) return null;
  return countryByWord.get(t.toUpperCase()) ?? t;
}

/** What a country input shows: the picker's label for a known code, else what was stored. */
export const showCountry = (code: string | null | undefined) => {
  const c = findCountry(code);
  return c ? countryLabel(c) : (code ?? "");
};

/**
 * A port side of the route: a picked port label ("AUSTRALIA(澳大利亚)(601) / ADELAIDE") gives both
 * the port and its country; a port typed by hand keeps the country input's value (manual Q6).
 */
export function parsePlace(countryText: string | undefined, portText: string | undefined): { country: string | null; port: string | null } {
  const port = (portText ?? "").trim();
  const known = portByLabel.get(port.toUpperCase());
  if (known) return { country: known.country, port: known.name };
  const slash = port.lastIndexOf(" / ");
  if (slash > 0) return { country: parseCountry(port.slice(0, slash)), port: port.slice(slash + 3).trim() || null };
  return { country: parseCountry(countryText), port: port || null };
}

/** What a port input shows: the picker's label when the reference knows the port in that country. */
export function showPort(place: { country?: string | null; port?: string | null } | null | undefined): string {
  const name = place?.port ?? "";
  const known = name ? findPort({ name, country: place?.country ?? undefined }) : undefined;
  return known && known.country === place?.country ? portLabel(known) : name;
}

/**
 * A customs district as picked ("0900 大连关区") or typed: its code, its name with or without 关区
 * ("天津", "天津关区"), or its English name ("TIANJIN"). Anything else is kept for review to report.
 */
export function parseCustoms(text: string | undefined): string | null {
  const t = (text ?? "").trim();
  if (!t) return null;
  const code = /^(\d{4})\b/.exec(t)?.[1];
  if (code) return code;
  const word = t.toUpperCase().replace(/关区$|海关$|关$/, "");
  const named = listCustomsDistricts().filter((d) => d.nameZh.replace(/关区$/, "") === word || d.nameEn.toUpperCase() === word);
  return named.length === 1 ? named[0]!.code : t;
}

export const showCustoms = (code: string | null | undefined) => {
  const d = findCustomsDistrict(code);
  return d ? `${d.code} ${d.nameZh}` : (code ?? "");
};

const single = (v: string | undefined) => (v ?? "").trim() || null;
const multi = (v: string | undefined) => (v ?? "").replace(/\r\n?/g, "\n").replace(/\s+$/, "").replace(/^\n+/, "") || null;

/** "2026-11-20", "2026/11/20", "2026.11.20" or "2026年11月20日" → "2026-11-20"; null when not a real date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(toHalfWidth(text.trim()));
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** A number as typed ("1,500", full-width digits allowed); undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const t = toHalfWidth(text.trim()).replace(/,/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Highest goods line index posted (`goods.N.*`), as a count of lines. */
export function postedLineCount(values: FormValues): number {
  let max = -1;
  for (const k of Object.keys(values)) {
    const m = /^goods\.(\d+)\./.exec(k);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Math.min(max + 1, MAX_GOODS_LINES);
}

const allNull = (o: Record<string, unknown>) => Object.values(o).every((v) => v === null || v === undefined);

/**
 * The contract body the posted form describes, and the values that could not be read (a number
 * that is not one, a date that is not a date) as FORMAT problems on their fields. Those fields are
 * saved empty; the page keeps showing what was typed. Fields the type's form does not show are
 * not posted and come out empty.
 */
export function formToBody(values: FormValues, type: CertificateTypeCode): { body: CertificateBody; issues: Problem[] } {
  const issues: Problem[] = [];
  const has = (k: string) => k in values;
  const num = (k: string): number | null => {
    const t = (values[k] ?? "").trim();
    if (!t) return null;
    const n = parseNumber(t);
    if (n === undefined) {
      issues.push(problem("FORMAT", k, FM.notANumber(t), FM.notANumberHint));
      return null;
    }
    return n;
  };
  const date = (k: string): string | null => {
    const t = (values[k] ?? "").trim();
    if (!t) return null;
    const d = parseDate(t);
    if (!d) issues.push(problem("FORMAT", k, FM.notADate(t), FM.notADateHint));
    return d;
  };
  const obj = <T extends Record<string, unknown>>(o: T): T | null => (allNull(o) ? null : o);

  const goods: GoodsLine[] = [];
  for (let i = 0; i < postedLineCount(values); i++) {
    const at = (k: string) => `goods.${i}.${k}`;
    goods.push({
      marks: multi(values[at("marks")]),
      packages: obj({ count: num(at("packages.count")), kind: single(values[at("packages.kind")]) }),
      description: multi(values[at("description")]),
      hsCode: single(values[at("hsCode")]),
      originCriterion: has(at("originCriterion")) ? single(values[at("originCriterion")]) : null,
      quantity: obj({ value: num(at("quantity.value")), unit: single(values[at("quantity.unit")]) }),
      grossWeightKg: num(at("grossWeightKg")),
      value: single(values[at("value")]),
    });
  }

  const from = parsePlace(values["transport.from.country"], values["transport.from.port"]);
  const to = parsePlace(values["transport.to.country"], values["transport.to.port"]);
  const body: CertificateBody = {
    type,
    printMode: values.printMode === "PCO" ? "PCO" : "ECO",
    localPrint: Boolean(values.localPrint),
    printSeal: Boolean(values.printSeal),
    copies: num("copies"),
    handSigner: single(values.handSigner),
    exporter: { name: single(values["exporter.name"]), address: multi(values["exporter.address"]) },
    producer: has("producer.name") ? obj({ name: single(values["producer.name"]), address: multi(values["producer.address"]) }) : null,
    consignee: { name: single(values["consignee.name"]), address: multi(values["consignee.address"]), country: parseCountry(values["consignee.country"]) },
    destinationCountry: parseCountry(values.destinationCountry),
    transport: {
      from: obj(from),
      to: obj(to),
      via: single(values["transport.via"]),
      mode: single(values["transport.mode"]),
      departureDate: date("transport.departureDate"),
      vessel: single(values["transport.vessel"]),
      routeText: multi(values["transport.routeText"]),
    },
    invoice: { number: single(values["invoice.number"]), date: date("invoice.date"), currency: single(values["invoice.currency"])?.toUpperCase() ?? null },
    goods,
    remarks: multi(values.remarks),
    exportCustoms: parseCustoms(values.exportCustoms),
    declarationNo: single(values.declarationNo),
  };
  return { body, issues };
}

/** Whether two bodies say the same thing: empty, null, false and missing are alike; key order does not matter. */
export function sameBody(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (v === null || v === undefined || v === "" || v === false) return null;
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== null && !(typeof c === "object" && !Array.isArray(c) && !Object.keys(c).length)) out[k] = c;
    }
    return out;
  }
  return v;
}

/** The value at a dotted path (`goods.0.description`) of a body, or undefined. */
export function getAt(root: unknown, path: string): unknown {
  let cur = root;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
