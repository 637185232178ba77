import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field } from "../../../views/components.tsx";
import { M } from "../messages.ts";

export function SignInForm({
  csrfToken,
  values = {},
  errors = {},
  message,
  notice,
}: {
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
  notice?: string;
}) {
  return (
    <section class="narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{M.signInTitle}</h1>
      {notice && (
        <div class="alert ok" role="status">
          {notice}
        </div>
      )}
      <ErrorSummary errors={errors} labels={{ login: M.login, password: M.password }} message={message} />
      <form method="post" action="/sign-in" novalidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="next" value={values.next ?? ""} />
        <Field name="login" label={M.login} values={values} errors={errors} required autocomplete="username" hint={M.loginHint} />
        <Field name="password" label={M.password} type="password" errors={errors} required autocomplete="current-password" />
        <button type="submit" class="primary">
          {M.signIn}
        </button>
      </form>
      <p>
        {M.noAccount}
        <a href="/register">{M.registerLink}</a> · <a href="/password-reset">{M.forgotLink}</a>
      </p>
    </section>
  );
}
