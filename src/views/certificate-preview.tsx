/**
 * Where a page shows the certificate as it will print (证书预览). The block is fetched after the
 * page has loaded (the print slice draws it: /print/certificates/:id/preview), and its page images
 * load lazily, so the pages that embed it stay light. Without scripts the link still opens the PDF.
 */
export const certificatePreviewPath = (id: string) => `/print/certificates/${id}/preview`;
export const certificatePdfPath = (id: string) => `/print/certificates/${id}/pdf`;

export function CertificatePreviewSlot({ id }: { id: string }) {
  return (
    <section class="part certificate-preview" id="certificate-preview" aria-labelledby="h-certificate-preview" hx-get={certificatePreviewPath(id)} hx-trigger="load" hx-swap="outerHTML">
      <h2 id="h-certificate-preview">证书预览</h2>
      <p>
        <a href={certificatePdfPath(id)} target="_blank" rel="noopener">
          打开 PDF
        </a>
      </p>
    </section>
  );
}
