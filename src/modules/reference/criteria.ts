/**
 * Origin criteria as written in the criterion box: reading, canonical spelling and the check against
 * an agreement's set (REFERENCE.md §17 rules 18–19). Pure; used by machine review and product filing.
 */
import type { CriterionOption, CriterionSet } from "./data/agreements.ts";
import { M } from "./messages.ts";

export type ParsedCriterion = { code: string; percent: number | null; addOns: string[] };

/**
 * Reads "WO", "RVC 40%", `"B" 50%`, "40%", "CTC ACU DMI" (case and spacing free; quotes around the
 * code ignored). Returns null when the text is not of that form.
 */
export function parseCriterion(text: string): ParsedCriterion | null {
  const s = text.toUpperCase().replace(/["']/g, "").replace(/\s+/g, " ").trim();
  const m = /^([A-Z]*) ?(?:(\d{1,3}(?:\.\d+)?) ?%)?(.*)$/.exec(s);
  if (!m) return null;
  const code = m[1] ?? "";
  const percent = m[2] === undefined ? null : Number(m[2]);
  const addOns = (m[3] ?? "").split(/[\s,/+]+/).filter(Boolean);
  if (addOns.some((a) => !/^[A-Z]+$/.test(a))) return null;
  if (code === "" && percent === null) return null;
  return { code, percent, addOns };
}

/** The one spelling a criterion is stored and compared in: "RVC 40%", "B 50%", "40%", "CTC ACU". */
export function formatCriterion(c: ParsedCriterion): string {
  const head = [c.code, c.percent === null ? "" : `${c.percent}%`].filter(Boolean).join(" ");
  return [head, ...c.addOns].join(" ");
}

/** Canonical spelling of a criterion text, or the trimmed text itself when it cannot be read. */
export function normalizeCriterion(text: string): string {
  const parsed = parseCriterion(text);
  return parsed ? formatCriterion(parsed) : text.trim();
}

export type CriterionProblem = {
  rule: "CRITERION_INVALID" | "CRITERION_THRESHOLD";
  message: string;
  hint: string;
};

function optionExample(o: CriterionOption): string {
  const pct = `${o.min ?? o.max ?? 40}%`;
  if (o.code === "") return pct;
  if (o.percent === "required") return `${o.code} ${pct}`;
  if (o.percent === "optional") return `${o.code}${M.optionalPercent}`;
  return o.code;
}

/** "WO、PE、RVC 40%、CTH、PSR" — what the hint offers. */
export function describeCriterionSet(set: CriterionSet): string {
  const list = set.options.map(optionExample).join("、");
  return set.addOns?.length ? list + M.addOnsAllowed(set.addOns.join("、")) : list;
}

/**
 * Checks one criterion text against an agreement's set. `set` null means the form has no criterion
 * box. Returns the first problem, or null when the criterion is acceptable.
 */
export function checkCriterionText({
  text,
  set,
  agreementName,
}: {
  text: string | null | undefined;
  set: CriterionSet | null;
  agreementName: string;
}): CriterionProblem | null {
  const raw = (text ?? "").trim();
  const invalid = (message: string, hint: string): CriterionProblem => ({ rule: "CRITERION_INVALID", message, hint });
  const threshold = (message: string, hint: string): CriterionProblem => ({ rule: "CRITERION_THRESHOLD", message, hint });

  if (!set) return raw ? invalid(M.criterionNoBox(agreementName), M.criterionNoBoxHint) : null;
  const allowed = M.allowedHint(describeCriterionSet(set));
  if (!raw) return invalid(M.criterionMissing(agreementName), allowed);

  const parsed = parseCriterion(raw);
  if (!parsed) return invalid(M.criterionUnreadable(raw), allowed);
  const option = set.options.find((o) => o.code === parsed.code);
  if (!option) return invalid(M.criterionNotInSet(raw, agreementName), allowed);

  const seen = new Set<string>();
  for (const addOn of parsed.addOns) {
    if (!set.addOns?.includes(addOn) || seen.has(addOn)) return invalid(M.criterionAddOnNotAllowed(addOn, agreementName), allowed);
    seen.add(addOn);
  }

  const example = optionExample({ ...option, percent: "required" });
  if (option.percent === "none" && parsed.percent !== null) return invalid(M.criterionNoPercent(option.code), allowed);
  if (option.percent === "required" && parsed.percent === null) {
    return threshold(M.criterionPercentMissing(option.code), M.percentHint(example));
  }
  if (parsed.percent !== null) {
    if (parsed.percent <= 0 || parsed.percent > 100) return threshold(M.criterionPercentRange(raw), M.percentHint(example));
    if (option.min !== undefined && parsed.percent < option.min) {
      return threshold(M.criterionBelowMin(raw, option.min), M.percentHint(example));
    }
    if (option.max !== undefined && parsed.percent > option.max) {
      return threshold(M.criterionAboveMax(raw, option.max), M.percentHint(example));
    }
  }
  return null;
}
