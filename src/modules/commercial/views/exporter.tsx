import { CsrfField, ErrorSummary, Field, FileField, Notice, SelectField } from "../../../views/components.tsx";
import { fmtTime, Pager, SearchQuery, Tabs } from "../../../views/list.tsx";
import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { COMMERCIAL_STATUSES } from "../lifecycle.ts";
import { M } from "../messages.ts";
import type { CommercialListRow } from "../queries.ts";
import type { CommercialDetail } from "../service.ts";
import { ActionButton, countryText, History, statusBadge, Summary } from "./shared.tsx";

type DocType = { code: string; nameZh: string; nameEn: string };

export function CommercialList(p: {
  rows: CommercialListRow[];
  total: number;
  counts: Partial<Record<string, number>>;
  status: string;
  query: string;
  queryError?: string;
  page: number;
  pageSize: number;
  types: DocType[];
}) {
  const link = (s: string, page = 1) =>
    `/commercial?${new URLSearchParams({ ...(s ? { status: s } : {}), ...(p.query ? { q: p.query } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  const all = Object.values(p.counts).reduce<number>((a, b) => a + (b ?? 0), 0);
  const typeName = (code: string | null) => p.types.find((t) => t.code === code)?.nameZh ?? "—";
  return (
    <section aria-labelledby="commercial-title">
      <h1 id="commercial-title">{M.title}</h1>
      <p>
        <a class="primary" href="/commercial/new">
          {M.newTitle}
        </a>
      </p>
      <Tabs
        label="申请状态"
        current={p.status}
        tabs={[
          { key: "", label: M.allTab, href: link(""), count: all },
          ...COMMERCIAL_STATUSES.map((s) => ({ key: s, label: M.statusLabels[s]!, href: link(s), count: p.counts[s] ?? 0 })),
        ]}
      />
      <form method="get" action="/commercial" class="search" role="search">
        {p.status && <input type="hidden" name="status" value={p.status} />}
        <SearchQuery label={M.searchLabel} query={p.query} error={p.queryError} />
        <button type="submit" class="secondary">
          {M.search}
        </button>
      </form>
      {p.rows.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.applicationNo}</th>
              <th scope="col">{M.fields.docType}</th>
              <th scope="col">{M.fields.documentNo}</th>
              <th scope="col">{M.fields.destinationCountry}</th>
              <th scope="col">{M.status}</th>
              <th scope="col">{M.createdAt}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/commercial/${r.id}`}>{r.applicationNo}</a>
                </td>
                <td>{typeName(r.docType)}</td>
                <td>{r.documentNo || "—"}</td>
                <td>{countryText(r.destinationCountry)}</td>
                <td>
                  {statusBadge(r.status)}
                  {r.number && <div class="muted">{r.number}</div>}
                  {r.status === "RETURNED" && r.returnReason && <div class="field-error">{r.returnReason}</div>}
                </td>
                <td>{fmtTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.none}</p>
      )}
      <Pager page={p.page} pageSize={p.pageSize} total={p.total} href={(n) => link(p.status, n)} />
    </section>
  );
}

/** The application form (new or edit): what was typed comes back on every error; a file input cannot, so its message says to choose again. */
export function CommercialForm(p: {
  action: string;
  title: string;
  values: FormValues;
  errors: FieldErrors;
  message?: string;
  csrfToken: string;
  types: DocType[];
  hasFile?: boolean;
}) {
  return (
    <section aria-labelledby="form-title">
      <h1 id="form-title">{p.title}</h1>
      <ErrorSummary errors={p.errors} labels={M.fields} message={p.message} />
      <form method="post" action={p.action} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.csrfToken} />
        <SelectField
          name="docType"
          label={M.fields.docType!}
          options={p.types.map((t) => ({ value: t.code, label: `${t.nameZh} ${t.nameEn}` }))}
          values={p.values}
          errors={p.errors}
          placeholder={M.choose}
          required
        />
        <Field name="documentNo" label={M.fields.documentNo!} values={p.values} errors={p.errors} hint={M.hints.documentNo} required />
        <Field name="destinationCountry" label={M.fields.destinationCountry!} values={p.values} errors={p.errors} hint={M.hints.destinationCountry} required />
        <Field name="purpose" label={M.fields.purpose!} values={p.values} errors={p.errors} hint={M.hints.purpose} required />
        <Field name="copies" label={M.fields.copies!} type="number" inputmode="numeric" values={p.values} errors={p.errors} hint={M.hints.copies} />
        <Field name="remarks" label={M.fields.remarks!} values={p.values} errors={p.errors} />
        <FileField
          name="file"
          label={M.fields.file!}
          accept="application/pdf,image/jpeg,image/png"
          errors={p.errors}
          hint={p.hasFile ? `${M.hints.file} ${M.hints.fileKeep}` : M.hints.file}
          required={!p.hasFile}
        />
        <div class="actions">
          <button type="submit" class="primary">
            {M.save}
          </button>
        </div>
      </form>
    </section>
  );
}

export function CommercialDetailPage({
  d,
  csrfToken,
  notice,
  problems,
}: {
  d: CommercialDetail;
  csrfToken: string;
  notice?: string;
  problems?: { path: string; message: string }[];
}) {
  const base = `/commercial/${d.id}`;
  const editable = d.status === "DRAFT" || d.status === "RETURNED";
  return (
    <section aria-labelledby="detail-title">
      <h1 id="detail-title">
        {M.title}：{d.applicationNo}
      </h1>
      {notice && <Notice>{notice}</Notice>}
      {problems && problems.length > 0 && (
        <div class="alert error" role="alert">
          <p>{M.sendBlocked}</p>
          <ul>
            {problems.map((x) => (
              <li>{x.message}</li>
            ))}
          </ul>
        </div>
      )}
      {d.status === "RETURNED" && d.returnReason && (
        <div class="alert error" role="alert">
          <p>
            {M.returnReasonTitle}：{d.returnReason}
          </p>
        </div>
      )}
      <Summary d={d} fileHref={`${base}/file`} />
      <div class="actions">
        {editable && (
          <a class="secondary" href={`${base}/edit`}>
            {M.edit}
          </a>
        )}
        {editable && <ActionButton action={`${base}/send`} label={M.send} csrfToken={csrfToken} primary />}
        {d.status === "PENDING" && <ActionButton action={`${base}/withdraw`} label={M.withdraw} csrfToken={csrfToken} />}
        <ActionButton action={`${base}/copy`} label={M.copy} csrfToken={csrfToken} />
        {d.status === "APPROVED" && (
          <a class="primary" href={`${base}/pdf`}>
            {M.download}
          </a>
        )}
      </div>
      <History history={d.history} />
    </section>
  );
}
