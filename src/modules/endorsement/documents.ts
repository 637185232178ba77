import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, invalid } from "../../lib/errors.ts";
import { openSecret, sealSecret } from "../accounts/index.ts";
import { recordAudit } from "../audit/index.ts";
import { findOffice } from "../registration/index.ts";
import { M } from "./messages.ts";
import { issuedDocuments, officeSigningKeys } from "./schema.ts";
import type { KeyFacts, OfficeKey } from "./signing.ts";

/**
 * The key, signature and chain code, on first use: it is built on node-forge, whose modules were
 * ~25 ms of every start, and only signing, importing a key or checking a file needs them.
 */
const pki = async () => {
  const [chain, check, signing] = await Promise.all([import("./chain.ts"), import("./pdf-signature.ts"), import("./signing.ts")]);
  return { ...chain, ...check, ...signing };
};

/** The sealed private key is bound to its row: a sealed key copied onto another office's row does not open. */
const keyContext = (id: string) => `office_signing_key:${id}`;

async function storeKey(
  db: Db,
  { officeCode, key, secretKey, action }: { officeCode: string; key: OfficeKey & KeyFacts; secretKey: string; action: "key_created" | "key_imported" },
) {
  const id = Bun.randomUUIDv7();
  await db.transaction(async (tx) => {
    // One signing key at a time: the new one signs from now on; documents keep naming the key that signed them.
    await tx
      .update(officeSigningKeys)
      .set({ active: false })
      .where(and(eq(officeSigningKeys.officeCode, officeCode), eq(officeSigningKeys.active, true)));
    await tx.insert(officeSigningKeys).values({
      id,
      officeCode,
      certificatePem: key.certificatePems.join(""),
      sealedKey: sealSecret(secretKey, new TextEncoder().encode(key.keyPem), keyContext(id)),
      subject: key.subject,
      notAfter: key.notAfter,
      selfSigned: key.selfSigned,
    });
    await recordAudit(tx, {
      actorId: null,
      officeCode,
      entity: "office_signing_key",
      entityId: officeCode,
      action,
      after: { id, subject: key.subject, notAfter: key.notAfter.toISOString(), selfSigned: key.selfSigned },
    });
  });
  return { id, subject: key.subject, notAfter: key.notAfter, selfSigned: key.selfSigned };
}

async function requireOffice(db: Db, officeCode: string) {
  const office = await findOffice({ db, code: officeCode });
  if (!office) throw invalid(M.unknownOffice(officeCode), [{ path: "office", message: M.unknownOffice(officeCode) }]);
  return office;
}

/** A new self-signed signing key for the office (`cli office signing-key create`; demo offices get one on first start). */
export async function createSigningKey({ db, officeCode, secretKey }: { db: Db; officeCode: string; secretKey: string }) {
  const [office, { createSelfSignedKey }] = await Promise.all([requireOffice(db, officeCode), pki()]);
  return storeKey(db, { officeCode, key: createSelfSignedKey({ officeName: office.nameEn }), secretKey, action: "key_created" });
}

/** Imports a CA-issued key and certificate (PKCS#12). Refuses an unreadable file, a mismatched pair or an expired certificate; nothing changes then. */
export async function importSigningKey({
  db,
  officeCode,
  p12,
  passphrase,
  secretKey,
}: {
  db: Db;
  officeCode: string;
  p12: Uint8Array;
  passphrase: string;
  secretKey: string;
}) {
  const [, { readP12 }] = await Promise.all([requireOffice(db, officeCode), pki()]);
  const read = readP12(p12, passphrase);
  if (!read.ok) throw invalid(M.p12[read.problem], [{ path: "p12", message: M.p12[read.problem] }]);
  return storeKey(db, { officeCode, key: read.key, secretKey, action: "key_imported" });
}

