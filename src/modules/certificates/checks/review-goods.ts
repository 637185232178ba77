/**
 * Review of the goods lines (edi-v1.md rules ITEM_LIMIT, MARKS_INVALID, PACKAGES, HS_FORMAT,
 * CRITERION_INVALID, CRITERION_THRESHOLD, PRODUCT_NOT_FILED, CRITERION_MISMATCH, VALUE_REQUIRED;
 * REFERENCE.md §17 rules 6, 12, 14, 16–19, 21–22).
 */
import { checkCriterion, findUnit, itemCap, listUnits, normalizeCriterion, parseCriterion } from "../../reference/index.ts";
import type { GoodsLine } from "../edi/contract.ts";
import {
  CHINA_PLACE_PREFIXES,
  DECLARED_HS_DIGITS,
  FORBIDDEN_MARKS,
  NET_WEIGHT_MARKS,
  PLACE_OF_MANUFACTURE_PATTERNS,
  UNPACKED_KINDS,
  WEIGHT_MARKS,
  WEIGHT_UNIT_CODES,
} from "../data/review-data.ts";
import { M } from "../messages.ts";
import { hsDigitsForType } from "../registry.ts";
import { charsetProblem, isBlank, problem, upper, type Problem, type ProductFiling, type RuleInput } from "./review-problems.ts";

const HS = /^\d{6,10}$/;

export function reviewGoods(input: RuleInput): Problem[] {
  const { cert, ctx, type } = input;
  const goods = cert.goods ?? [];
  if (!goods.length) return [problem("REQUIRED", "goods", M.goodsRequired, M.goodsHint)];
  const out: Problem[] = [];
  const cap = itemCap(type.code, ctx.today);
  if (cap !== null && goods.length > cap) out.push(problem("ITEM_LIMIT", "goods", M.itemLimit(goods.length, cap, type.agreement.nameZh), M.itemLimitHint(cap)));
  const filings = type.agreement.productFiling ? indexFilings(ctx.filings, type.code) : null;
  goods.forEach((line, i) => out.push(...reviewLine(input, filings, line, `goods.${i}`)));
  return out;
}

/**
 * Approved filings with a valid HS code by their first 6 digits (two codes that agree on every digit
 * both have share those), for all agreements and for this one: one pass, however many lines.
 */
type FilingIndex = { all: Map<string, ProductFiling[]>; forType: Map<string, ProductFiling[]> };

function indexFilings(filings: readonly ProductFiling[], type: string): FilingIndex {
  const index: FilingIndex = { all: new Map(), forType: new Map() };
  const put = (map: Map<string, ProductFiling[]>, f: ProductFiling) => {
    const key = f.hsCode.slice(0, 6);
    map.set(key, [...(map.get(key) ?? []), f]);
  };
  for (const f of filings) {
    if (!HS.test(f.hsCode)) continue;
    put(index.all, f);
    if (f.agreements.some((a) => a.type === type)) put(index.forType, f);
  }
  return index;
}

function reviewLine(input: RuleInput, filings: FilingIndex | null, line: GoodsLine, at: string): Problem[] {
  const { ctx, type } = input;
  const out: Problem[] = [...reviewMarks(line.marks, `${at}.marks`), ...reviewPackages(line, at)];

  if (isBlank(line.description)) out.push(problem("REQUIRED", `${at}.description`, M.descriptionRequired, M.descriptionHint));
  else out.push(...charsetProblem(`${at}.description`, line.description));

  const hs = (line.hsCode ?? "").trim();
  const hsOk = HS.test(hs);
  if (!hsOk) out.push(problem("HS_FORMAT", `${at}.hsCode`, hs ? M.hsMalformed(hs) : M.hsMissing, M.hsHint));
  else out.push(...reviewHsDigits(input, hs, at));

  // A criterion on a form without a criterion box is not printed: a warning, not a blocker.
  const criterionProblem = checkCriterion({ type: type.code, criterion: line.originCriterion, date: ctx.today });
  if (criterionProblem) {
    const { rule, message, hint } = criterionProblem;
    out.push(problem(rule, `${at}.originCriterion`, message, hint, type.criterionBox ? "error" : "warning"));
  }
  if (type.criterionBox) out.push(...charsetProblem(`${at}.originCriterion`, line.originCriterion));

  if (filings && hsOk) out.push(...reviewFiling(input, filings, line, hs, at, !criterionProblem));
  out.push(...reviewQuantity(line, at), ...reviewValue(input, line, at));
  return out;
}

