import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { CheckboxField, CsrfField, ErrorSummary, Field, FileField, Notice, SelectField } from "../../../views/components.tsx";
import { FIELD_LABELS } from "../forms.ts";
import { M } from "../messages.ts";
import type { getEndorsementSettings } from "../service.ts";

type Settings = Awaited<ReturnType<typeof getEndorsementSettings>>;
/** A form's state after a refusal: what was typed, the field errors, or a message for the whole form. */
export type FormState = { values: FormValues; errors: FieldErrors; message?: string };
/** Which form a refusal belongs to: `seal`, `add`, or a signatory id (its edit or upload form). */
export type Forms = Partial<Record<string, FormState>>;

const BASE = "/office/endorsement";
const img = (id: string) => `${BASE}/images/${id}`;
const time = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

const ACTIONS: Record<string, string> = {
  seal_uploaded: "更换签证章",
  added: "添加签证员",
  updated: "修改签证员",
  signature_uploaded: "更换签名图片",
  key_created: "生成签名证书",
  key_imported: "导入签名证书",
  hidden_word_set: "设置防复印字样",
};

function summary(after: unknown): string {
  const a = (after ?? {}) as Record<string, unknown>;
  return [a.nameLatin, a.hiddenWord, a.subject, a.sha256 ? `SHA-256 ${String(a.sha256).slice(0, 16)}…` : null, a.active === false ? "停用" : null]
    .filter(Boolean)
    .join("，");
}

/** 签证章与签证员: the office's seal, its authorised signatories, its signing key and the history of changes. */
export function EndorsementPage({ data, csrfToken, notice, forms = {} }: { data: Settings; csrfToken: string; notice?: string; forms?: Forms }) {
  const staff = [{ value: "", label: M.none }, ...data.staff.map((a) => ({ value: a.id, label: `${a.displayName}（${a.login}）` }))];
  return (
    <section aria-labelledby="endorsement-title">
      <h1 id="endorsement-title">{M.title}</h1>
      {notice && <Notice>{notice}</Notice>}
      <section class="part" aria-labelledby="seal-title">
        <h2 id="seal-title">{M.sealTitle}</h2>
        {data.sealImageId ? <img class="thumb" src={img(data.sealImageId)} alt="本机构签证章" /> : <p class="muted">{M.noSeal}</p>}
        <form method="post" action={`${BASE}/seal`} enctype="multipart/form-data" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary errors={forms.seal?.errors ?? {}} labels={FIELD_LABELS} message={forms.seal?.message} />
          <FileField
            name="image"
            label={data.sealImageId ? "更换签证章图片" : "上传签证章图片"}
            accept="image/png,image/jpeg"
            errors={forms.seal?.errors}
            hint={M.hints.image}
          />
          <button type="submit" class="primary">
            上传
          </button>
        </form>
      </section>
      <section class="part" aria-labelledby="hidden-word-title">
        <h2 id="hidden-word-title">{M.hiddenWordTitle}</h2>
        <form method="post" action={`${BASE}/hidden-word`} novalidate>
          <CsrfField token={csrfToken} />
          <SelectField name="word" label={M.hiddenWordLabel} options={["VOID", "COPY"]} values={{ word: data.hiddenWord }} hint={M.hiddenWordHint} />
          <button type="submit" class="secondary">
            保存
          </button>
        </form>
      </section>
      <section class="part" aria-labelledby="signatories-title">
        <h2 id="signatories-title">{M.signatoriesTitle}</h2>
        {!data.signatories.length && <p class="muted">{M.noSignatories}</p>}
        {data.signatories.map((s) => {
          const state = forms[s.id];
          const values = state?.values ?? {
            nameLatin: s.nameLatin,
            accountId: s.accountId ?? "",
            active: s.active ? "1" : "",
            isDefault: s.isDefault ? "1" : "",
          };
          return (
            <details class="signatory" open={Boolean(state)}>
              <summary>
                {s.nameLatin} {s.isDefault && <span class="badge">默认</span>} {!s.active && <span class="badge off">停用</span>}{" "}
                {s.signatureImageId ? <img class="thumb" src={img(s.signatureImageId)} alt={`${s.nameLatin}的签名`} /> : <span class="muted">无签名</span>}
              </summary>
              <form method="post" action={`${BASE}/signatories/${s.id}`} novalidate>
                <CsrfField token={csrfToken} />
                <ErrorSummary errors={state?.errors ?? {}} labels={FIELD_LABELS} message={state?.message} />
                <SignatoryFields values={values} errors={state?.errors} staff={staff} />
                <button type="submit" class="primary">
                  保存
                </button>
              </form>
              <form method="post" action={`${BASE}/signatories/${s.id}/signature`} enctype="multipart/form-data" novalidate>
                <CsrfField token={csrfToken} />
                <FileField
                  name="image"
                  label={s.signatureImageId ? "更换签名图片" : "上传签名图片"}
                  accept="image/png,image/jpeg"
                  errors={state?.errors}
                  hint={M.hints.image}
                />
                <button type="submit" class="secondary">
                  上传签名
                </button>
              </form>
            </details>
          );
        })}
        <h3>添加签证员</h3>
        <form method="post" action={`${BASE}/signatories`} novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary errors={forms.add?.errors ?? {}} labels={FIELD_LABELS} message={forms.add?.message} />
          <SignatoryFields values={forms.add?.values ?? { active: "1" }} errors={forms.add?.errors} staff={staff} />
          <button type="submit" class="primary">
            添加签证员
          </button>
        </form>
      </section>
      <section class="part" aria-labelledby="key-title">
        <h2 id="key-title">{M.keyTitle}</h2>
        {data.signingKey ? (
          <p>
            {data.signingKey.subject}
            <br />
            <span class="muted">
              有效期至 {time(data.signingKey.notAfter)}
              {data.signingKey.selfSigned ? "，自签名（演示用；正式使用请导入 CA 签发的证书）" : ""}
            </span>
          </p>
        ) : (
          <p class="muted">{M.noKey}</p>
        )}
      </section>
      <section class="part" aria-labelledby="history-title">
        <h2 id="history-title">{M.historyTitle}</h2>
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
            {data.history.map((h) => (
              <tr>
                <td>{time(h.at)}</td>
                <td>{h.actorName ?? "系统"}</td>
                <td>{ACTIONS[h.action] ?? h.action}</td>
                <td>{summary(h.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function SignatoryFields({ values, errors, staff }: { values: FormValues; errors?: FieldErrors; staff: { value: string; label: string }[] }) {
  return (
    <>
      <Field name="nameLatin" label={M.fields.nameLatin} values={values} errors={errors} required hint={M.hints.nameLatin} autocomplete="off" />
      <SelectField name="accountId" label={M.fields.accountId} options={staff} values={values} errors={errors} hint={M.hints.accountId} />
      <CheckboxField name="active" label={M.fields.active} values={values} errors={errors} />
      <CheckboxField name="isDefault" label={M.fields.isDefault} values={values} errors={errors} />
    </>
  );
}
