import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { attempt, parseForm, type FormFailure } from "../../lib/forms.ts";
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

// The pages below serve only a session owing its second factor (c.var.twoFactorPending); any other is sent on its way.

/** The session owing its second factor, as the two-factor services take it. */
function pendingSession(c: Context<AppEnv>) {
  return { db: c.var.db, user: c.var.user!, sessionId: c.var.sessionId!, twoFactorKey: c.var.config.twoFactorKey, sessionDays: c.var.config.sessionDays };
}

/** A refused code: a session without a key yet goes to enrol (conflict); otherwise the form again with the refusal. */
function verifyRefused(c: Context<AppEnv>, next: string, f: FormFailure<"conflict" | (typeof CODE_REFUSALS)[number]>) {
  if (f.code === "conflict") return c.redirect(withNext(ENROL_PATH, next), 303);
  return renderPage(c, M.twoFactorTitle, <TwoFactorVerify csrfToken={c.var.csrfToken} next={next} errors={f.errors} message={f.summary} />, f.status);
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

/** A refused first code: an account enrolled meanwhile goes to verify (conflict); otherwise the enrol page again. */
function enrolRefused(c: Context<AppEnv>, next: string, f: FormFailure<"conflict" | (typeof CODE_REFUSALS)[number]>) {
  return f.code === "conflict" ? c.redirect(withNext(TWO_FACTOR_PATH, next), 303) : renderEnrol(c, next, f);
}

function recoveryRefused(c: Context<AppEnv>, next: string, f: FormFailure) {
  return renderPage(c, M.recoveryTitle, <RecoveryForm csrfToken={c.var.csrfToken} next={next} errors={f.errors} message={f.summary} />, f.status);
}

/** Second step of an office sign-in (see access.ts): verify, first-time enrolment, recovery codes. */
export const twoFactorRoutes = new Hono<AppEnv>()
  .get(TWO_FACTOR_PATH, allow("any_session"), async (c) => {
    const next = safeNext(c.req.query("next"));
    if (!c.var.twoFactorPending) return c.redirect(next, 303);
    if (!(await isTwoFactorEnrolled({ db: c.var.db, accountId: c.var.user!.id }))) return c.redirect(withNext(ENROL_PATH, next), 303);
    return renderPage(c, M.twoFactorTitle, <TwoFactorVerify csrfToken={c.var.csrfToken} next={next} />);
  })
  .post(TWO_FACTOR_PATH, allow("any_session"), async (c) => {
    const form = parseForm(codeSchema, await c.req.parseBody());
    const next = safeNext(form.values.next);
    if (!c.var.twoFactorPending) return c.redirect(next, 303);
    if (!form.ok) return renderPage(c, M.twoFactorTitle, <TwoFactorVerify csrfToken={c.var.csrfToken} next={next} errors={form.errors} />, 422);
    const verified = await attempt(verifyTotp({ ...pendingSession(c), code: form.data.code }), "conflict", ...CODE_REFUSALS);
    if (!verified.ok) return verifyRefused(c, next, verified.failure);
    setSessionCookie(c, verified.value.token, verified.value.expiresAt);
    return c.redirect(next, 303);
  })
  .get(ENROL_PATH, allow("any_session"), async (c) => {
    const next = safeNext(c.req.query("next"));
    if (!c.var.twoFactorPending) return c.redirect(next, 303);
    if (await isTwoFactorEnrolled({ db: c.var.db, accountId: c.var.user!.id })) return c.redirect(withNext(TWO_FACTOR_PATH, next), 303);
    return renderEnrol(c, next);
  })
  .post(ENROL_PATH, allow("any_session"), async (c) => {
    const form = parseForm(codeSchema, await c.req.parseBody());
    const next = safeNext(form.values.next);
    if (!c.var.twoFactorPending) return c.redirect(next, 303);
    if (!form.ok) return renderEnrol(c, next, { status: 422, errors: form.errors, summary: undefined });
    const enrolled = await attempt(confirmTotpEnrolment({ ...pendingSession(c), code: form.data.code }), "conflict", ...CODE_REFUSALS);
    if (!enrolled.ok) return enrolRefused(c, next, enrolled.failure);
    setSessionCookie(c, enrolled.value.token, enrolled.value.expiresAt);
    // The page that shows the codes is the verified session's first: give it its navigation.
    c.set("twoFactorPending", false);
    return renderPage(c, M.recoveryCodesTitle, <RecoveryCodesShown codes={enrolled.value.recoveryCodes} next={next} />);
  })
  .get(RECOVERY_PATH, allow("any_session"), (c) => {
    const next = safeNext(c.req.query("next"));
    return c.var.twoFactorPending ? renderPage(c, M.recoveryTitle, <RecoveryForm csrfToken={c.var.csrfToken} next={next} />) : c.redirect(next, 303);
  })
  .post(RECOVERY_PATH, allow("any_session"), async (c) => {
    const form = parseForm(recoverySchema, await c.req.parseBody());
    const next = safeNext(form.values.next);
    if (!c.var.twoFactorPending) return c.redirect(next, 303);
    if (!form.ok) return renderPage(c, M.recoveryTitle, <RecoveryForm csrfToken={c.var.csrfToken} next={next} errors={form.errors} />, 422);
    const used = await attempt(useRecoveryCode({ ...pendingSession(c), code: form.data.recoveryCode }), ...CODE_REFUSALS);
    if (!used.ok) return recoveryRefused(c, next, used.failure);
    setSessionCookie(c, used.value.token, used.value.expiresAt);
    c.set("twoFactorPending", false);
    return renderPage(c, M.recoveryTitle, <RecoveryCodeUsed remaining={used.value.remaining} next={next} />);
  });