/** Marks: not empty (N/M), no placeholder, no non-Chinese place of manufacture (§17 rule 16). */
function reviewMarks(marks: string | null | undefined, field: string): Problem[] {
  if (isBlank(marks)) return [problem("MARKS_INVALID", field, M.marksEmpty, M.marksHint)];
  const out = charsetProblem(field, marks);
  const text = upper(marks);
  const placeholder = FORBIDDEN.find(({ pattern }) => pattern.test(text));
  if (placeholder) out.push(problem("MARKS_INVALID", field, M.marksPlaceholder(placeholder.phrase), M.marksPlaceholderHint));
  for (const pattern of PLACE_OF_MANUFACTURE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const letters = (match[1] ?? "").replace(/[^A-Z]/g, "");
      if (!CHINA_PLACE_PREFIXES.some((p) => letters.startsWith(p))) {
        out.push(problem("MARKS_INVALID", field, M.marksForeignPlace(match[0].trim()), M.marksForeignPlaceHint));
        return out;
      }
    }
  }
  return out;
}

/** Each placeholder as a whole phrase (not inside a longer word). */
const FORBIDDEN = FORBIDDEN_MARKS.map((phrase) => ({
  phrase,
  pattern: new RegExp(`(^|[^A-Z])${phrase.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}([^A-Z]|$)`),
}));

/** Number and kind of packages, or IN BULK / NUDE CARGO without a count (contract; §17 rule 14). */
function reviewPackages(line: GoodsLine, at: string): Problem[] {
  const p = line.packages;
  if (!p) return [problem("PACKAGES", `${at}.packages`, M.packagesMissing, M.packagesHint)];
  if (isBlank(p.kind)) return [problem("PACKAGES", `${at}.packages.kind`, M.packagesKindMissing, M.packagesHint)];
  const out = charsetProblem(`${at}.packages.kind`, p.kind);
  if ((UNPACKED_KINDS as readonly string[]).includes(upper(p.kind))) return out;
  if (p.count === null) out.push(problem("PACKAGES", `${at}.packages.count`, M.packagesCountMissing(upper(p.kind)), M.packagesHint));
  else if (!Number.isInteger(p.count) || p.count <= 0) out.push(problem("PACKAGES", `${at}.packages.count`, M.packagesCountInvalid(p.count), M.packagesHint));
  return out;
}

