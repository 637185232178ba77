import { BIM } from "../../bulk/bulk-import-messages.ts";
import { ErrorSummary, SelectField } from "../../../../views/components.tsx";
import { Pager, StatusBadge, Tabs } from "../../../../views/list.tsx";
import { CERTIFICATE_TYPE_CODES } from "../../../reference/index.ts";
import type { CertificateStatus } from "../../lifecycle.ts";
import { BULK_IMPORT_PATH, certificateHref } from "../../links.ts";
import { STATUS_LABELS, typeLabel } from "../../labels.ts";
import { LM } from "../list-messages.ts";
import { ADVANCED_PARAMS, listHref, type ListQuery, type ListValues } from "../list-query.ts";
import type { CertificateListRow } from "../../queries.ts";
import type { SortKey } from "../../search.ts";
import { certificateType } from "../../registry.ts";

const TAB_STATUSES = ["DRAFT", "PENDING", "RETURNED", "APPROVED", "ISSUED", "VOIDED"] as const satisfies readonly CertificateStatus[];

export type ListPageProps = {
  query: ListQuery;
  rows: CertificateListRow[];
  total: number;
  pageSize: number;
  counts: Partial<Record<CertificateStatus, number>>;
  /** Set when a search by invoice number found nothing under the other conditions: how many it finds alone. */
  invoiceOnly: number | null;
};

/** 单据查询: status tabs with counts, simple and advanced search, sortable columns, paging that keeps every condition. */
export function CertificateList({ query, rows, total, pageSize, counts, invoiceOnly }: ListPageProps) {
  const { values, errors, page } = query;
  const all = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const tabs = [
    { key: "", label: LM.allTab, href: listHref(values, { status: "", page: "" }), count: all },
    ...TAB_STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s], href: listHref(values, { status: s, page: "" }), count: counts[s] ?? 0 })),
  ];
  const advancedOpen = ADVANCED_PARAMS.some((k) => values[k]) || Object.keys(errors).length > 0;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section aria-labelledby="certs-title">
      <h1 id="certs-title">{LM.title}</h1>
      <p>
        <a class="primary" href="/certificates/types">
          {LM.newCertificate}
        </a>{" "}
        <a href={BULK_IMPORT_PATH}>{BIM.entry}</a>
      </p>
      <Tabs label={LM.tabsLabel} current={values.status ?? ""} tabs={tabs} />
      <SimpleSearch values={values} />
      <details class="advanced" open={advancedOpen}>
        <summary>{LM.advanced}</summary>
        <AdvancedSearch values={values} errors={errors} />
      </details>
      {hasErrors ? (
        <ErrorSummary errors={errors} labels={FIELD_LABELS} />
      ) : rows.length ? (
        <ResultTable rows={rows} query={query} />
      ) : (
        <div role="status">
          <p>{LM.none}</p>
          {invoiceOnly ? (
            <p>
              <a href={listHref({ invoiceNo: values.invoiceNo })}>{LM.invoiceElsewhere(values.invoiceNo!, invoiceOnly)}</a>
            </p>
          ) : (
            <p class="muted">{LM.noneHint}</p>
          )}
        </div>
      )}
      {!hasErrors && <Pager page={page} pageSize={pageSize} total={total} href={(p) => listHref(values, { page: p > 1 ? String(p) : "" })} />}
    </section>
  );
}

const FIELD_LABELS: Record<string, string> = {
  invoiceNo: LM.invoiceNo,
  applicationNo: LM.applicationNo,
  importer: LM.importer,
  visaPoint: LM.visaPoint,
  invoiceDateFrom: `${LM.invoiceDate}（${LM.from}）`,
  invoiceDateTo: `${LM.invoiceDate}（${LM.to}）`,
  createdFrom: `${LM.createdDate}（${LM.from}）`,
  createdTo: `${LM.createdDate}（${LM.to}）`,
};

/** Hidden inputs carrying the given conditions through a GET form. */
function Keep({ values, keys }: { values: ListValues; keys: readonly (keyof ListValues)[] }) {
  return <>{keys.map((k) => values[k] && <input type="hidden" name={k} value={values[k]} />)}</>;
}

/** 简单查询: by invoice number within the current tab, every date (manual §三(五), Q8). */
function SimpleSearch({ values }: { values: ListValues }) {
  return (
    <form method="get" action="/certificates" class="search" role="search" aria-label={LM.simpleSearch}>
      <Keep values={values} keys={["status", "sort", "dir"]} />
      <div>
        <label for="q-invoiceNo">{LM.simpleSearch}</label>
        <input id="q-invoiceNo" name="invoiceNo" type="search" value={values.invoiceNo ?? ""} aria-describedby="q-invoiceNo-hint" />
        <p class="hint" id="q-invoiceNo-hint">
          {LM.invoiceNoHint}
        </p>
      </div>
      <button type="submit" class="secondary">
        {LM.search}
      </button>
    </form>
  );
}

function TextField({
  name,
  label,
  values,
  errors,
  hint,
}: {
  name: keyof ListValues;
  label: string;
  values: ListValues;
  errors: Record<string, string>;
  hint?: string;
}) {
  const id = `f-${name}`;
  const error = errors[name];
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input id={id} name={name} type="text" value={values[name] ?? ""} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy || undefined} />
    </div>
  );
}

