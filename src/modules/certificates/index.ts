// Public face of the certificates slice: the pure domain core, the lifecycle services and the API.
export * from "./domain.ts";
export { certificatesApi } from "./api.ts";
export { CM as CERTIFICATE_LIFECYCLE_MESSAGES } from "./lifecycle-messages.ts";
export { AMENDABLE, EDITABLE, LIVE, STATUSES, isAmendable, isEditable, type CertificateStatus } from "./lifecycle.ts";
export { SORTS, type CertificateFilters, type CertificateListRow, type SortKey } from "./queries.ts";
export {
  amendCertificate,
  attachMarksImage,
  CertificateProblemsError,
  checkCertificate,
  copyCertificate,
  countCertificatesByStatus,
  createCertificate,
  deleteCertificate,
  getCertificate,
  getCertificatesByIds,
  getMarksImage,
  listCertificates,
  officeToday,
  PAGE_SIZE,
  sendCertificate,
  updateCertificate,
} from "./service.ts";
export { getPrintableCertificate } from "./printable.ts";
export { PRINT_NOTES, recordCertificatePrint } from "./printing.ts";
