/** The print clerk's desk (打印台): printer, certificates waiting, back pages, and the live job list. */
import { printModeLabel, typeLabel, type CertificateListRow } from "../../certificates/index.ts";
import { CsrfField, Notice } from "../../../views/components.tsx";
import { M } from "../messages.ts";
import type { DeskRow, JobRow, PrinterRow } from "../queries.ts";
import { BACK_PAGE_MAX } from "../rules.ts";
import { JobsForm, JobTable } from "./jobs.tsx";

export type DeskPageProps = {
  desks: DeskRow[];
  desk: DeskRow | null;
  printers: PrinterRow[];
  agentOnline: boolean;
  waiting: CertificateListRow[];
  queued: ReadonlySet<string>;
  jobs: JobRow[];
  awaitingSerial: ReadonlySet<string>;
  backPageTypes: string[];
  csrfToken: string;
  notice?: string;
  error?: string;
};

export const deskPath = (deskId: string) => `/office/print?desk=${encodeURIComponent(deskId)}`;
export const deskStreamPath = (deskId: string) => `/office/print/events?desk=${encodeURIComponent(deskId)}`;
/** The office's 待打印 list is the same on every desk: one stream for the office. */
export const WAITING_STREAM = "/office/print/waiting/events";

export function PrinterStatus({ desk, printers, agentOnline }: { desk: DeskRow; printers: PrinterRow[]; agentOnline: boolean }) {
  const current = printers.find((p) => p.id === desk.printerId);
  return (
    <dl class="facts">
      <dt>打印方式</dt>
      <dd>{M.routeLabels[desk.route]}</dd>
      {desk.route === "AGENT" && (
        <>
          <dt>打印组件</dt>
          <dd>{agentOnline ? M.agentOnline : desk.agentSeenAt ? M.agentOffline : M.agentNever}</dd>
        </>
      )}
      <dt>当前打印机</dt>
      <dd>
        {current ? (
          <>
            {current.name} <span class="muted">{current.uri}</span>
            <br />
            打印机报告型号：{current.makeAndModel || "—"}{" "}
            {current.modelLabel ? <span class="badge approved">指定型号</span> : <span class="badge off">{M.stateLabels.PRINTER_MISMATCH}</span>}
          </>
        ) : (
          <span class="muted">{M.noPrinter}</span>
        )}
      </dd>
    </dl>
  );
}

export function DeskPage(p: DeskPageProps) {
  if (!p.desk) {
    return (
      <section>
        <h1>{M.deskTitle}</h1>
        <p class="alert warn">{M.noDesk}</p>
      </section>
    );
  }
  const desk = p.desk;
  const back = deskPath(desk.id);
  return (
    <section>
      <h1>
        {M.deskTitle}：{desk.name}
      </h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.error && (
        <div class="alert error" role="alert">
          {p.error}
        </div>
      )}
      {p.desks.length > 1 && (
        <form method="get" action="/office/print" class="inline">
          <div class="field">
            <label for="f-desk">打印台</label>
            <select id="f-desk" name="desk">
              {p.desks.map((d) => (
                <option value={d.id} selected={d.id === desk.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            切换
          </button>
        </form>
      )}

      <section class="part" aria-labelledby="h-printer">
        <h2 id="h-printer">打印机</h2>
        <PrinterStatus desk={desk} printers={p.printers} agentOnline={p.agentOnline} />
        {desk.route === "SERVER" && p.printers.length > 0 && (
          <form method="post" action={`/office/print/desks/${desk.id}/printer`} class="inline">
            <CsrfField token={p.csrfToken} />
            <div class="field">
              <label for="f-printer">选择打印机</label>
              <select id="f-printer" name="printerId">
                {p.printers.map((pr) => (
                  <option value={pr.id} selected={pr.id === desk.printerId}>
                    {pr.name}（{pr.makeAndModel || pr.uri}）
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="secondary">
              使用此打印机
            </button>
          </form>
        )}
      </section>

      <section class="part" aria-labelledby="h-jobs">
        <h2 id="h-jobs">打印任务</h2>
        <JobsForm streamUrl={deskStreamPath(desk.id)} back={back} csrfToken={p.csrfToken}>
          <JobTable jobs={p.jobs} selectable awaitingSerial={p.awaitingSerial} />
        </JobsForm>
      </section>

      <section class="part" aria-labelledby="h-waiting">
        <h2 id="h-waiting">待打印证书</h2>
        {/* Redrawn live when a certificate is approved, voided or printed, or a job for one is queued or done. */}
        {/* One form around the live list: every clerk's stream shares the same HTML, so the list itself holds no CSRF token. */}
        <form method="post" action={`/office/print/desks/${desk.id}/jobs`}>
          <CsrfField token={p.csrfToken} />
          <div id="print-waiting" class="live" hx-sse:connect={WAITING_STREAM} hx-swap="innerMorph">
            <WaitingList waiting={p.waiting} queued={p.queued} />
          </div>
        </form>
      </section>

      <section class="part" aria-labelledby="h-back">
        <h2 id="h-back">打印背页</h2>
        <p class="hint">证书打印完成后，将已打印的证书翻面放入打印机，选择证书类型并填写背页数量。</p>
        <form method="post" action={`/office/print/desks/${desk.id}/back-pages`} class="inline">
          <CsrfField token={p.csrfToken} />
          <div class="field">
            <label for="f-formType">证书类型</label>
            <select id="f-formType" name="formType">
              {p.backPageTypes.map((t) => (
                <option value={t}>{typeLabel(t)}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-count">背页数量</label>
            <input id="f-count" name="count" type="number" min="1" max={String(BACK_PAGE_MAX)} value="1" inputmode="numeric" required />
          </div>
          <button type="submit" class="secondary">
            打印背页
          </button>
        </form>
      </section>
    </section>
  );
}

/**
 * The office's approved certificates not yet printed, each with 打印 (inside the desk's queue form)
 * unless a job already holds it.
 */
export function WaitingList({ waiting, queued }: { waiting: CertificateListRow[]; queued: ReadonlySet<string> }) {
  return waiting.length === 0 ? (
    <p class="muted">没有待打印的证书。</p>
  ) : (
    <table>
      <thead>
        <tr>
          <th scope="col">证书号</th>
          <th scope="col">企业</th>
          <th scope="col">类型</th>
          <th scope="col">方式</th>
          <th scope="col">发票号</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {waiting.map((c) => (
          <tr>
            <td>
              <a href={`/print/certificates/${c.id}`}>{c.number ?? c.applicationNo}</a>
            </td>
            <td>{c.enterpriseName}</td>
            <td>{typeLabel(c.type)}</td>
            <td>{printModeLabel(c.printMode)}</td>
            <td>{c.invoiceNo}</td>
            <td>
              {queued.has(c.id) ? (
                <span class="muted">已在打印任务中</span>
              ) : (
                <button type="submit" class="primary" name="certificateId" value={c.id}>
                  打印
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
