/**
 * A machine-review finding as the EDI contract shapes it: `field` is a dotted path into the body
 * (`goods.2.originCriterion`), `error` blocks sending, `warning` is shown only. Messages and hints
 * are Chinese; they are shown beside the field in the pages and returned as they are by the API.
 */
export type Problem = {
  rule: string;
  field: string;
  severity: "error" | "warning";
  message: string;
  hint: string;
};

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === "error");

/** The first problem per field, for showing beside form fields. */
export function problemsByField(problems: readonly Problem[]): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  for (const p of problems) if (!(p.field in out) || (out[p.field]!.severity === "warning" && p.severity === "error")) out[p.field] = p;
  return out;
}
