import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { attempt, formValues } from "../../lib/forms.ts";
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

/** What the add form can show: a missing kind or file, a file too large, a certificate no longer open for changes. */
const ADD_REFUSALS = ["invalid", "too_large", "conflict"] as const;

/** The posted file's bytes and name, or null when none was chosen. */
async function chosenFile(raw: unknown) {
  return raw instanceof File && raw.size > 0 ? { bytes: new Uint8Array(await raw.arrayBuffer()), name: raw.name } : null;
}

const actor = (c: Context<AppEnv>) => ({ db: c.var.db, user: c.var.user!, requestId: c.var.requestId });

/** 关联单据 of certificate applications: the exporter's page to attach and remove them, and the file for both sides. */
export const attachmentRoutes = new Hono<AppEnv>()
  .get("/certificates/:id/attachments", ENTERPRISE, (c) => page(c, c.req.param("id"), { notice: NOTICES[c.req.query("done") ?? ""] }))
  .post("/certificates/:id/attachments", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const values = formValues(body);
    const file = await chosenFile(body.file);
    const added = await attempt(addCertificateAttachment({ ...actor(c), certificateId: id, kind: values.kind ?? "", file }), ...ADD_REFUSALS);
    const f = added.ok ? undefined : added.failure;
    if (f) return page(c, id, { values, errors: f.errors, message: f.summary }, f.status);
    return c.redirect(`/certificates/${id}/attachments?done=added`, 303);
  })
  .post("/certificates/:id/attachments/:attachmentId/deletion", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    const removed = await attempt(removeCertificateAttachment({ ...actor(c), certificateId: id, attachmentId: c.req.param("attachmentId") }), "conflict");
    if (!removed.ok) return page(c, id, { message: removed.failure.message }, removed.failure.status);
    return c.redirect(`/certificates/${id}/attachments?done=removed`, 303);
  })
  .get("/certificate-attachments/:id", allow("enterprise", "office_admin", "office_reviewer"), async (c) => {
    const a = await getCertificateAttachment({ db: c.var.db, user: c.var.user!, attachmentId: c.req.param("id") });
    return fileResponse(c, { bytes: a.data, mediaType: "application/pdf", fileName: a.fileName });
  });
