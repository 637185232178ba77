/**
 * A machine-review finding as the EDI contract shapes it: `field` is a dotted path into the body
 * (`goods.2.originCriterion`), `error` blocks sending, `warning` is shown only. Messages and hints
 * are Chinese; they are shown beside the field in the pages and returned as they are by the API.
 * Certificates narrow `rule` to the contract's rule codes; product filings use the same shape.
 */
export type Problem<Rule extends string = string> = {
  rule: Rule;
  field: string;
  severity: "error" | "warning";
  message: string;
  hint: string;
};

/** Whether any problem blocks sending. */
export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === "error");
