/** The reviewer's 工作台 (/office): the waiting work at a glance, every number a link to its queue. */
import { fmtTime } from "../../../views/list.tsx";
import { M } from "../messages.ts";
import type { Workbench } from "../service.ts";

export function WorkbenchView({ w }: { w: Workbench }) {
  return (
    <section class="part" aria-labelledby="wb-title">
      <h2 id="wb-title">{M.wbTitle}</h2>
      <ul class="queue-counts">
        {w.queues.map((q) => (
          <li>
            <a href={q.href}>
              {q.label} <strong>{q.count}</strong>
            </a>
          </li>
        ))}
        <li>
          <a href="/office/products">
            {M.productsTab} <strong>{w.products}</strong>
          </a>
        </li>
      </ul>
      <dl class="facts">
        <dt>{M.wbOldest}</dt>
        <dd>
          {w.oldest ? (
            <a href={`/office/certificates/${w.oldest.id}`}>
              {w.oldest.invoiceNo || w.oldest.applicationNo}（{M.wbSentAt(fmtTime(w.oldest.sentAt))}）
            </a>
          ) : (
            M.wbNothingWaiting
          )}
        </dd>
        <dt>{M.wbSentToday}</dt>
        <dd>
          <a href="/office/certificates?tab=today">{w.sentToday}</a>
        </dd>
        <dt>{M.wbApprovedToday}</dt>
        <dd>{w.approvedToday}</dd>
      </dl>
      <h3>{M.wbClaimed}</h3>
      {w.claimed.length ? (
        <ul>
          {w.claimed.map((c) => (
            <li>
              <a href={`/office/certificates/${c.id}`}>{c.invoiceNo || c.applicationNo}</a> {M.reviewingBy(c.by, fmtTime(c.reviewingSince).slice(11))}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{M.wbNoneClaimed}</p>
      )}
    </section>
  );
}
