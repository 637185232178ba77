import type { Child } from "hono/jsx";
import { formatDateTime } from "../../../lib/time.ts";
import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from "../../../views/components.tsx";
import { DEFAULT_TOKEN_DAYS, EXPIRY_NOTICE_MS } from "../rules.ts";
import { M } from "../messages.ts";
import type { apiTokens } from "../schema.ts";

/** "2027-03-01 10:00", with 已过期 or 即将过期 (within the notice period) after it; 永不过期 for none. */
function expiryText(expiresAt: Date | null, now: Date) {
  if (!expiresAt) return M.never;
  const left = expiresAt.getTime() - now.getTime();
  const mark = left <= 0 ? M.expired : left <= EXPIRY_NOTICE_MS ? M.expiresSoon : null;
  return mark ? `${formatDateTime(expiresAt)}（${mark}）` : formatDateTime(expiresAt);
}

export function TokensPage({
  csrfToken,
  tokens,
  created,
  values = {},
  errors = {},
  extra = [],
}: {
  csrfToken: string;
  tokens: (typeof apiTokens.$inferSelect)[];
  created?: string;
  values?: FormValues;
  errors?: FieldErrors;
  /** Sections other slices add below the tokens (webhook endpoints). */
  extra?: Child[];
}) {
  const now = new Date();
  return (
    <section aria-labelledby="tokens-title">
      <h1 id="tokens-title">{M.tokensTitle}</h1>
      <p>{M.tokensIntro}</p>
      {created && (
        <Notice>
          {M.newToken}
          <code class="token">{created}</code>
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={{ name: M.tokenName, expires: M.lifetime }} />
      <form method="post" action="/account/tokens" class="inline-form" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="name" label={M.tokenName} values={values} errors={errors} required hint={M.tokenNameHint} />
        <SelectField
          name="expires"
          label={M.lifetime}
          options={Object.entries(M.lifetimeOptions).map(([value, label]) => ({ value, label }))}
          values={{ expires: values.expires ?? String(DEFAULT_TOKEN_DAYS) }}
          errors={errors}
          hint={M.lifetimeHint}
        />
        <button type="submit" class="primary">
          {M.create}
        </button>
      </form>
      {tokens.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.tokenName}</th>
              <th scope="col">创建时间</th>
              <th scope="col">最近使用</th>
              <th scope="col">{M.expiresColumn}</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td>{formatDateTime(t.lastUsedAt)}</td>
                <td class="token-expiry">{expiryText(t.expiresAt, now)}</td>
                <td>
                  {t.revokedAt ? (
                    M.revoked
                  ) : (
                    <form method="post" action={`/account/tokens/${t.id}/revocation`}>
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="link" aria-label={`${M.revoke} ${t.name}`}>
                        {M.revoke}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.none}</p>
      )}
      {extra}
    </section>
  );
}
