import type { FormValues } from "../../../lib/forms.ts";
import type { Problem } from "../../../lib/problems.ts";
import { CsrfField, Field, SelectField } from "../../../views/components.tsx";
import { describeCriterionSet, listUnits } from "../../reference/index.ts";
import { criterionSet } from "../../reference/index.ts";
import { M } from "../messages.ts";
import { FILING_AGREEMENTS, type ProductInput } from "../rules.ts";

/** Maps problems to form field names (`agreements.2.originCriterion` → `crit.CHAFTA`). */
export function problemsForForm(problems: Problem[], input: ProductInput): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  for (const p of problems) {
    const m = /^agreements\.(\d+)\./.exec(p.field);
    const key = m ? `crit.${input.agreements[Number(m[1])]?.type}` : p.field;
    if (!(key in out)) out[key] = p;
  }
  return out;
}

function FieldError({ id, problem }: { id: string; problem?: Problem }) {
  if (!problem) return null;
  return (
    <p class="field-error" id={`${id}-error`}>
      {problem.message} {problem.hint}
    </p>
  );
}

export function ProductForm({
  csrfToken,
  action,
  values,
  problems,
  note,
}: {
  csrfToken: string;
  action: string;
  values: FormValues;
  problems: Record<string, Problem>;
  note?: string;
}) {
  const units = listUnits();
  // The page shows a problem's message and how to fix it together, as the field's error.
  const errors = Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, `${p.message} ${p.hint}`]));
  const today = new Date().toISOString().slice(0, 10);
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={csrfToken} />
      {note && <p class="alert">{note}</p>}
      <Field name="hsCode" label={M.hsCode} values={values} errors={errors} hint={M.hsHint} required />
      <Field name="nameZh" label={M.nameZh} values={values} errors={errors} required />
      <Field name="nameEn" label={M.nameEn} values={values} errors={errors} hint={M.nameEnHint} required />
      <SelectField
        name="unit"
        label={M.unit}
        required
        placeholder="请选择"
        values={values}
        errors={errors}
        options={units.map((u) => ({ value: u.nameEn, label: `${u.nameZh} ${u.nameEn}` }))}
      />
      <div class="field">
        <label for="f-materials">{M.materials}</label>
        <textarea id="f-materials" name="materials">
          {values.materials ?? ""}
        </textarea>
      </div>
      <fieldset class={problems.agreements ? "has-error" : undefined}>
        <legend>{M.agreements}</legend>
        <p class="hint">{M.agreementsHint}</p>
        <FieldError id="f-agreements" problem={problems.agreements} />
        <table class="grid-table">
          <thead>
            <tr>
              <th scope="col">备案</th>
              <th scope="col">协定</th>
              <th scope="col">{M.criterion}</th>
            </tr>
          </thead>
          <tbody>
            {FILING_AGREEMENTS.map((a) => {
              const set = criterionSet(a.type, today);
              const p = problems[`crit.${a.type}`];
              const id = `f-crit-${a.type}`;
              return (
                <tr class={p ? "has-error" : undefined}>
                  <td>
                    <input type="checkbox" id={`f-agr-${a.type}`} name={`agr.${a.type}`} checked={!!values[`agr.${a.type}`]} aria-label={`备案 ${a.nameZh}`} />
                  </td>
                  <td>
                    <label for={`f-agr-${a.type}`}>{a.nameZh}</label>
                  </td>
                  <td>
                    <FieldError id={id} problem={p} />
                    <input
                      type="text"
                      id={id}
                      name={`crit.${a.type}`}
                      value={values[`crit.${a.type}`] ?? ""}
                      aria-label={`${a.nameZh} ${M.criterion}`}
                      aria-invalid={p ? "true" : undefined}
                      aria-describedby={`${id}-allowed${p ? ` ${id}-error` : ""}`}
                    />
                    <span class="hint" id={`${id}-allowed`}>
                      {M.allowed}：{set ? describeCriterionSet(set) : "—"}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <button type="submit" class="primary">
        {M.save}
      </button>
    </form>
  );
}
