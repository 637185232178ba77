// The pure domain core of certificates — contract schema, type registry, machine review, route
// line and half-width conversion — for src/modules/certificates/index.ts to re-export.
export {
  certificateBodyJsonSchema,
  certificateBodySchema,
  certificateTypeCode,
  goodsLineSchema,
  MAX_GOODS_LINES,
  parseCertificateBody,
  printMode,
  transportSchema,
  type CertificateBody,
  type GoodsLine,
  type ParsedBody,
  type Transport,
} from "./edi/contract.ts";
export { toHalfWidth, unprintableChars, type UnprintableChar } from "../../lib/charset.ts";
export { MARKS_IMAGE_MAX_BYTES, MARKS_IMAGE_TYPES, type MarksImageType } from "./data/review-data.ts";
export { withDefaults } from "./defaults.ts";
export { M as CERTIFICATE_MESSAGES } from "./messages.ts";
export {
  certificateType,
  findCertificateType,
  hsDigitsForType,
  listCertificateTypes,
  printedHsCode,
  REQUIRED_TYPE_CODES,
  summarizeCertificateType,
  type CertificateType,
  type CertificateTypeSummary,
} from "./registry.ts";
export {
  RULE_CODES,
  type Problem,
  type ProductFiling,
  type ReviewContext,
  type RuleCode,
  type Severity,
} from "./checks/review-problems.ts";
export { computeRetroactive, hasBlockingProblems, reviewCertificate, type RetroactiveMark } from "./checks/review-rules.ts";
export { generateRouteText, routeLine } from "./route.ts";
export { ITEM_NUMBER, type CertificateForm, type FormBox, type ValueRule } from "../../render/index.ts";
