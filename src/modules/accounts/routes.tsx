import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { clientIp } from "../../lib/client-ip.ts";
import { AppError } from "../../lib/errors.ts";
import { attempt, parseForm } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow, clearSessionCookie, setSessionCookie, TWO_FACTOR_PATH } from "./access.ts";
import { M } from "./messages.ts";
import { safeNext } from "./rules.ts";
import { changePassword, listStaff, signIn, signOut } from "./service.ts";
import { resetTwoFactor } from "./two-factor.ts";
import { twoFactorRoutes } from "./two-factor-routes.tsx";
import { ChangePasswordForm } from "./views/change-password.tsx";
import { SignInForm } from "./views/sign-in.tsx";
import { StaffList } from "./views/staff.tsx";
import { textField } from "../../lib/charset.ts";

const signInSchema = z.object({
  login: textField().trim().min(1, M.loginRequired).max(64, M.loginRequired),
  password: z.string().min(1, M.passwordRequired).max(256, M.passwordRequired),
  next: z.string().optional(),
});

const passwordSchema = z.object({
  currentPassword: z.string().min(1, "请输入当前密码。"),
  newPassword: z.string().min(1, "请输入新密码。"),
  confirmPassword: z.string().min(1, "请再次输入新密码。"),
});

/**
 * Signs in with the typed login and password and starts the session cookie; the page to go to next
 * (the second factor first when the account has one). Signing in again replaces the session this
 * browser had (a half-finished one included).
 */
async function startSession(c: Context<AppEnv>, typed: z.infer<typeof signInSchema>): Promise<string> {
  const { db, config, sessionId } = c.var;
  const { token, expiresAt, twoFactorPending } = await signIn({
    db,
    login: typed.login,
    password: typed.password,
    ip: clientIp(c),
    sessionDays: config.sessionDays,
  });
  if (sessionId) await signOut({ db, sessionId });
  setSessionCookie(c, token, expiresAt);
  const next = safeNext(typed.next);
  if (!twoFactorPending) return next;
  return next === "/" ? TWO_FACTOR_PATH : `${TWO_FACTOR_PATH}?next=${encodeURIComponent(next)}`;
}

export const accountsRoutes = new Hono<AppEnv>()
  .get("/sign-in", allow("public"), (c) => {
    if (c.var.user) return c.redirect("/", 303);
    const notice = c.req.query("signed_out") ? M.signedOut : undefined;
    return renderPage(c, M.signInTitle, <SignInForm csrfToken={c.var.csrfToken} values={{ next: c.req.query("next") ?? "" }} notice={notice} />);
  })
  .post("/sign-in", allow("public"), async (c) => {
    const form = parseForm(signInSchema, await c.req.parseBody());
    if (!form.ok) return renderPage(c, M.signInTitle, <SignInForm csrfToken={c.var.csrfToken} values={form.values} errors={form.errors} />, 422);
    try {
      return c.redirect(await startSession(c, form.data), 303);
    } catch (e) {
      // A wrong password is 401, not a form refusal (formFailure's table has no 401), so it is told apart here.
      if (!(e instanceof AppError) || (e.code !== "unauthorized" && e.code !== "rate_limited")) throw e;
      const status = e.code === "rate_limited" ? 429 : 401;
      return renderPage(c, M.signInTitle, <SignInForm csrfToken={c.var.csrfToken} values={form.values} message={e.message} />, status);
    }
  })
  .post("/sign-out", allow("any_session"), async (c) => {
    if (c.var.sessionId) await signOut({ db: c.var.db, sessionId: c.var.sessionId });
    clearSessionCookie(c);
    return c.redirect("/sign-in?signed_out=1", 303);
  })
  .get("/account/password", allow("signed_in"), (c) => renderPage(c, M.changePasswordTitle, <ChangePasswordForm csrfToken={c.var.csrfToken} />))
  .post("/account/password", allow("signed_in"), async (c) => {
    const form = parseForm(passwordSchema, await c.req.parseBody());
    if (!form.ok) return renderPage(c, M.changePasswordTitle, <ChangePasswordForm csrfToken={c.var.csrfToken} errors={form.errors} />, 422);
    const changed = await attempt(changePassword({ db: c.var.db, accountId: c.var.user!.id, sessionId: c.var.sessionId!, ...form.data }), "invalid");
    if (!changed.ok) return renderPage(c, M.changePasswordTitle, <ChangePasswordForm csrfToken={c.var.csrfToken} errors={changed.failure.errors} />, 422);
    return renderPage(c, M.changePasswordTitle, <ChangePasswordForm csrfToken={c.var.csrfToken} done />);
  })
  .get("/office/staff", allow("office_admin"), async (c) => {
    const staff = await listStaff({ db: c.var.db, officeCode: c.var.user!.officeCode! });
    const reset = staff.find((s) => s.id === c.req.query("two_factor_reset"));
    const notice = reset ? M.resetTwoFactorDone.replace("{name}", `${reset.displayName}（${reset.login}）`) : undefined;
    return renderPage(c, M.staffTitle, <StaffList staff={staff} me={c.var.user!.id} csrfToken={c.var.csrfToken} notice={notice} />);
  })
  .post("/office/staff/:id/two-factor/reset", allow("office_admin"), async (c) => {
    const target = await resetTwoFactor({ db: c.var.db, accountId: c.req.param("id"), by: c.var.user!, requestId: c.var.requestId });
    return c.redirect(`/office/staff?two_factor_reset=${encodeURIComponent(target.id)}`, 303);
  })
  .route("/", twoFactorRoutes);
