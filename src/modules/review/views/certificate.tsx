import { certificateType, printModeLabel, type Problem } from "../../certificates/index.ts";
import { assetUrl } from "../../../lib/static-assets.ts";
import { CsrfField, Notice } from "../../../views/components.tsx";
import { fmtTime, ProblemList, StatusBadge } from "../../../views/list.tsx";
import { M } from "../messages.ts";
import { statusLabel } from "../rules.ts";
import { CertificatePreviewSlot } from "../../../views/certificate-preview.tsx";
import { Boxes, Changes, type Detail, Enterprise, Filings, History } from "./certificate-record.tsx";
import { CertificateAttachmentsPanel, type CertificateAttachmentItem } from "../../commercial/index.ts";

/** Who else is reviewing this certificate, if anyone. */
export type Marker = { name: string; since: Date } | null;

export type ReviewProps = {
  d: Detail;
  csrfToken: string;
  marker: Marker;
  notice?: string;
  /** A refused action's message (someone was quicker, the state changed). */
  error?: string;
  /** Problems that blocked an approval. */
  blocking?: Problem[];
  returnError?: string;
  returnReason?: string;
  serialError?: string;
  serial?: string;
  /** The next certificate waiting in the same queue (下一份), if any. */
  next?: string | null;
  /** 关联单据 the exporter attached (invoice, packing list): read beside the application, never printed. */
  attachments?: CertificateAttachmentItem[];
};

function TextArea({
  id,
  name,
  label,
  hint,
  error,
  value,
  shortcut,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  error?: string;
  value?: string;
  shortcut?: string;
}) {
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        required
        data-shortcut={shortcut}
        aria-keyshortcuts={shortcut && `Alt+${shortcut.slice(3)}`}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      >
        {value ?? ""}
      </textarea>
    </div>
  );
}

function Actions(p: ReviewProps) {
  const { d, csrfToken } = p;
  const base = `/office/certificates/${d.id}`;
  const voidable = ["DRAFT", "PENDING", "RETURNED", "APPROVED"].includes(d.status);
  const serialForm = d.printMode === "PCO" && (d.status === "APPROVED" || d.status === "ISSUED");
  if (!voidable && !serialForm) return null;
  return (
    <section aria-labelledby="actions-title" class="panel">
      <h2 id="actions-title">审核操作</h2>
      {d.status === "PENDING" && (
        <>
          <p class="hint" id="shortcuts">
            {M.shortcuts}
          </p>
          <form method="post" action={`${base}/approval`} class="actions">
            <CsrfField token={csrfToken} />
            <button type="submit" class="primary" data-shortcut="KeyA" aria-keyshortcuts="Alt+A" aria-describedby="shortcuts">
              {M.approve} <kbd>Alt+A</kbd>
            </button>
          </form>
          <form method="post" action={`${base}/return`} novalidate>
            <CsrfField token={csrfToken} />
            <TextArea
              id="f-reason"
              name="reason"
              label={M.returnReason}
              hint={M.returnReasonHint}
              error={p.returnError}
              value={p.returnReason}
              shortcut="KeyR"
            />
            <button type="submit" class="secondary">
              {M.returnButton}
            </button>
          </form>
        </>
      )}
      {serialForm && (
        <form method="post" action={`${base}/form-serial`} novalidate class="serial">
          <CsrfField token={csrfToken} />
          <div class={p.serialError ? "field has-error" : "field"}>
            <label for="f-formSerial">{M.formSerialLabel}</label>
            <p class="hint" id="f-formSerial-hint">
              {M.formSerialHint}
            </p>
            {p.serialError && (
              <p class="field-error" id="f-formSerial-error">
                {p.serialError}
              </p>
            )}
            <input
              id="f-formSerial"
              name="formSerial"
              value={p.serial ?? d.formSerial ?? ""}
              autocomplete="off"
              aria-invalid={p.serialError ? "true" : undefined}
              aria-describedby={`f-formSerial-hint${p.serialError ? " f-formSerial-error" : ""}`}
            />
          </div>
          <button type="submit" class="secondary">
            {M.formSerialButton}
          </button>
        </form>
      )}
      {p.next && (
        <p>
          <a href={`/office/certificates/${p.next}`} data-shortcut="KeyN" aria-keyshortcuts="Alt+N">
            {M.nextInQueue} <kbd>Alt+N</kbd>
          </a>
        </p>
      )}
      {voidable && (
        <p>
          <a href={`${base}/void`} class="danger-link">
            {M.voidLink}
          </a>
        </p>
      )}
    </section>
  );
}

