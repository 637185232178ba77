/** The certificate form's editing operations (buttons named `op`): goods lines added, moved, copied, removed or filled from a filed product; half-width fix; filed exporter; route line as a draft. Pure. */
import type { FormValues } from "../../../lib/forms.ts";
import { toHalfWidth } from "../../../lib/charset.ts";
import { MAX_GOODS_LINES, type CertificateBody } from "../edi/contract.ts";
import { certificateType, type CertificateType } from "../registry.ts";
import { generateRouteText } from "../route.ts";
import { getAt, postedLineCount } from "./form.ts";

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
export type FiledProduct = {
  productId: string;
  hsCode: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  agreements: readonly { type: string; originCriterion: string }[];
};

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

function setAt<T>(root: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split(".");
  const copy: Record<string, unknown> = Array.isArray(root) ? ([...root] as unknown as Record<string, unknown>) : { ...(root as Record<string, unknown>) };
  copy[head!] = rest.length ? setAt(copy[head!] ?? {}, rest.join("."), value) : value;
  return copy as T;
}
