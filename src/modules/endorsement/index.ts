// The office's seal, authorised signatories and document-signing key, and what an approved certificate carries.
export { endorsementRoutes } from "./routes.tsx";
export type { ChainEntry } from "./chain.ts";
export { checkUploadedPdf } from "./documents.ts";
export { createSigningKey, findIssuedByHash, importSigningKey, getIssuedDocumentFacts, issueSignedPdf } from "./documents.ts";
export { addSignatory, getEndorsement, recordEndorsement, uploadOfficeSeal, uploadSignatorySignature } from "./service.ts";
