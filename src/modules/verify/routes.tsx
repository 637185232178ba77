import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { clientIp } from "../../lib/client-ip.ts";
import { AppError } from "../../lib/errors.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { M } from "./messages.ts";
import { lookUpCertificate } from "./service.ts";
import { VerifyPage } from "./views/verify.tsx";

/** Public verification (/verify): anyone with the number and code printed on a certificate, or its QR code. */
export const verifyRoutes = new Hono<AppEnv>().get("/verify", allow("public"), async (c) => {
  const number = (c.req.query("no") ?? "").slice(0, 64);
  const code = (c.req.query("code") ?? "").slice(0, 64);
  if (!c.req.query("no") && !c.req.query("code")) return renderPage(c, M.title, <VerifyPage />);
  if (!number.trim() || !code.trim()) return renderPage(c, M.title, <VerifyPage number={number} code={code} message={M.required} />, 400);
  try {
    const facts = await lookUpCertificate({ db: c.var.db, ip: clientIp(c), number, code });
    c.header("Cache-Control", "no-store");
    if (!facts) return renderPage(c, M.title, <VerifyPage number={number} code={code} message={M.notFound} />, 404);
    return renderPage(c, M.title, <VerifyPage number={number} code={code} facts={facts} />);
  } catch (e) {
    if (e instanceof AppError && e.code === "rate_limited") return renderPage(c, M.title, <VerifyPage number={number} code={code} message={M.limited} />, 429);
    throw e;
  }
});
