/**
 * The certificate lifecycle's events, and the one way this slice emits them: inside the
 * transaction that makes the change (office actions, a finished print job), so an event goes out
 * on commit and never for a change that rolled back (src/lib/events.ts). The enterprise's
 * notifications (returned, approved, issued, voided) and webhook deliveries are written in the same
 * transaction: unlike the event, which a process that is down misses, they are rows that commit
 * with the change.
 */
import type { DbOrTx } from "../../db/client.ts";
import { emitEvent } from "../../lib/events.ts";
import { notifyEnterprise } from "../notifications/index.ts";
import { isWebhookEvent, queueWebhookEvent } from "../webhooks/index.ts";
import type { CertificateStatus } from "./lifecycle.ts";
import { certificateHref } from "./links.ts";
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

export async function emitCertificateEvent(
  tx: DbOrTx,
  name: keyof CertificateEvents,
  row: typeof certificates.$inferSelect,
  patch: Partial<CertificateEvent> = {},
) {
  const payload: CertificateEvent = {
    id: row.id,
    officeCode: row.officeCode,
    enterpriseId: row.enterpriseId,
    status: row.status,
    number: row.number,
    printMode: row.printMode,
    ...patch,
  };
  const reason = name === "certificate.returned" ? row.returnReason : name === "certificate.voided" ? row.voidReason : null;
  // The three are independent: issued together, they share the round trips (pipelined).
  await Promise.all([
    emitEvent<CertificateEvents, typeof name>(tx, name, payload),
    isNotified(name) &&
      notifyEnterprise(tx, {
        enterpriseId: row.enterpriseId,
        event: name,
        facts: { applicationNo: row.applicationNo, number: payload.number, reason },
        link: certificateHref(row.id),
        officeCode: row.officeCode,
      }),
    isWebhookEvent(name) &&
      queueWebhookEvent(tx, {
        enterpriseId: row.enterpriseId,
        type: name,
        data: { certificateId: row.id, applicationNo: row.applicationNo, certificateType: row.type, number: payload.number, status: payload.status, reason },
      }),
  ]);
}

/** The events the enterprise is told about (docs/decisions/0019-notifications-outbox.md). */
const NOTIFIED = [
  "certificate.returned",
  "certificate.approved",
  "certificate.issued",
  "certificate.voided",
] as const satisfies readonly (keyof CertificateEvents)[];
const isNotified = (name: string): name is (typeof NOTIFIED)[number] => (NOTIFIED as readonly string[]).includes(name);