function DateRange({
  legend,
  from,
  to,
  values,
  errors,
}: {
  legend: string;
  from: keyof ListValues;
  to: keyof ListValues;
  values: ListValues;
  errors: Record<string, string>;
}) {
  const one = (name: keyof ListValues, label: string) => {
    const id = `f-${name}`;
    const error = errors[name];
    return (
      <div class={error ? "field has-error" : "field"}>
        <label for={id}>{label}</label>
        {error && (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
        <input
          id={id}
          name={name}
          type="date"
          value={values[name] ?? ""}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
    );
  };
  return (
    <fieldset class="range">
      <legend>{legend}</legend>
      {one(from, LM.from)}
      {one(to, LM.to)}
    </fieldset>
  );
}

/** 高级查询 (manual §三(五)): no date is filled in for the user, so old certificates are never hidden by default. */
function AdvancedSearch({ values, errors }: { values: ListValues; errors: Record<string, string> }) {
  return (
    <form method="get" action="/certificates" class="filters" aria-label={LM.advanced} novalidate>
      <Keep values={values} keys={["sort", "dir"]} />
      <div class="filter-grid">
        <TextField name="invoiceNo" label={LM.invoiceNo} values={values} errors={errors} />
        <TextField name="applicationNo" label={LM.applicationNo} values={values} errors={errors} />
        <SelectField
          name="type"
          label={LM.type}
          values={values}
          placeholder={LM.any}
          options={CERTIFICATE_TYPE_CODES.map((c) => ({ value: c, label: certificateType(c).nameZh }))}
        />
        <SelectField
          name="status"
          label={LM.status}
          values={values}
          placeholder={LM.any}
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField name="importer" label={LM.importer} values={values} errors={errors} hint={LM.importerHint} />
        <SelectField
          name="printed"
          label={LM.printed}
          values={values}
          placeholder={LM.any}
          options={[
            { value: "yes", label: LM.printedYes },
            { value: "no", label: LM.printedNo },
          ]}
        />
        <TextField name="visaPoint" label={LM.visaPoint} values={values} errors={errors} />
      </div>
      <DateRange legend={LM.invoiceDate} from="invoiceDateFrom" to="invoiceDateTo" values={values} errors={errors} />
      <DateRange legend={LM.createdDate} from="createdFrom" to="createdTo" values={values} errors={errors} />
      <div class="actions">
        <button type="submit" class="primary">
          {LM.search}
        </button>
        <a href="/certificates">{LM.clear}</a>
      </div>
    </form>
  );
}

/** A sort link: the current key toggles its direction; another key starts ascending. */
function SortLink({ query, sortKey, label }: { query: ListQuery; sortKey: SortKey; label: string }) {
  const active = query.sort === sortKey;
  const dir = active ? (query.dir === "asc" ? "desc" : "asc") : "asc";
  return (
    <a href={listHref(query.values, { sort: sortKey, dir, page: "" })} aria-label={`${LM.sortBy(label)}（${dir === "asc" ? LM.sortAsc : LM.sortDesc}）`}>
      {label}
      {active && <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span>}
    </a>
  );
}

/** A column header; `aria-sort` tells screen readers which column orders the rows, and which way. */
function SortHeader({ query, keys, label }: { query: ListQuery; keys: readonly { key: SortKey; label: string }[]; label?: string }) {
  const active = keys.some((k) => k.key === query.sort);
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      {keys.length === 1 ? (
        <SortLink query={query} sortKey={keys[0]!.key} label={label ?? keys[0]!.label} />
      ) : (
        keys.map((k, i) => (
          <>
            {i > 0 && "/"}
            <SortLink query={query} sortKey={k.key} label={k.label} />
          </>
        ))
      )}
    </th>
  );
}

function ResultTable({ rows, query }: { rows: CertificateListRow[]; query: ListQuery }) {
  return (
    <table class="certs">
      <caption class="visually-hidden">{LM.title}</caption>
      <thead>
        <tr>
          <SortHeader
            query={query}
            keys={[
              { key: "invoiceNo", label: LM.colInvoiceNo },
              { key: "invoiceDate", label: LM.colInvoiceDate },
            ]}
          />
          <SortHeader
            query={query}
            keys={[
              { key: "type", label: LM.colTypeName },
              { key: "number", label: LM.colNumber },
            ]}
          />
          <SortHeader query={query} keys={[{ key: "importer", label: LM.colImporter }]} />
          <SortHeader query={query} keys={[{ key: "status", label: LM.colStatus }]} />
          <SortHeader query={query} keys={[{ key: "remarks", label: LM.colRemarks }]} />
          <SortHeader query={query} keys={[{ key: "handSigner", label: LM.colSigner }]} />
          <SortHeader query={query} keys={[{ key: "amount", label: LM.colAmount }]} />
          <th scope="col">{LM.colActions}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const editable = r.status === "DRAFT" || r.status === "RETURNED";
          return (
            <tr>
              <td>
                <a href={certificateHref(r.id)}>{r.invoiceNo || LM.noInvoiceNo}</a>
                <br />
                <span class="muted">{r.invoiceDate ?? "—"}</span>
              </td>
              <td>
                {typeLabel(r.type)}
                <br />
                <span class="muted">{r.number ?? `${LM.applicationNo} ${r.applicationNo}`}</span>
              </td>
              <td lang="en">{r.importerName || "—"}</td>
              <td>
                <StatusBadge status={r.status} label={STATUS_LABELS[r.status]} />
                {r.status === "RETURNED" && r.returnReason && (
                  <p class="reason">
                    {LM.returnReason}：{r.returnReason}
                  </p>
                )}
              </td>
              <td lang="en">{r.remarks ?? ""}</td>
              <td>{r.handSigner ?? ""}</td>
              <td class="num">{r.invoiceAmount ?? "—"}</td>
              <td>
                <a href={certificateHref(r.id)} aria-label={`${editable ? LM.edit : LM.view} ${r.invoiceNo || r.applicationNo}`}>
                  {editable ? LM.edit : LM.view}
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
