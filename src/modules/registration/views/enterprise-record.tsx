import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { CheckboxField, CsrfField, ErrorSummary, Field, FileField, Notice } from "../../../views/components.tsx";
import { FIELD_LABELS } from "../forms.ts";
import { M } from "../messages.ts";
import { maskIdNo } from "../rules.ts";
import type { getEnterpriseRecord } from "../records-service.ts";
import { actionLabel, describeChange, formatBytes, formatTime } from "./format.ts";

type Record_ = Awaited<ReturnType<typeof getEnterpriseRecord>>;
export type FormState = { values: FormValues; errors: FieldErrors; message?: string };

// Each form's action ends in its section's anchor, so after posting (success or error) the browser
// scrolls back to the part the user was working on instead of the top of a long page.

/** The forms of the record page that can come back with errors, each keeping what was typed. */
export type RecordForms = {
  customs?: FormState;
  rejection?: FormState & { codeId: string };
  signer?: FormState;
  seal?: FormState;
};

export const imageUrl = (enterpriseId: string, imageId: string) => `/office/enterprises/${enterpriseId}/images/${imageId}`;

/** What stops this enterprise from working or printing fully, so the office sees it before the enterprise calls (manual Q5, Q11). */
function warningsOf(r: Record_) {
  const w: string[] = [];
  const active = r.signers.filter((s) => s.active);
  if (!r.customsCodes.some((c) => c.status === "APPROVED")) w.push(M.warnings.noApprovedCode);
  if (!active.length) w.push(M.warnings.noSigner);
  else if (!active.some((s) => s.isDefault)) w.push(M.warnings.noDefaultSigner);
  const unsigned = active.filter((s) => !s.signatureImageId).map((s) => s.name);
  if (unsigned.length) w.push(M.warnings.unsignedSigners(unsigned.join("、")));
  if (!r.seal) w.push(M.warnings.noSeal);
  return w;
}

