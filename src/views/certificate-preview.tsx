/**
 * Where a page shows the certificate as it will print (证书预览). The block is fetched after the
 * page has loaded (the print slice draws it: /print/certificates/:id/preview), and its page images
 * load lazily, so the pages that embed it stay light. Without scripts the link still opens the PDF.
 */
export const certificatePreviewPath = (id: string) => `/print/certificates/${id}/preview`;
export const certificatePdfPath = (id: string) => `/print/certificates/${id}/pdf`;
export const certificatePrintPagePath = (id: string) => `/print/certificates/${id}`;

export const PREVIEW_TEXT = {
  title: "证书预览",
  openPdf: "打开 PDF",
  whileEditing: "证书按已保存的内容预览（带 PREVIEW 水印）：",
  openPreview: "查看证书预览",
} as const;

export function CertificatePreviewSlot({ id }: { id: string }) {
  return (
    <section
      class="part certificate-preview"
      id="certificate-preview"
      aria-labelledby="h-certificate-preview"
      hx-get={certificatePreviewPath(id)}
      hx-trigger="load"
      hx-swap="outerHTML"
    >
      <h2 id="h-certificate-preview">{PREVIEW_TEXT.title}</h2>
      <p>
        <a href={certificatePdfPath(id)} target="_blank" rel="noopener">
          {PREVIEW_TEXT.openPdf}
        </a>
      </p>
    </section>
  );
}

/**
 * The preview while the certificate is being edited: links only. Drawing in the background of a
 * form that autosaves as the exporter types slowed its saves enough to race 发送 (seen in the
 * form's browser test); the pictures are one click away, of what was last saved.
 */
export function CertificatePreviewLink({ id }: { id: string }) {
  return (
    <section class="part certificate-preview" id="certificate-preview" aria-labelledby="h-certificate-preview">
      <h2 id="h-certificate-preview">{PREVIEW_TEXT.title}</h2>
      <p>
        {PREVIEW_TEXT.whileEditing}
        <a href={certificatePrintPagePath(id)} target="_blank" rel="noopener">
          {PREVIEW_TEXT.openPreview}
        </a>{" "}
        <a href={certificatePdfPath(id)} target="_blank" rel="noopener">
          {PREVIEW_TEXT.openPdf}
        </a>
      </p>
    </section>
  );
}
