import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { clientIp } from "../../lib/client-ip.ts";
import { AppError, statusOf } from "../../lib/errors.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { M } from "./messages.ts";
import { VERIFY_LIMITS } from "./rules.ts";
import { checkUploadedFile, lookUpCertificate } from "./service.ts";
import { VerifyPage } from "./views/verify.tsx";

/** Public verification (/verify): anyone with the number and code printed on a certificate, or its QR code, or its PDF file. */
export const verifyRoutes = new Hono<AppEnv>()
  .get("/verify", allow("public"), async (c) => {
    const page = { csrfToken: c.var.csrfToken };
    const number = (c.req.query("no") ?? "").slice(0, 64);
    const code = (c.req.query("code") ?? "").slice(0, 64);
    if (!c.req.query("no") && !c.req.query("code")) return renderPage(c, M.title, <VerifyPage {...page} />);
    if (!number.trim() || !code.trim()) return renderPage(c, M.title, <VerifyPage {...page} number={number} code={code} message={M.required} />, 400);
    try {
      const facts = await lookUpCertificate({ db: c.var.db, ip: clientIp(c), number, code });
      c.header("Cache-Control", "no-store");
      if (!facts) return renderPage(c, M.title, <VerifyPage {...page} number={number} code={code} message={M.notFound} />, 404);
      return renderPage(c, M.title, <VerifyPage {...page} number={number} code={code} facts={facts} />);
    } catch (e) {
      if (e instanceof AppError && e.code === "rate_limited")
        return renderPage(c, M.title, <VerifyPage {...page} number={number} code={code} message={M.limited} />, 429);
      throw e;
    }
  })
  .post("/verify/file", allow("public"), async (c) => {
    const page = { csrfToken: c.var.csrfToken };
    const file = (await c.req.parseBody())["file"];
    if (!(file instanceof File) || file.size === 0) return renderPage(c, M.title, <VerifyPage {...page} fileMessage={M.fileMissing} />, 400);
    // Refused before its bytes are copied; the service checks the length again.
    if (file.size > VERIFY_LIMITS.maxUploadBytes) return renderPage(c, M.title, <VerifyPage {...page} fileMessage={M.fileTooLarge} />, 413);
    try {
      const result = await checkUploadedFile({ db: c.var.db, ip: clientIp(c), bytes: new Uint8Array(await file.arrayBuffer()) });
      c.header("Cache-Control", "no-store");
      return renderPage(c, M.title, <VerifyPage {...page} file={result} facts={result.facts} />);
    } catch (e) {
      if (!(e instanceof AppError) || !(e.code === "rate_limited" || e.code === "too_large" || e.code === "invalid")) throw e;
      return renderPage(c, M.title, <VerifyPage {...page} fileMessage={e.message} />, statusOf(e.code));
    }
  });