export function EnterpriseRecord({
  record: r,
  canEdit,
  csrfToken,
  notice,
  error,
  forms = {},
}: {
  record: Record_;
  canEdit: boolean;
  csrfToken: string;
  notice?: string;
  /** A refused action that has no field of its own (e.g. approving a code someone already decided). */
  error?: string;
  forms?: RecordForms;
}) {
  const e = r.enterprise;
  const base = `/office/enterprises/${e.id}`;
  const warnings = warningsOf(r);
  return (
    <article aria-labelledby="record-title">
      <p>
        <a href="/office/enterprises">← {M.listTitle}</a>
      </p>
      <h1 id="record-title">
        {e.nameZh}（{e.regNo}）{!e.active && <span class="badge off">{M.inactive}</span>}
      </h1>
      {notice && <Notice>{notice}</Notice>}
      {error && (
        <div class="alert error" role="alert">
          {error}
        </div>
      )}
      {warnings.length > 0 && (
        <div class="alert warn">
          <ul>
            {warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {canEdit && (
        <div class="toolbar">
          <a href={`${base}/edit`}>{M.editTitle}</a>
          <form method="post" action={`${base}/${e.active ? "deactivation" : "activation"}`}>
            <CsrfField token={csrfToken} />
            <button type="submit" class={e.active ? "danger" : "secondary"}>
              {e.active ? "停用企业" : "恢复企业"}
            </button>
          </form>
        </div>
      )}

      <section class="part" aria-labelledby="facts-title">
        <h2 id="facts-title">注册信息</h2>
        <dl class="facts">
          <dt>{M.fields.regNo}</dt>
          <dd>{e.regNo}</dd>
          <dt>{M.fields.nameZh}</dt>
          <dd>{e.nameZh}</dd>
          <dt>{M.fields.nameEn}</dt>
          <dd lang="en">{e.nameEn}</dd>
          <dt>{M.fields.addressEn}</dt>
          <dd lang="en">{e.addressEn}</dd>
          <dt>{M.fields.creditCode}</dt>
          <dd>{e.creditCode ?? <span class="muted">未填写</span>}</dd>
          <dt>{M.fields.nature}</dt>
          <dd>{e.nature}</dd>
          <dt>{M.fields.smallMicro}</dt>
          <dd>{e.smallMicro ? M.yes : M.no}</dd>
          <dt>{M.fields.visaPoint}</dt>
          <dd>{e.visaPoint}</dd>
          <dt>{M.fields.contactName}</dt>
          <dd>{e.contactName ?? "—"}</dd>
          <dt>{M.fields.contactPhone}</dt>
          <dd>{e.contactPhone ?? "—"}</dd>
          <dt>{M.fields.contactEmail}</dt>
          <dd>{e.contactEmail ?? "—"}</dd>
          <dt>状态</dt>
          <dd>{e.active ? M.active : M.inactive}</dd>
        </dl>
      </section>

      <CustomsCodes record={r} canEdit={canEdit} csrfToken={csrfToken} forms={forms} />
      <Signers record={r} canEdit={canEdit} csrfToken={csrfToken} form={forms.signer} />
      <Operators record={r} canEdit={canEdit} csrfToken={csrfToken} />
      <Seal record={r} canEdit={canEdit} csrfToken={csrfToken} form={forms.seal} />
      <History record={r} />
    </article>
  );
}

function CustomsCodes({ record: r, canEdit, csrfToken, forms }: { record: Record_; canEdit: boolean; csrfToken: string; forms: RecordForms }) {
  const base = `/office/enterprises/${r.enterprise.id}/customs-codes`;
  const rejection = forms.rejection;
  return (
    <section class="part" aria-labelledby="customs-title">
      <h2 id="customs-title">海关编码</h2>
      {r.customsCodes.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.fields.customsCode}</th>
              <th scope="col">状态</th>
              <th scope="col">审核时间</th>
              <th scope="col">{M.fields.reason}</th>
              {canEdit && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {r.customsCodes.map((c) => {
              const mine = rejection?.codeId === c.id ? rejection : undefined;
              const reasonId = `reason-${c.id}`;
              return (
                <tr>
                  <td>{c.code}</td>
                  <td>
                    <span class={`badge ${c.status.toLowerCase()}`}>{M.customsStatus[c.status]}</span>
                  </td>
                  <td>{c.decidedAt ? formatTime(c.decidedAt) : "—"}</td>
                  <td>{c.reason ?? ""}</td>
                  {canEdit && (
                    <td>
                      {c.status === "PENDING" && (
                        <form method="post" action={`${base}/${c.id}/approval#customs-title`}>
                          <CsrfField token={csrfToken} />
                          <button type="submit" class="secondary" aria-label={`审核通过 ${c.code}`}>
                            审核通过
                          </button>
                        </form>
                      )}
                      {c.status !== "REJECTED" && (
                        <form method="post" action={`${base}/${c.id}/rejection#customs-title`} class="inline">
                          <CsrfField token={csrfToken} />
                          <div class={mine?.errors.reason ? "field has-error" : "field"}>
                            <label for={reasonId}>
                              {M.fields.reason}（{c.code}）
                            </label>
                            {mine?.errors.reason && (
                              <p class="field-error" id={`${reasonId}-error`}>
                                {mine.errors.reason}
                              </p>
                            )}
                            <input
                              id={reasonId}
                              name="reason"
                              value={mine?.values.reason ?? ""}
                              aria-invalid={mine?.errors.reason ? "true" : undefined}
                              aria-describedby={mine?.errors.reason ? `${reasonId}-error` : undefined}
                            />
                          </div>
                          <button type="submit" class="danger" aria-label={`驳回 ${c.code}`}>
                            {c.status === "APPROVED" ? "撤销并驳回" : "驳回"}
                          </button>
                        </form>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p class="muted">尚无海关编码。</p>
      )}
      {canEdit && (
        <form method="post" action={`${base}#customs-title`} novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary errors={forms.customs?.errors ?? {}} labels={FIELD_LABELS} message={forms.customs?.message} />
          <div class="inline">
            <Field
              name="code"
              label={`增加${M.fields.customsCode}`}
              values={forms.customs?.values}
              errors={forms.customs?.errors}
              hint={M.hints.customsCode}
              inputmode="numeric"
            />
            <button type="submit" class="primary">
              添加
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Signers({ record: r, canEdit, csrfToken, form }: { record: Record_; canEdit: boolean; csrfToken: string; form?: FormState }) {
  const e = r.enterprise;
  const hasDefault = r.signers.some((s) => s.isDefault);
  const values = form?.values ?? { active: "1", isDefault: hasDefault ? "" : "1" };
  return (
    <section class="part" aria-labelledby="signers-title">
      <h2 id="signers-title">手签员</h2>
      {r.signers.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">{M.fields.signerPhone}</th>
              <th scope="col">{M.fields.signerIdNo}</th>
              <th scope="col">状态</th>
              <th scope="col">默认</th>
              <th scope="col">签名</th>
              {canEdit && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {r.signers.map((s) => (
              <tr>
                <td>
                  {s.name} {s.nameLatin ? <span class="muted">{s.nameLatin}</span> : <span class="badge off">{M.nameLatinMissing}</span>}
                </td>
                <td>{s.phone ?? "—"}</td>
                <td>{s.idNo ? maskIdNo(s.idNo) : "—"}</td>
                <td>{s.active ? "有效" : <span class="badge off">无效</span>}</td>
                <td>{s.isDefault ? M.yes : ""}</td>
                <td>
                  {s.signatureImageId ? (
                    <img class="thumb" src={imageUrl(e.id, s.signatureImageId)} alt={`${s.name}的签名`} />
                  ) : (
                    <span class="muted">无签名</span>
                  )}
                </td>
                {canEdit && (
                  <td>
                    <a href={`/office/enterprises/${e.id}/signers/${s.id}/edit`} aria-label={`编辑手签员 ${s.name}`}>
                      编辑
                    </a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">尚无手签员。</p>
      )}
      {canEdit && (
        <form method="post" action={`/office/enterprises/${e.id}/signers#signers-title`} novalidate>
          <h3>新增手签员</h3>
          <CsrfField token={csrfToken} />
          <ErrorSummary errors={form?.errors ?? {}} labels={FIELD_LABELS} message={form?.message} />
          <SignerFieldsBlock values={values} errors={form?.errors} />
          <button type="submit" class="primary">
            添加手签员
          </button>
        </form>
      )}
    </section>
  );
}

export function SignerFieldsBlock({ values, errors }: { values?: FormValues; errors?: FieldErrors }) {
  const F = M.fields;
  return (
    <>
      <Field name="name" label={F.signerName} values={values} errors={errors} required autocomplete="off" />
      <Field name="nameLatin" label={F.signerNameLatin} values={values} errors={errors} hint={M.hints.signerNameLatin} autocomplete="off" />
      <Field name="phone" label={F.signerPhone} values={values} errors={errors} type="tel" inputmode="tel" autocomplete="off" />
      <Field name="idNo" label={F.signerIdNo} values={values} errors={errors} hint={M.hints.signerIdNo} autocomplete="off" />
      <CheckboxField name="active" label={F.signerActive} values={values} errors={errors} />
      <CheckboxField name="isDefault" label={F.signerDefault} values={values} errors={errors} />
    </>
  );
}

function Operators({ record: r, canEdit, csrfToken }: { record: Record_; canEdit: boolean; csrfToken: string }) {
  const base = `/office/enterprises/${r.enterprise.id}/operators`;
  return (
    <section class="part" aria-labelledby="operators-title">
      <h2 id="operators-title">操作员账户</h2>
      {r.operators.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">登录名</th>
              <th scope="col">名称</th>
              <th scope="col">手机</th>
              <th scope="col">状态</th>
              {canEdit && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {r.operators.map((o) => (
              <tr>
                <td>{o.login}</td>
                <td>{o.displayName}</td>
                <td>{o.mobile ?? "—"}</td>
                <td>{o.active ? "启用" : <span class="badge off">停用</span>}</td>
                {canEdit && (
                  <td>
                    <form method="post" action={`${base}/${o.id}/${o.active ? "deactivation" : "activation"}#operators-title`}>
                      <CsrfField token={csrfToken} />
                      <button type="submit" class={o.active ? "danger" : "secondary"} aria-label={`${o.active ? "停用" : "启用"}账户 ${o.login}`}>
                        {o.active ? "停用" : "启用"}
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">该企业尚未注册账户（企业在企业端自行注册）。</p>
      )}
    </section>
  );
}

function Seal({ record: r, canEdit, csrfToken, form }: { record: Record_; canEdit: boolean; csrfToken: string; form?: FormState }) {
  const e = r.enterprise;
  return (
    <section class="part" aria-labelledby="seal-title">
      <h2 id="seal-title">企业印章</h2>
      {r.seal ? (
        <p>
          <img class="thumb" src={imageUrl(e.id, r.seal.id)} alt="企业印章" />
          <br />
          <span class="muted">
            {r.seal.width}×{r.seal.height}，{formatBytes(r.seal.byteSize)}，{formatTime(r.seal.createdAt)} 上传
          </span>
        </p>
      ) : (
        <p class="muted">未上传。</p>
      )}
      {canEdit && (
        <form method="post" action={`/office/enterprises/${e.id}/seal#seal-title`} enctype="multipart/form-data" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary errors={form?.errors ?? {}} labels={FIELD_LABELS} message={form?.message} />
          <FileField name="image" label={r.seal ? "更换企业印章" : "上传企业印章"} accept="image/png,image/jpeg" errors={form?.errors} hint={M.hints.image} />
          <button type="submit" class="primary">
            上传
          </button>
        </form>
      )}
    </section>
  );
}

function History({ record: r }: { record: Record_ }) {
  return (
    <section class="part" aria-labelledby="history-title">
      <h2 id="history-title">{M.audit.title}</h2>
      {r.history.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {r.history.map((h) => (
              <tr>
                <td>{formatTime(h.at)}</td>
                <td>{h.actorName ?? "系统"}</td>
                <td>{actionLabel(h.entity, h.action)}</td>
                <td>
                  <ul class="changes">
                    {describeChange(h).map((line) => (
                      <li>{line}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{M.audit.empty}</p>
      )}
    </section>
  );
}
