import { CsrfField, ErrorSummary, Field, Notice } from "../../../views/components.tsx";
import { fmtTime, Pager, SearchQuery, Tabs } from "../../../views/list.tsx";
import { M } from "../messages.ts";
import type { CommercialListRow } from "../queries.ts";
import type { CommercialDetail } from "../service.ts";
import { ActionButton, countryText, History, statusBadge, Summary } from "./shared.tsx";

export const DESK_TABS = ["all", "edi", "pending"] as const;
export type DeskTab = (typeof DESK_TABS)[number];

/** The office's 商事证明 desk: its three tabs with counts, a search, and the list (queues oldest first). */
export function CommercialDesk(p: {
  tab: DeskTab;
  counts: Record<DeskTab, number>;
  rows: CommercialListRow[];
  total: number;
  page: number;
  pageSize: number;
  query: string;
  queryError?: string;
  isAdmin: boolean;
  types: { code: string; nameZh: string }[];
}) {
  const link = (tab: string, page = 1) =>
    `/office/commercial?${new URLSearchParams({ tab, ...(p.query ? { q: p.query } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  return (
    <section aria-labelledby="desk-title">
      <h1 id="desk-title">{M.officeTitle}</h1>
      <Tabs
        label={M.officeTitle}
        current={p.tab}
        tabs={[
          { key: "certificates", label: "原产地证书", href: "/office/certificates" },
          ...DESK_TABS.map((t) => ({ key: t, label: M.deskTabs[t]!, href: link(t), count: p.counts[t] })),
        ]}
      />
      <form method="get" action="/office/commercial" class="search" role="search">
        <input type="hidden" name="tab" value={p.tab} />
        <SearchQuery label={M.searchLabel} query={p.query} error={p.queryError} />
        <button type="submit" class="secondary">
          {M.search}
        </button>
        {p.isAdmin && (
          <a href="/office/commercial/settings" class="push-right">
            {M.settingsTitle}
          </a>
        )}
      </form>
      {p.rows.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.applicationNo}</th>
              <th scope="col">{M.enterprise}</th>
              <th scope="col">{M.fields.docType}</th>
              <th scope="col">{M.fields.documentNo}</th>
              <th scope="col">{M.fields.destinationCountry}</th>
              <th scope="col">{M.status}</th>
              <th scope="col">{M.sentAt}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/office/commercial/${r.id}`}>{r.applicationNo}</a>
                </td>
                <td>
                  {r.enterpriseName} <span class="muted">{r.regNo}</span>
                </td>
                <td>{p.types.find((t) => t.code === r.docType)?.nameZh ?? "—"}</td>
                <td>{r.documentNo}</td>
                <td>{countryText(r.destinationCountry)}</td>
                <td>
                  {statusBadge(r.status)} <span class="muted">{M.sources[r.source]}</span>
                  {r.number && <div class="muted">{r.number}</div>}
                </td>
                <td>{fmtTime(r.sentAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.none}</p>
      )}
      <Pager page={p.page} pageSize={p.pageSize} total={p.total} href={(n) => link(p.tab, n)} />
    </section>
  );
}

/** How many PDF pages are framed in the review page; the rest open from their links. */
export const FRAMED_PAGES = 10;

/** The uploaded document page by page: a scan as an image, a PDF one page per frame (each page its own small PDF). */
function DocumentPages({ d, base }: { d: CommercialDetail; base: string }) {
  const f = d.file;
  if (!f) return <p>{M.noFile}</p>;
  if (f.mediaType !== "application/pdf") return <img class="document-page" src={`${base}/file`} alt={M.page(1)} />;
  const pages = Array.from({ length: f.pageCount }, (_, i) => i + 1);
  return (
    <ol class="document-pages">
      {pages.map((n) => (
        <li>
          <a href={`${base}/file/pages/${n}`} target="_blank" rel="noopener">
            {M.openPage(n)}
          </a>
          {n <= FRAMED_PAGES && <iframe class="document-page" src={`${base}/file/pages/${n}`} title={M.page(n)} loading="lazy"></iframe>}
        </li>
      ))}
    </ol>
  );
}

