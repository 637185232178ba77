import { CsrfField, ErrorSummary, FileField, Notice, SelectField } from "../../../views/components.tsx";
import { fmtTime } from "../../../views/list.tsx";
import type { FieldErrors, FormValues } from "../../../lib/forms.ts";
import type { CertificateAttachmentItem } from "../attachments.ts";
import { M } from "../messages.ts";

/** The attachments as links to their files (both sides). */
export function CertificateAttachmentList({ items }: { items: CertificateAttachmentItem[] }) {
  if (!items.length) return <p class="muted">{M.attachmentsNone}</p>;
  return (
    <ul class="attachments">
      {items.map((a) => (
        <li>
          {M.attachmentKinds[a.kind] ?? a.kind}：
          <a href={`/certificate-attachments/${a.id}`} target="_blank" rel="noopener">
            {M.fileFacts(a.fileName, Math.ceil(a.byteSize / 1024), a.pageCount)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The office's review page panel: 关联单据 beside the application, never printed. */
export function CertificateAttachmentsPanel({ items }: { items: CertificateAttachmentItem[] }) {
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{M.attachmentsTitle}</h2>
      <CertificateAttachmentList items={items} />
    </section>
  );
}

export function AttachmentsPage(p: {
  certificate: { id: string; applicationNo: string; invoiceNo: string; editable: boolean };
  items: CertificateAttachmentItem[];
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
  notice?: string;
}) {
  const base = `/certificates/${p.certificate.id}/attachments`;
  return (
    <section aria-labelledby="attachments-page-title">
      <h1 id="attachments-page-title">
        {M.attachmentsTitle}：{p.certificate.invoiceNo || p.certificate.applicationNo}
      </h1>
      <p>{M.attachmentsIntro}</p>
      {p.notice && <Notice>{p.notice}</Notice>}
      <ErrorSummary errors={p.errors ?? {}} labels={{ kind: M.attachmentKind, file: M.fields.file! }} message={p.message} />
      {p.items.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{M.attachmentKind}</th>
              <th scope="col">{M.fields.file}</th>
              <th scope="col">{M.createdAt}</th>
              {p.certificate.editable && <th scope="col">{M.attachmentRemove}</th>}
            </tr>
          </thead>
          <tbody>
            {p.items.map((a) => (
              <tr>
                <td>{M.attachmentKinds[a.kind] ?? a.kind}</td>
                <td>
                  <a href={`/certificate-attachments/${a.id}`} target="_blank" rel="noopener">
                    {M.fileFacts(a.fileName, Math.ceil(a.byteSize / 1024), a.pageCount)}
                  </a>
                </td>
                <td>{fmtTime(a.uploadedAt)}</td>
                {p.certificate.editable && (
                  <td>
                    <form method="post" action={`${base}/${a.id}/deletion`} class="inline">
                      <CsrfField token={p.csrfToken} />
                      <button type="submit" class="secondary" aria-label={`${M.attachmentRemove} ${a.fileName}`}>
                        {M.attachmentRemove}
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{M.attachmentsNone}</p>
      )}
      {p.certificate.editable ? (
        <form method="post" action={base} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.csrfToken} />
          <SelectField
            name="kind"
            label={M.attachmentKind}
            options={Object.entries(M.attachmentKinds).map(([value, label]) => ({ value, label }))}
            values={p.values}
            errors={p.errors}
            required
          />
          <FileField name="file" label={M.fields.file!} accept="application/pdf" errors={p.errors} hint={M.hints.file} required />
          <button type="submit" class="primary">
            {M.attachmentAdd}
          </button>
        </form>
      ) : (
        <p class="muted">{M.attachmentsLocked}</p>
      )}
      <p>
        <a href={`/certificates/${p.certificate.id}`}>{M.backToCertificate}</a>
      </p>
    </section>
  );
}
