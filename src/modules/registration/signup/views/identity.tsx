import type { FieldErrors, FormValues } from "../../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field, SelectField, type SelectOption } from "../../../../views/components.tsx";
import { S } from "../messages.ts";
import { Steps } from "./parts.tsx";

export const IDENTITY_LABELS = { officeCode: S.officeCode, regNo: S.regNo, enterpriseName: S.enterpriseName, signerName: S.signerName };

/** Step 1 (企业登记信息): what the office filed. Every mismatch is named on its field; nothing typed is lost. */
export function IdentityForm({
  csrfToken,
  offices,
  captcha,
  values = {},
  errors = {},
  message,
  notice,
}: {
  csrfToken: string;
  offices: SelectOption[];
  captcha: boolean;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
  notice?: string;
}) {
  return (
    <section class="narrow" aria-labelledby="register-title">
      <h1 id="register-title">{S.title}</h1>
      <Steps current={1} captcha={captcha} />
      <p>{S.intro}</p>
      {notice && (
        <div class="alert error" role="alert">
          {notice}
        </div>
      )}
      <ErrorSummary errors={errors} labels={IDENTITY_LABELS} message={message} />
      <form method="post" action="/register" novalidate>
        <CsrfField token={csrfToken} />
        <SelectField name="officeCode" label={S.officeCode} options={offices} placeholder={S.officeChoose} values={values} errors={errors} required />
        <Field name="regNo" label={S.regNo} hint={S.regNoHint} values={values} errors={errors} required autocomplete="off" />
        <Field
          name="enterpriseName"
          label={S.enterpriseName}
          hint={S.enterpriseNameHint}
          values={values}
          errors={errors}
          required
          autocomplete="organization"
        />
        <Field name="signerName" label={S.signerName} hint={S.signerNameHint} values={values} errors={errors} required autocomplete="off" />
        <button type="submit" class="primary">
          {S.next}
        </button>
      </form>
      <p>
        {S.haveAccount}
        <a href="/sign-in">{S.signIn}</a> · <a href="/password-reset">{S.forgotPassword}</a>
      </p>
    </section>
  );
}
