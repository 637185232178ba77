// Public face of the registration slice: offices, enterprise records (office side), their
// customs codes, hand-signers, seal and signature images.
export { officeEnterpriseRoutes } from "./office-routes.tsx";
export {
  createEnterprise,
  createOffice,
  findEnterpriseByRegNo,
  getEnterpriseProfile,
  getOfficeSummary,
  findOffice,
  getSealImage,
  getSignatureImageByName,
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
