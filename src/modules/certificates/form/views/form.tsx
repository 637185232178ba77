/**
 * The certificate page (制单): one page per certificate, its boxes in the order of the form, every
 * machine-review problem next to its field and listed at the top. The same components render the
 * read-only view of a certificate that can no longer be edited.
 *
 * Without JavaScript every button is a plain form post (buttons named `op` edit goods lines and fix
 * fields). With htmx the form saves itself on change and every 30 seconds, and the `op` buttons
 * swap the re-rendered form in place.
 *
 * Its parts: form-model.ts (the model and what the page computes from it), form-fields.tsx (one
 * field, its problems, the editing buttons), form-goods.tsx (goods lines), form-read-only.tsx (the
 * view of a certificate that can no longer be edited, history), form-pick-lists.tsx (datalists).
 */
import type { Child } from "hono/jsx";
import { assetUrl } from "../../../../lib/static-assets.ts";
import { CsrfField, Notice } from "../../../../views/components.tsx";
import { fmtTime, StatusBadge } from "../../../../views/list.tsx";
import { statusLabel } from "../../labels.ts";
import { AUTOSAVE_EVERY } from "../../data/form-data.ts";
import { FM } from "../form-messages.ts";
import { anchorOf, layoutKeys, OTHER, writeTouched, type Section, type Touched } from "../form-layout.ts";
import type { CertificateStatus } from "../../lifecycle.ts";
import type { Problem } from "../../checks/review-problems.ts";
import type { RetroactiveMark } from "../../checks/review-rules.ts";
import { generateRouteText, routeLine } from "../../route.ts";
import { CertificatePreviewLink, CertificatePreviewSlot } from "../../../../views/certificate-preview.tsx";
import { BoxTitle, FieldView, OpButton, Slot } from "./form-fields.tsx";
import { GoodsEditor } from "./form-goods.tsx";
import { inputId, slotId, titled, viewOf, type FormModel, type View } from "./form-model.ts";
import { PickListsLoader } from "./form-pick-lists.tsx";
import { History, ReadOnlyCertificate } from "./form-read-only.tsx";

// routes.tsx imports the page and its parts from here alone.
export type { FormModel } from "./form-model.ts";
export { inputId } from "./form-model.ts";
export { Datalists } from "./form-pick-lists.tsx";

// ---- the page ----

export const certificateStreamPath = (id: string) => `/certificates/${id}/events`;

/** Numbers and status at the top of the certificate page: the part the office and the print desk change. */
export function CertificateFacts({ applicationNo, number, status }: { applicationNo: string; number: string | null; status: CertificateStatus }) {
  return (
    <dl class="facts">
      <dt>{FM.applicationNo}</dt>
      <dd>{applicationNo}</dd>
      {number && (
        <>
          <dt>{FM.certificateNo}</dt>
          <dd>{number}</dd>
        </>
      )}
      <dt>{FM.status}</dt>
      <dd>
        <StatusBadge status={status} label={statusLabel(status)} />
      </dd>
    </dl>
  );
}

export function CertificatePage(m: FormModel) {
  const v = viewOf(m);
  return (
    <section class="cert-page" aria-labelledby="cert-title">
      <h1 id="cert-title">
        {m.type.nameZh}
        <span class="title-en" lang="en">
          {m.type.titleEn}
        </span>
      </h1>
      {/* Follows the office's and the print desk's changes (approved, returned, voided, printed) without a reload. */}
      <div id="certificate-facts" class="live" hx-sse:connect={certificateStreamPath(m.id)} hx-swap="innerMorph">
        <CertificateFacts applicationNo={m.applicationNo} number={m.number} status={m.status} />
      </div>
      {m.notice && <Notice>{m.notice}</Notice>}
      {m.replacesId && (
        <p>
          {FM.replaces}
          <a href={`/certificates/${m.replacesId}`}>{m.replacesId}</a>
        </p>
      )}
      {m.replacedById && (
        <p>
          {FM.replacedBy}
          <a href={`/certificates/${m.replacedById}`}>{m.replacedById}</a>
        </p>
      )}
      {m.returnReason && m.status === "RETURNED" && (
        <div class="alert error">
          <p>
            {FM.returnReason}：{m.returnReason}
          </p>
        </div>
      )}
      <RetroNote retro={m.retro} />
      {m.editable && <ProblemSummary v={v} />}
      {m.editable ? <CertificateForm {...m} /> : <ReadOnlyCertificate v={v} />}
      {m.editable && <PickListsLoader type={m.type} today={m.today} />}
      {m.editable && <script src={assetUrl("certificate-form.js")} defer></script>}
      {m.editable ? <CertificatePreviewLink id={m.id} /> : <CertificatePreviewSlot id={m.id} />}
      <History history={m.history} />
    </section>
  );
}

function RetroNote({ retro, oob }: { retro: RetroactiveMark | null; oob?: boolean }) {
  return (
    <div id="retro-note" hx-swap-oob={oob ? "true" : undefined}>
      {retro && <p class="alert">{FM.retroactive(retro.wording, retro.box)}</p>}
    </div>
  );
}

