// Public face of the review slice: the office's certificate desk (原产地证书签发管理) and its Excel export.
export { reviewRoutes } from "./routes.tsx";
export { getExport, getWorkbench, startExport, type Workbench } from "./service.ts";
export { WorkbenchView } from "./views/workbench.tsx";
export { sendDailySummary } from "./daily-summary.ts";