export type ReviewExtra = { notice?: string; error?: string; returnError?: string; returnReason?: string; voidError?: string; voidReason?: string };

function ReasonForm({
  action,
  name,
  label,
  button,
  error,
  value,
  csrfToken,
}: {
  action: string;
  name: string;
  label: string;
  button: string;
  error?: string;
  value?: string;
  csrfToken: string;
}) {
  const id = `f-${name}`;
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={csrfToken} />
      <div class={error ? "field has-error" : "field"}>
        <label for={id}>{label}</label>
        {error && (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
        <textarea id={id} name="reason" aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined}>
          {value ?? ""}
        </textarea>
      </div>
      <button type="submit" class="secondary">
        {button}
      </button>
    </form>
  );
}

export function CommercialReview({
  d,
  next,
  csrfToken,
  x,
}: {
  d: CommercialDetail & { enterprise: { nameZh: string; nameEn: string; regNo: string } };
  next: string | null;
  csrfToken: string;
  x: ReviewExtra;
}) {
  const base = `/office/commercial/${d.id}`;
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">
        {M.reviewTitle}：{d.applicationNo}
      </h1>
      {x.notice && <Notice>{x.notice}</Notice>}
      {x.error && (
        <div class="alert error" role="alert">
          {x.error}
        </div>
      )}
      <div class="review-columns">
        <div>
          <h2>{M.application}</h2>
          <p>
            {d.enterprise.nameZh} <span lang="en">{d.enterprise.nameEn}</span> <span class="muted">{d.enterprise.regNo}</span>
          </p>
          <Summary d={d} fileHref={`${base}/file`} />
          <div class="actions">
            {d.status === "PENDING" && <ActionButton action={`${base}/approval`} label={M.approve} csrfToken={csrfToken} primary />}
            {d.status === "APPROVED" && (
              <a class="primary" href={`${base}/pdf`}>
                {M.download}
              </a>
            )}
            {/* The paper route: the print slice queues the certificate page at the office's desk. */}
            {d.status === "APPROVED" && <ActionButton action={`/print/commercial/${d.id}/jobs`} label={M.printPaper} csrfToken={csrfToken} />}
            {next && <a href={`/office/commercial/${next}`}>{M.next}</a>}
          </div>
          {d.status === "PENDING" && (
            <ReasonForm
              action={`${base}/return`}
              name="returnReason"
              label={M.returnReason}
              button={M.returnAction}
              error={x.returnError}
              value={x.returnReason}
              csrfToken={csrfToken}
            />
          )}
          {d.status !== "VOIDED" && (
            <ReasonForm
              action={`${base}/void`}
              name="voidReason"
              label={M.voidReason}
              button={M.voidAction}
              error={x.voidError}
              value={x.voidReason}
              csrfToken={csrfToken}
            />
          )}
          <History history={d.history} />
        </div>
        <div>
          <h2>
            {M.document}
            {d.file && <span class="muted"> {M.pages(d.file.pageCount)}</span>}
          </h2>
          <DocumentPages d={d} base={base} />
        </div>
      </div>
    </section>
  );
}

export function CommercialNumberFormat({
  value,
  example,
  error,
  saved,
  csrfToken,
}: {
  value: string;
  example: string | null;
  error?: string;
  saved: boolean;
  csrfToken: string;
}) {
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{M.settingsTitle}</h1>
      {saved && <Notice>{M.formatSaved}</Notice>}
      <ErrorSummary errors={error ? { numberFormat: error } : {}} labels={{ numberFormat: M.formatLabel }} />
      <form method="post" action="/office/commercial/settings" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="numberFormat" label={M.formatLabel} values={{ numberFormat: value }} errors={error ? { numberFormat: error } : {}} hint={M.formatHint} />
        {example && <p class="muted">{M.formatExample(example)}</p>}
        <button type="submit" class="primary">
          {M.save}
        </button>
      </form>
    </section>
  );
}
