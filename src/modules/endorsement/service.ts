import { and, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { builtOnce, slot, type Db, type DbOrTx } from "../../db/client.ts";
import { invalid, notFound } from "../../lib/errors.ts";
import { listAuditEntries, recordAudit } from "../audit/index.ts";
import { findUsableUser, listStaff } from "../accounts/index.ts";
import { storedImageRow, type ImageInfo } from "../../lib/images.ts";
import { checkImage } from "../registration/index.ts";
import type { SignatoryFields } from "./forms.ts";
import { M } from "./messages.ts";
import { certificateEndorsements, officeImages, officeSeals, officeSignatories, officeSigningKeys } from "./schema.ts";

type Actor = { db: Db; officeCode: string; actorId: string; requestId?: string };

/** Stores an office image as a new row (rows are never changed, so endorsed certificates keep theirs). */
async function storeImage(
  tx: DbOrTx,
  { officeCode, kind, bytes, info, actorId }: { officeCode: string; kind: "seal" | "signature"; bytes: Uint8Array; info: ImageInfo; actorId: string },
) {
  const row = storedImageRow({ officeCode }, { kind, bytes, info, actorId });
  await tx.insert(officeImages).values(row);
  const { data: _bytes, ...facts } = row;
  return facts;
}

/** Replaces the office's certification seal (签证章). Certificates approved earlier keep the one they carry. */
export async function uploadOfficeSeal({ db, officeCode, actorId, requestId, bytes }: Actor & { bytes: Uint8Array }) {
  const info = await checkImage(bytes);
  await db.transaction(async (tx) => {
    const before = await tx.query.officeSeals.findFirst({ where: eq(officeSeals.officeCode, officeCode) });
    const image = await storeImage(tx, { officeCode, kind: "seal", bytes, info, actorId });
    await tx
      .insert(officeSeals)
      .values({ officeCode, imageId: image.id })
      .onConflictDoUpdate({ target: officeSeals.officeCode, set: { imageId: image.id, updatedAt: new Date() } });
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "office_seal",
      entityId: officeCode,
      action: "seal_uploaded",
      before: { imageId: before?.imageId ?? null },
      after: image,
      requestId,
    });
  });
}

/** Chooses the word the anti-copy pattern of the office's eCOs hides (VOID or COPY); approved ones keep theirs. */
export async function setHiddenWord({ db, officeCode, actorId, requestId, word }: Actor & { word: "VOID" | "COPY" }) {
  await db.transaction(async (tx) => {
    const before = await tx.query.officeSeals.findFirst({ where: eq(officeSeals.officeCode, officeCode) });
    await tx
      .insert(officeSeals)
      .values({ officeCode, hiddenWord: word })
      .onConflictDoUpdate({ target: officeSeals.officeCode, set: { hiddenWord: word, updatedAt: new Date() } });
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "office_seal",
      entityId: officeCode,
      action: "hidden_word_set",
      before: { hiddenWord: before?.hiddenWord ?? "VOID" },
      after: { hiddenWord: word },
      requestId,
    });
  });
}

/** A staff account of the office that may review (the signatory's own approvals carry their signature). */
async function checkAccount(tx: DbOrTx, officeCode: string, accountId: string | null, exceptId: string | null) {
  if (!accountId) return;
  const a = await findUsableUser({ db: tx, accountId });
  const issue = (message: string) => invalid(message, [{ path: "accountId", message }]);
  if (!a || a.officeCode !== officeCode || !(a.role === "office_reviewer" || a.role === "office_admin")) throw issue(M.accountNotReviewer);
  const taken = await tx.query.officeSignatories.findFirst({
    where: and(eq(officeSignatories.accountId, accountId), exceptId ? ne(officeSignatories.id, exceptId) : undefined),
  });
  if (taken) throw issue(M.accountTaken);
}

