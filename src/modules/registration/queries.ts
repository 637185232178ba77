import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { builtOnce, type DbOrTx } from "../../db/client.ts";
import { customsCodes, enterpriseImages, enterprises, handSigners, offices } from "./schema.ts";

// Hot reads (every certificate create and send) use the core builder: drizzle's relational one
// costs several times the CPU to build the same single-table query (docs/decisions/0020).
export async function findEnterprise(db: DbOrTx, id: string) {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id));
  return row;
}

/** The enterprise with its seal image's size (null without a seal), in one query. */
export async function findEnterpriseWithSealSize(db: DbOrTx, id: string) {
  const [row] = await enterpriseWithSealSize(db, { id });
  return row;
}

// Read on every certificate create and send: built once (db/client.ts builtOnce).
const enterpriseWithSealSize = builtOnce("enterprise_with_seal_size", (db) =>
  db
    .select({ enterprise: enterprises, seal: { width: enterpriseImages.width, height: enterpriseImages.height } })
    .from(enterprises)
    .leftJoin(enterpriseImages, eq(enterpriseImages.id, enterprises.sealImageId))
    .where(eq(enterprises.id, sql.placeholder("id"))),
);
const signersOf = builtOnce("signers_of", (db) =>
  db
    .select()
    .from(handSigners)
    .where(eq(handSigners.enterpriseId, sql.placeholder("enterpriseId")))
    .orderBy(asc(handSigners.name)),
);

/** The enterprise if it is filed at the office; another office's enterprise is as good as absent. */
export function findOfficeEnterprise(db: DbOrTx, officeCode: string, id: string) {
  return db.query.enterprises.findFirst({ where: and(eq(enterprises.id, id), eq(enterprises.officeCode, officeCode)) });
}

/** Same, locking the row for the rest of the transaction. */
export async function lockOfficeEnterprise(db: DbOrTx, officeCode: string, id: string) {
  const [row] = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.id, id), eq(enterprises.officeCode, officeCode)))
    .for("update");
  return row;
}

export function findEnterpriseByRegNo(db: DbOrTx, regNo: string) {
  return db.query.enterprises.findFirst({ where: eq(enterprises.regNo, regNo) });
}

export function findEnterpriseByCreditCode(db: DbOrTx, creditCode: string) {
  return db.query.enterprises.findFirst({ where: eq(enterprises.creditCode, creditCode) });
}

export async function listOfficeCodes(db: DbOrTx) {
  return (await db.select({ code: offices.code }).from(offices).orderBy(asc(offices.code))).map((r) => r.code);
}

export function findOffice(db: DbOrTx, code: string) {
  return db.query.offices.findFirst({ where: eq(offices.code, code) });
}

export function listActiveSigners(db: DbOrTx, enterpriseId: string) {
  return db.query.handSigners.findMany({
    where: and(eq(handSigners.enterpriseId, enterpriseId), eq(handSigners.active, true)),
    orderBy: [desc(handSigners.isDefault), asc(handSigners.name)],
  });
}

export function listSigners(db: DbOrTx, enterpriseId: string) {
  return db.query.handSigners.findMany({
    where: eq(handSigners.enterpriseId, enterpriseId),
    orderBy: [desc(handSigners.active), desc(handSigners.isDefault), asc(handSigners.name)],
  });
}

export function findSigner(db: DbOrTx, enterpriseId: string, signerId: string) {
  return db.query.handSigners.findFirst({ where: and(eq(handSigners.id, signerId), eq(handSigners.enterpriseId, enterpriseId)) });
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

export function listCustomsCodes(db: DbOrTx, enterpriseId: string) {
  return db.query.customsCodes.findMany({ where: eq(customsCodes.enterpriseId, enterpriseId), orderBy: [asc(customsCodes.createdAt), asc(customsCodes.code)] });
}

export function findCustomsCode(db: DbOrTx, enterpriseId: string, filter: { id: string } | { code: string }) {
  const match = "id" in filter ? eq(customsCodes.id, filter.id) : eq(customsCodes.code, filter.code);
  return db.query.customsCodes.findFirst({ where: and(eq(customsCodes.enterpriseId, enterpriseId), match) });
}

export async function listRegNosWithPrefix(db: DbOrTx, prefix: string) {
  const rows = await db
    .select({ regNo: enterprises.regNo })
    .from(enterprises)
    .where(ilike(enterprises.regNo, `${prefix}%`));
  return rows.map((r) => r.regNo);
}

/** Escapes LIKE wildcards so a search for "100%" finds that text. */
function likeTerm(term: string) {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export type EnterpriseFilter = { officeCode: string; search?: string; status?: "active" | "inactive" | "all" };

function enterpriseWhere({ officeCode, search, status = "active" }: EnterpriseFilter) {
  const conds: SQL[] = [eq(enterprises.officeCode, officeCode)];
  if (status !== "all") conds.push(eq(enterprises.active, status === "active"));
  if (search) {
    const t = likeTerm(search);
    conds.push(
      or(
        ilike(enterprises.regNo, t),
        ilike(enterprises.nameZh, t),
        ilike(enterprises.nameEn, t),
        ilike(enterprises.creditCode, t),
        sql`exists (select 1 from ${customsCodes} where ${customsCodes.enterpriseId} = ${enterprises.id} and ${customsCodes.code} ilike ${t})`,
      )!,
    );
  }
  return and(...conds);
}

export async function listEnterprises(db: DbOrTx, filter: EnterpriseFilter, page: { limit: number; offset: number }) {
  const where = enterpriseWhere(filter);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: enterprises.id,
        regNo: enterprises.regNo,
        nameZh: enterprises.nameZh,
        nameEn: enterprises.nameEn,
        creditCode: enterprises.creditCode,
        nature: enterprises.nature,
        smallMicro: enterprises.smallMicro,
        visaPoint: enterprises.visaPoint,
        active: enterprises.active,
      })
      .from(enterprises)
      .where(where)
      .orderBy(asc(enterprises.regNo))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(enterprises).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The customs codes of several enterprises at once (one list page), by code. */
export function listCustomsCodesOf(db: DbOrTx, enterpriseIds: string[]) {
  if (!enterpriseIds.length) return Promise.resolve([]);
  return db
    .select({ enterpriseId: customsCodes.enterpriseId, code: customsCodes.code, status: customsCodes.status })
    .from(customsCodes)
    .where(inArray(customsCodes.enterpriseId, enterpriseIds))
    .orderBy(asc(customsCodes.code));
}

export function findImage(db: DbOrTx, enterpriseId: string, imageId: string) {
  return db.query.enterpriseImages.findFirst({ where: and(eq(enterpriseImages.id, imageId), eq(enterpriseImages.enterpriseId, enterpriseId)) });
}

/** Image facts without the bytes, for pages. */
export async function findImageMeta(db: DbOrTx, imageId: string) {
  const i = enterpriseImages;
  const [row] = await db
    .select({ id: i.id, kind: i.kind, mediaType: i.mediaType, width: i.width, height: i.height, byteSize: i.byteSize, createdAt: i.createdAt })
    .from(i)
    .where(eq(i.id, imageId));
  return row;
}

export function listAllSigners(db: DbOrTx, enterpriseId: string) {
  return signersOf(db, { enterpriseId });
}
