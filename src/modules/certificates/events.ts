/**
 * The certificate lifecycle's events, and the one way this slice emits them: inside the
 * transaction that makes the change (office actions, a finished print job), so an event goes out
 * on commit and never for a change that rolled back (src/lib/events.ts). The enterprise's webhook
 * deliveries (returned, approved, issued, voided) are rows written in that same transaction.
 */
import type { DbOrTx } from "../../db/client.ts";
import { emitEvent } from "../../lib/events.ts";
import { isWebhookEvent, queueWebhookEvent } from "../webhooks/index.ts";
import type { CertificateStatus } from "./lifecycle.ts";
import type { certificates } from "./schema.ts";

/** What every certificate event carries; listeners load anything else by id. */
export type CertificateEvent = {
  id: string;
  officeCode: string;
  enterpriseId: string;
  status: CertificateStatus;
  number: string | null;
  printMode: string;
};

/** Events of the certificate lifecycle on the app's event bus (src/lib/events.ts). */
export type CertificateEvents = {
  /** Approved and numbered: the print queue may take it. */
  "certificate.approved": CertificateEvent;
  "certificate.returned": CertificateEvent;
  "certificate.voided": CertificateEvent;
  /** A PCO certificate got its form serial and is issued. */
  "certificate.issued": CertificateEvent;
  /** An original whose 改证重发 replacement was approved. */
  "certificate.replaced": CertificateEvent;
  /** Printed without a change of status (a PCO before its form serial, or a reprint); an eCO's first print is `issued`. */
  "certificate.printed": CertificateEvent;
};

export const CERTIFICATE_EVENT_NAMES = [
  "certificate.approved",
  "certificate.returned",
  "certificate.voided",
  "certificate.issued",
  "certificate.replaced",
  "certificate.printed",
] as const satisfies readonly (keyof CertificateEvents)[];

export async function emitCertificateEvent(tx: DbOrTx, name: keyof CertificateEvents, row: typeof certificates.$inferSelect, patch: Partial<CertificateEvent> = {}) {
  const payload: CertificateEvent = { id: row.id, officeCode: row.officeCode, enterpriseId: row.enterpriseId, status: row.status, number: row.number, printMode: row.printMode, ...patch };
  await emitEvent<CertificateEvents, typeof name>(tx, name, payload);
  if (isWebhookEvent(name)) {
    const reason = name === "certificate.returned" ? row.returnReason : name === "certificate.voided" ? row.voidReason : null;
    const data = { certificateId: row.id, applicationNo: row.applicationNo, certificateType: row.type, number: payload.number, status: payload.status, reason };
    await queueWebhookEvent(tx, { enterpriseId: row.enterpriseId, type: name, data });
  }
}
