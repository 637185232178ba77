import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { emitCertificateEvent } from "./events.ts";
import { CM } from "./lifecycle-messages.ts";
import { lockCertificate } from "./queries.ts";
import { certificateHistory, certificates } from "./schema.ts";

/** History notes written when a print job of the certificate finishes (Chinese, shown on both sides). */
export const PRINT_NOTES = {
  issued: (desk: string) => `打印完成，已发证（${desk}）`,
  printedPco: (desk: string) => `已套打（${desk}），录入印刷号后发证`,
  printed: (desk: string) => `已打印（${desk}）`,
  reprinted: (n: number, desk: string, reason: string) => `重印，第 ${n} 次打印（${desk}）：${reason}`,
} as const;

/**
 * What a finished print job does to its certificate. Called by the print slice inside the
 * transaction that marks the job DONE, so the certificate, its history and the audit row commit
 * with the job or not at all:
 * - every print counts (`printCount`); a print after the first is a reprint, noted with its reason;
 * - an eCO printed while APPROVED is thereby issued (ISSUED, `issuedAt`);
 * - a PCO stays APPROVED until its form serial (印刷号) is entered at the office (manual Q12).
 * `actor` is the person who asked for the print; `desk` names where it came out. Emits
 * `certificate.issued` (an eCO's first print) or `certificate.printed` on commit.
 */
export async function recordCertificatePrint({
  tx,
  id,
  actor,
  desk,
  reprintReason,
}: {
  tx: DbOrTx;
  id: string;
  actor: { id: string | null; name: string };
  desk: string;
  reprintReason: string | null;
}) {
  const row = await lockCertificate(tx, id);
  if (!row) throw notFound(CM.notFound);
  const printCount = row.printCount + 1;
  const issue = row.printMode === "ECO" && row.status === "APPROVED";
  const now = new Date();
  const status = issue ? ("ISSUED" as const) : row.status;
  await tx
    .update(certificates)
    .set({ printCount, updatedAt: now, ...(issue ? { status, issuedAt: now } : {}) })
    .where(eq(certificates.id, id));
  const note =
    printCount > 1
      ? PRINT_NOTES.reprinted(printCount, desk, reprintReason ?? "")
      : issue
        ? PRINT_NOTES.issued(desk)
        : row.printMode === "PCO"
          ? PRINT_NOTES.printedPco(desk)
          : PRINT_NOTES.printed(desk);
  await tx.insert(certificateHistory).values({ certificateId: id, status, actorId: actor.id, by: actor.name, note });
  await recordAudit(tx, {
    actorId: actor.id,
    officeCode: row.officeCode,
    entity: "certificate",
    entityId: id,
    action: issue ? "issued" : printCount > 1 ? "reprinted" : "printed",
    before: { status: row.status, printCount: row.printCount },
    after: { status, printCount, desk, ...(reprintReason ? { reprintReason } : {}) },
  });
  await emitCertificateEvent(tx, issue ? "certificate.issued" : "certificate.printed", { ...row, status, printCount });
  return { status, printMode: row.printMode, printCount, formSerial: row.formSerial };
}
