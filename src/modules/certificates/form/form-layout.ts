/** The certificate form laid out in the order of the type's boxes (registry), and where each machine-review problem shows: next to which input, and whether the person has earned seeing it yet. Pure. */
import type { FormValues } from "../../../lib/forms.ts";
import type { CertificateBody } from "../edi/contract.ts";
import { FM } from "./form-messages.ts";
import type { CertificateType } from "../registry.ts";
import type { Problem } from "../checks/review-problems.ts";
import { getAt } from "./form.ts";
import { ITEM_NUMBER } from "../../../render/index.ts";

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
    sections.push({
      kind: "box",
      id: `box-${box.no || sections.length}`,
      no: box.no,
      titleEn: box.title,
      zh,
      fields: keys.map((k) => spec(k, box.no)),
      transport,
    });
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
