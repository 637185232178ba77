/** The job table every print page shows (desk, local printing, certificate), and its live region. */
import type { Child } from "hono/jsx";
import { CsrfField } from "../../../views/components.tsx";
import { fmtTime, StatusBadge } from "../../../views/list.tsx";
import { M } from "../messages.ts";
import type { JobRow } from "../queries.ts";
import { isCancellable, isRetryable } from "../rules.ts";

export type JobTableProps = {
  jobs: JobRow[];
  /** Boxes to tick several jobs and cancel them at once (the surrounding form posts them). */
  selectable: boolean;
  /** Certificates printed on pre-printed forms still waiting for their form serial: link to the office's 修改印刷号. */
  awaitingSerial?: ReadonlySet<string>;
};

export function JobTable({ jobs, selectable, awaitingSerial }: JobTableProps) {
  if (!jobs.length) return <p class="muted">{M.noJobs}</p>;
  // Cancelling is offered only while some job can still be cancelled; it sits inside the live
  // region so it appears and goes with the jobs.
  const cancellable = selectable && jobs.some((j) => isCancellable(j.state));
  return (
    <>
      <table class="jobs">
        <thead>
          <tr>
            {selectable && <th scope="col">选择</th>}
            <th scope="col">任务</th>
            <th scope="col">类型</th>
            <th scope="col">份数</th>
            <th scope="col">状态</th>
            <th scope="col">说明</th>
            <th scope="col">更新时间</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr id={`job-${j.id}`} data-state={j.state}>
              {selectable && (
                <td>{isCancellable(j.state) && <input type="checkbox" name="ids" value={j.id} id={`pick-${j.id}`} aria-label={`选择 ${j.title}`} />}</td>
              )}
              <td>
                {j.title}
                {j.reprintReason && <span class="muted">（重印）</span>}
              </td>
              <td>{M.kindLabels[j.kind]}</td>
              <td>{j.copies}</td>
              <td>
                <StatusBadge status={j.state} label={M.stateLabels[j.state]} />
              </td>
              <td>{j.message ?? ""}</td>
              <td>{fmtTime(j.updatedAt)}</td>
              <td>
                {isRetryable(j.state) && (
                  <button type="submit" class="secondary" formaction={`/print/jobs/${j.id}/retry`} formmethod="post" formnovalidate>
                    重试
                  </button>
                )}
                {j.state === "DONE" && j.certificateId && awaitingSerial?.has(j.certificateId) && (
                  <a href={`/office/certificates/${j.certificateId}`} title={M.formSerialHint}>
                    {M.formSerialLink}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cancellable && (
        <p class="actions">
          <button type="submit" class="danger">
            {M.cancelSelected}
          </button>
          <span class="muted">{M.cancelHint}</span>
        </p>
      )}
    </>
  );
}

/**
 * The jobs form: the live region (refreshed by server-sent events) inside a form whose boxes can be
 * ticked and cancelled together; retry buttons post the same form to their own action.
 */
export function JobsForm({ streamUrl, back, csrfToken, children }: { streamUrl: string; back: string; csrfToken: string; children: Child }) {
  return (
    <form method="post" action="/print/jobs/cancel" class="jobs-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="back" value={back} />
      <div id="print-jobs" class="live" hx-sse:connect={streamUrl} hx-swap="innerMorph">
        {children}
      </div>
    </form>
  );
}
