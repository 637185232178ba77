import type { Db } from "../db/client.ts";
import { log } from "../lib/log.ts";
import { createAccount, enrolTotpWithKey, hashPassword, parseTotpSecret, type Role } from "../modules/accounts/index.ts";
import { addSignatory, createSigningKey, uploadOfficeSeal, uploadSignatorySignature } from "../modules/endorsement/index.ts";
import { createEnterprise, createOffice, getEnterpriseProfile, hasAnyOffice, uploadSeal, uploadSignature } from "../modules/registration/index.ts";
import { demoSealPng, demoSignaturePng } from "./images.ts";
import { DEMO_ENTERPRISES, DEMO_OFFICES, DEMO_PASSWORD, DEMO_STAFF, DEMO_TOTP_SECRET } from "./data.ts";

/**
 * Loads the demo offices, enterprises and accounts into an empty database. Does nothing (and
 * returns false) when any office exists, so a restart never duplicates or overwrites real data.
 * `twoFactorKey` (config TWO_FACTOR_KEY) seals the staff's demo TOTP key.
 */
export async function loadDemoData(db: Db, { twoFactorKey, onLoading }: { twoFactorKey: string; onLoading?: (what: string) => void }): Promise<boolean> {
  if (await hasAnyOffice({ db })) return false;
  onLoading?.(`${DEMO_OFFICES.length} offices, ${DEMO_ENTERPRISES.length} enterprises, ${DEMO_STAFF.length + DEMO_ENTERPRISES.length} accounts`);
  // Every demo account has the same password: one argon2 hash for all (each costs ~0.3 s of CPU).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const office of DEMO_OFFICES) await createOffice({ db, office });
  const adminOf = new Map<string, string>();
  const signatories: { officeCode: string; accountId: string; nameLatin: string }[] = [];
  for (const s of DEMO_STAFF) {
    const accountId = await createAccount({
      db,
      account: { login: s.login, password: DEMO_PASSWORD, role: s.role as Role, officeCode: s.officeCode, displayName: s.displayName },
      passwordHash,
    });
    await enrolTotpWithKey({ db, accountId, key: parseTotpSecret(DEMO_TOTP_SECRET), twoFactorKey });
    if (s.role === "office_admin") adminOf.set(s.officeCode, accountId);
    if ("signatoryLatin" in s) signatories.push({ officeCode: s.officeCode, accountId, nameLatin: s.signatoryLatin });
  }
  // Each office's certification seal and its reviewer as the default authorised signatory (签证员).
  for (const [i, s] of signatories.entries()) {
    const actor = { db, officeCode: s.officeCode, actorId: adminOf.get(s.officeCode)! };
    await uploadOfficeSeal({ ...actor, bytes: demoSealPng(100 + i) });
    const id = await addSignatory({ ...actor, fields: { nameLatin: s.nameLatin, accountId: s.accountId, active: true, isDefault: true } });
    await uploadSignatorySignature({ ...actor, id, bytes: demoSignaturePng(50 + i) });
  }
  // A self-signed PDF-signing key per office, so approved eCOs are signed from the start (README).
  for (const office of DEMO_OFFICES) await createSigningKey({ db, officeCode: office.code, secretKey: twoFactorKey });
  for (const [i, e] of DEMO_ENTERPRISES.entries()) {
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
        signers: [{ name: e.signer, nameLatin: e.signerLatin, isDefault: true }],
        approvedCustomsCodes: e.customsCode ? [e.customsCode] : [],
      },
    });
    await createAccount({ db, account: { login: e.regNo, password: DEMO_PASSWORD, role: "enterprise", enterpriseId, displayName: e.nameZh }, passwordHash });
    // The office keeps the seal and the signatures (manual Q10–Q11): uploaded as its admin would.
    const actorId = adminOf.get(e.officeCode)!;
    await uploadSeal({ db, officeCode: e.officeCode, enterpriseId, bytes: demoSealPng(i), actorId });
    const { signers } = await getEnterpriseProfile({ db, enterpriseId });
    for (const signer of signers) await uploadSignature({ db, officeCode: e.officeCode, enterpriseId, signerId: signer.id, bytes: demoSignaturePng(i), actorId });
  }
  log.info("demo data loaded", { offices: DEMO_OFFICES.length, enterprises: DEMO_ENTERPRISES.length });
  return true;
}
