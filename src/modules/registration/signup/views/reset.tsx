import type { FieldErrors, FormValues } from "../../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field, Notice } from "../../../../views/components.tsx";
import { PASSWORD_POLICY } from "../../../accounts/index.ts";
import { S } from "../messages.ts";
import { SmsStatus, type SmsState } from "./parts.tsx";

const START_LABELS = { login: S.login, mobile: S.mobile };
const CONFIRM_LABELS = { smsCode: S.smsCode, newPassword: S.newPassword, confirmPassword: S.confirmPassword };

/** 找回密码, step 1: login and the account's mobile number. */
export function ResetStartForm({
  csrfToken,
  values = {},
  errors = {},
  message,
}: {
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  return (
    <section class="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{S.resetTitle}</h1>
      <p>{S.resetIntro}</p>
      <ErrorSummary errors={errors} labels={START_LABELS} message={message} />
      <form method="post" action="/password-reset" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="login" label={S.login} values={values} errors={errors} required autocomplete="username" />
        <Field name="mobile" label={S.mobile} type="tel" values={values} errors={errors} required autocomplete="tel" inputmode="tel" />
        <button type="submit" class="primary">
          {S.resetSend}
        </button>
      </form>
    </section>
  );
}

/** 找回密码, step 2: the code and the new password; a separate small form asks for another code. */
export function ResetConfirmForm({
  csrfToken,
  sms,
  values = {},
  errors = {},
}: {
  csrfToken: string;
  sms: SmsState;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <section class="narrow" aria-labelledby="reset-confirm-title">
      <h1 id="reset-confirm-title">{S.resetConfirmTitle}</h1>
      <SmsStatus state={sms} sentText={S.resetSent} />
      <ErrorSummary errors={errors} labels={CONFIRM_LABELS} />
      <form method="post" action="/password-reset/confirm" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="smsCode" label={S.smsCode} values={values} errors={errors} required autocomplete="one-time-code" inputmode="numeric" />
        <Field name="newPassword" label={S.newPassword} type="password" hint={PASSWORD_POLICY} errors={errors} required autocomplete="new-password" />
        <Field name="confirmPassword" label={S.confirmPassword} type="password" errors={errors} required autocomplete="new-password" />
        <button type="submit" class="primary">
          {S.resetSave}
        </button>
      </form>
      <form method="post" action="/password-reset/resend">
        <CsrfField token={csrfToken} />
        <button type="submit">{S.resetResend}</button>
      </form>
    </section>
  );
}

export function ResetDone() {
  return (
    <section class="narrow" aria-labelledby="reset-done-title">
      <h1 id="reset-done-title">{S.resetTitle}</h1>
      <Notice>{S.resetDone}</Notice>
      <p>
        <a href="/sign-in">{S.signIn}</a>
      </p>
    </section>
  );
}
