import { and, eq, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { uniqueViolation } from "../../db/errors.ts";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.ts";
import { inspectImage, type ImageInfo } from "../../lib/images.ts";
import { listEnterpriseAccounts, setEnterpriseAccountActive } from "../accounts/index.ts";
import { listAuditEntries, recordAudit } from "../audit/index.ts";
import { IMAGE_LIMITS, PAGE_SIZE } from "./data.ts";
import type { EnterpriseFields, SignerFields } from "./forms.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { regNoPrefix, suggestRegNo } from "./rules.ts";
import { customsCodes, enterpriseImages, enterprises, handSigners, offices } from "./schema.ts";

type Enterprise = typeof enterprises.$inferSelect;
type Signer = typeof handSigners.$inferSelect;

// ---------------------------------------------------------------- enterprise side

/**
 * The enterprise's filed record with its active hand-signers and current seal, as the office holds
 * it (one source of truth: what the office changes shows here on the next request). Callers pass
 * the signed-in user's own enterprise id.
 */
export async function getEnterpriseProfile({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  const enterprise = await q.findEnterprise(db, enterpriseId);
  if (!enterprise) throw notFound();
  const [office, signers, seal] = await Promise.all([
    q.findOffice(db, enterprise.officeCode),
    q.listActiveSigners(db, enterpriseId),
    enterprise.sealImageId ? q.findImageMeta(db, enterprise.sealImageId) : undefined,
  ]);
  return { enterprise, office, signers, seal: seal ?? null };
}

/** The office with the number of enterprises filed there. */
export async function getOfficeSummary({ db, officeCode }: { db: Db; officeCode: string }) {
  const office = await q.findOffice(db, officeCode);
  if (!office) throw notFound();
  return { office, enterpriseCount: await q.countEnterprises(db, officeCode) };
}

export function findEnterpriseByRegNo({ db, regNo }: { db: Db; regNo: string }) {
  return q.findEnterpriseByRegNo(db, regNo);
}

/** The enterprise's customs codes with their review status, oldest first. */
export function listCustomsCodes({ db, enterpriseId }: { db: Db; enterpriseId: string }) {
  return q.listCustomsCodes(db, enterpriseId);
}

/** True when the enterprise has at least one APPROVED customs code (product filing needs one: manual Q5). */
export async function hasApprovedCustomsCode({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  return q.hasApprovedCustomsCode(db, enterpriseId);
}

export type StoredImage = { id: string; mediaType: string; width: number; height: number; sha256: string; data: Uint8Array };

function toStoredImage(row: typeof enterpriseImages.$inferSelect | undefined): StoredImage | null {
  return row ? { id: row.id, mediaType: row.mediaType, width: row.width, height: row.height, sha256: row.sha256, data: row.data } : null;
}

/** The enterprise's current seal image (for printing), or null when none was uploaded. */
export async function getSealImage({ db, enterpriseId }: { db: Db; enterpriseId: string }) {
  const enterprise = await q.findEnterprise(db, enterpriseId);
  if (!enterprise?.sealImageId) return null;
  return toStoredImage(await q.findImage(db, enterpriseId, enterprise.sealImageId));
}

/** The hand-signer's current signature image (for printing), or null when the signer has none (manual Q11). */
export async function getSignatureImage({ db, enterpriseId, signerId }: { db: Db; enterpriseId: string; signerId: string }) {
  const signer = await q.findSigner(db, enterpriseId, signerId);
  if (!signer?.signatureImageId) return null;
  return toStoredImage(await q.findImage(db, enterpriseId, signer.signatureImageId));
}

/** One of the enterprise's own images; another enterprise's image id is not found. */
export async function getEnterpriseImage({ db, enterpriseId, imageId }: { db: Db; enterpriseId: string; imageId: string }) {
  const image = toStoredImage(await q.findImage(db, enterpriseId, imageId));
  if (!image) throw notFound();
  return image;
}

// ---------------------------------------------------------------- office side: records

export type NewOffice = { code: string; nameZh: string; nameEn: string; placeEn?: string; addressEn?: string; tel?: string; fax?: string };
export type NewEnterprise = {
  officeCode: string;
  regNo: string;
  nameZh: string;
  nameEn: string;
  addressEn: string;
  nature?: string;
  smallMicro?: boolean;
  visaPoint: string;
  creditCode?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  signers?: { name: string; nameLatin?: string | null; phone?: string | null; isDefault?: boolean }[];
  /** Customs codes filed with the record, already approved (demo data and imports from the old system). */
  approvedCustomsCodes?: string[];
};

/** Creates an office (operators and demo data). */
export async function createOffice({ db, office }: { db: Db; office: NewOffice }) {
  await db.insert(offices).values(office);
}

export async function hasAnyOffice({ db }: { db: Db }) {
  return (await db.select({ code: offices.code }).from(offices).limit(1)).length > 0;
}

/** A conflict a form shows next to the field it is about. */
const fieldConflict = (path: string, message: string) => new AppError("conflict", message, [{ path, message }]);

const regNoTaken = (regNo: string) => fieldConflict("regNo", M.regNoTaken(regNo));

/** A credit code held by another record; names that record's number only to its own office. */
async function creditCodeTaken(db: DbOrTx, creditCode: string, officeCode: string, exceptId?: string) {
  const holder = await q.findEnterpriseByCreditCode(db, creditCode);
  if (!holder || holder.id === exceptId) return null;
  return fieldConflict("creditCode", M.creditCodeTaken(holder.officeCode === officeCode ? holder.regNo : null));
}

/** Turns a unique-index race lost at insert/update into the same field error as the pre-check. */
function raceToFieldError(err: unknown, values: { regNo?: string; creditCode?: string | null }) {
  const constraint = uniqueViolation(err);
  if (constraint === "enterprises_reg_no_key" && values.regNo) return regNoTaken(values.regNo);
  if (constraint === "enterprises_credit_code_key") return fieldConflict("creditCode", M.creditCodeTaken(null));
  return err;
}

/**
 * Files an enterprise (with any hand-signers and pre-approved customs codes) in one transaction and
 * returns its id. A registration number or credit code already on file is refused as `conflict`
 * with the field named, so the form can say which.
 */
export async function createEnterprise({ db, enterprise, actorId = null }: { db: Db; enterprise: NewEnterprise; actorId?: string | null }) {
  const id = Bun.randomUUIDv7();
  const { signers = [], approvedCustomsCodes = [], ...record } = enterprise;
  if (await q.findEnterpriseByRegNo(db, record.regNo)) throw regNoTaken(record.regNo);
  if (record.creditCode) {
    const taken = await creditCodeTaken(db, record.creditCode, record.officeCode);
    if (taken) throw taken;
  }
  try {
    await db.transaction(async (tx) => {
      await tx.insert(enterprises).values({ id, ...record });
      if (signers.length)
        await tx.insert(handSigners).values(
          signers.map((s, i) => ({ id: Bun.randomUUIDv7(), enterpriseId: id, name: s.name, nameLatin: s.nameLatin ?? null, phone: s.phone ?? null, isDefault: s.isDefault ?? i === 0 })),
        );
      if (approvedCustomsCodes.length)
        await tx.insert(customsCodes).values(
          approvedCustomsCodes.map((code) => ({ id: Bun.randomUUIDv7(), enterpriseId: id, code, status: "APPROVED" as const, decidedBy: actorId, decidedAt: new Date() })),
        );
      await recordAudit(tx, { actorId, officeCode: record.officeCode, entity: "enterprise", entityId: id, action: "created", after: enterprise });
    });
  } catch (e) {
    throw raceToFieldError(e, record);
  }
  return id;
}

/** The number the create form offers: the next free one of the office's A series. */
export async function proposeRegNo({ db, officeCode }: { db: Db; officeCode: string }) {
  return suggestRegNo(officeCode, await q.listRegNosWithPrefix(db, regNoPrefix(officeCode)));
}

export type EnterpriseListQuery = { search?: string; status?: "active" | "inactive" | "all"; page?: number };

/** The office's enterprises matching a search (number, either name, credit code or customs code), a page at a time. */
export async function listEnterprises({ db, officeCode, query }: { db: Db; officeCode: string; query: EnterpriseListQuery }) {
  const page = Math.max(1, query.page ?? 1);
  const { rows, total } = await q.listEnterprises(
    db,
    { officeCode, search: query.search?.trim() || undefined, status: query.status },
    { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
  );
  const codes = await q.listCustomsCodesOf(db, rows.map((r) => r.id));
  const items = rows.map((r) => ({ ...r, customsCodes: codes.filter((c) => c.enterpriseId === r.id) }));
  return { items, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

async function requireOfficeEnterprise(db: DbOrTx, officeCode: string, enterpriseId: string) {
  const enterprise = await q.findOfficeEnterprise(db, officeCode, enterpriseId);
  if (!enterprise) throw notFound();
  return enterprise;
}

async function lockEnterprise(tx: DbOrTx, officeCode: string, enterpriseId: string) {
  const enterprise = await q.lockOfficeEnterprise(tx, officeCode, enterpriseId);
  if (!enterprise) throw notFound();
  return enterprise;
}

/** The version a form was filled from: the record's last change time. */
export function versionOf(enterprise: Pick<Enterprise, "updatedAt">) {
  return enterprise.updatedAt.toISOString();
}

const EDITABLE = ["nameZh", "nameEn", "addressEn", "creditCode", "nature", "smallMicro", "visaPoint", "contactName", "contactPhone", "contactEmail"] as const;

/** Only the fields whose values differ, before and after: what the audit keeps and the history shows. */
function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>, keys: readonly (keyof T)[]) {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of keys) {
    if (k in after && after[k] !== before[k]) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/** The record page's content: an enterprise of the office, everything filed about it, and its history. */
export async function getEnterpriseRecord({ db, officeCode, enterpriseId }: { db: Db; officeCode: string; enterpriseId: string }) {
  const enterprise = await requireOfficeEnterprise(db, officeCode, enterpriseId);
  const [codes, signers, operators, seal] = await Promise.all([
    q.listCustomsCodes(db, enterpriseId),
    q.listSigners(db, enterpriseId),
    listEnterpriseAccounts({ db, enterpriseId }),
    enterprise.sealImageId ? q.findImageMeta(db, enterprise.sealImageId) : undefined,
  ]);
  const entries = await listAuditEntries({
    db,
    refs: [
      { entity: "enterprise", ids: [enterpriseId] },
      { entity: "hand_signer", ids: signers.map((s) => s.id) },
      { entity: "customs_code", ids: codes.map((c) => c.id) },
      { entity: "account", ids: operators.map((o) => o.id) },
    ],
  });
  const history = entries.map((e) => ({ ...e, actorName: e.actorId ? (e.actorName ? `${e.actorName}（${e.actorLogin}）` : e.actorId) : null }));
  return { enterprise, version: versionOf(enterprise), customsCodes: codes, signers, operators, seal: seal ?? null, history };
}

/**
 * Saves the office's edit of a record. `version` is the one the form was filled from: if someone
 * else saved in between, nothing is overwritten and `conflict` says so. Audits only what changed.
 */
export async function updateEnterprise({
  db,
  officeCode,
  enterpriseId,
  fields,
  version,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  fields: EnterpriseFields;
  version: string;
  actorId: string;
}) {
  try {
    await db.transaction(async (tx) => {
      const current = await lockEnterprise(tx, officeCode, enterpriseId);
      if (versionOf(current) !== version) throw conflict(M.staleEdit);
      const diff = changedFields(current, fields, EDITABLE);
      if (!diff.changed) return;
      if (diff.after.creditCode) {
        const taken = await creditCodeTaken(tx, diff.after.creditCode, officeCode, enterpriseId);
        if (taken) throw taken;
      }
      await tx
        .update(enterprises)
        .set({ ...diff.after, updatedAt: new Date() })
        .where(eq(enterprises.id, enterpriseId));
      await recordAudit(tx, { actorId, officeCode, entity: "enterprise", entityId: enterpriseId, action: "updated", before: diff.before, after: diff.after });
    });
  } catch (e) {
    throw raceToFieldError(e, fields);
  }
}

async function setEnterpriseActive({ db, officeCode, enterpriseId, active, actorId }: { db: Db; officeCode: string; enterpriseId: string; active: boolean; actorId: string }) {
  await db.transaction(async (tx) => {
    const current = await lockEnterprise(tx, officeCode, enterpriseId);
    if (current.active === active) return;
    await tx.update(enterprises).set({ active, updatedAt: new Date() }).where(eq(enterprises.id, enterpriseId));
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "enterprise",
      entityId: enterpriseId,
      action: active ? "activated" : "deactivated",
      before: { active: current.active },
      after: { active },
    });
  });
}

/** Deactivates an enterprise: none of its accounts can sign in or go on working until it is activated again. */
export function deactivateEnterprise(args: { db: Db; officeCode: string; enterpriseId: string; actorId: string }) {
  return setEnterpriseActive({ ...args, active: false });
}

export function activateEnterprise(args: { db: Db; officeCode: string; enterpriseId: string; actorId: string }) {
  return setEnterpriseActive({ ...args, active: true });
}

// ---------------------------------------------------------------- customs codes (增加海关编码)

/**
 * Adds a customs code as PENDING. A code the office rejected earlier goes back to PENDING (resubmitted);
 * any other code already on the record is refused, naming its status.
 */
export async function addCustomsCode({ db, officeCode, enterpriseId, code, actorId }: { db: Db; officeCode: string; enterpriseId: string; code: string; actorId: string }) {
  const taken = (status: keyof typeof M.customsStatus) => fieldConflict("code", M.customsCodeTaken(M.customsStatus[status]));
  try {
    await db.transaction(async (tx) => {
      await lockEnterprise(tx, officeCode, enterpriseId);
      const existing = await q.findCustomsCode(tx, enterpriseId, { code });
      if (existing && existing.status !== "REJECTED") throw taken(existing.status);
      if (existing) {
        await tx.update(customsCodes).set({ status: "PENDING", decidedBy: null, decidedAt: null, reason: null }).where(eq(customsCodes.id, existing.id));
        await recordAudit(tx, { actorId, officeCode, entity: "customs_code", entityId: existing.id, action: "resubmitted", before: { code, status: existing.status, reason: existing.reason }, after: { code, status: "PENDING" } });
        return;
      }
      const id = Bun.randomUUIDv7();
      await tx.insert(customsCodes).values({ id, enterpriseId, code, status: "PENDING" });
      await recordAudit(tx, { actorId, officeCode, entity: "customs_code", entityId: id, action: "added", after: { code, status: "PENDING" } });
    });
  } catch (e) {
    throw uniqueViolation(e) === "customs_codes_enterprise_code_key" ? taken("PENDING") : e;
  }
}

async function decideCustomsCode({
  db,
  officeCode,
  enterpriseId,
  codeId,
  actorId,
  decision,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  codeId: string;
  actorId: string;
  decision: { status: "APPROVED"; reason: null } | { status: "REJECTED"; reason: string };
}) {
  await db.transaction(async (tx) => {
    await lockEnterprise(tx, officeCode, enterpriseId);
    const [row] = await tx
      .select()
      .from(customsCodes)
      .where(and(eq(customsCodes.id, codeId), eq(customsCodes.enterpriseId, enterpriseId)))
      .for("update");
    if (!row) throw notFound();
    if (decision.status === "APPROVED" && row.status !== "PENDING") throw conflict(M.customsNotPending);
    if (decision.status === "REJECTED" && row.status === "REJECTED") throw conflict(M.customsNotRejectable);
    await tx.update(customsCodes).set({ status: decision.status, reason: decision.reason, decidedBy: actorId, decidedAt: new Date() }).where(eq(customsCodes.id, codeId));
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "customs_code",
      entityId: codeId,
      action: decision.status === "APPROVED" ? "approved" : "rejected",
      before: { code: row.code, status: row.status },
      after: { code: row.code, status: decision.status, reason: decision.reason },
    });
  });
}

/** Approves a PENDING customs code; from then on the enterprise may send product filings (manual Q5). */
export function approveCustomsCode(args: { db: Db; officeCode: string; enterpriseId: string; codeId: string; actorId: string }) {
  return decideCustomsCode({ ...args, decision: { status: "APPROVED", reason: null } });
}

/** Rejects a pending code, or withdraws an approved one, with a reason the enterprise will read. */
export function rejectCustomsCode({ reason, ...args }: { db: Db; officeCode: string; enterpriseId: string; codeId: string; actorId: string; reason: string }) {
  return decideCustomsCode({ ...args, decision: { status: "REJECTED", reason } });
}

// ---------------------------------------------------------------- personnel (办证人员管理)

const SIGNER_FIELDS = ["name", "nameLatin", "phone", "idNo", "active", "isDefault"] as const;

function signerValues(s: Pick<Signer, (typeof SIGNER_FIELDS)[number]>) {
  return { name: s.name, nameLatin: s.nameLatin, phone: s.phone, idNo: s.idNo, active: s.active, isDefault: s.isDefault };
}

/** Clears the enterprise's current default so another signer can take it (one default per enterprise). */
async function clearDefaultSigner(tx: DbOrTx, enterpriseId: string, exceptId: string | null) {
  const where = exceptId
    ? and(eq(handSigners.enterpriseId, enterpriseId), eq(handSigners.isDefault, true), ne(handSigners.id, exceptId))
    : and(eq(handSigners.enterpriseId, enterpriseId), eq(handSigners.isDefault, true));
  await tx.update(handSigners).set({ isDefault: false, updatedAt: new Date() }).where(where);
}

/** Adds a hand-signer; the enterprise sees it on its next page load (no "sync" step: manual Q10). */
export async function addHandSigner({ db, officeCode, enterpriseId, signer, actorId }: { db: Db; officeCode: string; enterpriseId: string; signer: SignerFields; actorId: string }) {
  const id = Bun.randomUUIDv7();
  await db.transaction(async (tx) => {
    await lockEnterprise(tx, officeCode, enterpriseId);
    if (signer.isDefault) await clearDefaultSigner(tx, enterpriseId, null);
    await tx.insert(handSigners).values({ id, enterpriseId, ...signerValues(signer) });
    await recordAudit(tx, { actorId, officeCode, entity: "hand_signer", entityId: id, action: "added", after: signerValues(signer) });
  });
  return id;
}

export async function getHandSigner({ db, officeCode, enterpriseId, signerId }: { db: Db; officeCode: string; enterpriseId: string; signerId: string }) {
  const enterprise = await requireOfficeEnterprise(db, officeCode, enterpriseId);
  const signer = await q.findSigner(db, enterpriseId, signerId);
  if (!signer) throw notFound();
  const signature = signer.signatureImageId ? await q.findImageMeta(db, signer.signatureImageId) : undefined;
  return { enterprise, signer, signature: signature ?? null };
}

export async function updateHandSigner({
  db,
  officeCode,
  enterpriseId,
  signerId,
  signer,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  signerId: string;
  signer: SignerFields;
  actorId: string;
}) {
  await db.transaction(async (tx) => {
    await lockEnterprise(tx, officeCode, enterpriseId);
    const current = await q.findSigner(tx, enterpriseId, signerId);
    if (!current) throw notFound();
    const diff = changedFields(signerValues(current), signerValues(signer), SIGNER_FIELDS);
    if (!diff.changed) return;
    if (signer.isDefault) await clearDefaultSigner(tx, enterpriseId, signerId);
    await tx
      .update(handSigners)
      .set({ ...diff.after, updatedAt: new Date() })
      .where(eq(handSigners.id, signerId));
    // The name rides along even when unchanged, so the history says whose details changed.
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "hand_signer",
      entityId: signerId,
      action: "updated",
      before: { name: current.name, ...diff.before },
      after: { name: signer.name, ...diff.after },
    });
  });
}

