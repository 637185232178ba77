import { eq, inArray, sql } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import { builtOnce, slot, type Db, type DbOrTx } from "../../db/client.ts";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.ts";
import { inspectImage } from "../../lib/images.ts";
import { recordAudit } from "../audit/index.ts";
import { listApprovedFilings } from "../filing/index.ts";
import { getEnterpriseForReview } from "../registration/index.ts";
import type { CertificateBody } from "./edi/contract.ts";
import { withDefaults } from "./defaults.ts";
import { printableTypes } from "../../render/index.ts";
import { isAmendable, isDeletable, isEditable, isSendableType, type CertificateStatus } from "./lifecycle.ts";
import { CM } from "./lifecycle-messages.ts";
import { findCertificateType } from "./registry.ts";
import * as q from "./queries.ts";
import { asSearched, searchColumns, type CertificateFilters, type SortKey } from "./search.ts";
import { insertCertificate, markSent } from "./draft-writes.ts";
import { MARKS_IMAGE_LIMITS } from "./data/review-data.ts";
import type { Problem, ReviewContext } from "./checks/review-problems.ts";
import { computeRetroactive, hasBlockingProblems, reviewCertificate } from "./checks/review-rules.ts";
import { certificateHistory, certificateMarksImages, certificates } from "./schema.ts";

/** The office's calendar day (China Standard Time), which dates on certificates refer to. */
export const officeToday = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Thrown by `sendCertificate` when machine review finds blocking problems; the draft keeps them. */
export class CertificateProblemsError extends AppError {
  constructor(
    readonly status: CertificateStatus,
    readonly problems: Problem[],
  ) {
    super("invalid", CM.sendBlocked);
  }
}

type Row = typeof certificates.$inferSelect;

/** Whether `user` may see the certificate: its enterprise, or staff of the office it was filed at. */
function visibleTo(user: CurrentUser, row: Pick<Row, "enterpriseId" | "officeCode">) {
  return user.role === "enterprise" ? row.enterpriseId === user.enterpriseId : row.officeCode === user.officeCode;
}

/** The certificate if `user` may see it (locked FOR UPDATE with `lock`), else not_found. Slice-internal, shared with office-actions.ts. */
export async function loadVisible(db: DbOrTx, user: CurrentUser, id: string, lock = false) {
  const row = lock ? await q.lockCertificate(db, id) : await q.findCertificate(db, id);
  if (!row || !visibleTo(user, row)) throw notFound(CM.notFound);
  return row;
}

/** The enterprise's filed record and hand-signers: what defaults and machine review read. */
function enterpriseFacts(db: DbOrTx, enterpriseId: string) {
  return getEnterpriseForReview({ db, enterpriseId });
}
type EnterpriseFacts = Awaited<ReturnType<typeof enterpriseFacts>>;

/**
 * Everything machine review needs besides the body, read fresh (inside the caller's transaction
 * when given one). `facts` already read by the caller are not read again; a certificate not yet
 * saved (`unsaved`) has no image marks to look up.
 */
export async function reviewContext(
  db: DbOrTx,
  {
    row,
    body,
    today,
    facts,
    unsaved = false,
  }: {
    row: Pick<Row, "id" | "enterpriseId" | "replacesId">;
    body: CertificateBody;
    today: string;
    /** Read already, or being read (a promise: this call's reads are then sent beside it). */
    facts?: EnterpriseFacts | Promise<EnterpriseFacts>;
    unsaved?: boolean;
  },
): Promise<ReviewContext> {
  const invoiceNo = asSearched(body.invoice?.number?.trim() ?? "");
  const [known, filings, holder, image] = await Promise.all([
    facts ?? enterpriseFacts(db, row.enterpriseId),
    listApprovedFilings({ db, enterpriseId: row.enterpriseId }),
    invoiceNo
      ? q.findInvoiceHolder(db, { enterpriseId: row.enterpriseId, invoiceNo, excludeIds: [row.id, ...(row.replacesId ? [row.replacesId] : [])] })
      : null,
    unsaved ? null : q.findMarksImage(db, row.id),
  ]);
  return {
    today,
    enterprise: { nameEn: known.enterprise.nameEn, addressEn: known.enterprise.addressEn },
    handSigners: known.signers,
    filings,
    invoiceHolder: holder ? { id: holder.id, applicationNo: holder.applicationNo } : null,
    marksImage: image ? { mime: image.mime, bytes: image.bytes } : null,
    enterpriseSeal: known.seal ? { width: known.seal.width, height: known.seal.height } : null,
  };
}

