// Public face of the API slice: bearer tokens, the JSON boundary helpers and the OpenAPI document.
export { API_DOCS_PATH, apiMiddleware, type OpenApiExtra, apiOperation, apiParams, MAX_API_BODY, readJson, zodIssues } from "./http.ts";
export { M as API_MESSAGES } from "./messages.ts";
export { apiDocsRoutes, tokenRoutes, type TokenPageSection } from "./routes.tsx";
export { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken, takeTokensNearExpiry } from "./service.ts";
export { EXPIRY_NOTICE_MS, parseLifetime } from "./rules.ts";
