import type { FieldErrors, FormValues } from "../../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field, Notice } from "../../../../views/components.tsx";
import { PASSWORD_POLICY } from "../../../accounts/index.ts";
import { S } from "../messages.ts";
import type { LiveAttempt } from "../service.ts";
import { SmsStatus, Steps, type SmsState } from "./parts.tsx";

/** After registration: the new login, shown once before the person goes on (it may carry a suffix, -1, they did not choose). */
export function AccountCreated({ login }: { login: string }) {
  return (
    <section class="narrow" aria-labelledby="created-title">
      <h1 id="created-title">{S.createdTitle}</h1>
      <dl class="facts">
        <dt>{S.createdLogin}</dt>
        <dd>
          <strong id="created-login">{login}</strong>
        </dd>
      </dl>
      <p>{S.createdRemember}</p>
      <p>
        <a href="/home" class="button primary">
          {S.createdContinue}
        </a>
      </p>
    </section>
  );
}

export const ACCOUNT_LABELS = { login: S.login, password: S.password, confirmPassword: S.confirmPassword, mobile: S.mobile, smsCode: S.smsCode };

/**
 * Step 3 (账户信息): login (suffixed when the registration number already has accounts, manual Q1),
 * password, mobile and the SMS code. 获取短信验证码 posts only to /register/sms; with htmx it
 * refreshes the status box and leaves everything typed in place.
 */
export function AccountForm({
  csrfToken,
  live,
  captcha,
  suggestion,
  sms,
  values = {},
  errors = {},
  message,
}: {
  csrfToken: string;
  live: LiveAttempt;
  captcha: boolean;
  suggestion: { taken: string[]; next: string };
  sms: SmsState;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { regNo, nameZh } = live.enterprise;
  return (
    <section class="narrow" aria-labelledby="account-title">
      <h1 id="account-title">{S.title}</h1>
      <Steps current={3} captcha={captcha} />
      <p>
        {S.verifiedAs}：{nameZh}（{regNo}）
      </p>
      {suggestion.taken.length > 0 && <Notice>{S.existingAccounts(regNo, suggestion.taken, suggestion.next)}</Notice>}
      <ErrorSummary errors={errors} labels={ACCOUNT_LABELS} message={message} />
      <form method="post" action="/register/account" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="login" label={S.login} hint={S.loginHint(regNo)} values={values} errors={errors} required autocomplete="username" />
        <Field name="password" label={S.password} type="password" hint={PASSWORD_POLICY} errors={errors} required autocomplete="new-password" />
        <Field name="confirmPassword" label={S.confirmPassword} type="password" errors={errors} required autocomplete="new-password" />
        <Field name="mobile" label={S.mobile} type="tel" hint={S.mobileHint} values={values} errors={errors} required autocomplete="tel" inputmode="tel" />
        <Field name="smsCode" label={S.smsCode} values={values} errors={errors} required autocomplete="one-time-code" inputmode="numeric" />
        <p class="sms-send">
          <button type="submit" formaction="/register/sms" formnovalidate hx-post="/register/sms" hx-target="#sms-status" hx-swap="outerHTML">
            {S.sendCode}
          </button>
        </p>
        <SmsStatus state={sms} />
        <button type="submit" class="primary">
          {S.register}
        </button>
      </form>
    </section>
  );
}
