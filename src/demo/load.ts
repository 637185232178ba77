import type { Db } from "../db/client.ts";
import { log } from "../lib/log.ts";
import { createAccount, enrolTotpWithKey, hashPassword, parseTotpSecret, type Role } from "../modules/accounts/index.ts";
import { approveCommercialDocument, createCommercialDocument, sendCommercialDocument } from "../modules/commercial/index.ts";
import { addSignatory, createSigningKey, uploadOfficeSeal, uploadSignatorySignature } from "../modules/endorsement/index.ts";
import { createEnterprise, createOffice, getEnterpriseProfile, hasAnyOffice, uploadSeal, uploadSignature } from "../modules/registration/index.ts";
import { demoInvoicePdf } from "./commercial.ts";
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
  const enterpriseAccounts = new Map<string, { id: string; enterpriseId: string; displayName: string }>();
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
    const accountId = await createAccount({
      db,
      account: { login: e.regNo, password: DEMO_PASSWORD, role: "enterprise", enterpriseId, displayName: e.nameZh },
      passwordHash,
    });
    enterpriseAccounts.set(e.regNo, { id: accountId, enterpriseId, displayName: e.nameZh });
    // The office keeps the seal and the signatures (manual Q10–Q11): uploaded as its admin would.
    const actorId = adminOf.get(e.officeCode)!;
    await uploadSeal({ db, officeCode: e.officeCode, enterpriseId, bytes: demoSealPng(i), actorId });
    const { signers } = await getEnterpriseProfile({ db, enterpriseId });
    for (const signer of signers)
      await uploadSignature({ db, officeCode: e.officeCode, enterpriseId, signerId: signer.id, bytes: demoSignaturePng(i), actorId });
  }
  await certifiedDemoInvoice(db, enterpriseAccounts.get("1100A4419")!, signatories.find((s) => s.officeCode === "1100B0")!);
  log.info("demo data loaded", { offices: DEMO_OFFICES.length, enterprises: DEMO_ENTERPRISES.length });
  return true;
}

/** One commercial invoice of 1100A4419, sent and certified by reviewer1100 (商事证明; README walk-through). */
async function certifiedDemoInvoice(
  db: Db,
  owner: { id: string; enterpriseId: string; displayName: string },
  reviewer: { officeCode: string; accountId: string; nameLatin: string },
) {
  const user = {
    id: owner.id,
    login: "1100A4419",
    role: "enterprise" as const,
    displayName: owner.displayName,
    officeCode: null,
    enterpriseId: owner.enterpriseId,
  };
  const bytes = await demoInvoicePdf({
    number: "TB-2026-0815",
    seller: "BEIJING TUOBANG INVESTMENT CO., LTD.",
    buyer: "GULF SAFETY SUPPLIES L.L.C., DUBAI, UNITED ARAB EMIRATES",
  });
  const input = {
    docType: "COMMERCIAL_INVOICE",
    documentNo: "TB-2026-0815",
    destinationCountry: "AE",
    purpose: "信用证结汇 L/C negotiation",
    copies: 2,
    remarks: "",
  };
  const { id } = await createCommercialDocument({ db, user, input, file: { bytes, name: "TB-2026-0815.pdf" } });
  await sendCommercialDocument({ db, user, id });
  await approveCommercialDocument({
    db,
    reviewer: {
      id: reviewer.accountId,
      login: "reviewer1100",
      role: "office_reviewer",
      displayName: "北京审核员",
      officeCode: reviewer.officeCode,
      enterpriseId: null,
    },
    id,
  });
}