/** Two HS codes agree when they agree on every digit both have (a 6-digit line matches the 10-digit code it starts). */
export function hsCodesAgree(a: string, b: string) {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

/**
 * The line against the enterprise's approved filings for this agreement (§17 rule 6). A filing
 * covers the line when their HS codes agree on every digit both have (a 6-digit line matches the
 * 10-digit filed code it starts). Same subheading but different further digits is an HS error;
 * no filing for the subheading at all is PRODUCT_NOT_FILED.
 */
function reviewFiling({ type }: RuleInput, filings: FilingIndex, line: GoodsLine, hs: string, at: string, criterionValid: boolean): Problem[] {
  const agreementName = type.agreement.nameZh;
  const agree = (f: ProductFiling) => hsCodesAgree(f.hsCode, hs);
  const sameSubheading = filings.forType.get(hs.slice(0, 6)) ?? [];
  const matches = sameSubheading.filter(agree);
  if (!matches.length) {
    const filed = sameSubheading[0];
    if (filed) return [problem("HS_FORMAT", `${at}.hsCode`, M.hsFilingMismatch(hs, filed.hsCode), M.hsFilingMismatchHint)];
    const elsewhere = (filings.all.get(hs.slice(0, 6)) ?? []).some(agree);
    return [
      problem(
        "PRODUCT_NOT_FILED",
        `${at}.hsCode`,
        elsewhere ? M.productFiledOtherAgreement(hs, agreementName) : M.productNotFiled(hs, agreementName),
        M.productNotFiledHint,
      ),
    ];
  }
  if (!criterionValid) return [];
  const filedCriteria = [
    ...new Set(matches.flatMap((f) => f.agreements.filter((a) => a.type === type.code).map((a) => normalizeCriterion(a.originCriterion)))),
  ];
  const given = normalizeCriterion(line.originCriterion ?? "");
  if (filedCriteria.includes(given)) return [];
  return [problem("CRITERION_MISMATCH", `${at}.originCriterion`, M.criterionMismatch(given, filedCriteria), M.criterionMismatchHint)];
}

/**
 * The HS code against the digits the form prints (§17 rule 17): a form that prints the code as
 * declared (general CO, CEPA) carries the export declaration's full code, so a shorter one is not
 * what customs declared (a warning: the line still prints). FTA forms print the first 6 digits
 * (APTA the heading), which every valid code has; filings are matched on those same 6 digits
 * (reviewFiling), so the filed product and the printed code cannot disagree unnoticed.
 */
function reviewHsDigits({ type }: RuleInput, hs: string, at: string): Problem[] {
  if (hsDigitsForType(type.code) !== null || hs.length >= DECLARED_HS_DIGITS) return [];
  return [problem("HS_FORMAT", `${at}.hsCode`, M.hsNotDeclared(hs, DECLARED_HS_DIGITS), M.hsNotDeclaredHint, "warning")];
}

/** A unit written with a weight mark after it ("KGS N.W."): the unit and the mark, or the unit alone. */
export function splitWeightMark(unit: string): { unit: string; mark: string | null } {
  const u = upper(unit);
  for (const mark of WEIGHT_MARKS) {
    const at = u.length - mark.length;
    if (at > 0 && u.endsWith(mark) && /[\s,]/.test(u[at - 1]!)) return { unit: u.slice(0, at).replace(/[\s,]+$/, ""), mark };
  }
  return { unit: u, mark: null };
}

/** The unit against the units table; N.W. (net weight) only after a weight unit (§17 rule 22, §0.4). */
function reviewUnit(unit: string, field: string): Problem[] {
  const { unit: word, mark } = splitWeightMark(unit);
  const found = findUnit(word);
  const examples = [...new Set(listUnits().map((u) => u.nameEn))].slice(0, 8);
  if (!found) return [problem("FORMAT", field, M.unitUnknown(unit.trim()), M.unitHint(examples))];
  if (mark && (NET_WEIGHT_MARKS as readonly string[]).includes(mark) && !(WEIGHT_UNIT_CODES as readonly string[]).includes(found.code)) {
    return [problem("FORMAT", field, M.netWeightNotWeight(unit.trim()), M.netWeightHint)];
  }
  return [];
}

/** A quantity with its unit, or a gross weight (§17 rule 22). */
function reviewQuantity(line: GoodsLine, at: string): Problem[] {
  const q = line.quantity;
  const hasQuantity = (q?.value !== null && q?.value !== undefined) || !isBlank(q?.unit);
  const out: Problem[] = [];
  const weight = line.grossWeightKg;
  if (!hasQuantity && (weight === null || weight === undefined)) out.push(problem("REQUIRED", `${at}.quantity`, M.quantityRequired, M.quantityHint));
  if (hasQuantity) {
    if (q?.value === null || q?.value === undefined) out.push(problem("REQUIRED", `${at}.quantity.value`, M.quantityValueRequired, M.quantityHint));
    else if (!(q.value > 0)) out.push(problem("FORMAT", `${at}.quantity.value`, M.quantityValueInvalid, M.quantityHint));
    const unit = q?.unit;
    if (isBlank(unit)) out.push(problem("REQUIRED", `${at}.quantity.unit`, M.quantityUnitRequired, M.quantityHint));
    else {
      const charset = charsetProblem(`${at}.quantity.unit`, unit);
      out.push(...(charset.length ? charset : reviewUnit(unit, `${at}.quantity.unit`)));
    }
  }
  if (weight !== null && weight !== undefined && !(weight > 0)) out.push(problem("FORMAT", `${at}.grossWeightKg`, M.grossWeightInvalid, M.quantityHint));
  return out;
}

/** A positive amount with at most two decimal places. */
function isMoney(value: number | string): boolean {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 && Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
  return /^\d+(\.\d{1,2})?$/.test(value.trim()) && Number(value) > 0;
}

const hasValue = (v: GoodsLine["value"]) => v !== null && v !== undefined && !(typeof v === "string" && !v.trim());

export const lineHasValue = (line: GoodsLine) => hasValue(line.value);

/** FOB or invoiced value where the form needs one (§17 rule 21; Form E and RCEP only for RVC lines). */
function reviewValue({ type }: RuleInput, line: GoodsLine, at: string): Problem[] {
  const box = type.value;
  if (!hasValue(line.value)) {
    if (!box || box.required === "optional") return [];
    if (box.required === "always") return [problem("VALUE_REQUIRED", `${at}.value`, M.valueRequired(box.kind), M.valueHint)];
    // RVC-based: "RVC 40%" (Form E 2019, RCEP) or the pre-2019 Form E's bare "40%".
    const c = parseCriterion(line.originCriterion ?? "");
    const rvc = c?.code === "RVC" || (c?.code === "" && c.percent !== null);
    return rvc ? [problem("VALUE_REQUIRED", `${at}.value`, M.valueRequiredRvc, M.valueHint)] : [];
  }
  const value = line.value!;
  return isMoney(value) ? [] : [problem("FORMAT", `${at}.value`, M.valueMalformed(String(value)), M.valueMalformedHint)];
}
