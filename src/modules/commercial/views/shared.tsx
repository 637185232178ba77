import { CsrfField } from "../../../views/components.tsx";
import { fmtTime, StatusBadge } from "../../../views/list.tsx";
import { countryLabel, findCountry } from "../../reference/index.ts";
import { M } from "../messages.ts";
import type { CommercialDetail } from "../service.ts";

export const statusBadge = (status: string) => <StatusBadge status={status} label={M.statusLabels[status] ?? status} />;
export const countryText = (iso: string | null) => {
  const c = findCountry(iso);
  return c ? countryLabel(c) : (iso ?? "—");
};

export function ActionButton({ action, label, csrfToken, primary }: { action: string; label: string; csrfToken: string; primary?: boolean }) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField token={csrfToken} />
      <button type="submit" class={primary ? "primary" : "secondary"}>
        {label}
      </button>
    </form>
  );
}

/** The application's facts as both sides read them; `fileHref` opens the uploaded document. */
export function Summary({ d, fileHref }: { d: CommercialDetail; fileHref: string }) {
  return (
    <dl class="facts">
      <dt>{M.status}</dt>
      <dd>
        {statusBadge(d.status)} {d.number && <strong>{d.number}</strong>}
      </dd>
      <dt>{M.applicationNo}</dt>
      <dd>{d.applicationNo}</dd>
      <dt>{M.fields.docType}</dt>
      <dd>{d.type ? `${d.type.nameZh} ${d.type.nameEn}` : "—"}</dd>
      <dt>{M.fields.documentNo}</dt>
      <dd>{d.documentNo || "—"}</dd>
      <dt>{M.fields.destinationCountry}</dt>
      <dd>{countryText(d.destinationCountry)}</dd>
      <dt>{M.fields.purpose}</dt>
      <dd>{d.purpose || "—"}</dd>
      <dt>{M.fields.copies}</dt>
      <dd>{d.copies}</dd>
      <dt>{M.fields.remarks}</dt>
      <dd>{d.remarks || "—"}</dd>
      <dt>{M.fields.file}</dt>
      <dd>
        {d.file ? (
          <a href={fileHref} target="_blank" rel="noopener">
            {M.fileFacts(d.file.fileName, Math.ceil(d.file.byteSize / 1024), d.file.pageCount)}
          </a>
        ) : (
          M.noFile
        )}
      </dd>
      <dt>{M.source}</dt>
      <dd>{M.sources[d.source] ?? d.source}</dd>
      {d.status === "RETURNED" && d.returnReason && (
        <>
          <dt>{M.returnReasonTitle}</dt>
          <dd class="field-error">{d.returnReason}</dd>
        </>
      )}
      {d.status === "VOIDED" && d.voidReason && (
        <>
          <dt>{M.voidReason}</dt>
          <dd>{d.voidReason}</dd>
        </>
      )}
    </dl>
  );
}

export function History({ history }: { history: CommercialDetail["history"] }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{M.history}</h2>
      <ol class="history">
        {history.map((h) => (
          <li>
            {fmtTime(h.at)} {statusBadge(h.status)} {h.by}
            {h.note && <span class="muted"> {h.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
