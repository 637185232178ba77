import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import { CsrfField, ErrorSummary, FileField, Notice } from "../../../views/components.tsx";
import { FIELD_LABELS } from "../forms.ts";
import { M } from "../messages.ts";
import type { getHandSigner } from "../personnel-service.ts";
import { imageUrl, SignerFieldsBlock, type FormState } from "./enterprise-record.tsx";
import { formatBytes, formatTime } from "./format.ts";

type SignerData = Awaited<ReturnType<typeof getHandSigner>>;

/** A hand-signer's details and signature image, each with its own form. */
export function SignerEdit({
  data,
  csrfToken,
  values,
  errors = {},
  upload,
  notice,
}: {
  data: SignerData;
  csrfToken: string;
  values: FormValues;
  errors?: FieldErrors;
  upload?: FormState;
  notice?: string;
}) {
  const { enterprise: e, signer: s, signature } = data;
  const base = `/office/enterprises/${e.id}/signers/${s.id}`;
  return (
    <section aria-labelledby="signer-title">
      <p>
        <a href={`/office/enterprises/${e.id}`}>
          ← {e.nameZh}（{e.regNo}）
        </a>
      </p>
      <h1 id="signer-title">
        {M.signerEditTitle}：{s.name}
      </h1>
      {notice && <Notice>{notice}</Notice>}
      <form method="post" action={base} novalidate>
        <CsrfField token={csrfToken} />
        <ErrorSummary errors={errors} labels={FIELD_LABELS} />
        <SignerFieldsBlock values={values} errors={errors} />
        <button type="submit" class="primary">
          保存
        </button>
      </form>
      <section class="part" aria-labelledby="signature-title">
        <h2 id="signature-title">签名图片</h2>
        {signature ? (
          <p>
            <img class="thumb" src={imageUrl(e.id, signature.id)} alt={`${s.name}的签名`} />
            <br />
            <span class="muted">
              {signature.width}×{signature.height}，{formatBytes(signature.byteSize)}，{formatTime(signature.createdAt)} 上传
            </span>
          </p>
        ) : (
          <p class="muted">无签名：选择该手签员制单时无法打印签名。</p>
        )}
        <form method="post" action={`${base}/signature`} enctype="multipart/form-data" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary errors={upload?.errors ?? {}} labels={FIELD_LABELS} message={upload?.message} />
          <FileField
            name="image"
            label={signature ? "更换签名图片" : "上传签名图片"}
            accept="image/png,image/jpeg"
            errors={upload?.errors}
            hint={M.hints.image}
          />
          <button type="submit" class="primary">
            上传
          </button>
        </form>
      </section>
    </section>
  );
}
