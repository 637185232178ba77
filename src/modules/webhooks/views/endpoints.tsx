import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { formatDateTime } from "../../../lib/time.ts";
import { CsrfField, ErrorSummary, Field, Notice } from "../../../views/components.tsx";
import { EVENT_LABELS, M, STATE_LABELS } from "../messages.ts";
import type { EndpointRow, recentDeliveries } from "../queries.ts";
import { isWebhookEvent, WEBHOOK_EVENTS } from "../rules.ts";

const eventNames = (events: string[]) => events.map((e) => (isWebhookEvent(e) ? EVENT_LABELS[e] : e)).join("、");
export const endpointHref = (id: string) => `/account/webhooks/${encodeURIComponent(id)}`;

/** The webhooks part of the 接口令牌 page: the endpoints and the form that registers one. */
export function WebhookSection({
  csrfToken,
  endpoints,
  values = {},
  chosen = [],
  errors = {},
  standalone = false,
}: {
  csrfToken: string;
  endpoints: EndpointRow[];
  values?: FormValues;
  chosen?: string[];
  errors?: FieldErrors;
  /** Shown as a page of its own (the form sent back with its problems) rather than on 接口令牌. */
  standalone?: boolean;
}) {
  const Title = standalone ? "h1" : "h2";
  return (
    <section aria-labelledby="webhooks-title" id="webhooks">
      {standalone && (
        <p>
          <a href="/account/tokens#webhooks">{M.back}</a>
        </p>
      )}
      <Title id="webhooks-title">{M.sectionTitle}</Title>
      <p>{M.sectionIntro}</p>
      {endpoints.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.url}</th>
              <th scope="col">{M.events}</th>
              <th scope="col">{M.description}</th>
              <th scope="col">创建时间</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => (
              <tr>
                <td>
                  <a href={endpointHref(e.id)}>{e.url}</a>
                </td>
                <td>{eventNames(e.events)}</td>
                <td>{e.description}</td>
                <td>{formatDateTime(e.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.none}</p>
      )}
      <h3>{M.create}</h3>
      <ErrorSummary errors={errors} labels={{ url: M.url, events: M.events, description: M.description }} />
      <form method="post" action="/account/webhooks" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="url" label={M.url} values={values} errors={errors} required type="url" inputmode="url" hint={M.urlHint} />
        <fieldset id="f-events" class={errors.events ? "field has-error" : "field"} aria-describedby={errors.events ? "f-events-error" : undefined}>
          <legend>{M.events}</legend>
          {errors.events && (
            <p class="field-error" id="f-events-error">
              {errors.events}
            </p>
          )}
          {WEBHOOK_EVENTS.map((type) => (
            <div class="field check">
              <input type="checkbox" id={`f-ev-${type}`} name="events" value={type} checked={chosen.includes(type)} />
              <label for={`f-ev-${type}`}>
                {EVENT_LABELS[type]} <code>{type}</code>
              </label>
            </div>
          ))}
        </fieldset>
        <Field name="description" label={M.description} values={values} errors={errors} hint={M.descriptionHint} />
        <button type="submit" class="primary">
          {M.create}
        </button>
      </form>
    </section>
  );
}

type Delivery = Awaited<ReturnType<typeof recentDeliveries>>[number];

/** One endpoint: its secret (once, just after creation), its deliveries with every attempt, replay and delete. */
export function EndpointPage({
  csrfToken,
  endpoint,
  deliveries,
  secret,
  notice,
}: {
  csrfToken: string;
  endpoint: EndpointRow;
  deliveries: Delivery[];
  secret?: string;
  notice?: string;
}) {
  return (
    <section aria-labelledby="endpoint-title">
      <p>
        <a href="/account/tokens#webhooks">{M.back}</a>
      </p>
      <h1 id="endpoint-title">{M.endpointTitle}</h1>
      {secret && (
        <Notice>
          {M.secretOnce}
          <code class="token">{secret}</code>
        </Notice>
      )}
      {notice && <Notice>{notice}</Notice>}
      <dl>
        <dt>{M.url}</dt>
        <dd>
          <code>{endpoint.url}</code>
        </dd>
        <dt>{M.events}</dt>
        <dd>{eventNames(endpoint.events)}</dd>
        {endpoint.description && (
          <>
            <dt>{M.description}</dt>
            <dd>{endpoint.description}</dd>
          </>
        )}
      </dl>
      <form method="post" action={`${endpointHref(endpoint.id)}/deletion`}>
        <CsrfField token={csrfToken} />
        <p class="hint">{M.removeConfirm}</p>
        <button type="submit" class="danger">
          {M.remove}
        </button>
      </form>
      <h2>{M.deliveries}</h2>
      {deliveries.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">事件</th>
              <th scope="col">时间</th>
              <th scope="col">状态</th>
              <th scope="col">{M.attempts}</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr>
                <td>
                  {isWebhookEvent(d.eventType) ? EVENT_LABELS[d.eventType] : d.eventType}
                  <br />
                  <code>{d.eventId}</code>
                </td>
                <td>{formatDateTime(d.createdAt)}</td>
                <td>
                  {STATE_LABELS[d.state] ?? d.state}
                  {d.state === "PENDING" && d.attempts > 0 && <> （下次 {formatDateTime(d.nextAttemptAt)}）</>}
                </td>
                <td>
                  {d.tries.length ? (
                    <ol class="attempts">
                      {d.tries.map((a) => (
                        <li>
                          {formatDateTime(a.at)} ·{" "}
                          {a.durationMs === null ? (
                            M.interrupted
                          ) : (
                            <>
                              {a.status ?? M.noAnswer} · {a.durationMs} ms
                            </>
                          )}
                          {a.answer && (
                            <>
                              {" "}
                              · <code>{a.answer.length > 200 ? `${a.answer.slice(0, 200)}…` : a.answer}</code>
                            </>
                          )}
                        </li>
                      ))}
                    </ol>
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  {d.state !== "PENDING" && (
                    <form method="post" action={`/account/webhooks/deliveries/${encodeURIComponent(d.id)}/replay`}>
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="link" aria-label={`${M.replay} ${d.eventId}`}>
                        {M.replay}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.noDeliveries}</p>
      )}
    </section>
  );
}