async function clearDefault(tx: DbOrTx, officeCode: string, exceptId: string | null) {
  await tx
    .update(officeSignatories)
    .set({ isDefault: false, updatedAt: new Date() })
    .where(and(eq(officeSignatories.officeCode, officeCode), eq(officeSignatories.isDefault, true), exceptId ? ne(officeSignatories.id, exceptId) : undefined));
}

/** Registers an authorised signatory (签证员) of the office. */
export async function addSignatory({ db, officeCode, actorId, requestId, fields }: Actor & { fields: SignatoryFields }) {
  const id = Bun.randomUUIDv7();
  await db.transaction(async (tx) => {
    await checkAccount(tx, officeCode, fields.accountId, null);
    if (fields.isDefault) await clearDefault(tx, officeCode, null);
    await tx.insert(officeSignatories).values({ id, officeCode, ...fields });
    await recordAudit(tx, { actorId, officeCode, entity: "office_signatory", entityId: id, action: "added", after: fields, requestId });
  });
  return id;
}

/** Changes a signatory's printed name, linked account, active or default flag. */
export async function updateSignatory({ db, officeCode, actorId, requestId, id, fields }: Actor & { id: string; fields: SignatoryFields }) {
  await db.transaction(async (tx) => {
    const current = await tx.query.officeSignatories.findFirst({ where: and(eq(officeSignatories.id, id), eq(officeSignatories.officeCode, officeCode)) });
    if (!current) throw notFound();
    await checkAccount(tx, officeCode, fields.accountId, id);
    if (fields.isDefault) await clearDefault(tx, officeCode, id);
    await tx
      .update(officeSignatories)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(officeSignatories.id, id));
    const before = { nameLatin: current.nameLatin, accountId: current.accountId, active: current.active, isDefault: current.isDefault };
    await recordAudit(tx, { actorId, officeCode, entity: "office_signatory", entityId: id, action: "updated", before, after: fields, requestId });
  });
}

/** Replaces a signatory's signature image. Certificates approved earlier keep the one they carry. */
export async function uploadSignatorySignature({ db, officeCode, actorId, requestId, id, bytes }: Actor & { id: string; bytes: Uint8Array }) {
  const info = await checkImage(bytes);
  await db.transaction(async (tx) => {
    const current = await tx.query.officeSignatories.findFirst({ where: and(eq(officeSignatories.id, id), eq(officeSignatories.officeCode, officeCode)) });
    if (!current) throw notFound();
    const image = await storeImage(tx, { officeCode, kind: "signature", bytes, info, actorId });
    await tx.update(officeSignatories).set({ signatureImageId: image.id, updatedAt: new Date() }).where(eq(officeSignatories.id, id));
    await recordAudit(tx, {
      actorId,
      officeCode,
      entity: "office_signatory",
      entityId: id,
      action: "signature_uploaded",
      before: { nameLatin: current.nameLatin, signatureImageId: current.signatureImageId },
      after: { nameLatin: current.nameLatin, ...image },
      requestId,
    });
  });
}

/** Everything the office's seal and signatory page shows: seal, signatories, reviewers to link, signing key, history. */
export async function getEndorsementSettings({ db, officeCode }: { db: Db; officeCode: string }) {
  const [seal, signatories, staff, keys] = await Promise.all([
    db.query.officeSeals.findFirst({ where: eq(officeSeals.officeCode, officeCode) }),
    db.query.officeSignatories.findMany({
      where: eq(officeSignatories.officeCode, officeCode),
      orderBy: [desc(officeSignatories.isDefault), officeSignatories.nameLatin],
    }),
    listStaff({ db, officeCode }).then((all) =>
      all.filter((a) => a.role === "office_reviewer" || a.role === "office_admin").map(({ id, login, displayName }) => ({ id, login, displayName })),
    ),
    db.query.officeSigningKeys.findMany({
      where: and(eq(officeSigningKeys.officeCode, officeCode), eq(officeSigningKeys.active, true)),
      orderBy: [desc(officeSigningKeys.createdAt)],
      columns: { id: true, subject: true, notAfter: true, selfSigned: true, createdAt: true },
    }),
  ]);
  const history = await listAuditEntries({
    db,
    refs: [
      { entity: "office_seal", ids: [officeCode] },
      { entity: "office_signatory", ids: signatories.map((s) => s.id) },
      { entity: "office_signing_key", ids: [officeCode] },
    ],
    limit: 50,
  });
  return { sealImageId: seal?.imageId ?? null, hiddenWord: seal?.hiddenWord ?? "VOID", signatories, staff, signingKey: keys[0] ?? null, history };
}

