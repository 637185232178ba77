import type { FormValues } from "../../../lib/forms.ts";
import type { Problem } from "../../../lib/problems.ts";
import { CsrfField } from "../../../views/components.tsx";
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

function TextField({ name, label, values, problems, hint, required = true }: { name: string; label: string; values: FormValues; problems: Record<string, Problem>; hint?: string; required?: boolean }) {
  const id = `f-${name}`;
  const p = problems[name];
  const described = [hint ? `${id}-hint` : "", p ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={p ? "field has-error" : "field"}>
      <label for={id}>
        {label}
        {required && <span class="req">（必填）</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} problem={p} />
      <input id={id} name={name} type="text" value={values[name] ?? ""} aria-invalid={p ? "true" : undefined} aria-describedby={described} />
    </div>
  );
}

export function ProductForm({ csrfToken, action, values, problems, note }: { csrfToken: string; action: string; values: FormValues; problems: Record<string, Problem>; note?: string }) {
  const units = listUnits();
  const unitProblem = problems.unit;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={csrfToken} />
      {note && <p class="alert">{note}</p>}
      <TextField name="hsCode" label={M.hsCode} values={values} problems={problems} hint={M.hsHint} />
      <TextField name="nameZh" label={M.nameZh} values={values} problems={problems} />
      <TextField name="nameEn" label={M.nameEn} values={values} problems={problems} hint={M.nameEnHint} />
      <div class={unitProblem ? "field has-error" : "field"}>
        <label for="f-unit">
          {M.unit}
          <span class="req">（必填）</span>
        </label>
        <FieldError id="f-unit" problem={unitProblem} />
        <select id="f-unit" name="unit" aria-invalid={unitProblem ? "true" : undefined} aria-describedby={unitProblem ? "f-unit-error" : undefined}>
          <option value="">请选择</option>
          {units.map((u) => (
            <option value={u.nameEn} selected={values.unit === u.nameEn}>
              {u.nameZh} {u.nameEn}
            </option>
          ))}
        </select>
      </div>
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
