import type { FieldErrors } from "../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field, Notice } from "../../../views/components.tsx";
import { M } from "../messages.ts";
import { QrCode } from "./qr-code.tsx";

type FormProps = { csrfToken: string; next: string; errors?: FieldErrors; message?: string };

const withNext = (path: string, next: string) => (next && next !== "/" ? `${path}?next=${encodeURIComponent(next)}` : path);

function CodeForm({ csrfToken, next, errors = {}, action, submit }: FormProps & { action: string; submit: string }) {
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="next" value={next} />
      <Field name="code" label={M.code} errors={errors} required autocomplete="one-time-code" inputmode="numeric" hint={M.codeHint} keepValue={false} />
      <button type="submit" class="primary">
        {submit}
      </button>
    </form>
  );
}

/** The second step of an office sign-in: the code from the authenticator app. */
export function TwoFactorVerify(props: FormProps) {
  return (
    <section class="narrow" aria-labelledby="tf-title">
      <h1 id="tf-title">{M.twoFactorTitle}</h1>
      <ErrorSummary errors={props.errors ?? {}} labels={{ code: M.code }} message={props.message} />
      <CodeForm {...props} action="/two-factor" submit={M.verify} />
      <p>
        <a href={withNext("/two-factor/recovery", props.next)}>{M.useRecoveryCode}</a>
      </p>
    </section>
  );
}

/** First sign-in of an office account: scan (or type) the key, then prove it with a code. */
export function TwoFactorEnrol(props: FormProps & { uri: string; secret: string; login: string }) {
  return (
    <section aria-labelledby="tf-enrol-title">
      <h1 id="tf-enrol-title">{M.enrolTitle}</h1>
      <p>{M.twoFactorIntro}</p>
      <ErrorSummary errors={props.errors ?? {}} labels={{ code: M.code }} message={props.message} />
      <ol class="steps">
        <li>{M.enrolStep1}</li>
        <li>
          {M.enrolStep2}
          <div class="enrol-key">
            <QrCode text={props.uri} label={M.qrLabel} />
            <p>
              {M.secretLabel}：<code id="totp-secret">{props.secret}</code>
            </p>
            <p class="hint">{M.secretDetails.replace("{login}", props.login)}</p>
          </div>
        </li>
        <li>{M.enrolStep3}</li>
      </ol>
      <div class="narrow">
        <CodeForm {...props} action="/two-factor/enrol" submit={M.enrolConfirm} />
      </div>
    </section>
  );
}

/** Shown once, right after enrolment: the recovery codes in plain text. */
export function RecoveryCodesShown({ codes, next }: { codes: string[]; next: string }) {
  return (
    <section class="narrow" aria-labelledby="rc-title">
      <h1 id="rc-title">{M.recoveryCodesTitle}</h1>
      <div class="alert ok" role="status">
        {M.recoveryCodesIntro}
      </div>
      <ul class="recovery-codes" aria-label={M.recoveryCodesTitle}>
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button primary" href={next}>
          {M.recoveryCodesSaved}
        </a>
      </p>
    </section>
  );
}

/** The way in when the phone is lost: one of the saved recovery codes. */
export function RecoveryForm({ csrfToken, next, errors = {}, message }: FormProps) {
  return (
    <section class="narrow" aria-labelledby="rf-title">
      <h1 id="rf-title">{M.recoveryTitle}</h1>
      <ErrorSummary errors={errors} labels={{ recoveryCode: M.recoveryCode }} message={message} />
      <form method="post" action="/two-factor/recovery" novalidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <Field name="recoveryCode" label={M.recoveryCode} errors={errors} required autocomplete="off" hint={M.recoveryCodeHint} keepValue={false} />
        <button type="submit" class="primary">
          {M.verify}
        </button>
      </form>
      <p>
        <a href={withNext("/two-factor", next)}>{M.useAuthenticator}</a>
      </p>
    </section>
  );
}

/** After a recovery code: how many are left, so nobody runs out unawares. */
export function RecoveryCodeUsed({ remaining, next }: { remaining: number; next: string }) {
  return (
    <section class="narrow" aria-labelledby="ru-title">
      <h1 id="ru-title">{M.recoveryTitle}</h1>
      <Notice>{M.recoveryCodesLeft.replace("{n}", String(remaining))}</Notice>
      <p>
        <a class="button primary" href={next}>
          {M.continue}
        </a>
      </p>
    </section>
  );
}
