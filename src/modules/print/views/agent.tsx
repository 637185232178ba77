/** The enterprise's local printing (本地打印): its desk agent, the certificates it may print, and its jobs live. */
import { typeLabel } from "../../certificates/index.ts";
import { CsrfField, Notice } from "../../../views/components.tsx";
import { M } from "../messages.ts";
import type { DeskRow, JobRow, PrinterRow } from "../queries.ts";
import { PrinterStatus } from "./desk.tsx";
import { JobsForm, JobTable } from "./jobs.tsx";
import { AgentToken } from "./setup.tsx";

export type AgentPageProps = {
  desk: DeskRow | null;
  printers: PrinterRow[];
  online: boolean;
  printable: { id: string; number: string | null; applicationNo: string; type: string; invoiceNo: string; printCount: number }[];
  jobs: JobRow[];
  csrfToken: string;
  token?: { token: string; serverUrl: string };
  notice?: string;
};

export const AGENT_PAGE = "/print/agent";

export function AgentPage(p: AgentPageProps) {
  return (
    <section>
      <h1>{M.agentTitle}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.token && <AgentToken token={p.token.token} serverUrl={p.token.serverUrl} />}

      <section class="part" aria-labelledby="h-agent">
        <h2 id="h-agent">打印组件</h2>
        <p class="hint">打印组件运行在连接打印机的电脑上，主动连接本系统接收打印任务，无需开放端口，也无需修改打印机名称。</p>
        {p.desk ? <PrinterStatus desk={p.desk} printers={p.printers} agentOnline={p.online} /> : <p>{M.agentNever}</p>}
        <form method="post" action={`${AGENT_PAGE}/token`} class="inline">
          <CsrfField token={p.csrfToken} />
          <button type="submit" class={p.desk ? "secondary" : "primary"}>
            {p.desk ? "生成新令牌（旧令牌立即失效）" : "注册打印组件"}
          </button>
        </form>
      </section>

      {p.desk && (
        <section class="part" aria-labelledby="h-printable">
          <h2 id="h-printable">可打印的证书</h2>
          {p.printable.length === 0 ? (
            <p class="muted">没有已审核、申请了本地打印的 eCO 证书。</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">证书号</th>
                  <th scope="col">类型</th>
                  <th scope="col">发票号</th>
                  <th scope="col">已打印次数</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {p.printable.map((c) => (
                  <tr>
                    <td>{c.number ?? c.applicationNo}</td>
                    <td>{typeLabel(c.type)}</td>
                    <td>{c.invoiceNo}</td>
                    <td>{c.printCount}</td>
                    <td>
                      {c.printCount > 0 ? (
                        <a href={`/print/certificates/${c.id}`}>重印…</a>
                      ) : (
                        <form method="post" action={`/print/certificates/${c.id}/jobs`} class="inline">
                          <CsrfField token={p.csrfToken} />
                          <input type="hidden" name="what" value="certificate" />
                          <input type="hidden" name="back" value={AGENT_PAGE} />
                          <button type="submit" class="primary">
                            打印
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {p.desk && (
        <section class="part" aria-labelledby="h-jobs">
          <h2 id="h-jobs">打印任务</h2>
          <JobsForm streamUrl={`${AGENT_PAGE}/events`} back={AGENT_PAGE} csrfToken={p.csrfToken}>
            <JobTable jobs={p.jobs} selectable />
          </JobsForm>
        </section>
      )}
    </section>
  );
}
