import type { FieldErrors } from "../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field, Notice } from "../../../views/components.tsx";
import { M } from "../messages.ts";
import { PASSWORD_POLICY } from "../rules.ts";

const labels = { currentPassword: M.currentPassword, newPassword: M.newPassword, confirmPassword: M.confirmPassword };

export function ChangePasswordForm({ csrfToken, errors = {}, done }: { csrfToken: string; errors?: FieldErrors; done?: boolean }) {
  return (
    <section class="narrow" aria-labelledby="pw-title">
      <h1 id="pw-title">{M.changePasswordTitle}</h1>
      {done && <Notice>{M.passwordChanged}</Notice>}
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action="/account/password" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="currentPassword" label={M.currentPassword} type="password" errors={errors} required autocomplete="current-password" />
        <Field name="newPassword" label={M.newPassword} type="password" errors={errors} required autocomplete="new-password" hint={PASSWORD_POLICY} />
        <Field name="confirmPassword" label={M.confirmPassword} type="password" errors={errors} required autocomplete="new-password" />
        <button type="submit" class="primary">
          {M.save}
        </button>
      </form>
    </section>
  );
}
