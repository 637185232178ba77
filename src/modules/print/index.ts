// Public face of the print slice: print jobs, printers, desks, the desk agent's API, the worker,
// and the live status streams.
export { printAgentApi } from "./agent-routes.ts";
export type { PrintEvents, PrintJobEvent } from "./jobs.ts";
export { M as PRINT_MESSAGES } from "./messages.ts";
export { printRoutes } from "./routes.tsx";
export {
  addApprovedModel,
  cancelJobs,
  chooseDeskPrinter,
  createOfficeDesk,
  getJob,
  issueAgentToken,
  listApprovedModels,
  listCertificateJobs,
  listDeskJobs,
  queueBackPages,
  queueCertificatePrint,
  registerPrinter,
  retryJob,
} from "./service.ts";
export { certificatePrintPath } from "./views/certificate.tsx";
export { unfinishedJobFigures } from "./queries.ts";
export { startPrintWorker, type PrintWorker } from "./worker.ts";
