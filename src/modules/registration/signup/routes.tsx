import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../../../app-env.ts";
import { clientIp } from "../../../lib/client-ip.ts";
import { attempt, formFailure, formValues, parseForm, type FieldErrors, type FormFailure, type FormValues } from "../../../lib/forms.ts";
import { isHtmx } from "../../../lib/htmx.ts";
import { renderPage } from "../../../views/render.tsx";
import { allow, setSessionCookie } from "../../accounts/index.ts";
import { getLatestCode, maskMobile, SMS_LIMITS, SMS_M, SmsDeliveryError, smsSenderFor } from "../../sms/index.ts";
import { S } from "./messages.ts";
import { CHECK_FIELD, SIGNUP_LIMITS, type FailedCheck } from "./rules.ts";
import {
  answerCaptcha,
  checkIdentity,
  completeRegistration,
  confirmPasswordReset,
  getAttempt,
  getPasswordReset,
  listOffices,
  lookupRegistration,
  newCaptcha,
  resendResetCode,
  sendRegistrationCode,
  startPasswordReset,
  suggestLogin,
  type LiveAttempt,
  type PasswordReset,
} from "./service.ts";
import { AccountCreated, AccountForm } from "./views/account.tsx";
import { CaptchaForm } from "./views/captcha.tsx";
import { IdentityForm } from "./views/identity.tsx";
import { LookupPage } from "./views/lookup.tsx";
import { SmsStatus, type SmsState } from "./views/parts.tsx";
import { ResetConfirmForm, ResetDone, ResetStartForm } from "./views/reset.tsx";
import { textField } from "../../../lib/charset.ts";

type C = Context<AppEnv>;

const text = (required: string, max = 100) => textField().trim().min(1, required).max(max, S.tooLong);

const identitySchema = z.object({
  officeCode: text(S.officeRequired, 20),
  regNo: text(S.regNoRequired, 40),
  enterpriseName: text(S.nameRequired, 200),
  signerName: text(S.signerRequired, 60),
});
const captchaSchema = z.object({ captcha: text(S.captchaRequired, 20) });
const mobileSchema = z.object({ mobile: text(S.mobileRequired, 32) });
const accountSchema = z.object({
  login: text(S.loginRequired, 64),
  password: z.string().min(1, S.passwordRequired).max(256, S.tooLong),
  confirmPassword: z.string().min(1, S.confirmRequired).max(256, S.tooLong),
  mobile: text(S.mobileRequired, 32),
  smsCode: text(SMS_M.codeRequired, 20),
});
const resetStartSchema = z.object({ login: text(S.loginRequired, 64), mobile: text(S.mobileRequired, 32) });
const resetConfirmSchema = z.object({
  smsCode: text(SMS_M.codeRequired, 20),
  newPassword: z.string().min(1, S.passwordRequired).max(256, S.tooLong),
  confirmPassword: z.string().min(1, S.confirmRequired).max(256, S.tooLong),
});

// The browser keeps only a random token; the state of each flow is a database row (see signup-schema.ts).
const SIGNUP_COOKIE = "origo_signup";
const RESET_COOKIE = "origo_reset";

function setFlowCookie(c: C, name: string, path: string, token: string) {
  setCookie(c, name, token, { httpOnly: true, sameSite: "Lax", secure: c.var.config.cookieSecure, path, maxAge: SIGNUP_LIMITS.attemptTtlMs / 1000 });
}

const sender = (c: C) => smsSenderFor({ config: c.var.config, db: c.var.db });

/** Back to step 1 when the attempt is missing, expired or finished (htmx follows HX-Redirect). */
function restart(c: C, path = "/register?expired=1") {
  if (isHtmx(c)) {
    c.header("HX-Redirect", path);
    return c.body(null, 200);
  }
  return c.redirect(path, 303);
}

async function officeOptions(c: C) {
  return (await listOffices({ db: c.var.db })).map((o) => ({ value: o.code, label: `${o.code} ${o.nameZh}` }));
}

async function identityPage(c: C, opts: { values?: FormValues; errors?: FieldErrors; message?: string; notice?: string }, status: 200 | 422 | 429 = 200) {
  return renderPage(c, S.title, <IdentityForm csrfToken={c.var.csrfToken} offices={await officeOptions(c)} captcha={c.var.config.captcha} {...opts} />, status);
}

