// Public face of the registration slice: offices, enterprise records and their hand-signers.
export {
  createEnterprise,
  createOffice,
  getEnterpriseProfile,
  getOfficeSummary,
  hasAnyOffice,
  hasApprovedCustomsCode,
  listSignersForReview,
  type NewEnterprise,
  type NewOffice,
} from "./service.ts";