function ProblemSummary({ v, oob }: { v: View; oob?: boolean }) {
  const errors = v.shown.filter((p) => p.severity === "error");
  const warnings = v.shown.length - errors.length;
  const todo = v.todo.filter((p) => p.severity === "error");
  const heading = v.sendFailed
    ? FM.sendBlocked(errors.length)
    : errors.length
      ? FM.summaryDraft(errors.length)
      : todo.length
        ? FM.summaryTodo(todo.length)
        : FM.summaryNone;
  const anchorKey = (p: Problem) => [...v.byAnchor].find(([, list]) => list.includes(p))?.[0] ?? OTHER;
  // The field's own label titles its problem (抵运国, not the group 抵运地).
  const labelOf = (p: Problem, key: string) => FM.label(key === OTHER ? p.field : key);
  const todoKey = (p: Problem) => anchorOf(p.field);
  return (
    <div
      id="problem-summary"
      class={v.sendFailed ? "alert error summary" : errors.length ? "alert summary" : todo.length ? "alert todo summary" : "alert ok summary"}
      role={v.sendFailed ? "alert" : undefined}
      tabindex={-1}
      autofocus={v.sendFailed || undefined}
      hx-swap-oob={oob ? "true" : undefined}
    >
      <p class="summary-title">{heading}</p>
      {v.shown.length > 0 && (
        <ul>
          {v.shown.map((p) => {
            const key = anchorKey(p);
            return (
              <li class={p.severity === "warning" ? "warning" : undefined}>
                <a href={key === OTHER ? `#${slotId(OTHER)}` : `#${inputId(key)}`}>
                  {p.severity === "warning" && `${FM.warning}：`}
                  {titled(labelOf(p, key), p.message)}
                </a>{" "}
                <span class="hint">{p.hint}</span>
              </li>
            );
          })}
        </ul>
      )}
      {todo.length > 0 && (
        <ul class="todo-list" aria-label={FM.todoLabel}>
          {todo.map((p) => (
            <li>
              <a href={`#${inputId(todoKey(p))}`}>{titled(FM.label(todoKey(p)), p.message)}</a>
            </li>
          ))}
        </ul>
      )}
      {!errors.length && warnings > 0 && <p class="hint">{FM.summaryWarnings(warnings)}</p>}
    </div>
  );
}

// ---- the editable form ----

/** The form element alone: what htmx swaps in after an editing operation. */
export function CertificateForm(m: FormModel) {
  const v = viewOf(m);
  return (
    <form
      id="cert-form"
      class="cert-form"
      method="post"
      action={v.action}
      novalidate
      hx-post={`${v.action}/autosave`}
      hx-trigger={`change delay:400ms, every ${AUTOSAVE_EVERY}`}
      hx-target="#autosave-status"
      hx-swap="outerHTML"
      hx-sync:inherited="#cert-form:queue all"
    >
      <CsrfField token={m.csrfToken} />
      {/* Enter in a field submits with the first submit button: make that 保存, not an editing button. */}
      <button type="submit" class="default-submit" tabindex={-1} aria-hidden="true">
        {FM.save}
      </button>
      <RevisionField revision={m.revision} />
      <TouchedField touched={m.touched} />
      <AutosaveStatus v={v} text={m.statusText} />
      {m.alert && (
        <div class="alert error" role="alert">
          <p>{m.alert}</p>
          {m.stale && <StaleOptions v={v} />}
        </div>
      )}
      <Slot v={v} k={OTHER} />
      {v.layout.map((s) => (
        <SectionView v={v} s={s} />
      ))}
      <div class="actions form-actions">
        <button type="submit" class="primary">
          {FM.save}
        </button>
        <button type="submit" formaction={`${v.action}/check`} class="secondary" hx-post={`${v.action}/check`} hx-target="#problem-summary" hx-swap="outerHTML">
          {FM.check}
        </button>
        <button type="submit" formaction={`${v.action}/submission`} class="primary">
          {FM.send}
        </button>
        <button type="submit" formaction={`${v.action}/copies`} class="secondary">
          {FM.copy}
        </button>
        <a href={`/certificates/${v.id}/attachments`}>{FM.attachments}</a>
        {m.deletable && (
          <button type="submit" formaction={`${v.action}/deletion`} class="secondary danger">
            {FM.delete}
          </button>
        )}
        <a href="/certificates">{FM.back}</a>
      </div>
    </form>
  );
}

/** Fields the person has left (certificate-form.js adds them), so their problems show; "*" after 检查/发送. */
function TouchedField({ touched, oob }: { touched: Touched; oob?: boolean }) {
  return <input type="hidden" id="f-touched" name="touched" value={writeTouched(touched)} hx-swap-oob={oob ? "true" : undefined} />;
}

function RevisionField({ revision, oob }: { revision: number; oob?: boolean }) {
  return <input type="hidden" id="f-revision" name="revision" value={String(revision)} hx-swap-oob={oob ? "true" : undefined} />;
}

function AutosaveStatus({ v, text, error }: { v: Pick<View, "savedAt">; text?: string; error?: Child }) {
  return (
    <div id="autosave-status" class={error ? "autosave-status failed" : "autosave-status"} role="status" data-session-expired={FM.sessionExpired}>
      {error ?? text ?? FM.savedAt(fmtTime(v.savedAt).slice(11))}
    </div>
  );
}

