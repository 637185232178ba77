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
      <PreviewRefresh id={id} />
    </section>
  );
}

/**
 * Inside the preview block: inert, until an autosave that changed the certificate sends it again
 * out of band with `now`; it then fetches the block anew in place (the old pictures stay until the
 * new block arrives, so nothing jumps while the exporter types).
 */
export function PreviewRefresh({ id, now = false }: { id: string; now?: boolean }) {
  if (!now) return <span id="certificate-preview-refresh" hidden></span>;
  return <span id="certificate-preview-refresh" hidden hx-swap-oob="true" hx-get={certificatePreviewPath(id)} hx-trigger="load" hx-target="#certificate-preview" hx-swap="outerHTML"></span>;
}
