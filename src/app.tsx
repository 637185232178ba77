import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./app-env.ts";
import type { AppEvents } from "./app-events.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import { databaseUnavailable } from "./db/errors.ts";
import type { EventBus } from "./lib/events.ts";
import { unstorableChar } from "./lib/charset.ts";
import { cameOverHttps } from "./lib/client-ip.ts";
import { csrf } from "./lib/csrf.ts";
import { AppError, ERROR_MESSAGES, statusOf } from "./lib/errors.ts";
import { log } from "./lib/log.ts";
import { findAsset } from "./lib/static-assets.ts";
import { accountsRoutes, allow, sessionMiddleware } from "./modules/accounts/index.ts";
import { API_DOCS_PATH, apiDocsRoutes, apiMiddleware, tokenRoutes } from "./modules/api/index.ts";
import { bulkImportRoutes, certificateListRoutes, certificateRoutes, certificatesApi, goodsImportRoutes } from "./modules/certificates/index.ts";
import {
  attachmentRoutes,
  COMMERCIAL_API_MAX_BODY,
  COMMERCIAL_MESSAGES,
  commercialApi,
  commercialOfficeRoutes,
  commercialRoutes,
  isCommercialUpload,
} from "./modules/commercial/index.ts";
import { endorsementRoutes } from "./modules/endorsement/index.ts";
import { filingApi, filingRoutes } from "./modules/filing/index.ts";
import { homeRoutes } from "./modules/home/index.ts";
import { verifyRoutes } from "./modules/verify/index.ts";
import { printAgentApi, printRoutes } from "./modules/print/index.ts";
import { officeEnterpriseRoutes } from "./modules/registration/index.ts";
import { signupRoutes } from "./modules/registration/signup/index.ts";
import { smsRoutes } from "./modules/sms/index.ts";
import { webhookOpenApi, webhookRoutes, webhooksApi, webhookTokenSection } from "./modules/webhooks/index.ts";
import { notificationRoutes, unreadCountMiddleware } from "./modules/notifications/index.ts";
import { reviewRoutes } from "./modules/review/index.ts";
import { metricsRoutes, requestMetrics, systemRoutes } from "./modules/system/index.ts";
import { ErrorPanel } from "./views/error-page.tsx";
import { UI } from "./views/messages.ts";
import { renderPage } from "./views/render.tsx";

function newRequestId() {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString("hex");
}

/** Answers another page of this app may frame: the pages of an uploaded commercial document. */
const FRAMEABLE = /^\/office\/commercial\/[^/]+\/file(\/pages\/\d+)?$/;

/** The largest page-form body accepted, in bytes. */
export const MAX_FORM_BODY = 12 * 1024 * 1024;

function isApi(c: Context<AppEnv>) {
  return c.req.path.startsWith("/api/");
}

