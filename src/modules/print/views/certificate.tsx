/** One certificate's printing: print / reprint (with reason), back pages, and its live job list. */
import { printModeLabel, statusLabel, typeLabel } from "../../certificates/index.ts";
import { CertificatePreviewSlot } from "../../../views/certificate-preview.tsx";
import { CsrfField, Field, Notice } from "../../../views/components.tsx";
import { M } from "../messages.ts";
import type { DeskRow, JobRow } from "../queries.ts";
import { BACK_PAGE_MAX } from "../rules.ts";
import { JobsForm, JobTable } from "./jobs.tsx";

export type CertificatePrintProps = {
  cert: { id: string; number: string | null; applicationNo: string; type: string; printMode: string; status: string; printCount: number };
  /** Office staff choose the desk; an enterprise prints at its own. */
  desks: DeskRow[];
  office: boolean;
  refusal: string | null;
  jobs: JobRow[];
  awaitingSerial: ReadonlySet<string>;
  hasBackPage: boolean;
  csrfToken: string;
  notice?: string;
  error?: string;
  reprintReason?: string;
  /** The reprint reason's own refusal, shown beside it. */
  reprintReasonError?: string;
};

export const certificatePrintPath = (id: string) => `/print/certificates/${id}`;

export function CertificatePrintPage(p: CertificatePrintProps) {
  const c = p.cert;
  const action = `/print/certificates/${c.id}/jobs`;
  // Two forms may each carry the desk choice: each gets its own id.
  const deskSelect = (form: string) =>
    p.office &&
    p.desks.length > 1 && (
      <div class="field">
        <label for={`f-${form}-deskId`}>打印台</label>
        <select id={`f-${form}-deskId`} name="deskId">
          {p.desks.map((d) => (
            <option value={d.id}>{d.name}</option>
          ))}
        </select>
      </div>
    );
  return (
    <section>
      <h1>
        {M.certificatePrintTitle}：{c.number ?? c.applicationNo}
      </h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.error && (
        <div class="alert error" role="alert" id="print-error">
          {p.error}
        </div>
      )}
      <dl class="facts">
        <dt>证书类型</dt>
        <dd>{typeLabel(c.type)}</dd>
        <dt>打印方式</dt>
        <dd>{printModeLabel(c.printMode)}</dd>
        <dt>证书状态</dt>
        <dd>{statusLabel(c.status)}</dd>
        <dt>已打印次数</dt>
        <dd id="print-count">{c.printCount}</dd>
      </dl>
      <CertificatePreviewSlot id={c.id} />

      {p.refusal ? (
        <p class="alert warn">{p.refusal}</p>
      ) : (
        <form method="post" action={action} class="inline" id="print-form">
          <CsrfField token={p.csrfToken} />
          <input type="hidden" name="what" value="certificate" />
          {deskSelect("print")}
          {c.printCount > 0 && (
            <Field
              name="reprintReason"
              label="重印原因"
              hint={M.reprintReasonRequired}
              values={{ reprintReason: p.reprintReason ?? "" }}
              errors={p.reprintReasonError ? { reprintReason: p.reprintReasonError } : undefined}
              required
            />
          )}
          <button type="submit" class="primary">
            {c.printCount > 0 ? "重印" : "打印"}
          </button>
        </form>
      )}

      {p.hasBackPage && !p.refusal && (
        <form method="post" action={action} class="inline">
          <CsrfField token={p.csrfToken} />
          <input type="hidden" name="what" value="back-pages" />
          {deskSelect("back")}
          <div class="field">
            <label for="f-count">背页数量</label>
            <input id="f-count" name="count" type="number" min="1" max={String(BACK_PAGE_MAX)} value="1" inputmode="numeric" required />
          </div>
          <button type="submit" class="secondary">
            打印背页
          </button>
        </form>
      )}

      <section class="part" aria-labelledby="h-jobs">
        <h2 id="h-jobs">打印任务</h2>
        <JobsForm streamUrl={`/print/certificates/${c.id}/events`} back={certificatePrintPath(c.id)} csrfToken={p.csrfToken}>
          <JobTable jobs={p.jobs} selectable awaitingSerial={p.awaitingSerial} />
        </JobsForm>
      </section>
    </section>
  );
}
