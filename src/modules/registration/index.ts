// Public face of the registration slice: offices, enterprise records (office side), their
// customs codes, hand-signers, seal and signature images.
export { officeEnterpriseRoutes } from "./office-routes.tsx";
export {
  checkImage,
  createEnterprise,
  createOffice,
  findEnterpriseByRegNo,
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
