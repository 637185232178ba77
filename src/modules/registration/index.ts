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
  checkImage,
  createEnterprise,
  createOffice,
  findEnterpriseByRegNo,
  getEnterpriseForReview,
  getEnterpriseProfile,
  getOfficeSummary,
  findOffice,
  getSealImage,
  getHandSignerForPrint,
  getSignatureImage,
  hasAnyOffice,
  hasApprovedCustomsCode,
  listSignersForReview,
  listCustomsCodes,
  uploadSeal,
  uploadSignature,
  type NewEnterprise,
  type NewOffice,
  type StoredImage,
} from "./service.ts";
export { latinName } from "./forms.ts";
