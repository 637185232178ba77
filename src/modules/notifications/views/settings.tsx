import type { FieldErrors } from "../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field } from "../../../views/components.tsx";
import { EVENT_LABELS, NOTIFY_M } from "../messages.ts";
import type { NotificationSettings } from "../service.ts";

/** 通知设置: the e-mail address and which events go there; says so when e-mail is off. */
export function SettingsPage({
  settings,
  emailOn,
  csrfToken,
  email,
  errors,
  saved,
}: {
  settings: NotificationSettings;
  emailOn: boolean;
  csrfToken: string;
  /** What was typed, when the form comes back with a problem. */
  email?: string;
  errors?: FieldErrors;
  saved?: boolean;
}) {
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{NOTIFY_M.settingsTitle}</h1>
      <p class="muted">
        {NOTIFY_M.settingsIntro} <a href="/notifications">{NOTIFY_M.title}</a>
      </p>
      {!emailOn && (
        <p class="alert" role="note" id="email-off">
          {NOTIFY_M.emailOff}
        </p>
      )}
      {saved && (
        <p class="alert ok" role="status">
          {NOTIFY_M.saved}
        </p>
      )}
      {errors && <ErrorSummary errors={errors} labels={{ email: NOTIFY_M.emailLabel }} />}
      <form method="post" action="/notifications/settings">
        <CsrfField token={csrfToken} />
        <Field
          name="email"
          type="email"
          label={NOTIFY_M.emailLabel}
          autocomplete="email"
          hint={NOTIFY_M.emailHint}
          values={{ email: email ?? settings.email ?? "" }}
          errors={errors}
        />
        {settings.offered.length > 0 ? (
          <fieldset>
            <legend>{NOTIFY_M.eventsLegend}</legend>
            {settings.offered.map((e) => (
              <div class="field check">
                <input id={`ev-${e}`} name="events" type="checkbox" value={e} checked={settings.emailEvents.includes(e)} />
                <label for={`ev-${e}`}>{EVENT_LABELS[e]}</label>
              </div>
            ))}
          </fieldset>
        ) : (
          <p class="muted">{NOTIFY_M.noEmailEvents}</p>
        )}
        <p class="actions">
          <button type="submit">{NOTIFY_M.save}</button>
        </p>
      </form>
    </section>
  );
}
