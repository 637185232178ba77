import type { Db } from "../../src/db/client.ts";
import { notifyEnterprise } from "../../src/modules/notifications/index.ts";

/**
 * A change that notifies the enterprise (an approval, linking to `link`) and then fails in the same
 * transaction, rejecting with "the change failed after notifying": what the rollback tests of each
 * channel start from.
 */
export function notifyThenRollBack(db: Db, { enterpriseId, link }: { enterpriseId: string; link: string }) {
  return db.transaction(async (tx) => {
    await notifyEnterprise(tx, { enterpriseId, event: "certificate.approved", facts: { applicationNo: "R", number: "R" }, link, officeCode: "1100B0" });
    throw new Error("the change failed after notifying");
  });
}
