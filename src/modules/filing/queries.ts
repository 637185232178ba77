import { aliasedTable, and, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { builtOnce, type DbOrTx } from "../../db/client.ts";
import { enterprises } from "../registration/index.ts";
import { products, productVersions } from "./schema.ts";

const latest = aliasedTable(productVersions, "latest");

const listColumns = {
  id: products.id,
  enterpriseId: products.enterpriseId,
  officeCode: products.officeCode,
  approvedVersionId: products.approvedVersionId,
  updatedAt: products.updatedAt,
  versionNo: latest.versionNo,
  status: latest.status,
  hsCode: latest.hsCode,
  nameZh: latest.nameZh,
  nameEn: latest.nameEn,
  unit: latest.unit,
  sentAt: latest.sentAt,
  rejectReason: latest.rejectReason,
};

export type ProductRow = Awaited<ReturnType<typeof listProductRows>>["rows"][number];

export async function listProductRows(
  db: DbOrTx,
  {
    enterpriseId,
    officeCode,
    status,
    query,
    page,
    pageSize,
  }: { enterpriseId?: string; officeCode?: string; status?: string; query?: string; page: number; pageSize: number },
) {
  const where: SQL[] = [];
  if (enterpriseId) where.push(eq(products.enterpriseId, enterpriseId));
  if (officeCode) where.push(eq(products.officeCode, officeCode));
  if (status) where.push(eq(latest.status, status as "DRAFT"));
  if (query) {
    const like = `%${query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const digits = query.replace(/\D/g, "");
    const byName = [ilike(latest.nameZh, like), ilike(latest.nameEn, like)];
    where.push(or(...(digits ? [ilike(latest.hsCode, `${digits}%`)] : []), ...byName)!);
  }
  const cond = and(...where);
  const base = db
    .select({ ...listColumns, enterpriseName: enterprises.nameZh, regNo: enterprises.regNo })
    .from(products)
    .innerJoin(latest, eq(latest.id, products.latestVersionId))
    .innerJoin(enterprises, eq(enterprises.id, products.enterpriseId));
  const [rows, [total]] = await Promise.all([
    base
      .where(cond)
      .orderBy(desc(products.updatedAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(products).innerJoin(latest, eq(latest.id, products.latestVersionId)).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export function findProduct(db: DbOrTx, id: string) {
  return db.query.products.findFirst({ where: eq(products.id, id) });
}

export function findVersion(db: DbOrTx, id: string) {
  return db.query.productVersions.findFirst({ where: eq(productVersions.id, id) });
}

export function listVersions(db: DbOrTx, productId: string) {
  return db.query.productVersions.findMany({ where: eq(productVersions.productId, productId), orderBy: [desc(productVersions.versionNo)] });
}

/** The approved content of every product of an enterprise: what machine review checks goods against. */
export function approvedVersionsOf(db: DbOrTx, enterpriseId: string) {
  return approvedVersions(db, { enterpriseId });
}

// Read by machine review on every certificate create and send: built once (db/client.ts builtOnce).
const approvedVersions = builtOnce("approved_versions", (db) =>
  db
    .select({
      productId: products.id,
      hsCode: productVersions.hsCode,
      agreements: productVersions.agreements,
      nameZh: productVersions.nameZh,
      nameEn: productVersions.nameEn,
      unit: productVersions.unit,
    })
    .from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.approvedVersionId))
    .where(eq(products.enterpriseId, sql.placeholder("enterpriseId"))),
);