/** One of the office's images (for its own pages); another office's is not found. */
export async function getOfficeImage({ db, officeCode, imageId }: { db: Db; officeCode: string; imageId: string }) {
  const image = await db.query.officeImages.findFirst({ where: and(eq(officeImages.id, imageId), eq(officeImages.officeCode, officeCode)) });
  if (!image) throw notFound();
  return image;
}

/**
 * Records, inside the approval's transaction, what the certificate carries: the office's current
 * seal and the signature of the approving reviewer when they are an active signatory with a
 * signature on file, else the office's default signatory's. Later changes never alter it.
 */
export async function recordEndorsement(
  tx: DbOrTx,
  { certificateId, officeCode, reviewerId }: { certificateId: string; officeCode: string; reviewerId: string },
) {
  const [[seal], usable] = await Promise.all([sealOf(tx, { officeCode }), activeSignatoriesOf(tx, { officeCode })]);
  const signatory = usable.find((s) => s.accountId === reviewerId && s.signatureImageId) ?? usable.find((s) => s.isDefault && s.signatureImageId) ?? null;
  const row = {
    certificateId,
    officeCode,
    sealImageId: seal?.imageId ?? null,
    signatoryId: signatory?.id ?? null,
    signatureImageId: signatory?.signatureImageId ?? null,
    signatoryName: signatory?.nameLatin ?? null,
    hiddenWord: seal?.hiddenWord ?? "VOID",
  };
  await insertEndorsement(tx, row);
  return row;
}

// Read and written on every approval: built once (db/client.ts builtOnce).
const sealOf = builtOnce("office_seal_of", (db) =>
  db
    .select()
    .from(officeSeals)
    .where(eq(officeSeals.officeCode, sql.placeholder("officeCode")))
    .limit(1),
);
const activeSignatoriesOf = builtOnce("office_active_signatories", (db) =>
  db
    .select()
    .from(officeSignatories)
    .where(and(eq(officeSignatories.officeCode, sql.placeholder("officeCode")), eq(officeSignatories.active, true))),
);
const ENDORSEMENT_COLUMNS = ["certificateId", "officeCode", "sealImageId", "signatoryId", "signatureImageId", "signatoryName", "hiddenWord"] as const;
const insertEndorsement = builtOnce("certificate_endorsement_insert", (db) =>
  db
    .insert(certificateEndorsements)
    .values(Object.fromEntries(ENDORSEMENT_COLUMNS.map((k) => [k, slot(k)])) as Record<(typeof ENDORSEMENT_COLUMNS)[number], SQL>)
    .onConflictDoNothing(),
);

/** The seal and signature an approved certificate carries (as applied at approval), or null before approval. */
export async function getEndorsement({ db, certificateId }: { db: DbOrTx; certificateId: string }) {
  const e = await db.query.certificateEndorsements.findFirst({ where: eq(certificateEndorsements.certificateId, certificateId) });
  if (!e) return null;
  const ids = [e.sealImageId, e.signatureImageId].filter((x): x is string => !!x);
  const images = ids.length ? await db.query.officeImages.findMany({ where: inArray(officeImages.id, ids) }) : [];
  const pick = (id: string | null) => images.find((i) => i.id === id) ?? null;
  return { seal: pick(e.sealImageId), signature: pick(e.signatureImageId), signatoryName: e.signatoryName, hiddenWord: e.hiddenWord };
}
