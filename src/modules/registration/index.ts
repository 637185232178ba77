// Public face of the registration slice: offices, enterprise records (office side), their
// customs codes, hand-signers, seal and signature images.
export { officeEnterpriseRoutes } from "./office-routes.tsx";
/**
 * The enterprises table, for other slices' read-only joins: lists and searches of certificates and
 * products show and filter by the enterprise in the same query (a million-row search cannot afford
 * a second round trip, docs/decisions/0003). Writes go through this slice's services only.
 */
export { enterprises } from "./schema.ts";
export {
  findEnterpriseByRegNo,
  getEnterpriseForReview,
  getEnterpriseProfile,
  getOfficeSummary,
  findOffice,
  listOfficeCodes,
  getSealImage,
  getHandSignerForPrint,
  getSignatureImage,
  hasApprovedCustomsCode,
  listSignersForReview,
  listCustomsCodes,
  type StoredImage,
} from "./service.ts";
export { createEnterprise, createOffice, hasAnyOffice, type NewEnterprise, type NewOffice } from "./records-service.ts";
export { checkImage, uploadSeal, uploadSignature } from "./personnel-service.ts";
export { latinName } from "./forms.ts";
