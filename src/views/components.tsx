import type { Child } from "hono/jsx";
import type { FieldErrors, FormValues } from "../lib/forms.ts";
import { UI } from "./messages.ts";

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The list of problems at the top of a form, each linking to its field (WCAG error identification). */
export function ErrorSummary({ errors, labels, message }: { errors: FieldErrors; labels: Record<string, string>; message?: string }) {
  const keys = Object.keys(errors);
  if (!keys.length && !message) return null;
  return (
    <div class="alert error" role="alert" tabindex={-1} id="error-summary">
      {message ? <p>{message}</p> : <p>{UI.formHasErrors}</p>}
      {keys.length > 0 && (
        <ul>
          {keys.map((k) => (
            <li>
              <a href={`#f-${k}`}>
                {labels[k] ?? k}：{errors[k]}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export type FieldProps = {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FieldErrors;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  hint?: Child;
  inputmode?: "decimal" | "email" | "none" | "numeric" | "search" | "tel" | "text" | "url";
  /** Passwords are never echoed back into the page. */
  keepValue?: boolean;
  /** The control's id when two forms on one page share a field name (default `f-<name>`). */
  id?: string;
};

/** What a control needs to be tied to its label, hint and error. */
type ControlAttrs = { id: string; "aria-invalid": "true" | undefined; "aria-describedby": string | undefined };

/**
 * The frame every labelled control shares: label (with 必填), hint and error, the latter two tied to
 * the control by aria-describedby. `control` receives the attributes to spread on the control.
 */
function LabelledField({
  name,
  id = `f-${name}`,
  label,
  required,
  hint,
  error,
  control,
}: {
  name: string;
  id?: string;
  label: string;
  required?: boolean;
  hint?: Child;
  error?: string;
  control: (a: ControlAttrs) => Child;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>
        {label}
        {required && <span class="req">{UI.required}</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {control({ id, "aria-invalid": error ? "true" : undefined, "aria-describedby": described })}
    </div>
  );
}

/** A labelled input with its hint and error tied to it by aria-describedby. */
export function Field({ name, id, label, values, errors, type = "text", required, autocomplete, hint, inputmode, keepValue = true }: FieldProps) {
  return (
    <LabelledField
      name={name}
      id={id}
      label={label}
      required={required}
      hint={hint}
      error={errors?.[name]}
      control={(a) => (
        <input
          {...a}
          name={name}
          type={type}
          value={keepValue && type !== "password" ? (values?.[name] ?? "") : ""}
          required={required}
          autocomplete={autocomplete}
          inputmode={inputmode}
        />
      )}
    />
  );
}

export function Notice({ children }: { children: Child }) {
  return (
    <div class="alert ok" role="status">
      {children}
    </div>
  );
}

/** A labelled checkbox; `values[name]` of "1" or "on" (as a browser posts it) keeps it ticked. */
export function CheckboxField({ name, label, values, errors, hint }: { name: string; label: string; values?: FormValues; errors?: FieldErrors; hint?: Child }) {
  const id = `f-${name}`;
  const error = errors?.[name];
  const v = values?.[name];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field check has-error" : "field check"}>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        type="checkbox"
        value="1"
        checked={v === "1" || v === "on"}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export type SelectOption = string | { value: string; label: string };

/**
 * A labelled select of fixed options (plain strings, or values with labels); the value posted stays
 * selected after an error, and the error is tied to the select. `placeholder` adds an empty first
 * option ("请选择", "不限").
 */
export function SelectField({
  name,
  label,
  options,
  values,
  errors,
  required,
  placeholder,
  hint,
}: {
  name: string;
  label: string;
  options: readonly SelectOption[];
  values?: Partial<Record<string, string>>;
  errors?: FieldErrors;
  required?: boolean;
  placeholder?: string;
  hint?: Child;
}) {
  const selected = values?.[name] ?? "";
  return (
    <LabelledField
      name={name}
      label={label}
      required={required}
      hint={hint}
      error={errors?.[name]}
      control={(a) => (
        <select {...a} name={name} required={required}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => {
            const { value, label: text } = typeof o === "string" ? { value: o, label: o } : o;
            return (
              <option value={value} selected={value === selected}>
                {text}
              </option>
            );
          })}
        </select>
      )}
    />
  );
}

/** A labelled file input. Browsers never refill these, so the error tells the user to choose again. */
export function FileField({
  name,
  label,
  accept,
  errors,
  hint,
  required,
}: {
  name: string;
  label: string;
  accept: string;
  errors?: FieldErrors;
  hint?: Child;
  required?: boolean;
}) {
  return (
    <LabelledField
      name={name}
      label={label}
      required={required}
      hint={hint}
      error={errors?.[name]}
      control={(a) => <input {...a} name={name} type="file" accept={accept} required={required} />}
    />
  );
}
