// Public face of the filing slice (商品备案): pages, API and what machine review needs.
export { filingApi } from "./api.ts";
export { filingRoutes } from "./routes.tsx";
export { productProblems, FILING_AGREEMENTS, type ProductInput } from "./rules.ts";
export { listApprovedFilings, listApprovedProducts, listProducts, listRejectedFilings } from "./service.ts";
