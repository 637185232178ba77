/**
 * The exporter's side of commercial document certification (商事证明): applications saved as
 * drafts with their uploaded document, sent to the office, withdrawn while pending, copied; and
 * the reads both sides share. Every change is one transaction with its history and audit rows.
 */
import { eq, sql } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.ts";
import { pdfPage } from "../../lib/pdf.ts";
import { recordAudit } from "../audit/index.ts";
import { officeToday } from "../certificates/index.ts";
import { getEnterpriseProfile } from "../registration/index.ts";
import { cleanFileName, inspectUpload, mb, type UploadFacts } from "./files.ts";
import { formatCommercialApplicationNo, isEditable, type CommercialStatus } from "./lifecycle.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { COMMERCIAL_LIMITS, missingForSend, normaliseFields, type CommercialFields } from "./rules.ts";
import { commercialDocuments, commercialHistory } from "./schema.ts";

type Row = typeof commercialDocuments.$inferSelect;
export type Upload = { bytes: Uint8Array; name?: string };

/** Thrown by `sendCommercialDocument` when the application is incomplete: every missing field at once. */
export class CommercialProblemsError extends AppError {
  constructor(issues: { path: string; message: string }[]) {
    super("invalid", M.sendBlocked, issues);
  }
}

const visibleTo = (user: CurrentUser, row: Pick<Row, "enterpriseId" | "officeCode">) =>
  user.role === "enterprise" ? row.enterpriseId === user.enterpriseId : row.officeCode === user.officeCode;

/** The application if `user` may see it (locked with `lock`), else not_found: another enterprise's or office's never shows. */
export async function loadVisible(db: DbOrTx, user: CurrentUser, id: string, lock = false) {
  const row = lock ? await q.lockDocument(db, id) : await q.findDocument(db, id);
  if (!row || !visibleTo(user, row)) throw notFound(M.notFound);
  return row;
}

export const scopeOf = (user: CurrentUser): q.Scope => (user.role === "enterprise" ? { enterpriseId: user.enterpriseId! } : { officeCode: user.officeCode! });

export async function addHistory(
  tx: DbOrTx,
  { id, status, actor, note }: { id: string; status: CommercialStatus; actor: CurrentUser | null; note?: string | null },
) {
  await tx.insert(commercialHistory).values({ documentId: id, status, actorId: actor?.id ?? null, by: actor?.displayName ?? "系统", note: note ?? null });
}

/** The document types an application may choose (reference data, in the database). */
export async function listDocumentTypes({ db }: { db: DbOrTx }) {
  return (await q.listTypes(db)).filter((t) => t.active);
}

async function checkedFields(db: DbOrTx, input: unknown): Promise<CommercialFields> {
  const types = await q.listTypes(db);
  const r = normaliseFields(
    input,
    types.map((t) => t.code),
  );
  if (!r.ok) throw invalid(r.issues[0]!.message, r.issues);
  return r.fields;
}

/**
 * Stores the upload of an application inside the caller's transaction: the enterprise's files are
 * summed under its advisory lock, so two uploads racing cannot both slip under the quota.
 */