export async function addHistory(
  tx: DbOrTx,
  { id, status, actor, note }: { id: string; status: CertificateStatus; actor: CurrentUser | null; note?: string | null },
) {
  await insertHistory(tx, { certificateId: id, status, actorId: actor?.id ?? null, by: actor?.displayName ?? "系统", note: note ?? null });
}

// Built once (db/client.ts builtOnce): written on every create, send and office action.
const insertHistory = builtOnce("certificate_history_insert", (db) =>
  db
    .insert(certificateHistory)
    .values({ certificateId: slot("certificateId"), status: slot("status"), actorId: slot("actorId"), by: slot("by"), note: slot("note") }),
);

function fillDefaults(facts: EnterpriseFacts, body: CertificateBody) {
  const def = facts.signers.find((s) => s.active && s.isDefault) ?? facts.signers.find((s) => s.active);
  return { body: withDefaults(body, { enterprise: facts.enterprise, defaultHandSigner: def?.name ?? null }), enterprise: facts.enterprise, facts };
}

async function withEnterpriseDefaults(db: DbOrTx, enterpriseId: string, body: CertificateBody) {
  return fillDefaults(await enterpriseFacts(db, enterpriseId), body);
}

type NewDraft = { user: CurrentUser; body: CertificateBody; source?: "WEB" | "EDI"; replacesId?: string | null; requestId?: string };

/** What a new draft needs read first: the enterprise's defaults filled in and machine review's problems. */
async function prepareDraft(db: DbOrTx, { user, body, replacesId = null }: NewDraft) {
  const enterpriseId = user.enterpriseId!;
  const id = Bun.randomUUIDv7();
  const today = officeToday();
  // The enterprise's facts and review's other reads are sent together (one round trip in a
  // transaction): review reads of the body only its invoice number, which defaults never fill.
  const facts = enterpriseFacts(db, enterpriseId);
  const [known, context] = await Promise.all([facts, reviewContext(db, { row: { id, enterpriseId, replacesId }, body, today, facts, unsaved: true })]);
  const filled = fillDefaults(known, body);
  const problems = reviewCertificate(filled.body, context);
  return { id, enterpriseId, today, filled, problems };
}

/** Writes a prepared draft with its history and audit rows; returns its application number. */
async function insertDraft(
  tx: DbOrTx,
  { id, enterpriseId, today, filled, problems }: Awaited<ReturnType<typeof prepareDraft>>,
  { user, source = "WEB", replacesId = null, requestId }: NewDraft,
) {
  // The number is drawn from the sequence inside the insert, and the history and audit rows are
  // sent with it: one round trip on the transaction's connection, where nextval, the certificate
  // and the two rows after it were three (PostgreSQL runs them in order, so the two rows still
  // follow the certificate they refer to: insertCertificate sends its statement when called).
  const [applicationNo] = await Promise.all([
    insertCertificate(tx, Number(today.slice(0, 4)), {
      id,
      enterpriseId,
      officeCode: filled.enterprise.officeCode,
      visaPoint: filled.enterprise.visaPoint,
      source,
      body: filled.body,
      problems,
      replacesId,
      createdBy: user.id,
      ...searchColumns(filled.body),
    }),
    addHistory(tx, { id, status: "DRAFT", actor: user, note: replacesId ? CM.noteAmendOf : source === "EDI" ? CM.noteEdi : null }),
    recordAudit(tx, {
      actorId: user.id,
      officeCode: filled.enterprise.officeCode,
      entity: "certificate",
      entityId: id,
      action: "created",
      after: { source, replacesId },
      requestId,
    }),
  ]);
  return applicationNo;
}

/**
 * Saves a new DRAFT for the user's enterprise, whatever its problems (the contract: every
 * well-shaped body is saved). Returns the id and the machine-review problems.
 */
