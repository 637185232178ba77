export { commercialRoutes } from "./routes.tsx";
export { commercialOfficeRoutes } from "./office-routes.tsx";
export { attachmentRoutes } from "./attachment-routes.tsx";
export { addCertificateAttachment, listCertificateAttachments, type CertificateAttachmentItem } from "./attachments.ts";
export { CertificateAttachmentsPanel } from "./views/attachments.tsx";
export { commercialApi, COMMERCIAL_API_MAX_BODY, isCommercialUpload } from "./api.ts";
// Public face of the commercial document slice (商事证明): pages, EDI API, services other slices use.
export { COMMERCIAL_LIMITS } from "./rules.ts";
export type { CommercialEvents } from "./events.ts";
export { M as COMMERCIAL_MESSAGES } from "./messages.ts";
export { COMMERCIAL_STATUSES, type CommercialStatus } from "./lifecycle.ts";
export {
  CommercialProblemsError,
  copyCommercialDocument,
  createCommercialDocument,
  getCommercialDocument,
  getCommercialFile,
  listCommercialDocuments,
  listDocumentTypes,
  sendCommercialDocument,
  updateCommercialDocument,
  withdrawCommercialDocument,
} from "./service.ts";
export { approveCommercialDocument, countCommercialQueues, returnCommercialDocument, voidCommercialDocument } from "./office-actions.ts";
export { commercialCertificatePagePdf, issuedCommercialPdf } from "./issue.ts";
export { recordCommercialPrint } from "./printing.ts";
export { verifyCommercialById, verifyCommercialDocument, type PublicCommercialFacts } from "./verification.ts";