/** Refuses (too_large, naming the file field) an upload that would take the enterprise past its quota; the enterprise's uploads are serialised by an advisory lock. */
export async function checkQuota(
  tx: DbOrTx,
  { enterpriseId, exceptDocumentId, byteSize }: { enterpriseId: string; exceptDocumentId: string | null; byteSize: number },
) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`commercial-quota:${enterpriseId}`}))`);
  const used = await q.storedBytes(tx, enterpriseId, exceptDocumentId);
  if (used + byteSize > COMMERCIAL_LIMITS.quotaBytes) {
    const message = M.quota(mb(used), COMMERCIAL_LIMITS.quotaBytes / 1024 / 1024);
    throw new AppError("too_large", message, [{ path: "file", message }]);
  }
}

async function storeFile(
  tx: DbOrTx,
  { documentId, enterpriseId, upload, facts }: { documentId: string; enterpriseId: string; upload: Upload; facts: UploadFacts },
) {
  await checkQuota(tx, { enterpriseId, exceptDocumentId: documentId, byteSize: facts.byteSize });
  await q.saveFile(tx, {
    documentId,
    enterpriseId,
    mediaType: facts.mediaType,
    fileName: cleanFileName(upload.name, facts.mediaType),
    byteSize: facts.byteSize,
    pageCount: facts.pageCount,
    sha256: facts.sha256,
    data: upload.bytes,
  });
}

/**
 * Saves a new DRAFT for the user's enterprise with what was typed (well formed, not necessarily
 * complete) and the document when one is given, checked by its content first. Nothing is saved
 * when either is refused.
 */
export async function createCommercialDocument({
  db,
  user,
  input,
  file,
  source = "WEB",
  copyOf,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  input: unknown;
  file?: Upload | null;
  source?: "WEB" | "EDI";
  copyOf?: string;
  requestId?: string;
}) {
  const fields = await checkedFields(db, input);
  const facts = file ? await inspectUpload(file.bytes) : null;
  const { enterprise } = await getEnterpriseProfile({ db, enterpriseId: user.enterpriseId! });
  const id = Bun.randomUUIDv7();
  await db.transaction(async (tx) => {
    const seq = await q.nextApplicationSeq(tx);
    const applicationNo = formatCommercialApplicationNo(Number(officeToday().slice(0, 4)), seq);
    await tx
      .insert(commercialDocuments)
      .values({ id, enterpriseId: enterprise.id, officeCode: enterprise.officeCode, source, applicationNo, createdBy: user.id, ...fields });
    if (file && facts) await storeFile(tx, { documentId: id, enterpriseId: enterprise.id, upload: file, facts });
    await addHistory(tx, { id, status: "DRAFT", actor: user, note: copyOf ? M.noteCopyOf(copyOf) : source === "EDI" ? M.noteEdi : null });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: enterprise.officeCode,
      entity: "commercial_document",
      entityId: id,
      action: "created",
      after: { source, ...fields, file: facts },
      requestId,
    });
  });
  return { id, status: "DRAFT" as const };
}

/** Replaces the fields of a DRAFT or RETURNED application, and its document when a new one is given. */
export async function updateCommercialDocument({
  db,
  user,
  id,
  input,
  file,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  id: string;
  input: unknown;
  file?: Upload | null;
  requestId?: string;
}) {
  const fields = await checkedFields(db, input);
  const facts = file ? await inspectUpload(file.bytes) : null;
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (!isEditable(row.status)) throw conflict(M.notEditable);
    await tx
      .update(commercialDocuments)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(commercialDocuments.id, id));
    if (file && facts) await storeFile(tx, { documentId: id, enterpriseId: row.enterpriseId, upload: file, facts });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: row.officeCode,
      entity: "commercial_document",
      entityId: id,
      action: "edited",
      after: { ...fields, ...(facts ? { file: facts } : {}) },
      requestId,
    });
  });
  return { id };
}

/** Puts (or replaces) the document of a DRAFT or RETURNED application, alone (the API's multipart upload). */
export async function putCommercialFile({ db, user, id, file, requestId }: { db: Db; user: CurrentUser; id: string; file: Upload | null; requestId?: string }) {
  if (!file) throw invalid(M.fileRequired, [{ path: "file", message: M.fileRequired }]);
  const facts = await inspectUpload(file.bytes);
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (!isEditable(row.status)) throw conflict(M.notEditable);
    await storeFile(tx, { documentId: id, enterpriseId: row.enterpriseId, upload: file, facts });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: row.officeCode,
      entity: "commercial_document",
      entityId: id,
      action: "file_uploaded",
      after: { file: facts },
      requestId,
    });
  });
  return {
    name: cleanFileName(file.name, facts.mediaType),
    mediaType: facts.mediaType,
    byteSize: facts.byteSize,
    pageCount: facts.pageCount,
    sha256: facts.sha256,
  };
}

const fieldsOf = (row: Row): CommercialFields => ({
  docType: row.docType,
  documentNo: row.documentNo,
  destinationCountry: row.destinationCountry,
  purpose: row.purpose,
  copies: row.copies,
  remarks: row.remarks,
});

/** 发送: DRAFT or RETURNED → PENDING when complete; otherwise CommercialProblemsError lists every missing field and nothing moves. */
export async function sendCommercialDocument({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (!isEditable(row.status)) throw conflict(M.notSendable);
    const issues = missingForSend(fieldsOf(row), (await q.findFileFacts(tx, id)) !== null);
    if (issues.length) throw new CommercialProblemsError(issues);
    await tx.update(commercialDocuments).set({ status: "PENDING", sentAt: new Date(), updatedAt: new Date() }).where(eq(commercialDocuments.id, id));
    await addHistory(tx, { id, status: "PENDING", actor: user });
    await recordAudit(tx, { actorId: user.id, officeCode: row.officeCode, entity: "commercial_document", entityId: id, action: "sent", requestId });
  });
  return { id, status: "PENDING" as const };
}

/** 撤回: PENDING → DRAFT, before the office has decided. */
export async function withdrawCommercialDocument({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (row.status !== "PENDING") throw conflict(M.notWithdrawable);
    await tx.update(commercialDocuments).set({ status: "DRAFT", sentAt: null, updatedAt: new Date() }).where(eq(commercialDocuments.id, id));
    await addHistory(tx, { id, status: "DRAFT", actor: user, note: M.noteWithdrawn });
    await recordAudit(tx, { actorId: user.id, officeCode: row.officeCode, entity: "commercial_document", entityId: id, action: "withdrawn", requestId });
  });
  return { id, status: "DRAFT" as const };
}

/** 复制: a new DRAFT with the same fields but no document number and no file (a copy is for another document). */
export async function copyCommercialDocument({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  const row = await loadVisible(db, user, id);
  return createCommercialDocument({ db, user, input: { ...fieldsOf(row), documentNo: "" }, copyOf: row.applicationNo, requestId });
}

/** One application with its type, its file's facts (not its bytes) and its history, for its enterprise or its office. */
export async function getCommercialDocument({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  const row = await loadVisible(db, user, id);
  const [file, history, types] = await Promise.all([q.findFileFacts(db, id), q.listHistory(db, id), q.listTypes(db)]);
  return { ...row, file, history, type: types.find((t) => t.code === row.docType) ?? null };
}
export type CommercialDetail = Awaited<ReturnType<typeof getCommercialDocument>>;

/** The uploaded file with its bytes, for its enterprise or its office only. */
export async function getCommercialFile({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  await loadVisible(db, user, id);
  const file = await q.findFile(db, id);
  if (!file) throw notFound(M.noFile);
  return file;
}

export const PAGE_SIZE = 20;

export function listCommercialDocuments({
  db,
  user,
  filters,
  page = 1,
  pageSize = PAGE_SIZE,
  oldestFirst,
}: {
  db: Db;
  user: CurrentUser;
  filters: q.CommercialFilters;
  page?: number;
  pageSize?: number;
  oldestFirst?: boolean;
}) {
  return q.listRows(db, scopeOf(user), filters, { page, pageSize: Math.min(100, Math.max(1, pageSize)), oldestFirst });
}

export function countCommercialByStatus({ db, user, filters }: { db: Db; user: CurrentUser; filters?: q.CommercialFilters }) {
  return q.countByStatus(db, scopeOf(user), filters);
}

/** One page of the uploaded PDF as its own small PDF (the review page shows the document page by page). */
export async function getCommercialFilePage({ db, user, id, page }: { db: Db; user: CurrentUser; id: string; page: number }) {
  const file = await getCommercialFile({ db, user, id });
  const bytes = file.mediaType === "application/pdf" ? await pdfPage(file.data, page) : null;
  if (!bytes) throw notFound();
  return { bytes, fileName: `${file.fileName.replace(/\.pdf$/i, "")}-${page}.pdf` };
}
