import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { CheckboxField, CsrfField, ErrorSummary, Field, SelectField } from "../../../views/components.tsx";
import { ENTERPRISE_NATURES } from "../data.ts";
import { FIELD_LABELS } from "../forms.ts";
import { M } from "../messages.ts";

/**
 * The create and edit form of an enterprise record. On an error it is rendered again with every
 * value as typed. The registration number is typed only when creating.
 */
export function EnterpriseForm({
  csrfToken,
  mode,
  values,
  errors = {},
  message,
  enterprise,
}: {
  csrfToken: string;
  mode: "new" | "edit";
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
  enterprise?: { id: string; regNo: string };
}) {
  const F = M.fields;
  const action = mode === "new" ? "/office/enterprises" : `/office/enterprises/${enterprise!.id}`;
  return (
    <section aria-labelledby="form-title">
      <h1 id="form-title">{mode === "new" ? M.newTitle : `${M.editTitle}：${enterprise!.regNo}`}</h1>
      <ErrorSummary errors={errors} labels={FIELD_LABELS} message={message} />
      <form method="post" action={action} novalidate>
        <CsrfField token={csrfToken} />
        {mode === "edit" && <input type="hidden" name="version" value={values.version ?? ""} />}
        {mode === "new" && <Field name="regNo" label={F.regNo} values={values} errors={errors} required hint={M.hints.regNo} autocomplete="off" />}
        <Field name="nameZh" label={F.nameZh} values={values} errors={errors} required autocomplete="organization" />
        <Field name="nameEn" label={F.nameEn} values={values} errors={errors} required hint={M.hints.english} />
        <Field name="addressEn" label={F.addressEn} values={values} errors={errors} required hint={M.hints.english} />
        <Field name="creditCode" label={F.creditCode} values={values} errors={errors} required hint={M.hints.creditCode} autocomplete="off" />
        <SelectField name="nature" label={F.nature} options={ENTERPRISE_NATURES} values={values} errors={errors} required />
        <CheckboxField name="smallMicro" label={F.smallMicro} values={values} errors={errors} />
        <Field name="visaPoint" label={F.visaPoint} values={values} errors={errors} required hint={M.hints.visaPoint} />
        <Field name="contactName" label={F.contactName} values={values} errors={errors} autocomplete="off" />
        <Field name="contactPhone" label={F.contactPhone} values={values} errors={errors} type="tel" inputmode="tel" autocomplete="off" />
        <Field name="contactEmail" label={F.contactEmail} values={values} errors={errors} type="email" inputmode="email" autocomplete="off" />
        <div class="toolbar">
          <button type="submit" class="primary">
            保存
          </button>
          <a href={mode === "new" ? "/office/enterprises" : `/office/enterprises/${enterprise!.id}`}>取消</a>
        </div>
      </form>
    </section>
  );
}
