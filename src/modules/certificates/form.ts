/**
 * The certificate form (制单) as plain HTML form fields. Field names are the contract's dotted paths
 * (`goods.2.packages.count`), so a machine-review problem's `field` names its input. Pure: converts
 * posted values to a contract body, applies the form's editing operations (goods lines, half-width
 * fix, filed-product fill), anchors problems to inputs, and lays the form out in the order of the
 * type's boxes (registry).
 */
import type { FormValues } from "../../lib/forms.ts";
import { COUNTRIES, countryLabel, findCountry, findCustomsDistrict, findPort, listCustomsDistricts, PORTS, portLabel, type CertificateTypeCode } from "../reference/index.ts";
import { toHalfWidth } from "../../lib/charset.ts";
import { MAX_GOODS_LINES, type CertificateBody, type GoodsLine } from "./contract.ts";
import { FM } from "./form-messages.ts";
import { certificateType, type CertificateType } from "./registry.ts";
import { problem, type Problem } from "./review-problems.ts";
import { generateRouteText } from "./route.ts";
import { ITEM_NUMBER } from "../../print/index.ts";

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
function postedLineCount(values: FormValues): number {
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

// ---- editing operations (buttons named `op`) ----

export type FormOp =
  | { kind: "add" }
  | { kind: "remove" | "up" | "down" | "copy" | "fill"; line: number }
  | { kind: "halfwidth"; field: string }
  | { kind: "exporter" }
  | { kind: "route" }
  | { kind: "overwrite" };

/** Reads an `op` button's value: `add`, `up:2`, `halfwidth:goods.0.description`, … */
export function parseOp(value: string | undefined): FormOp | null {
  const v = (value ?? "").trim();
  if (v === "add" || v === "exporter" || v === "route" || v === "overwrite") return { kind: v };
  const m = /^(remove|up|down|copy|fill):(\d{1,3})$/.exec(v);
  if (m) return { kind: m[1] as "remove", line: Number(m[2]) };
  const h = /^halfwidth:([a-zA-Z0-9.]{1,60})$/.exec(v);
  if (h) return { kind: "halfwidth", field: h[1]! };
  return null;
}

/** An approved product filing the exporter may pick to fill a goods line. */
export type FiledProduct = { productId: string; hsCode: string; nameZh: string; nameEn: string; unit: string; agreements: readonly { type: string; originCriterion: string }[] };

/** The approved filings offered for a type: those filed for its agreement, or all of them when the type takes no filings. */
export function productsFor(type: CertificateType, products: readonly FiledProduct[]): FiledProduct[] {
  return type.agreement.productFiling ? products.filter((p) => p.agreements.some((a) => a.type === type.code)) : [...products];
}

/**
 * Goods-line operations (add, remove, up, down, copy) act on the posted values, so everything typed
 * on a line moves with it, even what could not be read. Returns null for other operations. `focus`
 * is the key of the control that should have focus afterwards, so keyboard users stay in place.
 */
export function applyLineOp(values: FormValues, op: FormOp): { values: FormValues; focus: string | null } | null {
  if (op.kind !== "add" && op.kind !== "remove" && op.kind !== "up" && op.kind !== "down" && op.kind !== "copy") return null;
  const count = postedLineCount(values);
  const lines: FormValues[] = Array.from({ length: count }, () => ({}));
  const rest: FormValues = {};
  for (const [k, v] of Object.entries(values)) {
    const m = /^goods\.(\d+)\.(.+)$/.exec(k);
    if (m && Number(m[1]) < count) lines[Number(m[1])]![m[2]!] = v;
    else if (!m) rest[k] = v;
  }
  const ok = (i: number) => i >= 0 && i < count;
  let focus: string | null = null;
  switch (op.kind) {
    case "add":
      if (count >= MAX_GOODS_LINES) return { values, focus: "goods.add" };
      lines.push({ marks: "" });
      focus = `goods.${count}.marks`;
      break;
    case "remove":
      if (!ok(op.line)) return { values, focus: null };
      lines.splice(op.line, 1);
      focus = lines.length ? `goods.${Math.min(op.line, lines.length - 1)}.marks` : "goods.add";
      break;
    case "copy":
      if (!ok(op.line) || count >= MAX_GOODS_LINES) return { values, focus: null };
      lines.splice(op.line + 1, 0, { ...lines[op.line]! });
      focus = `goods.${op.line + 1}.marks`;
      break;
    case "up":
    case "down": {
      const to = op.kind === "up" ? op.line - 1 : op.line + 1;
      if (!ok(op.line) || !ok(to)) return { values, focus: null };
      [lines[op.line], lines[to]] = [lines[to]!, lines[op.line]!];
      // Keep focus on the same button of the moved line, or its other one at the end of the list.
      const same = op.kind === "up" ? to > 0 : to < count - 1;
      focus = `goods.${to}.op.${same ? op.kind : op.kind === "up" ? "down" : "up"}`;
      break;
    }
  }
  const out: FormValues = { ...rest };
  lines.forEach((line, i) => {
    for (const [k, v] of Object.entries(line)) out[`goods.${i}.${k}`] = v;
  });
  return { values: out, focus };
}

type BodyOpContext = { products: readonly FiledProduct[]; enterprise: { nameEn: string; addressEn: string }; values: FormValues };

/** The operations that change field contents: filed-product fill, half-width fix, filed exporter, route line as a draft. */
export function applyBodyOp(body: CertificateBody, op: FormOp, ctx: BodyOpContext): { body: CertificateBody; focus: string | null } {
  switch (op.kind) {
    case "fill": {
      const goods = [...(body.goods ?? [])];
      const line = goods[op.line];
      const product = ctx.products.find((p) => p.productId === ctx.values[`goods.${op.line}.product`]);
      if (!line || !product) return { body, focus: `goods.${op.line}.product` };
      const criterion = product.agreements.find((a) => a.type === body.type)?.originCriterion ?? null;
      goods[op.line] = {
        ...line,
        hsCode: product.hsCode,
        description: product.nameEn,
        originCriterion: certificateType(body.type).criterionBox ? criterion : line.originCriterion,
        quantity: { value: line.quantity?.value ?? null, unit: line.quantity?.unit || product.unit },
      };
      return { body: { ...body, goods }, focus: `goods.${op.line}.hsCode` };
    }
    case "halfwidth": {
      const current = getAt(body, op.field);
      if (typeof current !== "string") return { body, focus: op.field };
      return { body: setAt(body, op.field, toHalfWidth(current)), focus: op.field };
    }
    case "exporter":
      return { body: { ...body, exporter: { name: ctx.enterprise.nameEn, address: ctx.enterprise.addressEn } }, focus: "exporter.name" };
    case "route":
      return { body: { ...body, transport: { ...body.transport, routeText: generateRouteText(body.transport) } }, focus: "transport.routeText" };
    default:
      return { body, focus: null };
  }
}

function getAt(root: unknown, path: string): unknown {
  let cur = root;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function setAt<T>(root: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split(".");
  const copy: Record<string, unknown> = Array.isArray(root) ? ([...root] as unknown as Record<string, unknown>) : { ...(root as Record<string, unknown>) };
  copy[head!] = rest.length ? setAt(copy[head!] ?? {}, rest.join("."), value) : value;
  return copy as T;
}

// ---- where problems show ----

/**
 * The input a problem belongs next to: its own field when the form has that input, else the input
 * that stands for the group (`goods.2.packages` → the package count, `transport.to` → its country).
 */
export function anchorOf(field: string): string {
  const m = /^(goods\.\d+)\.(packages|quantity)$/.exec(field);
  if (m) return `${m[1]}.${m[2] === "packages" ? "packages.count" : "quantity.value"}`;
  if (field === "transport.to" || field === "transport.from") return `${field}.country`;
  return field;
}

/** Problems grouped by the key of the input they show next to; those without an input on this form go under "_other". */
export function problemsByAnchor(problems: readonly Problem[], keys: ReadonlySet<string>): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const a = anchorOf(p.field);
    const key = keys.has(a) ? a : OTHER;
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
}

export const OTHER = "_other";

/** Which fields' problems a person has earned: "all" after 检查 or 发送 (or on a returned certificate), else the fields they touched. */
export type Touched = ReadonlySet<string> | "all";

/** The form's `touched` field: comma-separated input names, or "*" once 检查/发送 showed everything. */
export const readTouched = (text: string | undefined): Touched => (text === "*" ? "all" : new Set((text ?? "").split(",").filter(Boolean)));
export const writeTouched = (t: Touched) => (t === "all" ? "*" : [...t].join(","));

/**
 * A new form opens calm: a problem of a field that is still empty and nobody has touched is a to-do
 * (listed neutrally), not an error marked beside the field. Anything typed, touched, or a 检查/发送
 * shows as it is.
 */
export function partitionProblems(problems: readonly Problem[], { body, typed, touched }: { body: CertificateBody; typed: FormValues; touched: Touched }) {
  if (touched === "all") return { shown: problems, todo: [] as Problem[] };
  const shown: Problem[] = [];
  const todo: Problem[] = [];
  for (const p of problems) {
    const key = anchorOf(p.field);
    const value = getAt(body, p.field);
    const empty = value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
    (empty && !(key in typed) && !(p.field in typed) && !touched.has(key) && !touched.has(p.field) ? todo : shown).push(p);
  }
  return { shown, todo };
}

// ---- layout: the form in the order of the type's boxes ----

export type FieldKind =
  | "text"
  | "textarea"
  | "country"
  | "port"
  | "date"
  | "number"
  | "signer"
  | "mode"
  | "customs"
  | "check"
  | "printMode"
  | "unit"
  | "criterion"
  | "packageKind"
  | "currency";

export type FieldSpec = { key: string; kind: FieldKind; box: string | null };

export type Section =
  | { kind: "box"; id: string; no: string; titleEn: string; zh: string; fields: FieldSpec[]; transport: boolean }
  | { kind: "goods"; id: string; boxes: { no: string; titleEn: string; zh: string }[]; line: FieldSpec[]; marksImage: boolean }
  | { kind: "application"; id: string; fields: FieldSpec[] };

const KIND: Record<string, FieldKind> = {
  "exporter.address": "textarea",
  "producer.address": "textarea",
  "consignee.address": "textarea",
  "consignee.country": "country",
  destinationCountry: "country",
  handSigner: "signer",
  "transport.from.country": "country",
  "transport.to.country": "country",
  "transport.from.port": "port",
  "transport.to.port": "port",
  "transport.mode": "mode",
  "transport.departureDate": "date",
  "transport.routeText": "textarea",
  "invoice.date": "date",
  "invoice.currency": "currency",
  remarks: "textarea",
  "goods.*.marks": "textarea",
  "goods.*.description": "textarea",
  "goods.*.packages.count": "number",
  "goods.*.packages.kind": "packageKind",
  "goods.*.originCriterion": "criterion",
  "goods.*.quantity.value": "number",
  "goods.*.quantity.unit": "unit",
  "goods.*.grossWeightKg": "number",
  exportCustoms: "customs",
  copies: "number",
  localPrint: "check",
  printSeal: "check",
  printMode: "printMode",
};

/** Contract field groups of the registry → the inputs that edit them, in the order shown. */
const EXPAND: Record<string, string[]> = {
  "transport.from": ["transport.from.country", "transport.from.port"],
  "transport.to": ["transport.to.country", "transport.to.port"],
  "goods.*.packages": ["goods.*.packages.count", "goods.*.packages.kind"],
  "goods.*.quantity": ["goods.*.quantity.value", "goods.*.quantity.unit"],
};

/** Transport inputs in the editor's order (manual Q6: from, to, via, mode, then date and carrier, then the printed line). */
const TRANSPORT_ORDER = [
  "transport.from.country",
  "transport.from.port",
  "transport.to.country",
  "transport.to.port",
  "transport.via",
  "transport.mode",
  "transport.departureDate",
  "transport.vessel",
  "transport.routeText",
];

const spec = (key: string, box: string | null): FieldSpec => ({ key, kind: KIND[key] ?? "text", box });

/**
 * The form's sections in the order of the type's boxes: each box that the applicant fills becomes a
 * section with its number, English title and Chinese label; the goods editor sits at the first box
 * holding goods fields, its line fields in box order; options that are not printed come last.
 * Boxes left to the issuing body are not shown.
 */
export function formLayout(type: CertificateType): Section[] {
  const sections: Section[] = [];
  let goods: Extract<Section, { kind: "goods" }> | null = null;
  for (const box of type.boxes) {
    if (!box.fields.length) continue;
    const zh = FM.boxZh(box.fields);
    const goodsFields = box.fields.filter((f) => f.startsWith("goods.*.") && f !== ITEM_NUMBER);
    if (goodsFields.length || box.fields.includes(ITEM_NUMBER)) {
      if (!goods) {
        goods = { kind: "goods", id: "goods", boxes: [], line: [], marksImage: false };
        sections.push(goods);
      }
      goods.boxes.push({ no: box.no, titleEn: box.title, zh });
      for (const f of goodsFields) for (const k of EXPAND[f] ?? [f]) goods.line.push(spec(k, box.no));
    }
    if (box.fields.includes("marksImage")) goods!.marksImage = true;
    const own = box.fields.filter((f) => !f.startsWith("goods.*.") && f !== "marksImage" && f !== ITEM_NUMBER);
    if (!own.length) continue;
    const transport = own.some((f) => f.startsWith("transport."));
    let keys = own.flatMap((f) => EXPAND[f] ?? [f]);
    if (transport) keys = [...TRANSPORT_ORDER.filter((k) => keys.includes(k)), ...keys.filter((k) => !TRANSPORT_ORDER.includes(k))];
    sections.push({ kind: "box", id: `box-${box.no || sections.length}`, no: box.no, titleEn: box.title, zh, fields: keys.map((k) => spec(k, box.no)), transport });
  }
  // A value the form does not print is still the invoice amount the lists show.
  if (goods && !type.valueBox) goods.line.push(spec("goods.*.value", null));
  const application: FieldSpec[] = [];
  if (!type.valueBox) application.push(spec("invoice.currency", null));
  application.push(...["printMode", "localPrint", "printSeal", "copies", "exportCustoms", "declarationNo"].map((k) => spec(k, null)));
  sections.push({ kind: "application", id: "application", fields: application });
  return sections;
}

/** Every input key of the layout for a body with `lines` goods lines, and the group keys problems may name. */
export function layoutKeys(sections: readonly Section[], lines: number): Set<string> {
  const keys = new Set<string>([OTHER]);
  for (const s of sections) {
    if (s.kind === "goods") {
      keys.add("goods");
      if (s.marksImage) keys.add("marksImage");
      for (let i = 0; i < lines; i++) for (const f of s.line) keys.add(f.key.replace("*", String(i)));
    } else for (const f of s.fields) keys.add(f.key);
  }
  return keys;
}