async function activeKey(db: Db, officeCode: string, secretKey: string) {
  const row = await db.query.officeSigningKeys.findFirst({
    where: and(eq(officeSigningKeys.officeCode, officeCode), eq(officeSigningKeys.active, true)),
    orderBy: [desc(officeSigningKeys.createdAt)],
  });
  if (!row) throw conflict(M.noKey);
  if (row.notAfter < new Date()) throw conflict(M.keyExpired);
  const keyPem = new TextDecoder().decode(openSecret(secretKey, row.sealedKey, keyContext(row.id)));
  const certificatePems = row.certificatePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\r?\n?/g) ?? [];
  return { id: row.id, key: { keyPem, certificatePems } };
}

/**
 * The signed PDF of an approved eCO. Made once — `render` draws it, the office's active key signs
 * it (reason = certificate number), and it is stored with its SHA-256 — then every call (download,
 * print job, reprint) returns the stored bytes. Of two racing first calls, one's bytes are kept
 * and both return those.
 */
export async function issueSignedPdf({
  db,
  certificateId,
  officeCode,
  number,
  secretKey,
  render,
}: {
  db: Db;
  certificateId: string;
  officeCode: string;
  number: string;
  secretKey: string;
  render: () => Promise<Uint8Array>;
}) {
  const stored = await db.query.issuedDocuments.findFirst({ where: eq(issuedDocuments.certificateId, certificateId) });
  if (stored) return stored;
  const [office, key, { signPdf }] = await Promise.all([requireOffice(db, officeCode), activeKey(db, officeCode, secretKey), pki()]);
  const signed = await signPdf(await render(), { key: key.key, reason: number, name: office.nameEn, location: office.placeEn || "CHINA" });
  const sha256 = new Bun.CryptoHasher("sha256").update(signed).digest("hex");
  await db
    .insert(issuedDocuments)
    .values({ certificateId, officeCode, sha256, byteSize: signed.length, data: signed, signingKeyId: key.id })
    .onConflictDoNothing();
  const kept = await db.query.issuedDocuments.findFirst({ where: eq(issuedDocuments.certificateId, certificateId) });
  if (!kept) throw new AppError("conflict", M.noKey);
  return kept;
}

/** The stored issued file's hash and the certificate chain that signed it (for /verify), or null. */
export async function getIssuedDocumentFacts({ db, certificateId }: { db: Db; certificateId: string }) {
  const doc = await db.query.issuedDocuments.findFirst({
    where: eq(issuedDocuments.certificateId, certificateId),
    columns: { sha256: true, byteSize: true, createdAt: true, signingKeyId: true },
  });
  if (!doc) return null;
  const key = await db.query.officeSigningKeys.findFirst({
    where: eq(officeSigningKeys.id, doc.signingKeyId),
    columns: { certificatePem: true, subject: true, selfSigned: true, notAfter: true },
  });
  return {
    sha256: doc.sha256,
    byteSize: doc.byteSize,
    issuedAt: doc.createdAt,
    chain: key ? (await pki()).describeChain(key.certificatePem) : [],
    selfSigned: key?.selfSigned ?? false,
  };
}

/** Which certificate a file with this SHA-256 is, if it is exactly one the office issued. */
export async function findIssuedByHash({ db, sha256 }: { db: Db; sha256: string }) {
  return (await db.query.issuedDocuments.findFirst({ where: eq(issuedDocuments.sha256, sha256), columns: { certificateId: true } })) ?? null;
}

/**
 * What an uploaded PDF is: its SHA-256; the certificate whose issued file it is exactly (or null);
 * and its signature: valid or not, over the whole file or not, and whether the signing certificate
 * is one of an office's signing keys (`officeCode`, null for anyone else's).
 */
export async function checkUploadedPdf({ db, bytes }: { db: Db; bytes: Uint8Array }) {
  const sha256 = new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
  const { checkPdfSignature, describeChain } = await pki();
  const [issued, signature] = [await findIssuedByHash({ db, sha256 }), checkPdfSignature(bytes)];
  let officeCode: string | null = null;
  if (signature.kind === "valid") {
    const keys = await db.query.officeSigningKeys.findMany({ columns: { officeCode: true, certificatePem: true } });
    officeCode = keys.find((k) => describeChain(k.certificatePem)[0]?.sha256 === signature.signerSha256)?.officeCode ?? null;
  }
  return { sha256, certificateId: issued?.certificateId ?? null, signature, officeCode };
}