/** The SMS box as the latest code of the flow leaves it: sent to which number, resend from when. */
async function smsStateOf(c: C, purpose: "registration" | "password_reset", subjectId: string): Promise<SmsState> {
  const latest = await getLatestCode({ db: c.var.db, purpose, subjectId });
  if (!latest || latest.usedAt || latest.expiresAt.getTime() <= Date.now()) return { kind: "idle" };
  return { kind: "sent", masked: maskMobile(latest.mobile), resendAt: new Date(latest.createdAt.getTime() + SMS_LIMITS.cooldownMs) };
}

async function accountPage(
  c: C,
  live: LiveAttempt,
  opts: { values?: FormValues; errors?: FieldErrors; message?: string; sms?: SmsState },
  status: 200 | 422 | 429 | 500 = 200,
) {
  const suggestion = await suggestLogin({ db: c.var.db, regNo: live.enterprise.regNo });
  const values = opts.values ?? { login: suggestion.next, mobile: live.attempt.mobile ?? "" };
  const sms = opts.sms ?? (await smsStateOf(c, "registration", live.attempt.id));
  return renderPage(
    c,
    S.title,
    <AccountForm
      csrfToken={c.var.csrfToken}
      live={live}
      captcha={c.var.config.captcha}
      suggestion={suggestion}
      sms={sms}
      values={values}
      errors={opts.errors}
      message={opts.message}
    />,
    status,
  );
}

async function liveAttempt(c: C) {
  return getAttempt({ db: c.var.db, token: getCookie(c, SIGNUP_COOKIE) });
}

async function liveReset(c: C) {
  return getPasswordReset({ db: c.var.db, token: getCookie(c, RESET_COOKIE) });
}

async function resetConfirmPage(
  c: C,
  reset: PasswordReset,
  opts: { values?: FormValues; errors?: FieldErrors; sms?: SmsState },
  status: 200 | 422 | 429 = 200,
) {
  const sms = opts.sms ?? (await smsStateOf(c, "password_reset", reset.id));
  // A decoy has no delivered code, but the page must read the same as for a real account.
  const shown: SmsState = sms.kind === "idle" ? { kind: "sent", masked: maskMobile(reset.mobile), resendAt: new Date(0) } : sms;
  return renderPage(c, S.resetConfirmTitle, <ResetConfirmForm csrfToken={c.var.csrfToken} sms={shown} values={opts.values} errors={opts.errors} />, status);
}

function resetStartPage(c: C, opts: { values?: FormValues; errors?: FieldErrors; message?: string }, status: 200 | 422 | 429 = 200) {
  return renderPage(c, S.resetTitle, <ResetStartForm csrfToken={c.var.csrfToken} {...opts} />, status);
}

/** A refused reset: each field's problem beside it; too many tries as the form's message. */
function resetStartRefused(c: C, values: FormValues, f: FormFailure<"invalid" | "rate_limited">) {
  return resetStartPage(c, { values, errors: f.errors, message: f.code === "rate_limited" ? f.message : undefined }, f.status);
}

/** Each identity check that failed, beside the field it names. */
function mismatchErrors(failures: readonly FailedCheck[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of failures) errors[CHECK_FIELD[f]!] = S.checks[f];
  return errors;
}

/** Too many wrong captchas: the attempt ends and step 1 shows again with what was typed there. */
function captchaExhausted(c: C, live: LiveAttempt) {
  const a = live.attempt;
  deleteCookie(c, SIGNUP_COOKIE, { path: "/register" });
  const values = { officeCode: a.officeCode, regNo: a.regNo, enterpriseName: a.enterpriseName, signerName: a.signerName };
  return identityPage(c, { values, message: S.captchaExhausted }, 429);
}

