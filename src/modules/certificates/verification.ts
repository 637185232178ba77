import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { getIssuedDocumentFacts, type ChainEntry } from "../endorsement/index.ts";
import { findCountry } from "../reference/index.ts";
import { certificateType } from "./registry.ts";
import { certificates } from "./schema.ts";
import type { CertificateTypeCode } from "../reference/index.ts";

/** What the public may learn about a certificate whose number and verification code they hold. */
export type PublicCertificateFacts = {
  number: string;
  typeZh: string;
  typeEn: string;
  status: "VALID" | "VOIDED" | "REPLACED";
  replacementNumber: string | null;
  exporter: string;
  consignee: string;
  destination: string;
  goods: { description: string; hsCode: string; quantity: string }[];
  issueDate: string | null;
  /** The issued file (signed eCO): its SHA-256 and the certificate chain of the office's signature. */
  document: { sha256: string; issuedAt: Date; chain: ChainEntry[]; selfSigned: boolean } | null;
};

const constantTimeEqual = (a: string, b: string) => a.length === b.length && [...a].reduce((d, ch, i) => d | (ch.charCodeAt(0) ^ b.charCodeAt(i)), 0) === 0;

/**
 * Public verification (/verify): the key facts when BOTH the number and the verification code
 * match a certificate that was approved; null otherwise, the same null whether the number is
 * unknown or the code is wrong, so the page reveals nothing to someone guessing numbers.
 */
export async function verifyCertificate({ db, number, code }: { db: Db; number: string; code: string }): Promise<PublicCertificateFacts | null> {
  const n = number.trim().toUpperCase();
  const k = code.trim().toUpperCase();
  if (!n || !k) return null;
  const rows = await db.select().from(certificates).where(eq(certificates.number, n)).limit(5);
  const row = rows.find((r) => r.verificationCode && constantTimeEqual(r.verificationCode.toUpperCase(), k));
  return row ? publicFacts(db, row) : null;
}

/** The public facts of the certificate whose issued file is exactly these bytes (found by their hash). */
export async function verifyCertificateById({ db, id }: { db: Db; id: string }): Promise<PublicCertificateFacts | null> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id)).limit(1);
  return row ? publicFacts(db, row) : null;
}

async function publicFacts(db: Db, row: typeof certificates.$inferSelect): Promise<PublicCertificateFacts | null> {
  if (!["APPROVED", "ISSUED", "VOIDED", "REPLACED"].includes(row.status)) return null;
  let replacementNumber: string | null = null;
  if (row.status === "REPLACED" && row.replacedById) {
    const [r] = await db
      .select({ number: certificates.number })
      .from(certificates)
      .where(and(eq(certificates.id, row.replacedById)))
      .limit(1);
    replacementNumber = r?.number ?? null;
  }
  const t = certificateType(row.type as CertificateTypeCode);
  const b = row.body;
  const date = row.issuedAt ?? row.approvedAt;
  return {
    number: row.number!,
    typeZh: t.nameZh,
    typeEn: t.titleEn,
    status: row.status === "VOIDED" ? "VOIDED" : row.status === "REPLACED" ? "REPLACED" : "VALID",
    replacementNumber,
    exporter: b.exporter?.name ?? "",
    consignee: b.consignee?.name ?? "",
    destination: findCountry(b.destinationCountry)?.nameEn ?? b.destinationCountry ?? "",
    goods: (b.goods ?? []).map((g) => ({
      description: g.description ?? "",
      hsCode: (g.hsCode ?? "").slice(0, 6),
      quantity: [g.quantity?.value, g.quantity?.unit].filter((v) => v !== null && v !== undefined && v !== "").join(" "),
    })),
    issueDate: date ? new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null,
    document: await getIssuedDocumentFacts({ db, certificateId: row.id }),
  };
}
