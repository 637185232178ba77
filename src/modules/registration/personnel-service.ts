/** The office side: an enterprise's personnel (办证人员管理): hand-signers, seal and signature images, operators' accounts. */
import { and, eq, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { AppError, invalid, notFound } from "../../lib/errors.ts";
import { inspectImage, storedImageRow, type ImageInfo } from "../../lib/images.ts";
import { setEnterpriseAccountActive } from "../accounts/index.ts";
import { recordAudit } from "../audit/index.ts";
import { IMAGE_LIMITS } from "./data.ts";
import type { SignerFields } from "./forms.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { enterpriseImages, enterprises, handSigners } from "./schema.ts";
import { changedFields, lockEnterprise, requireOfficeEnterprise } from "./records-service.ts";
import { getEnterpriseImage } from "./service.ts";

type Signer = typeof handSigners.$inferSelect;

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
export async function addHandSigner({
  db,
  officeCode,
  enterpriseId,
  signer,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  signer: SignerFields;
  actorId: string;
}) {
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
  const row = storedImageRow({ enterpriseId }, { kind, bytes, info, actorId });
  await tx.insert(enterpriseImages).values(row);
  const { data: _bytes, ...facts } = row;
  return facts;
}

/** Replaces the enterprise's seal image (企业印章). The previous one stays stored for reprints. */
export async function uploadSeal({
  db,
  officeCode,
  enterpriseId,
  bytes,
  actorId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  bytes: Uint8Array;
  actorId: string;
}) {
  await requireOfficeEnterprise(db, officeCode, enterpriseId);
  const info = await checkImage(bytes);
  await db.transaction(async (tx) => {
    const current = await lockEnterprise(tx, officeCode, enterpriseId);
    const image = await storeImage(tx, { enterpriseId, kind: "seal", bytes, info, actorId });
    await tx.update(enterprises).set({ sealImageId: image.id }).where(eq(enterprises.id, enterpriseId));
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "enterprise",
      entityId: enterpriseId,
      action: "seal_uploaded",
      before: { sealImageId: current.sealImageId },
      after: image,
    });
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
export async function getOfficeEnterpriseImage({
  db,
  officeCode,
  enterpriseId,
  imageId,
}: {
  db: Db;
  officeCode: string;
  enterpriseId: string;
  imageId: string;
}) {
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
