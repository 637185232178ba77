import type { Db } from "../db/client.ts";
import { log } from "../lib/log.ts";
import { createAccount, type Role } from "../modules/accounts/index.ts";
import { createEnterprise, createOffice, hasAnyOffice } from "../modules/registration/index.ts";
import { DEMO_ENTERPRISES, DEMO_OFFICES, DEMO_PASSWORD, DEMO_STAFF } from "./data.ts";

/**
 * Loads the demo offices, enterprises and accounts into an empty database. Does nothing (and
 * returns false) when any office exists, so a restart never duplicates or overwrites real data.
 */
export async function loadDemoData(db: Db): Promise<boolean> {
  if (await hasAnyOffice({ db })) return false;
  for (const office of DEMO_OFFICES) await createOffice({ db, office });
  for (const s of DEMO_STAFF)
    await createAccount({ db, account: { login: s.login, password: DEMO_PASSWORD, role: s.role as Role, officeCode: s.officeCode, displayName: s.displayName } });
  for (const e of DEMO_ENTERPRISES) {
    const enterpriseId = await createEnterprise({
      db,
      enterprise: {
        officeCode: e.officeCode,
        regNo: e.regNo,
        nameZh: e.nameZh,
        nameEn: e.nameEn,
        addressEn: e.addressEn,
        nature: e.nature,
        smallMicro: e.smallMicro ?? false,
        visaPoint: e.officeCode,
        signers: [{ name: e.signer, isDefault: true }],
        approvedCustomsCodes: e.customsCode ? [e.customsCode] : [],
      },
    });
    await createAccount({ db, account: { login: e.regNo, password: DEMO_PASSWORD, role: "enterprise", enterpriseId, displayName: e.nameZh } });
  }
  log.info("demo data loaded", { offices: DEMO_OFFICES.length, enterprises: DEMO_ENTERPRISES.length });
  return true;
}
