/**
 * The office's decisions on commercial document applications (商事证明) as events, emitted the one
 * way certificates emit theirs (certificates/events.ts): inside the deciding transaction, so the bus
 * event goes out on commit and never for a decision that rolled back, and the enterprise's
 * notifications and webhook deliveries are rows that commit with it.
 *
 * There is no "issued" event: a commercial certificate is complete (signed PDF, verification code)
 * at approval; printing it changes no status (printing.ts).
 */
import type { DbOrTx } from "../../db/client.ts";
import { emitEvent } from "../../lib/events.ts";
import { notifyEnterprise } from "../notifications/index.ts";
import { queueWebhookEvent } from "../webhooks/index.ts";
import type { CommercialStatus } from "./lifecycle.ts";

/** What every commercial event carries; listeners load anything else by id. */
export type CommercialEvent = { id: string; officeCode: string; enterpriseId: string; status: CommercialStatus; number: string | null };

/** Events of the commercial document lifecycle on the app's event bus (src/lib/events.ts). */
export type CommercialEvents = {
  "commercial.approved": CommercialEvent;
  "commercial.returned": CommercialEvent;
  "commercial.voided": CommercialEvent;
};

/** The application as the decision left it. */
type Decided = {
  id: string;
  officeCode: string;
  enterpriseId: string;
  applicationNo: string;
  docType: string | null;
  status: CommercialStatus;
  number: string | null;
  reason: string | null;
};

export async function emitCommercialEvent(tx: DbOrTx, name: keyof CommercialEvents, d: Decided) {
  const payload: CommercialEvent = { id: d.id, officeCode: d.officeCode, enterpriseId: d.enterpriseId, status: d.status, number: d.number };
  const data = { commercialDocumentId: d.id, applicationNo: d.applicationNo, docType: d.docType, number: d.number, status: d.status, reason: d.reason };
  // Independent, so issued together as certificates/events.ts does (pipelined on the transaction).
  await Promise.all([
    emitEvent<CommercialEvents, typeof name>(tx, name, payload),
    notifyEnterprise(tx, {
      enterpriseId: d.enterpriseId,
      event: name,
      facts: { applicationNo: d.applicationNo, number: d.number, reason: d.reason },
      link: `/commercial/${encodeURIComponent(d.id)}`,
      officeCode: d.officeCode,
    }),
    queueWebhookEvent(tx, { enterpriseId: d.enterpriseId, type: name, data }),
  ]);
}
