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
};

/** A labelled input with its hint and error tied to it by aria-describedby. */
export function Field({ name, label, values, errors, type = "text", required, autocomplete, hint, inputmode, keepValue = true }: FieldProps) {
  const id = `f-${name}`;
  const error = errors?.[name];
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
      <input
        id={id}
        name={name}
        type={type}
        value={keepValue && type !== "password" ? (values?.[name] ?? "") : ""}
        required={required}
        autocomplete={autocomplete}
        inputmode={inputmode}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
      />
    </div>
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
      <input id={id} name={name} type="checkbox" value="1" checked={v === "1" || v === "on"} aria-invalid={error ? "true" : undefined} aria-describedby={described} />
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
}: {
  name: string;
  label: string;
  options: readonly SelectOption[];
  values?: Partial<Record<string, string>>;
  errors?: FieldErrors;
  required?: boolean;
  placeholder?: string;
}) {
  const id = `f-${name}`;
  const error = errors?.[name];
  const selected = values?.[name] ?? "";
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>
        {label}
        {required && <span class="req">{UI.required}</span>}
      </label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select id={id} name={name} required={required} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined}>
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
    </div>
  );
}

/** A labelled file input. Browsers never refill these, so the error tells the user to choose again. */
export function FileField({ name, label, accept, errors, hint, required }: { name: string; label: string; accept: string; errors?: FieldErrors; hint?: Child; required?: boolean }) {
  const id = `f-${name}`;
  const error = errors?.[name];
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
      <input id={id} name={name} type="file" accept={accept} required={required} aria-invalid={error ? "true" : undefined} aria-describedby={described} />
    </div>
  );
}
