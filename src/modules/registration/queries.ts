import { and, asc, count, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { customsCodes, enterprises, handSigners, offices } from "./schema.ts";

export function findEnterprise(db: DbOrTx, id: string) {
  return db.query.enterprises.findFirst({ where: eq(enterprises.id, id) });
}

export function findOffice(db: DbOrTx, code: string) {
  return db.query.offices.findFirst({ where: eq(offices.code, code) });
}

export function listActiveSigners(db: DbOrTx, enterpriseId: string) {
  return db.query.handSigners.findMany({
    where: and(eq(handSigners.enterpriseId, enterpriseId), eq(handSigners.active, true)),
    orderBy: [asc(handSigners.name)],
  });
}

export async function countEnterprises(db: DbOrTx, officeCode: string) {
  const [row] = await db.select({ n: count() }).from(enterprises).where(eq(enterprises.officeCode, officeCode));
  return row?.n ?? 0;
}

export async function hasApprovedCustomsCode(db: DbOrTx, enterpriseId: string) {
  const rows = await db
    .select({ id: customsCodes.id })
    .from(customsCodes)
    .where(and(eq(customsCodes.enterpriseId, enterpriseId), eq(customsCodes.status, "APPROVED")))
    .limit(1);
  return rows.length > 0;
}

export function listAllSigners(db: DbOrTx, enterpriseId: string) {
  return db.query.handSigners.findMany({ where: eq(handSigners.enterpriseId, enterpriseId), orderBy: [asc(handSigners.name)] });
}
