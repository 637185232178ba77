/** Office admin's print setup (打印设置): desks, printers (by IPP URI, checked), calibration, approved models. */
import type { ApprovedPrinterModel } from "../../../print/printer-models.ts";
import { typeLabel } from "../../certificates/index.ts";
import { CsrfField, Field, Notice } from "../../../views/components.tsx";
import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { M } from "../messages.ts";
import type { DeskRow, PrinterRow } from "../queries.ts";
import { CALIBRATION_LIMIT_MM } from "../rules.ts";

export type SetupPageProps = {
  desks: (DeskRow & { online: boolean })[];
  printers: PrinterRow[];
  models: (ApprovedPrinterModel & { builtIn: boolean })[];
  vendors: readonly string[];
  formTypes: string[];
  csrfToken: string;
  /** A desk agent token just issued: shown this once. */
  token?: { deskName: string; token: string; serverUrl: string };
  notice?: string;
  error?: string;
  /** Field errors of the form that was posted (`form` names it). */
  form?: { name: "desk" | "printer" | "model"; errors: FieldErrors; values: FormValues };
};

export function AgentToken({ token, serverUrl }: { token: string; serverUrl: string }) {
  return (
    <div class="alert ok" role="status">
      <p>{M.tokenShownOnce}</p>
      <code class="token" id="agent-token">
        {token}
      </code>
      <p>{M.agentCommand}</p>
      <code class="token">{`bun run desk-agent --server ${serverUrl} --token ${token} --printer ipp://打印机地址:631/ipp/print`}</code>
    </div>
  );
}