function StaleOptions({ v }: { v: Pick<View, "action"> }) {
  return (
    <p>
      {FM.staleOptions}
      <a href={v.action}>{FM.reloadLatest}</a>
      {FM.or}
      <button type="submit" name="op" value="overwrite" formaction={v.action} class="secondary small">
        {FM.overwrite}
      </button>
    </p>
  );
}

function SectionView({ v, s }: { v: View; s: Section }) {
  if (s.kind === "goods") return <GoodsEditor v={v} s={s} />;
  if (s.kind === "application") {
    return (
      <fieldset class="box" id={s.id}>
        <legend>{FM.applicationLegend}</legend>
        <div class="box-fields">
          {s.fields.map((f) => (
            <FieldView v={v} f={f} />
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <fieldset class="box" id={s.id}>
      <legend>
        <BoxTitle no={s.no} zh={s.zh} en={s.titleEn} />
      </legend>
      {s.fields.some((f) => f.key === "exporter.name") && <ExporterHint v={v} />}
      <div class={s.transport ? "box-fields transport" : "box-fields"}>
        {s.fields.map((f) => (
          <>
            {f.key === "transport.routeText" && <RoutePreview v={v} />}
            <FieldView v={v} f={f} />
          </>
        ))}
      </div>
    </fieldset>
  );
}

function ExporterHint({ v }: { v: View }) {
  const { nameEn, addressEn } = v.context.enterprise;
  const same = v.body.exporter?.name === nameEn && v.body.exporter?.address === addressEn;
  return (
    <p class="hint">
      {FM.filedExporter(nameEn, addressEn)}
      {!same && (
        <>
          {" "}
          <OpButton v={v} op="exporter" label={FM.useFiledExporter} focus="exporter.op" />
        </>
      )}
    </p>
  );
}

export function RoutePreview({ v, oob }: { v: Pick<View, "body" | "action" | "focus">; oob?: boolean }) {
  const generated = generateRouteText(v.body.transport);
  const own = v.body.transport?.routeText?.trim();
  return (
    <div id="route-preview" class="route-preview" hx-swap-oob={oob ? "true" : undefined}>
      <p>
        {FM.routeGenerated}
        <code lang="en">{generated || FM.routeEmpty}</code>
      </p>
      {own && (
        <p>
          {FM.routePrinted}
          <code lang="en">{routeLine(v.body.transport)}</code>
        </p>
      )}
      {generated && <OpButton v={v} op="route" label={FM.routeEdit} />}
    </div>
  );
}

// ---- live updates (autosave, check) ----

/**
 * What autosave and the live check answer: the status line, and out of band the revision, the
 * summary, every field's problems, the route line and the retroactive note. Inputs are never
 * replaced, so typing in progress is untouched.
 */
export function LiveUpdate({ m, status, error }: { m: FormModel; status?: string; error?: Child }) {
  const v = viewOf(m);
  const keys = layoutKeys(v.layout, m.body.goods?.length ?? 0);
  return (
    <>
      <AutosaveStatus v={v} text={status} error={error} />
      <RevisionField revision={m.revision} oob />
      <ProblemSummary v={v} oob />
      {[...keys].map((k) => (
        <Slot v={v} k={k} oob />
      ))}
      <RoutePreview v={v} oob />
      <RetroNote retro={m.retro} oob />
    </>
  );
}

/** The live check's answer when the summary itself is the target. */
export function CheckResult({ m }: { m: FormModel }) {
  const v = viewOf(m);
  const keys = layoutKeys(v.layout, m.body.goods?.length ?? 0);
  return (
    <>
      <ProblemSummary v={v} />
      <TouchedField touched={m.touched} oob />
      {[...keys].map((k) => (
        <Slot v={v} k={k} oob />
      ))}
      <RoutePreview v={v} oob />
      <RetroNote retro={m.retro} oob />
    </>
  );
}

export function AutosaveRefused({ m, message, stale }: { m: Pick<FormModel, "savedAt" | "id">; message: string; stale: boolean }) {
  return (
    <AutosaveStatus
      v={m}
      error={
        <>
          {FM.autosaveFailed}
          {message}
          {stale && <StaleOptions v={{ action: `/certificates/${m.id}` }} />}
        </>
      }
    />
  );
}

/** 删除 asks first: a page with the one button that deletes, reachable without JavaScript. */
export function DeleteConfirm({ id, applicationNo, invoiceNo, csrfToken }: { id: string; applicationNo: string; invoiceNo: string; csrfToken: string }) {
  return (
    <section class="narrow" aria-labelledby="delete-title">
      <h1 id="delete-title">{FM.deleteConfirmTitle}</h1>
      <p>{FM.deleteConfirm(applicationNo, invoiceNo)}</p>
      <form method="post" action={`/certificates/${id}/deletion`} class="actions">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="primary danger" autofocus>
          {FM.deleteYes}
        </button>
        <a href={`/certificates/${id}`}>{FM.deleteNo}</a>
      </form>
    </section>
  );
}
