/**
 * Where a page shows the certificate as it will print (证书预览). The block is fetched after the
 * page has loaded (the print slice draws it: /print/certificates/:id/preview), and its page images
 * load lazily, so the pages that embed it stay light. Without scripts the link still opens the PDF.
 */
export const certificatePreviewPath = (id: string) => `/print/certificates/${id}/preview`;
export const certificatePdfPath = (id: string) => `/print/certificates/${id}/pdf`;

export const PREVIEW_TEXT = {
  title: "证书预览",
  openPdf: "打开 PDF",
  stale: "证书内容已修改，下面的预览还是修改前的。",
  refresh: "刷新预览",
} as const;

export function CertificatePreviewSlot({ id }: { id: string }) {
  return (
    <section class="part certificate-preview" id="certificate-preview" aria-labelledby="h-certificate-preview" hx-get={certificatePreviewPath(id)} hx-trigger="load" hx-swap="outerHTML">
      <h2 id="h-certificate-preview">{PREVIEW_TEXT.title}</h2>
      <p>
        <a href={certificatePdfPath(id)} target="_blank" rel="noopener">
          {PREVIEW_TEXT.openPdf}
        </a>
      </p>
      <PreviewRefresh id={id} />
    </section>
  );
}

/**
 * Inside the preview block: empty, until an autosave that changed the certificate sends it again out
 * of band with `stale`; it then says the pictures are of an earlier version and offers to redraw
 * them in place. Not redrawn by itself: drawing while the exporter types would load the server for
 * pictures nobody is looking at.
 */
export function PreviewRefresh({ id, stale = false }: { id: string; stale?: boolean }) {
  if (!stale) return <p id="certificate-preview-refresh" hidden></p>;
  return (
    <p id="certificate-preview-refresh" class="alert" role="status" hx-swap-oob="true">
      {PREVIEW_TEXT.stale}
      <button type="button" class="secondary" hx-get={certificatePreviewPath(id)} hx-target="#certificate-preview" hx-swap="outerHTML">
        {PREVIEW_TEXT.refresh}
      </button>
    </p>
  );
}