export async function createCertificate({ db, ...draft }: NewDraft & { db: Db }) {
  // Read inside the transaction: its connection then takes the reads together and the writes
  // together, two round trips, where reads outside it were one each (docs/decisions/0020).
  return db.transaction(async (tx) => {
    const prepared = await prepareDraft(tx, draft);
    await insertDraft(tx, prepared, draft);
    return { id: prepared.id, status: "DRAFT" as const, problems: prepared.problems };
  });
}

/**
 * Saves several new DRAFTs for the user's enterprise in one transaction (批量导入): all of them or
 * none, each with the history and audit rows `createCertificate` writes. With `refuseHeldInvoices`,
 * a body whose invoice number a live certificate already holds refuses the whole batch (conflict,
 * review's message naming the holder); batches of one enterprise are serialised, as sends are, so a
 * confirmation posted twice creates its drafts once.
 */
export async function createCertificates({
  db,
  user,
  bodies,
  refuseHeldInvoices = false,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  bodies: readonly CertificateBody[];
  refuseHeldInvoices?: boolean;
  requestId?: string;
}) {
  return db.transaction(async (tx) => {
    if (refuseHeldInvoices) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${user.enterpriseId!}))`);
    const created: { id: string; applicationNo: string; invoiceNo: string; problems: Problem[] }[] = [];
    for (const body of bodies) {
      const draft = { user, body, requestId };
      const prepared = await prepareDraft(tx, draft);
      const held = refuseHeldInvoices && prepared.problems.find((p) => p.rule === "INVOICE_DUPLICATE");
      if (held) throw conflict(held.message);
      const applicationNo = await insertDraft(tx, prepared, draft);
      created.push({ id: prepared.id, applicationNo, invoiceNo: body.invoice?.number ?? "", problems: prepared.problems });
    }
    return created;
  });
}

/**
 * Replaces the body of a DRAFT or RETURNED certificate (autosave and 保存 call this). With
 * `revision`, refuses (`conflict`) when someone saved a newer revision meanwhile, so two tabs never
 * silently overwrite each other. Returns the new revision and problems.
 */
export async function updateCertificate({
  db,
  user,
  id,
  body,
  revision,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  id: string;
  body: CertificateBody;
  revision?: number;
  requestId?: string;
}) {
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (!isEditable(row.status)) throw conflict(CM.notEditable);
    if (revision !== undefined && revision !== row.revision) throw conflict(CM.staleRevision);
    const filled = await withEnterpriseDefaults(tx, row.enterpriseId, body);
    const problems = reviewCertificate(filled.body, await reviewContext(tx, { row, body: filled.body, today: officeToday(), facts: filled.facts }));
    const next = row.revision + 1;
    await tx
      .update(certificates)
      .set({ body: filled.body, problems, revision: next, updatedAt: new Date(), ...searchColumns(filled.body) })
      .where(eq(certificates.id, id));
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: row.officeCode,
      entity: "certificate",
      entityId: id,
      action: "edited",
      after: { revision: next },
      requestId,
    });
    return { id, status: row.status, revision: next, problems };
  });
}

/** Runs machine review on a body without saving (the form's live check). */
export async function checkCertificate({ db, user, id, body }: { db: Db; user: CurrentUser; id: string; body: CertificateBody }) {
  const row = await loadVisible(db, user, id);
  const filled = await withEnterpriseDefaults(db, row.enterpriseId, body);
  return reviewCertificate(filled.body, await reviewContext(db, { row, body: filled.body, today: officeToday(), facts: filled.facts }));
}

/**
 * 发送: runs machine review again inside the send transaction. Either the certificate is PENDING in
 * the office's queue, or CertificateProblemsError lists every blocking problem at once and the
 * certificate stays as it was (manual Q9: never stuck between the two sides). Sends of one
 * enterprise are serialised so two certificates cannot both take the same invoice number.
 */
export async function sendCertificate({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  const result = await db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (!isEditable(row.status)) throw conflict(CM.notSendable);
    if (!isSendableType(row.type, printableTypes())) {
      const message = CM.noLayout(findCertificateType(row.type)?.nameZh ?? row.type);
      throw invalid(message, [{ path: "type", message }]);
    }
    const today = officeToday();
    // The lock and review's reads are sent together: PostgreSQL runs them in order on the
    // transaction's connection, so every read still starts after the lock is held (one round trip).
    // (`.then` sends a drizzle query: called on the lock before reviewContext sends its reads.)
    const [, context] = await Promise.all([
      tx.execute(sql`select pg_advisory_xact_lock(hashtext(${row.enterpriseId}))`).then(() => undefined),
      reviewContext(tx, { row, body: row.body, today }),
    ]);
    const problems = reviewCertificate(row.body, context);
    if (hasBlockingProblems(problems)) {
      await tx.update(certificates).set({ problems }).where(eq(certificates.id, id));
      return { ok: false as const, status: row.status, problems };
    }
    const retro = computeRetroactive(row.body, { today });
    // Independent writes of one transaction, sent together (one round trip, not three).
    await Promise.all([
      markSent(tx, { id, now: new Date().toISOString(), problems: JSON.stringify(problems) }),
      addHistory(tx, { id, status: "PENDING", actor: user, note: retro ? CM.noteRetro(retro.wording ?? "") : null }),
      recordAudit(tx, { actorId: user.id, officeCode: row.officeCode, entity: "certificate", entityId: id, action: "sent", requestId }),
    ]);
    return { ok: true as const, status: "PENDING" as const, problems };
  });
  if (!result.ok) throw new CertificateProblemsError(result.status, result.problems);
  return { id, status: result.status, problems: result.problems };
}

/** 复制: a new DRAFT with the same content and no invoice number. */
export async function copyCertificate({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  const row = await loadVisible(db, user, id);
  const body: CertificateBody = { ...row.body, invoice: row.body.invoice ? { ...row.body.invoice, number: null } : row.body.invoice };
  return createCertificate({ db, user, body, source: "WEB", requestId });
}

/**
 * 改证重发: a new DRAFT linked to an APPROVED or ISSUED certificate, keeping its invoice number.
 * The original becomes REPLACED when the new one is approved (review desk).
 */
export async function amendCertificate({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  const row = await loadVisible(db, user, id);
  if (!isAmendable(row.status)) throw conflict(CM.notAmendable);
  if (row.replacedById || (await q.findLiveAmendment(db, id))) throw conflict(CM.alreadyAmended);
  return createCertificate({ db, user, body: row.body, source: row.source, replacesId: id, requestId });
}

/** 删除: only a draft that was never sent. */
export async function deleteCertificate({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (!isDeletable(row.status, row.sentAt)) throw conflict(CM.notDeletable);
    await tx.delete(certificateMarksImages).where(eq(certificateMarksImages.certificateId, id));
    await tx.delete(certificateHistory).where(eq(certificateHistory.certificateId, id));
    await tx.delete(certificates).where(eq(certificates.id, id));
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: row.officeCode,
      entity: "certificate",
      entityId: id,
      action: "deleted",
      before: { applicationNo: row.applicationNo },
      requestId,
    });
  });
}

/**
 * Attaches image marks (jpg/png/gif ≤ 400 KB, judged by content, not by name, and whole: see
 * lib/images.ts). Throws `too_large` past the size limit and `invalid` for another kind of file, a
 * picture past the dimension limits or a damaged one; only editable certificates. A refused file
 * leaves the certificate as it was.
 */
export async function attachMarksImage({ db, user, id, bytes, requestId }: { db: Db; user: CurrentUser; id: string; bytes: Uint8Array; requestId?: string }) {
  const verdict = await inspectImage(bytes, MARKS_IMAGE_LIMITS);
  if (!verdict.ok) {
    const message = verdict.problem === "too_large" ? CM.marksImageTooLarge : verdict.problem === "type" ? CM.marksImageType : verdict.message;
    throw new AppError(verdict.problem === "too_large" ? "too_large" : "invalid", message, [{ path: "marksImage", message }]);
  }
  const mime = verdict.image.type;
  await db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (!isEditable(row.status)) throw conflict(CM.notEditable);
    await tx
      .insert(certificateMarksImages)
      .values({ certificateId: id, mime, bytes })
      .onConflictDoUpdate({ target: certificateMarksImages.certificateId, set: { mime, bytes, uploadedAt: new Date() } });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: row.officeCode,
      entity: "certificate",
      entityId: id,
      action: "marks_image",
      after: { mime, size: bytes.byteLength },
      requestId,
    });
  });
  return { mime, size: bytes.byteLength };
}

export async function getMarksImage({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  await loadVisible(db, user, id);
  const image = await q.findMarksImage(db, id);
  if (!image) throw notFound();
  return image;
}

/** One certificate with its history, for its enterprise or its office; anyone else gets not_found. */
export async function getCertificate({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  const row = await loadVisible(db, user, id);
  const history = await q.listHistory(db, id);
  return { ...row, history, retroactive: computeRetroactive(row.body, { today: officeToday(row.sentAt ?? new Date()) }) };
}

/** Full rows for a page of ids, in the order given, limited to what the user may see. */
/** The live certificate of the user's enterprise holding this invoice number, if any. */
export function findInvoiceHolder({ db, user, invoiceNo }: { db: DbOrTx; user: CurrentUser; invoiceNo: string }) {
  return q.findInvoiceHolder(db, { enterpriseId: user.enterpriseId!, invoiceNo: asSearched(invoiceNo.trim()), excludeIds: [] });
}

export async function getCertificatesByIds({ db, user, ids }: { db: Db; user: CurrentUser; ids: string[] }) {
  if (!ids.length) return [];
  const rows = await db.select().from(certificates).where(inArray(certificates.id, ids));
  const byId = new Map(rows.filter((r) => visibleTo(user, r)).map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export const PAGE_SIZE = 20;
/** An office's list counts at most this many matches and shows "N+" beyond (docs/decisions/0003). */
export const OFFICE_COUNT_CAP = 1000;

const scopeOf = (user: CurrentUser) => (user.role === "enterprise" ? { enterpriseId: user.enterpriseId! } : { officeCode: user.officeCode! });
/** The enterprise filter is the office's; an enterprise only ever sees its own. */
const filtersFor = (user: CurrentUser, filters: CertificateFilters) => (user.role === "enterprise" ? { ...filters, enterprise: undefined } : filters);

/**
 * Lists for the enterprise (its own) or the office (its enterprises), filtered, sorted and paged.
 * No filter is implied: without dates every certificate of any age is found (manual Q8). Without a
 * sort, newest first (by invoice date when searching by invoice date). An office's total is capped
 * at OFFICE_COUNT_CAP (`capped`); an enterprise's is exact. `withTotal: false` skips counting.
 */
export function listCertificates({
  db,
  user,
  filters,
  sort,
  dir,
  page = 1,
  pageSize = PAGE_SIZE,
  withTotal,
}: {
  db: Db;
  user: CurrentUser;
  filters: CertificateFilters;
  sort?: SortKey;
  dir?: "asc" | "desc";
  page?: number;
  pageSize?: number;
  withTotal?: boolean;
}) {
  return q.listCertificateRows(db, scopeOf(user), filtersFor(user, filters), {
    sort,
    dir,
    page,
    pageSize: Math.min(100, Math.max(1, pageSize)),
    countCap: user.role === "enterprise" ? undefined : OFFICE_COUNT_CAP,
    withTotal,
  });
}

/** Counts per status, of everything or of what a search finds (its status condition aside: the tabs' counts). */
export function countCertificatesByStatus({ db, user, filters = {} }: { db: Db; user: CurrentUser; filters?: CertificateFilters }) {
  return q.countByStatus(db, scopeOf(user), filtersFor(user, filters));
}

/**
 * The id of the certificate with this application number, for its enterprise or its office, of
 * any date or status: what the duplicate-invoice problem links to (manual Q8). Others: not_found.
 */
export async function findCertificateByApplicationNo({ db, user, applicationNo }: { db: Db; user: CurrentUser; applicationNo: string }) {
  const id = await q.findIdByApplicationNo(db, scopeOf(user), applicationNo.trim());
  if (!id) throw notFound(CM.notFound);
  return id;
}

/** 用户首页: returned certificates with the office's reasons and drafts machine review blocks. */
export function listCertificatesNeedingAttention({ db, user, limit = 10 }: { db: Db; user: CurrentUser; limit?: number }) {
  return q.listAttention(db, { enterpriseId: user.enterpriseId!, limit });
}

/** 用户首页: the latest status changes of the enterprise's certificates. */
export function listRecentCertificateActivity({ db, user, limit = 10 }: { db: Db; user: CurrentUser; limit?: number }) {
  return q.listRecentHistory(db, { enterpriseId: user.enterpriseId!, limit });
}
