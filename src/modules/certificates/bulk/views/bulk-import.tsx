import { CsrfField, FileField } from "../../../../views/components.tsx";
import type { CellProblem } from "../../form/import-sheet.ts";
import { statusLabel, typeLabel } from "../../labels.ts";
import { BULK_IMPORT_PATH as BULK_PATH, certificateHref } from "../../links.ts";
import type { BulkApplication } from "../bulk-import.ts";
import { BIM } from "../bulk-import-messages.ts";

export type BulkImportModel = {
  csrfToken: string;
  /** A refusal of the whole file (hostile, broken, too large), of the upload, or of the enterprise. */
  error?: string;
  /** Without the office's approval the page explains and offers no upload. */
  allowed: boolean;
  preview?: {
    fileName: string;
    sheet: string;
    sheetProblems: string[];
    orphanProblems: CellProblem[];
    ignoredHeaders: string[];
    applications: (BulkApplication & { ready: boolean })[];
    bodiesJson: string;
    readyCount: number;
  };
  created?: { id: string; applicationNo: string; invoiceNo: string; status: string; toFix: number }[];
};

const problemText = (p: CellProblem) => BIM.problem(p.row, p.column, p.header, p.message);

function ApplicationSection({ a, index }: { a: BulkApplication & { ready: boolean }; index: number }) {
  const id = `application-${index + 1}`;
  return (
    <section aria-labelledby={`${id}-title`} class={`bulk-application ${a.ready ? "ok" : "bad"}`} data-invoice={a.fields.invoiceNo}>
      <h3 id={`${id}-title`}>{BIM.application(a.fields.invoiceNo)}</h3>
      <p>
        {BIM.facts(a.fields.type ? typeLabel(a.fields.type) : BIM.typeUnknown, a.lines.length)} · <strong>{a.ready ? BIM.appOk : BIM.appBad}</strong>
      </p>
      {a.whole.length || a.problems.length ? (
        <ul class="problems">
          {a.whole.map((w) => (
            <li>{w}</li>
          ))}
          {a.problems.map((p) => (
            <li>{problemText(p)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Preview({ p, csrfToken }: { p: NonNullable<BulkImportModel["preview"]>; csrfToken: string }) {
  const bad = p.applications.length - p.readyCount;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{BIM.previewHeading(p.fileName, p.sheet)}</h2>
      {p.sheetProblems.length || p.orphanProblems.length ? (
        <div class="alert error" role="alert" id="sheet-problems">
          <ul>
            {p.sheetProblems.map((s) => (
              <li>{s}</li>
            ))}
            {p.orphanProblems.map((x) => (
              <li>{problemText(x)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.ignoredHeaders.length ? <p class="hint">{BIM.ignored(p.ignoredHeaders.join("，"))}</p> : null}
      {p.applications.length ? <p id="bulk-summary">{BIM.summary(p.readyCount, bad)}</p> : null}
      {p.applications.map((a, i) => (
        <ApplicationSection a={a} index={i} />
      ))}
      {p.readyCount && !p.sheetProblems.length ? (
        <form method="post" action={`${BULK_PATH}/confirmation`} class="actions">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="bodies" value={p.bodiesJson} />
          <button type="submit" class="primary">
            {BIM.confirm(p.readyCount)}
          </button>
          <a href="/certificates">{BIM.back}</a>
        </form>
      ) : (
        <p class="actions">
          <span>{BIM.nothingToCreate} </span>
          <a href="/certificates">{BIM.back}</a>
        </p>
      )}
    </section>
  );
}

/** Upload form, then one section per application with its problems, and the confirmation; or the drafts created. */
export function BulkImportPage(m: BulkImportModel) {
  return (
    <section aria-labelledby="bulk-title">
      <h1 id="bulk-title">{BIM.title}</h1>
      {m.error ? (
        <div class="alert error" role="alert" tabindex={-1} id="bulk-error">
          {m.error}
        </div>
      ) : null}
      {m.created ? (
        <section aria-labelledby="created-title">
          <h2 id="created-title">{BIM.createdHeading(m.created.length)}</h2>
          <p>{BIM.createdHint}</p>
          <ul id="created-drafts">
            {m.created.map((d) => (
              <li>
                <a href={certificateHref(d.id)}>{BIM.createdLink(d.applicationNo, d.invoiceNo)}</a> {statusLabel(d.status)} ·{" "}
                {d.toFix ? BIM.toFix(d.toFix) : BIM.noneToFix}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {m.allowed ? (
        <>
          <p>{BIM.intro}</p>
          <p>
            <a href={`${BULK_PATH}/template`} download="bulk-import-template.xlsx">
              {BIM.template}
            </a>{" "}
            <span class="hint">{BIM.templateHint}</span>
          </p>
          <form method="post" action={BULK_PATH} enctype="multipart/form-data">
            <CsrfField token={m.csrfToken} />
            <FileField name="file" label={BIM.fileLabel} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
            <button type="submit">{BIM.upload}</button>
          </form>
        </>
      ) : null}
      {m.preview ? <Preview p={m.preview} csrfToken={m.csrfToken} /> : null}
      {m.preview ? null : (
        <p class="actions">
          <a href="/certificates">{BIM.back}</a>
        </p>
      )}
    </section>
  );
}
