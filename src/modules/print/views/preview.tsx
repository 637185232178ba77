/** The preview block (证书预览): page images that load lazily and the PDF link, or why there is none. */
import { certificatePdfPath, PREVIEW_TEXT } from "../../../views/certificate-preview.tsx";
import { M } from "../messages.ts";

/** `v` names the drawing (the route ignores it): a changed certificate gets new image URLs. */
export const certificatePageImagePath = (id: string, page: number, version: string) => `/print/certificates/${id}/pages/${page + 1}?v=${version}`;

export type CertificatePreviewProps = { id: string; printable: boolean; message: string | null; pages: number; preview: boolean; version: string };

export function CertificatePreview(p: CertificatePreviewProps) {
  return (
    <section class="part certificate-preview" id="certificate-preview" aria-labelledby="h-certificate-preview">
      <h2 id="h-certificate-preview">{PREVIEW_TEXT.title}</h2>
      {!p.printable ? (
        <p class="alert warn" role="status" id="preview-unavailable">
          {p.message}
        </p>
      ) : (
        <>
          <p class="hint">{p.preview ? M.previewMarked : M.previewFinal}</p>
          <p>
            <a href={certificatePdfPath(p.id)} target="_blank" rel="noopener" id="preview-pdf">
              {M.previewPdf}
            </a>
          </p>
          <ol class="preview-pages">
            {Array.from({ length: p.pages }, (_, i) => (
              <li>
                {/* A4 proportions reserve the space, so the page does not jump as images arrive. */}
                <img
                  src={certificatePageImagePath(p.id, i, p.version)}
                  loading="lazy"
                  decoding="async"
                  width="595"
                  height="842"
                  alt={M.previewPageAlt(i + 1, p.pages)}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
