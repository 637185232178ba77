import type { Db, DbOrTx } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import * as q from "./queries.ts";
import { customsCodes, enterprises, handSigners, offices } from "./schema.ts";

/** The enterprise's filed record with its active hand-signers. Callers pass the signed-in user's own enterprise id. */
export async function getEnterpriseProfile({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  const enterprise = await q.findEnterprise(db, enterpriseId);
  if (!enterprise) throw notFound();
  const [office, signers] = await Promise.all([q.findOffice(db, enterprise.officeCode), q.listActiveSigners(db, enterpriseId)]);
  return { enterprise, office, signers };
}

/** The office with the number of enterprises filed there. */
export async function getOfficeSummary({ db, officeCode }: { db: Db; officeCode: string }) {
  const office = await q.findOffice(db, officeCode);
  if (!office) throw notFound();
  return { office, enterpriseCount: await q.countEnterprises(db, officeCode) };
}

export type NewOffice = { code: string; nameZh: string; nameEn: string };
export type NewEnterprise = {
  officeCode: string;
  regNo: string;
  nameZh: string;
  nameEn: string;
  addressEn: string;
  nature?: string;
  smallMicro?: boolean;
  visaPoint: string;
  creditCode?: string | null;
  signers: { name: string; phone?: string | null; isDefault?: boolean }[];
  /** Customs codes filed with the record, already approved (demo data and imports from the old system). */
  approvedCustomsCodes?: string[];
};

/** Creates an office (operators and demo data). */
export async function createOffice({ db, office }: { db: Db; office: NewOffice }) {
  await db.insert(offices).values(office);
}

/** Files an enterprise with its hand-signers in one transaction; returns its id. */
export async function createEnterprise({ db, enterprise, actorId = null }: { db: Db; enterprise: NewEnterprise; actorId?: string | null }) {
  const id = Bun.randomUUIDv7();
  const { signers, approvedCustomsCodes = [], ...record } = enterprise;
  await db.transaction(async (tx) => {
    await tx.insert(enterprises).values({ id, ...record });
    if (signers.length)
      await tx.insert(handSigners).values(
        signers.map((s, i) => ({ id: Bun.randomUUIDv7(), enterpriseId: id, name: s.name, phone: s.phone ?? null, isDefault: s.isDefault ?? i === 0 })),
      );
    if (approvedCustomsCodes.length)
      await tx.insert(customsCodes).values(
        approvedCustomsCodes.map((code) => ({ id: Bun.randomUUIDv7(), enterpriseId: id, code, status: "APPROVED" as const, decidedBy: actorId, decidedAt: new Date() })),
      );
    await recordAudit(tx, { actorId, officeCode: record.officeCode, entity: "enterprise", entityId: id, action: "created", after: enterprise });
  });
  return id;
}

export async function hasAnyOffice({ db }: { db: Db }) {
  return (await db.select({ code: offices.code }).from(offices).limit(1)).length > 0;
}

/** True when the enterprise has at least one APPROVED customs code (product filing needs one: manual Q5). */
export async function hasApprovedCustomsCode({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  return q.hasApprovedCustomsCode(db, enterpriseId);
}

/** Hand-signers as machine review sees them (active flag, whether a signature image is on file). */
export async function listSignersForReview({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  const rows = await q.listAllSigners(db, enterpriseId);
  return rows.map((s) => ({ name: s.name, active: s.active, isDefault: s.isDefault, hasSignature: false }));
}
