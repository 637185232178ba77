import type { CertificateListRow } from "../../certificates/index.ts";
import { listCertificateTypes, PRINT_MODE_LABELS, printModeLabel, STATUSES, typeLabel } from "../../certificates/index.ts";
import { CsrfField } from "../../../views/components.tsx";
import { COMMERCIAL_MESSAGES } from "../../commercial/index.ts";
import { fmtTime, Pager, StatusBadge, Tabs } from "../../../views/list.tsx";
import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { M } from "../messages.ts";
import { SEARCH_FIELDS, SEARCH_TAB, statusLabel, TABS } from "../rules.ts";

export type DeskProps = {
  tab: string;
  counts: { tabs: Record<string, number>; products: number; commercial: { all: number; edi: number; pending: number } };
  rows: CertificateListRow[];
  total: number;
  page: number;
  pageSize: number;
  search: FormValues;
  errors: FieldErrors;
  names: Map<string, string>;
  me: string;
  csrfToken: string;
  isAdmin: boolean;
  error?: string;
};

/** The query string of a desk view: its tab, the search fields that are set, and the page. */
export function deskQuery(tab: string, search: FormValues, page = 1) {
  const params = new URLSearchParams({ tab });
  if (tab === SEARCH_TAB) for (const k of SEARCH_FIELDS) if (search[k]) params.set(k, search[k]!);
  if (page > 1) params.set("page", String(page));
  return params.toString();
}

