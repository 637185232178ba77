import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { AppError } from "../../lib/errors.ts";
import { formFailure, parseForm, type FormFailure } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow, setSessionCookie, TWO_FACTOR_PATH } from "./access.ts";
import { M } from "./messages.ts";
import { safeNext } from "./rules.ts";
import { beginTotpEnrolment, confirmTotpEnrolment, isTwoFactorEnrolled, useRecoveryCode, verifyTotp } from "./two-factor.ts";
import { RecoveryCodeUsed, RecoveryCodesShown, RecoveryForm, TwoFactorEnrol, TwoFactorVerify } from "./views/two-factor.tsx";
import { textField } from "../../lib/charset.ts";

const ENROL_PATH = `${TWO_FACTOR_PATH}/enrol`;
const RECOVERY_PATH = `${TWO_FACTOR_PATH}/recovery`;

const codeSchema = z.object({
  code: textField().trim().min(1, M.codeRequired).max(20, M.codeRequired),
  next: z.string().optional(),
});
const recoverySchema = z.object({
  recoveryCode: textField().trim().min(1, M.recoveryCodeRequired).max(64, M.wrongRecoveryCode),
  next: z.string().optional(),
});

const withNext = (path: string, next: string) => (next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`);

// A wrong code re-renders the form (422, the field's message beside it); a lock-out shows its message (429).
const CODE_REFUSALS = ["invalid", "rate_limited"] as const;

/** The pages below serve only a session owing its second factor; any other is sent on its way. */
function notPending(c: Context<AppEnv>, next: string) {
  return c.var.twoFactorPending ? null : c.redirect(next, 303);
}

async function renderEnrol(c: Context<AppEnv>, next: string, failure?: Pick<FormFailure, "status" | "errors" | "summary">) {
  const user = c.var.user!;
  const key = await beginTotpEnrolment({ db: c.var.db, user, twoFactorKey: c.var.config.twoFactorKey });
  return renderPage(
    c,
    M.enrolTitle,
    <TwoFactorEnrol
      csrfToken={c.var.csrfToken}
      next={next}
      uri={key.uri}
      secret={key.secret}
      login={user.login}
      errors={failure?.errors}
      message={failure?.summary}
    />,
    failure?.status,
  );
}

/** Second step of an office sign-in (see access.ts): verify, first-time enrolment, recovery codes. */
export const twoFactorRoutes = new Hono<AppEnv>()
  .get(TWO_FACTOR_PATH, allow("any_session"), async (c) => {
    const next = safeNext(c.req.query("next"));
    const away = notPending(c, next);
    if (away) return away;
    if (!(await isTwoFactorEnrolled({ db: c.var.db, accountId: c.var.user!.id }))) return c.redirect(withNext(ENROL_PATH, next), 303);
    return renderPage(c, M.twoFactorTitle, <TwoFactorVerify csrfToken={c.var.csrfToken} next={next} />);
  })
  .post(TWO_FACTOR_PATH, allow("any_session"), async (c) => {
    const form = parseForm(codeSchema, await c.req.parseBody());
    const next = safeNext(form.values.next);
    const away = notPending(c, next);
    if (away) return away;
    if (!form.ok) return renderPage(c, M.twoFactorTitle, <TwoFactorVerify csrfToken={c.var.csrfToken} next={next} errors={form.errors} />, 422);
    try {
      const session = await verifyTotp({
        db: c.var.db,
        user: c.var.user!,
        sessionId: c.var.sessionId!,
        code: form.data.code,
        twoFactorKey: c.var.config.twoFactorKey,
        sessionDays: c.var.config.sessionDays,
      });
      setSessionCookie(c, session.token, session.expiresAt);
      return c.redirect(next, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === "conflict") return c.redirect(withNext(ENROL_PATH, next), 303);
      const f = formFailure(e, ...CODE_REFUSALS);
      return renderPage(c, M.twoFactorTitle, <TwoFactorVerify csrfToken={c.var.csrfToken} next={next} errors={f.errors} message={f.summary} />, f.status);
    }
  })
  .get(ENROL_PATH, allow("any_session"), async (c) => {
    const next = safeNext(c.req.query("next"));
    const away = notPending(c, next);
    if (away) return away;
    if (await isTwoFactorEnrolled({ db: c.var.db, accountId: c.var.user!.id })) return c.redirect(withNext(TWO_FACTOR_PATH, next), 303);
    return renderEnrol(c, next);
  })
  .post(ENROL_PATH, allow("any_session"), async (c) => {
    const form = parseForm(codeSchema, await c.req.parseBody());
    const next = safeNext(form.values.next);
    const away = notPending(c, next);
    if (away) return away;
    if (!form.ok) return renderEnrol(c, next, { status: 422, errors: form.errors, summary: undefined });
    try {
      const done = await confirmTotpEnrolment({
        db: c.var.db,
        user: c.var.user!,
        sessionId: c.var.sessionId!,
        code: form.data.code,
        twoFactorKey: c.var.config.twoFactorKey,
        sessionDays: c.var.config.sessionDays,
      });
      setSessionCookie(c, done.token, done.expiresAt);
      // The page that shows the codes is the verified session's first: give it its navigation.
      c.set("twoFactorPending", false);
      return renderPage(c, M.recoveryCodesTitle, <RecoveryCodesShown codes={done.recoveryCodes} next={next} />);
    } catch (e) {
      if (e instanceof AppError && e.code === "conflict") return c.redirect(withNext(TWO_FACTOR_PATH, next), 303);
      return renderEnrol(c, next, formFailure(e, ...CODE_REFUSALS));
    }
  })
  .get(RECOVERY_PATH, allow("any_session"), (c) => {
    const next = safeNext(c.req.query("next"));
    return notPending(c, next) ?? renderPage(c, M.recoveryTitle, <RecoveryForm csrfToken={c.var.csrfToken} next={next} />);
  })
  .post(RECOVERY_PATH, allow("any_session"), async (c) => {
    const form = parseForm(recoverySchema, await c.req.parseBody());
    const next = safeNext(form.values.next);
    const away = notPending(c, next);
    if (away) return away;
    if (!form.ok) return renderPage(c, M.recoveryTitle, <RecoveryForm csrfToken={c.var.csrfToken} next={next} errors={form.errors} />, 422);
    try {
      const done = await useRecoveryCode({
        db: c.var.db,
        user: c.var.user!,
        sessionId: c.var.sessionId!,
        code: form.data.recoveryCode,
        sessionDays: c.var.config.sessionDays,
      });
      setSessionCookie(c, done.token, done.expiresAt);
      c.set("twoFactorPending", false);
      return renderPage(c, M.recoveryTitle, <RecoveryCodeUsed remaining={done.remaining} next={next} />);
    } catch (e) {
      const f = formFailure(e, ...CODE_REFUSALS);
      return renderPage(c, M.recoveryTitle, <RecoveryForm csrfToken={c.var.csrfToken} next={next} errors={f.errors} message={f.summary} />, f.status);
    }
  });