export function SetupPage(p: SetupPageProps) {
  const errorsOf = (name: string) => (p.form?.name === name ? p.form.errors : {});
  const valuesOf = (name: string) => (p.form?.name === name ? p.form.values : {});
  return (
    <section>
      <h1>{M.setupTitle}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.error && (
        <div class="alert error" role="alert">
          {p.error}
        </div>
      )}
      {p.token && (
        <>
          <h2>{p.token.deskName}</h2>
          <AgentToken token={p.token.token} serverUrl={p.token.serverUrl} />
        </>
      )}

      <section class="part" aria-labelledby="h-desks">
        <h2 id="h-desks">打印台</h2>
        {p.desks.length === 0 ? (
          <p class="muted">还没有打印台。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">打印方式</th>
                <th scope="col">打印机</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {p.desks.map((d) => {
                const printers = p.printers.filter((pr) => pr.deskId === d.id);
                return (
                  <tr>
                    <td>{d.name}</td>
                    <td>
                      {M.routeLabels[d.route]}
                      {d.route === "AGENT" && <span class="muted">（{d.online ? M.agentOnline : d.agentSeenAt ? M.agentOffline : M.agentNever}）</span>}
                    </td>
                    <td>{printers.length ? printers.map((pr) => pr.name).join("、") : "—"}</td>
                    <td>
                      {d.route === "AGENT" && (
                        <form method="post" action={`/office/print/setup/desks/${d.id}/token`} class="inline">
                          <CsrfField token={p.csrfToken} />
                          <button type="submit" class="secondary">
                            生成新令牌
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <form method="post" action="/office/print/setup/desks" class="inline">
          <CsrfField token={p.csrfToken} />
          <Field name="name" label="新打印台名称" values={valuesOf("desk")} errors={errorsOf("desk")} required />
          <div class="field">
            <label for="f-route">打印方式</label>
            <select id="f-route" name="route">
              <option value="SERVER">{M.routeLabels.SERVER}</option>
              <option value="AGENT">{M.routeLabels.AGENT}</option>
            </select>
          </div>
          <button type="submit" class="secondary">
            添加打印台
          </button>
        </form>
      </section>

      <section class="part" aria-labelledby="h-printers">
        <h2 id="h-printers">打印机</h2>
        <p class="hint">登记时系统会通过 IPP 询问打印机的型号（printer-make-and-model），与下方的指定型号核对；无需修改打印机名称。</p>
        {p.printers.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">打印台</th>
                <th scope="col">地址</th>
                <th scope="col">报告型号</th>
                <th scope="col">套打偏移（毫米）</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {p.printers.map((pr) => (
                <tr id={`printer-${pr.id}`}>
                  <td>{pr.name}</td>
                  <td>{p.desks.find((d) => d.id === pr.deskId)?.name}</td>
                  <td>{pr.uri}</td>
                  <td>
                    {pr.makeAndModel || "—"}
                    {pr.modelLabel && <div class="muted">{pr.modelLabel}</div>}
                  </td>
                  <td>
                    <form method="post" action={`/office/print/setup/printers/${pr.id}/calibration`} class="inline">
                      <CsrfField token={p.csrfToken} />
                      <div class="field">
                        <label for={`x-${pr.id}`}>X</label>
                        <input
                          id={`x-${pr.id}`}
                          name="xMm"
                          type="number"
                          step="0.1"
                          min={String(-CALIBRATION_LIMIT_MM)}
                          max={String(CALIBRATION_LIMIT_MM)}
                          value={String(pr.calibrationXMm)}
                        />
                      </div>
                      <div class="field">
                        <label for={`y-${pr.id}`}>Y</label>
                        <input
                          id={`y-${pr.id}`}
                          name="yMm"
                          type="number"
                          step="0.1"
                          min={String(-CALIBRATION_LIMIT_MM)}
                          max={String(CALIBRATION_LIMIT_MM)}
                          value={String(pr.calibrationYMm)}
                        />
                      </div>
                      <button type="submit" class="secondary">
                        保存偏移
                      </button>
                    </form>
                  </td>
                  <td>
                    <form method="post" action={`/office/print/setup/printers/${pr.id}/calibration-page`} class="inline">
                      <CsrfField token={p.csrfToken} />
                      <div class="field">
                        <label for={`t-${pr.id}`}>校准页版式</label>
                        <select id={`t-${pr.id}`} name="formType">
                          <option value="">仅十字标记</option>
                          {p.formTypes.map((t) => (
                            <option value={t}>{typeLabel(t)}</option>
                          ))}
                        </select>
                      </div>
                      <button type="submit" class="secondary">
                        打印校准页
                      </button>
                    </form>
                    <form method="post" action={`/office/print/setup/printers/${pr.id}/removal`} class="inline">
                      <CsrfField token={p.csrfToken} />
                      <button type="submit" class="danger">
                        移除
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {p.desks.some((d) => d.route === "SERVER") && (
          <form method="post" action="/office/print/setup/printers" class="inline" id="register-printer">
            <CsrfField token={p.csrfToken} />
            <div class="field">
              <label for="f-deskId">打印台</label>
              <select id="f-deskId" name="deskId">
                {p.desks
                  .filter((d) => d.route === "SERVER")
                  .map((d) => (
                    <option value={d.id} selected={valuesOf("printer").deskId === d.id}>
                      {d.name}
                    </option>
                  ))}
              </select>
            </div>
            <Field name="name" id="f-printer-name" label="打印机名称" values={valuesOf("printer")} errors={errorsOf("printer")} required />
            <Field name="uri" label="IPP 地址" values={valuesOf("printer")} errors={errorsOf("printer")} hint="如 ipp://192.168.1.20:631/ipp/print" required />
            <button type="submit" class="primary">
              登记打印机
            </button>
          </form>
        )}
      </section>

      <section class="part" aria-labelledby="h-models">
        <h2 id="h-models">指定打印机型号</h2>
        <p class="hint">只有型号在此列表中的打印机可以打印证书。型号按打印机自己报告的型号代码核对（如 M252）。</p>
        <table>
          <thead>
            <tr>
              <th scope="col">型号</th>
              <th scope="col">品牌</th>
              <th scope="col">型号代码</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {p.models.map((m) => (
              <tr>
                <td>{m.label}</td>
                <td>{m.vendor}</td>
                <td>{m.code.toUpperCase()}</td>
                <td>
                  <form method="post" action="/office/print/setup/models/removal" class="inline">
                    <CsrfField token={p.csrfToken} />
                    <input type="hidden" name="vendor" value={m.vendor} />
                    <input type="hidden" name="code" value={m.code} />
                    <button type="submit" class="danger" aria-label={`移除 ${m.label}`}>
                      移除
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/office/print/setup/models" class="inline">
          <CsrfField token={p.csrfToken} />
          <div class="field">
            <label for="f-vendor">品牌</label>
            <select id="f-vendor" name="vendor">
              {p.vendors.map((v) => (
                <option value={v} selected={valuesOf("model").vendor === v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <Field name="code" label="型号代码" values={valuesOf("model")} errors={errorsOf("model")} hint="如 M404" required />
          <Field
            name="label"
            label="型号名称"
            values={valuesOf("model")}
            errors={errorsOf("model")}
            hint="如 惠普 (HP) LaserJet Pro M404dn 黑白激光打印机"
            required
          />
          <button type="submit" class="secondary">
            加入指定型号
          </button>
        </form>
      </section>
    </section>
  );
}