/**
 * Checks an upload by its bytes: size first, then type, dimensions before decoding and a whole file (lib/images.ts).
 * The one check for every seal and signature image (enterprises' and offices'); errors name `image`.
 */
export async function checkImage(bytes: Uint8Array) {
  const issue = (message: string) => [{ path: "image", message }];
  if (!bytes.length) throw invalid(M.imageMissing, issue(M.imageMissing));
  const verdict = await inspectImage(bytes, IMAGE_LIMITS);
  if (verdict.ok) return verdict.image;
  const message = { too_large: M.imageTooLarge, type: M.imageNotImage, dimensions: verdict.message, damaged: verdict.message }[verdict.problem];
  throw new AppError(verdict.problem === "too_large" ? "too_large" : "invalid", message, issue(message));
}

async function storeImage(
  tx: DbOrTx,
  { enterpriseId, kind, bytes, info, actorId }: { enterpriseId: string; kind: "seal" | "signature"; bytes: Uint8Array; info: ImageInfo; actorId: string },
) {
  const row = {
    id: Bun.randomUUIDv7(),
    enterpriseId,
    kind,
    mediaType: info.type,
    width: info.width,
    height: info.height,
    byteSize: bytes.length,
    sha256: new Bun.CryptoHasher("sha256").update(bytes).digest("hex"),
    data: bytes,
    createdBy: actorId,
  };
  await tx.insert(enterpriseImages).values(row);
  const { data: _bytes, ...facts } = row;
  return facts;
}

