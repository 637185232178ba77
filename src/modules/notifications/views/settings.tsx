import type { FieldErrors } from "../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field } from "../../../views/components.tsx";
import { EVENT_LABELS, NOTIFY_M } from "../messages.ts";
import type { NotificationSettings } from "../service.ts";

/** What was typed, when the form comes back with a problem. */
export type SettingsTyped = { email: string; mobile: string };

/** The two addresses a notification goes to, in the form's order. */
const CONTACT_FIELDS = [
  { name: "email", type: "email", label: NOTIFY_M.emailLabel, autocomplete: "email", hint: NOTIFY_M.emailHint },
  { name: "mobile", type: "tel", label: NOTIFY_M.mobileLabel, autocomplete: "tel", hint: NOTIFY_M.mobileHint },
] as const;

/**
 * 通知设置: the e-mail address, the mobile, and per event whether it also goes by e-mail and by SMS
 * (one row per event, one box per channel); says so when e-mail has no SMTP server.
 */
export function SettingsPage({
  settings,
  emailOn,
  csrfToken,
  typed,
  errors,
  saved,
}: {
  settings: NotificationSettings;
  emailOn: boolean;
  csrfToken: string;
  typed?: SettingsTyped;
  errors?: FieldErrors;
  saved?: boolean;
}) {
  const box = (name: "events" | "smsEvents", e: string, checked: boolean, label: string) => (
    <input
      id={`${name}-${e}`}
      name={name}
      type="checkbox"
      value={e}
      checked={checked}
      aria-label={`${label}：${EVENT_LABELS[e as keyof typeof EVENT_LABELS]}`}
    />
  );
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
      {errors && <ErrorSummary errors={errors} labels={{ email: NOTIFY_M.emailLabel, mobile: NOTIFY_M.mobileLabel }} />}
      <form method="post" action="/notifications/settings">
        <CsrfField token={csrfToken} />
        {CONTACT_FIELDS.map((f) => (
          <Field {...f} values={{ [f.name]: typed?.[f.name] ?? settings[f.name] ?? "" }} errors={errors} />
        ))}
        {settings.offered.length > 0 ? (
          <fieldset>
            <legend>{NOTIFY_M.eventsLegend}</legend>
            <table class="notification-events">
              <caption class="muted">{NOTIFY_M.eventsTableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{NOTIFY_M.eventColumn}</th>
                  <th scope="col">{NOTIFY_M.channelEmail}</th>
                  <th scope="col">{NOTIFY_M.channelSms}</th>
                </tr>
              </thead>
              <tbody>
                {settings.offered.map((e) => (
                  <tr>
                    <th scope="row">{EVENT_LABELS[e]}</th>
                    <td>{box("events", e, settings.emailEvents.includes(e), NOTIFY_M.channelEmail)}</td>
                    <td>{box("smsEvents", e, settings.smsEvents.includes(e), NOTIFY_M.channelSms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