function TextFilter({ name, values, errors, type = "text" }: { name: keyof typeof M.filters; values: FormValues; errors: FieldErrors; type?: string }) {
  const id = `f-${name}`;
  const error = errors[name];
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{M.filters[name]}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        value={values[name] ?? ""}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

function SelectFilter({ name, values, options }: { name: keyof typeof M.filters; values: FormValues; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={`f-${name}`}>{M.filters[name]}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{M.any}</option>
        {options.map(([v, label]) => (
          <option value={v} selected={values[name] === v}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** 查询: the enterprise list's filters plus the enterprise, as GET parameters (bookmarkable). */
function SearchForm({ values, errors, open }: { values: FormValues; errors: FieldErrors; open: boolean }) {
  return (
    <details class="search-panel" open={open}>
      <summary>{M.searchTitle}</summary>
      <form method="get" action="/office/certificates" role="search" class="filters">
        <input type="hidden" name="tab" value={SEARCH_TAB} />
        <TextFilter name="enterprise" values={values} errors={errors} />
        <TextFilter name="invoiceNo" values={values} errors={errors} />
        <TextFilter name="applicationNo" values={values} errors={errors} />
        <TextFilter name="number" values={values} errors={errors} />
        <SelectFilter name="type" values={values} options={listCertificateTypes().map((t) => [t.code, `${t.nameZh}（${t.code}）`])} />
        <SelectFilter name="status" values={values} options={STATUSES.map((s) => [s, statusLabel(s)])} />
        <SelectFilter name="printMode" values={values} options={Object.entries(PRINT_MODE_LABELS)} />
        <SelectFilter name="source" values={values} options={Object.entries(M.sources)} />
        <TextFilter name="invoiceDateFrom" values={values} errors={errors} type="date" />
        <TextFilter name="invoiceDateTo" values={values} errors={errors} type="date" />
        <TextFilter name="createdFrom" values={values} errors={errors} type="date" />
        <TextFilter name="createdTo" values={values} errors={errors} type="date" />
        <TextFilter name="importer" values={values} errors={errors} />
        <SelectFilter
          name="printed"
          values={values}
          options={[
            ["yes", M.printed.yes],
            ["no", M.printed.no],
          ]}
        />
        <TextFilter name="visaPoint" values={values} errors={errors} />
        <div class="actions">
          <button type="submit" class="primary">
            {M.search}
          </button>
          <a href={`/office/certificates?tab=${SEARCH_TAB}`}>{M.clear}</a>
        </div>
      </form>
    </details>
  );
}

function StatusCell({ r, names, me }: { r: CertificateListRow; names: Map<string, string>; me: string }) {
  const reviewing = r.status === "PENDING" && r.reviewingBy && r.reviewingSince ? r.reviewingBy : null;
  return (
    <>
      <StatusBadge status={r.status} label={statusLabel(r.status)} />
      {r.number && <div class="muted">{r.number}</div>}
      {reviewing && (
        <div class="warning">
          {reviewing === me
            ? M.reviewingByYou(fmtTime(r.reviewingSince).slice(11))
            : M.reviewingBy(names.get(reviewing) ?? "—", fmtTime(r.reviewingSince).slice(11))}
        </div>
      )}
    </>
  );
}

/** The desk (manual §四(一)): queue tabs with counts, 查询, 导出Excel, and the list. */
export function Desk(p: DeskProps) {
  const tabs = [
    ...TABS.map((t) => ({ key: t.key, label: t.label, href: `/office/certificates?tab=${t.key}`, count: p.counts.tabs[t.key] })),
    { key: "products", label: M.productsTab, href: "/office/products", count: p.counts.products },
    ...(["all", "edi", "pending"] as const).map((k) => ({
      key: `commercial-${k}`,
      label: COMMERCIAL_MESSAGES.deskTabs[k]!,
      href: `/office/commercial?tab=${k}`,
      count: p.counts.commercial[k],
    })),
    { key: SEARCH_TAB, label: M.allTab, href: `/office/certificates?tab=${SEARCH_TAB}` },
  ];
  return (
    <section aria-labelledby="desk-title">
      <h1 id="desk-title">{M.title}</h1>
      {p.error && (
        <div class="alert error" role="alert">
          {p.error}
        </div>
      )}
      <Tabs label={M.tabsLabel} current={p.tab} tabs={tabs} />
      <p class="hint">{M.queueHint}</p>
      <SearchForm values={p.search} errors={p.errors} open={p.tab === SEARCH_TAB} />
      <form method="post" action="/office/certificates/exports" class="actions">
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="tab" value={p.tab} />
        {p.tab === SEARCH_TAB && SEARCH_FIELDS.map((k) => p.search[k] && <input type="hidden" name={k} value={p.search[k]} />)}
        <button type="submit" class="secondary" disabled={!p.total}>
          {M.exportExcel}
        </button>
        <span class="hint">{M.exportHint}</span>
        {p.isAdmin && (
          <a href="/office/certificates/settings" class="push-right">
            {M.settingsLink}
          </a>
        )}
      </form>
      {p.rows.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.columns.seq}</th>
              <th scope="col">{M.columns.regNo}</th>
              <th scope="col">{M.columns.enterpriseName}</th>
              <th scope="col">{M.columns.visaPoint}</th>
              <th scope="col">{M.columns.smallMicro}</th>
              <th scope="col">{M.columns.invoiceNo}</th>
              <th scope="col">{M.columns.type}</th>
              <th scope="col">{M.columns.status}</th>
              <th scope="col">{M.columns.action}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r, i) => (
              <tr>
                <td>{(p.page - 1) * p.pageSize + i + 1}</td>
                <td>{r.regNo}</td>
                <td>{r.enterpriseName}</td>
                <td>{r.visaPoint ?? ""}</td>
                <td>{r.smallMicro ? M.yes : M.no}</td>
                <td>{r.invoiceNo}</td>
                <td>
                  {typeLabel(r.type)}
                  <span class="muted"> {printModeLabel(r.printMode)}</span>
                </td>
                <td>
                  <StatusCell r={r} names={p.names} me={p.me} />
                </td>
                <td>
                  <a href={`/office/certificates/${r.id}`} aria-label={`${M.view} ${r.invoiceNo || r.applicationNo}`}>
                    {M.view}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.none}</p>
      )}
      <Pager page={p.page} pageSize={p.pageSize} total={p.total} href={(n) => `/office/certificates?${deskQuery(p.tab, p.search, n)}`} />
    </section>
  );
}