/** Replaces the enterprise's seal image (企业印章). The previous one stays stored for reprints. */
export async function uploadSeal({ db, officeCode, enterpriseId, bytes, actorId }: { db: Db; officeCode: string; enterpriseId: string; bytes: Uint8Array; actorId: string }) {
  await requireOfficeEnterprise(db, officeCode, enterpriseId);
  const info = await checkImage(bytes);
  await db.transaction(async (tx) => {
    const current = await lockEnterprise(tx, officeCode, enterpriseId);
    const image = await storeImage(tx, { enterpriseId, kind: "seal", bytes, info, actorId });
    await tx.update(enterprises).set({ sealImageId: image.id }).where(eq(enterprises.id, enterpriseId));
    await recordAudit(tx, { actorId, officeCode, entity: "enterprise", entityId: enterpriseId, action: "seal_uploaded", before: { sealImageId: current.sealImageId }, after: image });
  });
}

/** Replaces a hand-signer's signature image. */
export async function uploadSignature({
  db,
  officeCode,
  enterpriseId,
  signerId,
  bytes,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  signerId: string;
  bytes: Uint8Array;
  actorId: string;
}) {
  await getHandSigner({ db, officeCode, enterpriseId, signerId });
  const info = await checkImage(bytes);
  await db.transaction(async (tx) => {
    await lockEnterprise(tx, officeCode, enterpriseId);
    const signer = await q.findSigner(tx, enterpriseId, signerId);
    if (!signer) throw notFound();
    const image = await storeImage(tx, { enterpriseId, kind: "signature", bytes, info, actorId });
    await tx.update(handSigners).set({ signatureImageId: image.id, updatedAt: new Date() }).where(eq(handSigners.id, signerId));
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "hand_signer",
      entityId: signerId,
      action: "signature_uploaded",
      before: { name: signer.name, signatureImageId: signer.signatureImageId },
      after: { name: signer.name, ...image },
    });
  });
}