/** The review page (manual §四(二)): facts, actions, fresh machine review, boxes, filings, enterprise, history. */
export function ReviewPage(p: ReviewProps) {
  const { d } = p;
  return (
    <section aria-labelledby="review-title">
      <script src={assetUrl("shortcuts.js")} defer></script>
      <h1 id="review-title">
        {M.reviewTitle}：{d.enterprise.nameZh} {d.invoiceNo}
      </h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.error && (
        <div class="alert error" role="alert">
          {p.error}
        </div>
      )}
      {p.marker && (
        <div class="alert" role="status">
          {M.reviewingBy(p.marker.name, fmtTime(p.marker.since).slice(11))}
        </div>
      )}
      <dl class="facts">
        <dt>状态</dt>
        <dd>
          <StatusBadge status={d.status} label={statusLabel(d.status)} />
        </dd>
        <dt>{M.columns.type}</dt>
        <dd>
          {certificateType(d.body.type).nameZh}（{d.type}），{printModeLabel(d.printMode)}
        </dd>
        <dt>{M.applicationNo}</dt>
        <dd>{d.applicationNo}</dd>
        {d.number && (
          <>
            <dt>{M.number}</dt>
            <dd>
              <strong>{d.number}</strong>
            </dd>
          </>
        )}
        {d.formSerial && (
          <>
            <dt>{M.formSerial}</dt>
            <dd>{d.formSerial}</dd>
          </>
        )}
        <dt>{M.sentAt}</dt>
        <dd>{fmtTime(d.sentAt)}</dd>
        <dt>{M.source}</dt>
        <dd>{M.sources[d.source] ?? d.source}</dd>
        {d.retroactive && (
          <>
            <dt>后补</dt>
            <dd class="warning">{M.retroactive(d.retroactive.wording)}</dd>
          </>
        )}
        {d.returnReason && d.status === "RETURNED" && (
          <>
            <dt>{M.returnReason}</dt>
            <dd class="field-error">{d.returnReason}</dd>
          </>
        )}
        {d.voidReason && (
          <>
            <dt>{M.voidReason}</dt>
            <dd class="field-error">{d.voidReason}</dd>
          </>
        )}
        {d.replaces && (
          <>
            <dt>改证重发</dt>
            <dd>
              {M.replaces} <a href={`/office/certificates/${d.replaces.id}`}>{d.replaces.number ?? d.replaces.applicationNo}</a>（
              {statusLabel(d.replaces.status)}）
            </dd>
          </>
        )}
        {d.replacedBy && (
          <>
            <dt>已替代</dt>
            <dd>
              {M.replacedBy}
              <a href={`/office/certificates/${d.replacedBy.id}`}>{d.replacedBy.number ?? d.replacedBy.applicationNo}</a>
            </dd>
          </>
        )}
      </dl>
      {p.blocking && <ProblemList title={M.machineReviewProblems} problems={p.blocking} />}
      <Changes d={d} opened={!p.notice && !p.error && !p.blocking && !p.returnError} />
      <Actions {...p} />
      <section aria-labelledby="machine-title">
        <h2 id="machine-title">{M.machineReview}</h2>
        {d.problems.length ? <ProblemList title={M.machineReviewProblems} problems={d.problems} /> : <p class="ok-text">{M.machineReviewOk}</p>}
      </section>
      <Boxes d={d} />
      {p.attachments && <CertificateAttachmentsPanel items={p.attachments} />}
      <CertificatePreviewSlot id={d.id} />
      <Filings d={d} />
      <Enterprise d={d} />
      <History d={d} />
    </section>
  );
}

/** 作废 confirmation: says it is final and where to go instead (manual Q13). */
export function VoidPage({ d, csrfToken, error, reason }: { d: Detail; csrfToken: string; error?: string; reason?: string }) {
  const base = `/office/certificates/${d.id}`;
  return (
    <section aria-labelledby="void-title">
      <h1 id="void-title">
        {M.voidTitle}：{d.number ?? d.applicationNo}
      </h1>
      <div class="alert error" role="alert">
        <p>
          <strong>{M.voidFinal}</strong>
        </p>
        <p>{M.voidGuide}</p>
      </div>
      <dl class="facts">
        <dt>{M.columns.enterpriseName}</dt>
        <dd>{d.enterprise.nameZh}</dd>
        <dt>{M.columns.invoiceNo}</dt>
        <dd>{d.invoiceNo}</dd>
        <dt>状态</dt>
        <dd>{statusLabel(d.status)}</dd>
      </dl>
      <form method="post" action={`${base}/void`} novalidate>
        <CsrfField token={csrfToken} />
        <TextArea id="f-reason" name="reason" label={M.voidReason} hint={M.voidReasonHint} error={error} value={reason} />
        <div class="actions">
          <button type="submit" class="danger">
            {M.voidConfirm}
          </button>
          <a href={base}>{M.cancel}</a>
        </div>
      </form>
    </section>
  );
}