function decodedPath(path: string) {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Seconds a client is asked to wait when the database is out of reach (a restart takes about one). */
export const RETRY_AFTER_SECONDS = 2;

function errorResponse(c: Context<AppEnv>, err: AppError) {
  const status = statusOf(err.code);
  const message = err.message || ERROR_MESSAGES[err.code];
  if (err.code === "unavailable") c.header("Retry-After", String(RETRY_AFTER_SECONDS));
  if (isApi(c)) {
    const body: Record<string, unknown> = { code: err.code, message };
    if (err.issues.length) body.issues = err.issues;
    return c.json({ error: body }, status);
  }
  if (err.code === "unauthorized" && c.req.method === "GET") return c.redirect("/sign-in", 303);
  const title = err.code === "not_found" ? UI.notFoundTitle : err.code === "forbidden" ? UI.forbiddenTitle : UI.errorTitle;
  return renderPage(c, title, <ErrorPanel title={title} message={message} requestId={c.var.requestId} />, status);
}

/**
 * Builds the one Hono app. Pure wiring: each slice contributes its routes; cross-cutting concerns
 * (request id, headers, compression, static files, CSRF, sessions, deny-by-default, errors) live here.
 */
export function createApp({ db, config, events }: { db: Db; config: Config; events: EventBus<AppEvents> }) {
  const app = new Hono<AppEnv>();

  app.use("*", requestMetrics({ enabled: config.metricsToken !== undefined }));
  app.use("*", async (c, next) => {
    const requestId = newRequestId();
    c.set("requestId", requestId);
    c.set("access", undefined);
    c.set("user", null);
    c.set("twoFactorPending", false);
    c.set("db", db);
    c.set("config", config);
    c.set("events", events);
    c.header("X-Request-Id", requestId);
    await next();
  });

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The API reference viewer (Scalar) injects its styles; nothing else may.
        styleSrc: ["'self'", (c) => (c.req.path === API_DOCS_PATH ? "'unsafe-inline'" : "")],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        // The review page frames the pages of an uploaded document (its own origin); nothing else is framed.
        frameAncestors: [(c) => (FRAMEABLE.test(c.req.path) ? "'self'" : "'none'")],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "same-origin",
      crossOriginEmbedderPolicy: false,
      // Sent below, and only over HTTPS: on plain HTTP browsers ignore it, and a development or
      // test server on localhost must not pin every port of the host to HTTPS.
      strictTransportSecurity: false,
    }),
  );
  app.use("*", async (c, next) => {
    await next();
    if (cameOverHttps(c)) c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  });

  // Fingerprinted static files, pre-compressed, before any database work.
  app.get("/static/*", allow("public"), (c) => {
    const asset = findAsset(c.req.path);
    if (!asset) return c.notFound();
    c.header("Content-Type", asset.type);
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("Vary", "Accept-Encoding");
    if (asset.gzip && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      c.header("Content-Encoding", "gzip");
      return c.body(asset.gzip as Uint8Array<ArrayBuffer>);
    }
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });

  app.use("*", compress());
  // Refused before the CSRF check reads the body: no page form needs more than a 10 MB upload with
  // its fields (Bun alone would take 128 MB). The API has its own 1 MiB limit.
  const formLimit = bodyLimit({
    maxSize: MAX_FORM_BODY,
    onError: () => {
      throw new AppError("too_large", UI.formTooLarge);
    },
  });
  app.use("*", (c, next) => (isApi(c) ? next() : formLimit(c, next)));
  app.use("*", csrf());
  app.use("*", sessionMiddleware());
  app.use(
    "/api/*",
    apiMiddleware({ largeBody: { accepts: isCommercialUpload, maxSize: COMMERCIAL_API_MAX_BODY, message: COMMERCIAL_MESSAGES.apiBodyTooLarge } }),
  );
  app.use("*", unreadCountMiddleware());
  // No record's id holds a control character (textField()'s rule): such a page address is a 404,
  // never a database error. The API's path parameters are validated per operation (400).
  app.use("*", async (c, next) => {
    if (!isApi(c) && unstorableChar(decodedPath(c.req.path))) throw new AppError("not_found", "");
    await next();
  });

  // Deny by default: a matched route that did not declare who may use it never answers.
  app.use("*", async (c, next) => {
    await next();
    if (c.var.access === undefined && c.res.status !== 404 && c.res.status < 400) {
      log.error("route without access declaration", { path: c.req.path, method: c.req.method, requestId: c.var.requestId });
      c.res = undefined as unknown as Response;
      c.res = await errorResponse(c, new AppError("forbidden", ""));
    }
  });

  app.route("/", systemRoutes);
  app.route("/", metricsRoutes);
  app.route("/", accountsRoutes);
  app.route("/", homeRoutes);
  app.route("/", verifyRoutes);
  app.route("/", tokenRoutes({ sections: [webhookTokenSection] }));
  app.route("/", webhookRoutes);
  // The EDI API v1 as one router, so its OpenAPI document is generated from exactly these routes.
  const apiV1 = new Hono<AppEnv>().route("/", filingApi).route("/", certificatesApi).route("/", commercialApi).route("/", webhooksApi);
  app.route("/", apiDocsRoutes(apiV1, webhookOpenApi()));
  app.route("/", filingRoutes);
  // Before the certificate form's `/certificates/:id`, so /certificates/types is not taken for an id.
  app.route("/", certificateListRoutes);
  // Before /certificates/:id, which would take "imports" for an id.
  app.route("/", bulkImportRoutes);
  app.route("/", certificateRoutes);
  app.route("/", goodsImportRoutes);
  app.route("/", reviewRoutes);
  app.route("/", commercialRoutes);
  app.route("/", commercialOfficeRoutes);
  app.route("/", attachmentRoutes);
  app.route("/api/v1", apiV1);
  app.route("/", officeEnterpriseRoutes);
  app.route("/", endorsementRoutes);
  app.route("/", signupRoutes);
  app.route("/", smsRoutes);
  app.route("/", notificationRoutes);
  app.route("/", printRoutes);
  app.route("/api/desk-agent", printAgentApi);

  app.notFound((c) => errorResponse(c, new AppError("not_found", "")));

  app.onError((err, c) => {
    if (err instanceof AppError) return errorResponse(c, err);
    const requestId = c.var.requestId ?? newRequestId();
    if (databaseUnavailable(err)) {
      log.warn("database unavailable", { requestId, method: c.req.method, path: c.req.path, err });
      return errorResponse(c, new AppError("unavailable", ""));
    }
    log.error("unhandled error", { requestId, method: c.req.method, path: c.req.path, err });
    if (isApi(c)) return c.json({ error: { code: "internal", message: ERROR_MESSAGES.internal, requestId } }, 500);
    return renderPage(c, UI.errorTitle, <ErrorPanel title={UI.errorTitle} message={ERROR_MESSAGES.internal} requestId={requestId} />, 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
