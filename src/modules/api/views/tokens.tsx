import type { Child } from "hono/jsx";
import { formatDateTime } from "../../../lib/time.ts";
import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { CsrfField, ErrorSummary, Field, Notice } from "../../../views/components.tsx";
import { M } from "../messages.ts";
import type { apiTokens } from "../schema.ts";

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
      <ErrorSummary errors={errors} labels={{ name: M.tokenName }} />
      <form method="post" action="/account/tokens" class="inline-form" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="name" label={M.tokenName} values={values} errors={errors} required hint={M.tokenNameHint} />
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
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td>{formatDateTime(t.lastUsedAt)}</td>
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