/** An image of one of the office's enterprises; anything else (another office's included) is not found. */
export async function getOfficeEnterpriseImage({ db, officeCode, enterpriseId, imageId }: { db: Db; officeCode: string; enterpriseId: string; imageId: string }) {
  await requireOfficeEnterprise(db, officeCode, enterpriseId);
  return getEnterpriseImage({ db, enterpriseId, imageId });
}

/** Activates or deactivates one of the enterprise's accounts (操作员). */
export async function setOperatorActive({
  db,
  officeCode,
  enterpriseId,
  accountId,
  active,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  accountId: string;
  active: boolean;
  actorId: string;
}) {
  await requireOfficeEnterprise(db, officeCode, enterpriseId);
  await setEnterpriseAccountActive({ db, enterpriseId, accountId, active, actorId, officeCode });
}

/** Hand-signers as machine review sees them (active flag, whether a signature image is on file). */
export async function listSignersForReview({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  return reviewSigners(await q.listAllSigners(db, enterpriseId));
}

const reviewSigners = (rows: Awaited<ReturnType<typeof q.listAllSigners>>) =>
  rows.map((s) => ({ name: s.name, active: s.active, isDefault: s.isDefault, hasSignature: s.signatureImageId !== null, hasLatinName: Boolean(s.nameLatin) }));

/**
 * What certificate defaults and machine review read of an enterprise: its record, every hand-signer
 * (as listSignersForReview) and its seal's size. Three queries, where the profile and the signer
 * list read five (the office and the active signers again) on every certificate create and send.
 */
export async function getEnterpriseForReview({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  const enterprise = await q.findEnterprise(db, enterpriseId);
  if (!enterprise) throw notFound();
  const [signers, seal] = await Promise.all([q.listAllSigners(db, enterpriseId), enterprise.sealImageId ? q.findImageMeta(db, enterprise.sealImageId) : undefined]);
  return { enterprise, signers: reviewSigners(signers), seal: seal ?? null };
}

/**
 * The enterprise's hand-signer of that name as a certificate prints them: the romanised name (null
 * when the office has not recorded one: Chinese characters are never printed instead) and, when
 * `withSignature`, the signature image (null when none is on file, manual Q11).
 */
export async function getHandSignerForPrint({ db, enterpriseId, name, withSignature }: { db: Db; enterpriseId: string; name: string; withSignature: boolean }) {
  const signer = (await q.listAllSigners(db, enterpriseId)).find((s) => s.name === name);
  if (!signer) return { nameLatin: null, signature: null };
  return { nameLatin: signer.nameLatin, signature: withSignature ? await getSignatureImage({ db, enterpriseId, signerId: signer.id }) : null };
}

/** An office by code (for printing its name and place), or null. */
export async function findOffice({ db, code }: { db: DbOrTx; code: string }) {
  return (await q.findOffice(db, code)) ?? null;
}
