import type { Db } from "../../db/client.ts";
import { getIssuedDocumentFacts, type ChainEntry } from "../endorsement/index.ts";
import { findCountry } from "../reference/index.ts";
import { getEnterpriseProfile } from "../registration/index.ts";
import * as q from "./queries.ts";
import type { commercialDocuments } from "./schema.ts";

/** What the public may learn about a commercial certificate whose number and code they hold. */
export type PublicCommercialFacts = {
  kind: "commercial";
  number: string;
  documentZh: string;
  documentEn: string;
  documentNo: string;
  pages: number;
  status: "VALID" | "VOIDED";
  applicant: string;
  destination: string;
  issueDate: string | null;
  document: { sha256: string; issuedAt: Date; chain: ChainEntry[]; selfSigned: boolean } | null;
};

const sameCode = (a: string, b: string) => a.length === b.length && [...a].reduce((d, ch, i) => d | (ch.charCodeAt(0) ^ b.charCodeAt(i)), 0) === 0;

/** The facts when both number and code match an approved (or since voided) certificate; null otherwise, whichever was wrong. */
export async function verifyCommercialDocument({ db, number, code }: { db: Db; number: string; code: string }): Promise<PublicCommercialFacts | null> {
  const n = number.trim().toUpperCase();
  const k = code.trim().toUpperCase();
  if (!n || !k) return null;
  const row = (await q.findByNumber(db, n)).find((r) => r.verificationCode && sameCode(r.verificationCode.toUpperCase(), k));
  return row ? publicFacts(db, row) : null;
}

/** The public facts of the certificate whose issued file is exactly the uploaded one (found by its hash). */
export async function verifyCommercialById({ db, id }: { db: Db; id: string }) {
  const row = await q.findDocument(db, id);
  return row ? publicFacts(db, row) : null;
}

async function publicFacts(db: Db, row: typeof commercialDocuments.$inferSelect): Promise<PublicCommercialFacts | null> {
  if (!row.number || !(row.status === "APPROVED" || row.status === "VOIDED")) return null;
  const [types, file, { enterprise }, document] = await Promise.all([
    q.listTypes(db),
    q.findFileFacts(db, row.id),
    getEnterpriseProfile({ db, enterpriseId: row.enterpriseId }),
    getIssuedDocumentFacts({ db, certificateId: row.id }),
  ]);
  const type = types.find((t) => t.code === row.docType);
  return {
    kind: "commercial",
    number: row.number,
    documentZh: type?.nameZh ?? "",
    documentEn: type?.nameEn ?? "",
    documentNo: row.documentNo,
    pages: file?.pageCount ?? 0,
    status: row.status === "VOIDED" ? "VOIDED" : "VALID",
    applicant: enterprise.nameEn,
    destination: findCountry(row.destinationCountry)?.nameEn ?? row.destinationCountry ?? "",
    issueDate: row.approvedAt ? new Date(row.approvedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null,
    document,
  };
}
