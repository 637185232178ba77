// Public face of the certificates slice: the pure domain core, the lifecycle services and the API.
export * from "./domain.ts";
export { certificatesApi } from "./edi/api.ts";
export { certificateRoutes } from "./routes.tsx";
export { defaultBody, getFormContext, loadCertificateForm, saveCertificateForm, startCertificate } from "./form/form-service.ts";
export { certificateListRoutes } from "./list/list-routes.tsx";
export { goodsImportRoutes } from "./form/goods-import-routes.tsx";
export { bulkImportRoutes } from "./bulk/bulk-import-routes.tsx";
export { applicationNoHref, certificateHref, invoiceHolderApplicationNo } from "./links.ts";
export { PRINT_MODE_LABELS, printModeLabel, STATUS_LABELS as CERTIFICATE_STATUS_LABELS, statusLabel, typeLabel } from "./labels.ts";
export { FIELD_LABELS as CERTIFICATE_FIELD_LABELS } from "./form/form-messages.ts";
export { CM as CERTIFICATE_LIFECYCLE_MESSAGES } from "./lifecycle-messages.ts";
export { AMENDABLE, EDITABLE, LIVE, STATUSES, isAmendable, isEditable, type CertificateStatus } from "./lifecycle.ts";
export { approvedCountsByOffice, type CertificateListRow } from "./queries.ts";
export { SORTS, type CertificateFilters, type SortKey } from "./search.ts";
export {
  amendCertificate,
  attachMarksImage,
  CertificateProblemsError,
  checkCertificate,
  copyCertificate,
  countCertificatesByStatus,
  createCertificate,
  deleteCertificate,
  findCertificateByApplicationNo,
  getCertificate,
  getCertificatesByIds,
  getMarksImage,
  listCertificates,
  listCertificatesNeedingAttention,
  listRecentCertificateActivity,
  OFFICE_COUNT_CAP,
  officeToday,
  PAGE_SIZE,
  sendCertificate,
  updateCertificate,
} from "./service.ts";
export { getPrintableCertificate, issuedCertificatePdf } from "./printable.ts";
export { verifyCertificate, verifyCertificateById, type PublicCertificateFacts } from "./verification.ts";
export {
  ApprovalProblemsError,
  approveCertificate,
  claimReview,
  getNumberFormat,
  REASON_MAX,
  REVIEW_CLAIM_MINUTES,
  returnCertificate,
  setFormSerial,
  setNumberFormat,
  changeOfficeNumberFormat,
  voidCertificate,
} from "./office/office-actions.ts";
export { CERTIFICATE_EVENT_NAMES, type CertificateEvent, type CertificateEvents } from "./events.ts";
export { countOfficeQueues, getCertificateForReview, getOfficeWorkbenchFacts, iterateOfficeCertificates } from "./office/office.ts";
export { OM as CERTIFICATE_OFFICE_MESSAGES } from "./office/office-messages.ts";
export { DEFAULT_NUMBER_FORMAT, formatCertificateNumber, newVerificationCode, numberFormatProblem } from "./numbers.ts";
/** The gap-free counter behind certificate numbers, shared with commercial certificates (their own key). */
export { nextCertificateSerial as nextNumberSerial } from "./queries.ts";
export { PRINT_NOTES, recordCertificatePrint } from "./printing.ts";
export { startStatusTallyFolding } from "./status-tally.ts";
