/** Chinese text of the reference slice (origin-criterion problems), in one place. */
export const M = {
  criterionNoBox: (agreement: string) => `${agreement}没有原产地标准栏，所填原产地标准不会打印。`,
  criterionNoBoxHint: "请删除原产地标准。",
  criterionMissing: (agreement: string) => `未填写原产地标准。${agreement}须填写原产地标准。`,
  criterionUnreadable: (text: string) => `原产地标准「${text}」无法识别。`,
  criterionNotInSet: (text: string, agreement: string) => `原产地标准「${text}」不是${agreement}允许的标准。`,
  criterionAddOnNotAllowed: (addOn: string, agreement: string) => `「${addOn}」不是${agreement}允许的附加标准。`,
  criterionNoPercent: (code: string) => `原产地标准「${code}」后不应填写百分比。`,
  criterionPercentMissing: (code: string) => `原产地标准「${code}」须写明百分比。`,
  criterionPercentRange: (text: string) => `原产地标准「${text}」的百分比须大于 0 且不超过 100%。`,
  criterionBelowMin: (text: string, min: number) => `原产地标准「${text}」的百分比低于协定要求的 ${min}%。`,
  criterionAboveMax: (text: string, max: number) => `原产地标准「${text}」的百分比超过协定允许的 ${max}%。`,
  allowedHint: (allowed: string) => `可填写：${allowed}。`,
  percentHint: (example: string) => `请按“代码 百分比”填写，如 ${example}。`,
  optionalPercent: "（可附百分比）",
  addOnsAllowed: (addOns: string) => `；可在标准后附加 ${addOns}`,
} as const;