/** Sends the registration code to the typed number: the SMS box, its status and each field's problem. */
async function sendCode(
  c: C,
  live: LiveAttempt,
  body: Record<string, unknown>,
): Promise<{ sms: SmsState; status: 200 | 422 | 429 | 500; errors: FieldErrors }> {
  const form = parseForm(mobileSchema, body);
  if (!form.ok) return { sms: { kind: "error", message: form.errors.mobile ?? S.mobileRequired }, status: 422, errors: form.errors };
  try {
    const sent = await sendRegistrationCode({ db: c.var.db, sender: sender(c), live, mobile: form.data.mobile, ip: clientIp(c) });
    return { sms: { kind: "sent", masked: sent.masked, resendAt: sent.resendAt }, status: 200, errors: {} };
  } catch (e) {
    if (e instanceof SmsDeliveryError) return { sms: { kind: "error", message: SMS_M.sendFailed }, status: 500, errors: {} };
    const f = formFailure(e, "invalid", "rate_limited");
    return { sms: { kind: "error", message: f.message }, status: f.status, errors: f.code === "invalid" ? f.errors : {} };
  }
}

export const signupRoutes = new Hono<AppEnv>()
  // Step 1: 企业登记信息
  .get("/register", allow("public"), (c) => identityPage(c, { notice: c.req.query("expired") ? S.expired : undefined }))
  .post("/register", allow("public"), async (c) => {
    const form = parseForm(identitySchema, await c.req.parseBody());
    if (!form.ok) return identityPage(c, { values: form.values, errors: form.errors }, 422);
    const checked = await attempt(checkIdentity({ db: c.var.db, typed: form.data, ip: clientIp(c), captcha: c.var.config.captcha }), "rate_limited");
    if (!checked.ok) return identityPage(c, { values: form.values, message: checked.failure.message }, checked.failure.status);
    const result = checked.value;
    if (!result.ok) return identityPage(c, { values: form.values, errors: mismatchErrors(result.failures), message: S.mismatchSummary }, 422);
    setFlowCookie(c, SIGNUP_COOKIE, "/register", result.token);
    return c.redirect(c.var.config.captcha ? "/register/captcha" : "/register/account", 303);
  })
  // Step 2: 图片验证码
  .get("/register/captcha", allow("public"), async (c) => {
    const live = await liveAttempt(c);
    if (!live) return restart(c);
    if (live.attempt.captchaPassedAt) return c.redirect("/register/account", 303);
    return renderPage(c, S.title, <CaptchaForm csrfToken={c.var.csrfToken} live={live} />);
  })
  .get("/register/captcha.svg", allow("public"), async (c) => {
    const live = await liveAttempt(c);
    if (!live || live.attempt.captchaPassedAt) return c.notFound();
    const svg = await newCaptcha({ db: c.var.db, attemptId: live.attempt.id });
    return c.body(svg, 200, { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "no-store" });
  })
  .post("/register/captcha", allow("public"), async (c) => {
    const live = await liveAttempt(c);
    if (!live) return restart(c);
    if (live.attempt.captchaPassedAt) return c.redirect("/register/account", 303);
    const form = parseForm(captchaSchema, await c.req.parseBody());
    if (!form.ok) return renderPage(c, S.title, <CaptchaForm csrfToken={c.var.csrfToken} live={live} errors={form.errors} />, 422);
    const outcome = await answerCaptcha({ db: c.var.db, attempt: live.attempt, answer: form.data.captcha });
    if (outcome === "ok") return c.redirect("/register/account", 303);
    if (outcome === "exhausted") return captchaExhausted(c, live);
    return renderPage(c, S.title, <CaptchaForm csrfToken={c.var.csrfToken} live={live} errors={{ captcha: S.checks.captcha }} />, 422);
  })
  // Step 3: 账户信息 and the SMS code
  .get("/register/account", allow("public"), async (c) => {
    const live = await liveAttempt(c);
    if (!live) return restart(c);
    if (!live.attempt.captchaPassedAt) return c.redirect("/register/captcha", 303);
    return accountPage(c, live, {});
  })
  .post("/register/sms", allow("public"), async (c) => {
    const live = await liveAttempt(c);
    if (!live?.attempt.captchaPassedAt) return restart(c);
    const body = await c.req.parseBody();
    const values = formValues(body);
    const { sms, status, errors } = await sendCode(c, live, body);
    if (isHtmx(c)) return c.html(<SmsStatus state={sms} />, status);
    return accountPage(c, live, { values, errors, sms }, status);
  })
  .post("/register/account", allow("public"), async (c) => {
    const live = await liveAttempt(c);
    if (!live?.attempt.captchaPassedAt) return restart(c);
    const form = parseForm(accountSchema, await c.req.parseBody());
    if (!form.ok) return accountPage(c, live, { values: form.values, errors: form.errors }, 422);
    const { db, config } = c.var;
    const done = await attempt(completeRegistration({ db, live, input: form.data, ip: clientIp(c), sessionDays: config.sessionDays }), "invalid");
    if (!done.ok) return accountPage(c, live, { values: form.values, errors: done.failure.errors, message: done.failure.message }, done.failure.status);
    setSessionCookie(c, done.value.token, done.value.expiresAt);
    deleteCookie(c, SIGNUP_COOKIE, { path: "/register" });
    return c.redirect("/register/done", 303);
  })
  .get("/register/done", allow("enterprise"), (c) => renderPage(c, S.createdTitle, <AccountCreated login={c.var.user!.login} />))
  // 找回密码 by SMS
  .get("/password-reset", allow("public"), (c) =>
    renderPage(c, S.resetTitle, <ResetStartForm csrfToken={c.var.csrfToken} message={c.req.query("expired") ? S.resetExpired : undefined} />),
  )
  .post("/password-reset", allow("public"), async (c) => {
    const form = parseForm(resetStartSchema, await c.req.parseBody());
    if (!form.ok) return resetStartPage(c, { values: form.values, errors: form.errors }, 422);
    const { login, mobile } = form.data;
    const started = await attempt(startPasswordReset({ db: c.var.db, sender: sender(c), login, mobile, ip: clientIp(c) }), "invalid", "rate_limited");
    if (!started.ok) return resetStartRefused(c, form.values, started.failure);
    setFlowCookie(c, RESET_COOKIE, "/password-reset", started.value.token);
    return c.redirect("/password-reset/confirm", 303);
  })
  .get("/password-reset/confirm", allow("public"), async (c) => {
    const reset = await liveReset(c);
    if (!reset) return restart(c, "/password-reset?expired=1");
    return resetConfirmPage(c, reset, {});
  })
  .post("/password-reset/resend", allow("public"), async (c) => {
    const reset = await liveReset(c);
    if (!reset) return restart(c, "/password-reset?expired=1");
    const resent = await attempt(resendResetCode({ db: c.var.db, sender: sender(c), reset, ip: clientIp(c) }), "rate_limited");
    if (!resent.ok) return resetConfirmPage(c, reset, { sms: { kind: "error", message: resent.failure.message } }, resent.failure.status);
    return c.redirect("/password-reset/confirm", 303);
  })
  .post("/password-reset/confirm", allow("public"), async (c) => {
    const reset = await liveReset(c);
    if (!reset) return restart(c, "/password-reset?expired=1");
    const form = parseForm(resetConfirmSchema, await c.req.parseBody());
    if (!form.ok) return resetConfirmPage(c, reset, { values: form.values, errors: form.errors }, 422);
    const confirmed = await attempt(confirmPasswordReset({ db: c.var.db, reset, ...form.data }), "invalid");
    if (!confirmed.ok) return resetConfirmPage(c, reset, { values: form.values, errors: confirmed.failure.errors }, confirmed.failure.status);
    deleteCookie(c, RESET_COOKIE, { path: "/password-reset" });
    return renderPage(c, S.resetTitle, <ResetDone />);
  })
  // 注册查询 (office side)
  .get("/office/registrations", allow("office_admin", "office_reviewer"), async (c) => {
    const regNo = (c.req.query("regNo") ?? "").trim().slice(0, 40);
    if (!regNo) return renderPage(c, S.lookupTitle, <LookupPage regNo="" />);
    const found = await attempt(lookupRegistration({ db: c.var.db, officeCode: c.var.user!.officeCode!, regNo }), "not_found");
    if (!found.ok) return renderPage(c, S.lookupTitle, <LookupPage regNo={regNo} notFound={found.failure.message} />, found.failure.status);
    return renderPage(c, S.lookupTitle, <LookupPage regNo={regNo} result={found.value} />);
  });
