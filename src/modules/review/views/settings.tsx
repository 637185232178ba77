import { CsrfField, ErrorSummary, Notice } from "../../../views/components.tsx";
import { M } from "../messages.ts";

/** The office's certificate-number template (office_admin), with an example of what it gives. */
export function NumberFormatPage({
  value,
  example,
  error,
  saved,
  csrfToken,
}: {
  value: string;
  example: string | null;
  error?: string;
  saved?: boolean;
  csrfToken: string;
}) {
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{M.settingsTitle}</h1>
      {saved && <Notice>{M.saved}</Notice>}
      <ErrorSummary errors={error ? { numberFormat: error } : {}} labels={{ numberFormat: M.numberFormat }} />
      <form method="post" action="/office/certificates/settings" novalidate>
        <CsrfField token={csrfToken} />
        <div class={error ? "field has-error" : "field"}>
          <label for="f-numberFormat">{M.numberFormat}</label>
          <p class="hint" id="f-numberFormat-hint">
            {M.numberFormatHint}
          </p>
          {error && (
            <p class="field-error" id="f-numberFormat-error">
              {error}
            </p>
          )}
          <input
            id="f-numberFormat"
            name="numberFormat"
            value={value}
            autocomplete="off"
            aria-invalid={error ? "true" : undefined}
            aria-describedby={`f-numberFormat-hint${error ? " f-numberFormat-error" : ""}`}
          />
        </div>
        {example && <p class="muted">{M.numberFormatExample(example)}</p>}
        <button type="submit" class="primary">
          {M.save}
        </button>
      </form>
      <p>
        <a href="/office/certificates">{M.exportBack}</a>
      </p>
    </section>
  );
}
