/**
 * 关联单据: the invoice and packing list (PDF) an exporter attaches to a certificate application, for
 * the reviewer to read beside it. Who may see them is the certificate's business (its enterprise and
 * its office: getCertificate); they change only while the certificate is editable, count against the
 * enterprise's quota, and never reach the renderer.
 */
import { and, asc, eq } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { conflict, invalid, notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { getCertificate, isEditable } from "../certificates/index.ts";
import { cleanFileName, inspectUpload } from "./files.ts";
import { M } from "./messages.ts";
import { certificateAttachments } from "./schema.ts";
import { checkQuota, type Upload } from "./service.ts";

export const ATTACHMENT_KINDS = ["INVOICE", "PACKING_LIST"] as const;
export const MAX_ATTACHMENTS = 5;

const facts = {
  id: certificateAttachments.id,
  kind: certificateAttachments.kind,
  fileName: certificateAttachments.fileName,
  byteSize: certificateAttachments.byteSize,
  pageCount: certificateAttachments.pageCount,
  uploadedAt: certificateAttachments.uploadedAt,
};

/** The certificate's attachments (no bytes), for its enterprise or its office; anyone else: not_found. */
export async function listCertificateAttachments({ db, user, certificateId }: { db: Db; user: CurrentUser; certificateId: string }) {
  const c = await getCertificate({ db, user, id: certificateId });
  const items = await db
    .select(facts)
    .from(certificateAttachments)
    .where(eq(certificateAttachments.certificateId, certificateId))
    .orderBy(asc(certificateAttachments.uploadedAt));
  return { certificate: { id: c.id, status: c.status, applicationNo: c.applicationNo, invoiceNo: c.invoiceNo, editable: isEditable(c.status) }, items };
}
export type CertificateAttachmentItem = Awaited<ReturnType<typeof listCertificateAttachments>>["items"][number];

/** Attaches a PDF while the certificate is editable: checked by content, at most MAX_ATTACHMENTS, within the quota. Audited. */
export async function addCertificateAttachment({
  db,
  user,
  certificateId,
  kind,
  file,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  certificateId: string;
  kind: string;
  file: Upload | null;
  requestId?: string;
}) {
  if (!ATTACHMENT_KINDS.includes(kind as (typeof ATTACHMENT_KINDS)[number]))
    throw invalid(M.attachmentKindUnknown, [{ path: "kind", message: M.attachmentKindUnknown }]);
  if (!file) throw invalid(M.fileRequired, [{ path: "file", message: M.fileRequired }]);
  const upload = await inspectUpload(file.bytes);
  if (upload.mediaType !== "application/pdf") throw invalid(M.attachmentNotPdf, [{ path: "file", message: M.attachmentNotPdf }]);
  const c = await getCertificate({ db, user, id: certificateId });
  const id = Bun.randomUUIDv7();
  await db.transaction(async (tx) => {
    if (!isEditable(c.status)) throw conflict(M.attachmentsLocked);
    await checkQuota(tx, { enterpriseId: c.enterpriseId, exceptDocumentId: null, byteSize: upload.byteSize });
    const count = await tx.$count(certificateAttachments, eq(certificateAttachments.certificateId, certificateId));
    if (count >= MAX_ATTACHMENTS) throw invalid(M.attachmentTooMany(MAX_ATTACHMENTS), [{ path: "file", message: M.attachmentTooMany(MAX_ATTACHMENTS) }]);
    const fileName = cleanFileName(file.name, upload.mediaType);
    await tx.insert(certificateAttachments).values({
      id,
      certificateId,
      enterpriseId: c.enterpriseId,
      kind,
      fileName,
      byteSize: upload.byteSize,
      pageCount: upload.pageCount,
      sha256: upload.sha256,
      data: file.bytes,
      uploadedBy: user.id,
    });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: c.officeCode,
      entity: "certificate",
      entityId: certificateId,
      action: "attachment_added",
      after: { id, kind, fileName, byteSize: upload.byteSize, sha256: upload.sha256 },
      requestId,
    });
  });
  return { id };
}

/** Removes an attachment while the certificate is editable. Audited. */
export async function removeCertificateAttachment({
  db,
  user,
  certificateId,
  attachmentId,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  certificateId: string;
  attachmentId: string;
  requestId?: string;
}) {
  const c = await getCertificate({ db, user, id: certificateId });
  if (!isEditable(c.status)) throw conflict(M.attachmentsLocked);
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(certificateAttachments)
      .where(and(eq(certificateAttachments.id, attachmentId), eq(certificateAttachments.certificateId, certificateId)))
      .returning({ kind: certificateAttachments.kind, fileName: certificateAttachments.fileName });
    if (!gone) throw notFound(M.attachmentNotFound);
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: c.officeCode,
      entity: "certificate",
      entityId: certificateId,
      action: "attachment_removed",
      before: { id: attachmentId, ...gone },
      requestId,
    });
  });
}

/** One attachment with its bytes, for whoever may see its certificate. */
export async function getCertificateAttachment({ db, user, attachmentId }: { db: Db; user: CurrentUser; attachmentId: string }) {
  const [row] = await db.select().from(certificateAttachments).where(eq(certificateAttachments.id, attachmentId)).limit(1);
  if (!row) throw notFound(M.attachmentNotFound);
  await getCertificate({ db, user, id: row.certificateId });
  return row;
}
