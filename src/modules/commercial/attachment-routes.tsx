import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { formFailure, formValues } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { addCertificateAttachment, getCertificateAttachment, listCertificateAttachments, removeCertificateAttachment } from "./attachments.ts";
import { fileResponse } from "./http.ts";
import { M } from "./messages.ts";
import { AttachmentsPage } from "./views/attachments.tsx";

const ENTERPRISE = allow("enterprise");
const NOTICES: Record<string, string> = { added: M.attachmentAdded, removed: M.attachmentRemoved };

async function page(
  c: Context<AppEnv>,
  id: string,
  extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string; notice?: string } = {},
  status: 200 | 409 | 413 | 422 = 200,
) {
  const { certificate, items } = await listCertificateAttachments({ db: c.var.db, user: c.var.user!, certificateId: id });
  return renderPage(c, M.attachmentsTitle, <AttachmentsPage certificate={certificate} items={items} csrfToken={c.var.csrfToken} {...extra} />, status);
}

/** 关联单据 of certificate applications: the exporter's page to attach and remove them, and the file for both sides. */
export const attachmentRoutes = new Hono<AppEnv>()
  .get("/certificates/:id/attachments", ENTERPRISE, (c) => page(c, c.req.param("id"), { notice: NOTICES[c.req.query("done") ?? ""] }))
  .post("/certificates/:id/attachments", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const values = formValues(body);
    const raw = body.file;
    const file = raw instanceof File && raw.size > 0 ? { bytes: new Uint8Array(await raw.arrayBuffer()), name: raw.name } : null;
    try {
      await addCertificateAttachment({ db: c.var.db, user: c.var.user!, certificateId: id, kind: values.kind ?? "", file, requestId: c.var.requestId });
    } catch (e) {
      const f = formFailure(e, "invalid", "too_large", "conflict");
      return page(c, id, { values, errors: f.errors, message: f.summary }, f.status);
    }
    return c.redirect(`/certificates/${id}/attachments?done=added`, 303);
  })
  .post("/certificates/:id/attachments/:attachmentId/deletion", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    try {
      await removeCertificateAttachment({
        db: c.var.db,
        user: c.var.user!,
        certificateId: id,
        attachmentId: c.req.param("attachmentId"),
        requestId: c.var.requestId,
      });
    } catch (e) {
      const f = formFailure(e, "conflict");
      return page(c, id, { message: f.message }, f.status);
    }
    return c.redirect(`/certificates/${id}/attachments?done=removed`, 303);
  })
  .get("/certificate-attachments/:id", allow("enterprise", "office_admin", "office_reviewer"), async (c) => {
    const a = await getCertificateAttachment({ db: c.var.db, user: c.var.user!, attachmentId: c.req.param("id") });
    return fileResponse(c, { bytes: a.data, mediaType: "application/pdf", fileName: a.fileName });
  });
