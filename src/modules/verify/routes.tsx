import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../app-env.ts";
import { clientIp } from "../../lib/client-ip.ts";
import { AppError, statusOf } from "../../lib/errors.ts";
import { attempt } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { M } from "./messages.ts";
import { VERIFY_LIMITS } from "./rules.ts";
import { checkUploadedFile, lookUpCertificate } from "./service.ts";
import { VerifyPage } from "./views/verify.tsx";

type C = Context<AppEnv>;

function verifyPage(c: C, props: Omit<Parameters<typeof VerifyPage>[0], "csrfToken">, status: ContentfulStatusCode = 200) {
  return renderPage(c, M.title, <VerifyPage csrfToken={c.var.csrfToken} {...props} />, status);
}

/**
 * The uploaded file's verdict, or its refusal under the file box. The statuses are the error table's
 * (a file that is not a certificate PDF is 400, as the same check answers on the API).
 */
async function checkFile(c: C, file: File) {
  try {
    const result = await checkUploadedFile({ db: c.var.db, ip: clientIp(c), bytes: new Uint8Array(await file.arrayBuffer()) });
    c.header("Cache-Control", "no-store");
    return verifyPage(c, { file: result, facts: result.facts });
  } catch (e) {
    if (!(e instanceof AppError) || !(e.code === "rate_limited" || e.code === "too_large" || e.code === "invalid")) throw e;
    return verifyPage(c, { fileMessage: e.message }, statusOf(e.code));
  }
}

/** Public verification (/verify): anyone with the number and code printed on a certificate, or its QR code, or its PDF file. */
export const verifyRoutes = new Hono<AppEnv>()
  .get("/verify", allow("public"), async (c) => {
    const number = (c.req.query("no") ?? "").slice(0, 64);
    const code = (c.req.query("code") ?? "").slice(0, 64);
    if (!c.req.query("no") && !c.req.query("code")) return verifyPage(c, {});
    if (!number.trim() || !code.trim()) return verifyPage(c, { number, code, message: M.required }, 400);
    const found = await attempt(lookUpCertificate({ db: c.var.db, ip: clientIp(c), number, code }), "rate_limited");
    if (!found.ok) return verifyPage(c, { number, code, message: M.limited }, found.failure.status);
    c.header("Cache-Control", "no-store");
    if (!found.value) return verifyPage(c, { number, code, message: M.notFound }, 404);
    return verifyPage(c, { number, code, facts: found.value });
  })
  .post("/verify/file", allow("public"), async (c) => {
    const file = (await c.req.parseBody())["file"];
    if (!(file instanceof File) || file.size === 0) return verifyPage(c, { fileMessage: M.fileMissing }, 400);
    // Refused before its bytes are copied; the service checks the length again.
    if (file.size > VERIFY_LIMITS.maxUploadBytes) return verifyPage(c, { fileMessage: M.fileTooLarge }, 413);
    return checkFile(c, file);
  });
