// The office's seal, authorised signatories and document-signing key, and what an approved certificate carries.
export { endorsementRoutes } from "./routes.tsx";
export { addSignatory, getEndorsement, recordEndorsement, uploadOfficeSeal, uploadSignatorySignature } from "./service.ts";
