import type { DbOrTx } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { commercialHistory } from "./schema.ts";

/**
 * A finished print job of a commercial certificate's page, recorded in the transaction that marks
 * the job DONE (the print slice calls it): a history line both sides see, and the audit row.
 */
export async function recordCommercialPrint({ tx, id, actor, desk }: { tx: DbOrTx; id: string; actor: { id: string | null; name: string }; desk: string }) {
  const row = await q.lockDocument(tx, id);
  if (!row) throw notFound(M.notFound);
  await tx.insert(commercialHistory).values({ documentId: id, status: row.status, actorId: actor.id, by: actor.name, note: M.notePrinted(desk) });
  await recordAudit(tx, { actorId: actor.id, officeCode: row.officeCode, entity: "commercial_document", entityId: id, action: "printed", after: { desk } });
}
