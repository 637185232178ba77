/**
 * The registration slice's reads for the enterprise itself and for other slices (the profile, customs
 * codes, seal and signature images for printing, signers for machine review, offices). The office
 * side's services: records-service.ts (enterprise records), customs-codes-service.ts,
 * personnel-service.ts (hand-signers, images, operators).
 */
import type { Db, DbOrTx } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import * as q from "./queries.ts";
import type { enterpriseImages } from "./schema.ts";

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

/** Hand-signers as machine review sees them (active flag, whether a signature image is on file). */
export async function listSignersForReview({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  return reviewSigners(await q.listAllSigners(db, enterpriseId));
}

const reviewSigners = (rows: Awaited<ReturnType<typeof q.listAllSigners>>) =>
  rows.map((s) => ({ name: s.name, active: s.active, isDefault: s.isDefault, hasSignature: s.signatureImageId !== null, hasLatinName: Boolean(s.nameLatin) }));

/**
 * What certificate defaults and machine review read of an enterprise: its record, every hand-signer
 * (as listSignersForReview) and its seal's size. Two queries sent together (the seal's size joined
 * to the record), where the profile and the signer list read five (the office and the active
 * signers again) on every certificate create and send.
 */
export async function getEnterpriseForReview({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  const [found, signers] = await Promise.all([q.findEnterpriseWithSealSize(db, enterpriseId), q.listAllSigners(db, enterpriseId)]);
  if (!found) throw notFound();
  const { enterprise, seal } = found;
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

/** Every office's code, in order (operators' commands that run per office). */
export function listOfficeCodes({ db }: { db: DbOrTx }) {
  return q.listOfficeCodes(db);
}

/** An office by code (for printing its name and place), or null. */
export async function findOffice({ db, code }: { db: DbOrTx; code: string }) {
  return (await q.findOffice(db, code)) ?? null;
}
