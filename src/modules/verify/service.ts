import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { AppError, invalid } from "../../lib/errors.ts";
import { verifyCertificate, verifyCertificateById } from "../certificates/index.ts";
import { verifyCommercialById, verifyCommercialDocument } from "../commercial/index.ts";
import { checkUploadedPdf } from "../endorsement/index.ts";
import { M } from "./messages.ts";
import { isPdf, VERIFY_LIMITS, verifyRefused } from "./rules.ts";
import { verificationLookups } from "./schema.ts";

/**
 * One public look-up from `ip`. Throws `rate_limited` past the limits (counted per address over
 * ten minutes, misses counted tighter); records the look-up either way.
 */
export async function lookUpCertificate({ db, ip, number, code }: { db: Db; ip: string; number: string; code: string }) {
  await checkLimits(db, ip);
  // Certificates of origin and commercial certificates answer to the same page (number + code).
  const facts = (await verifyCertificate({ db, number, code })) ?? (await verifyCommercialDocument({ db, number, code }));
  await db.insert(verificationLookups).values({ ip, found: facts !== null });
  return facts;
}

async function checkLimits(db: Db, ip: string) {
  const since = new Date(Date.now() - VERIFY_LIMITS.windowMs);
  const [usage] = await db
    .select({ lookups: count(), misses: sql<number>`count(*) filter (where not ${verificationLookups.found})::int` })
    .from(verificationLookups)
    .where(and(eq(verificationLookups.ip, ip), gt(verificationLookups.at, since)));
  if (verifyRefused({ lookups: Number(usage?.lookups ?? 0), misses: Number(usage?.misses ?? 0) })) throw new AppError("rate_limited", M.limited);
}

/**
 * Checks an uploaded PDF (public, same limits as a look-up; a file that is not an issued one counts
 * as a miss): whether it is exactly a file an office issued (hash), whether its signature is valid
 * and an office's, and — only for an issued file — that certificate's facts and current state.
 * Refuses a file over 11 MB or one that is not a PDF by its content.
 */
export async function checkUploadedFile({ db, ip, bytes }: { db: Db; ip: string; bytes: Uint8Array }) {
  if (bytes.length > VERIFY_LIMITS.maxUploadBytes) throw new AppError("too_large", M.fileTooLarge);
  if (!isPdf(bytes)) throw invalid(M.fileNotPdf, [{ path: "file", message: M.fileNotPdf }]);
  await checkLimits(db, ip);
  const check = await checkUploadedPdf({ db, bytes });
  const id = check.certificateId;
  const facts = id ? ((await verifyCertificateById({ db, id })) ?? (await verifyCommercialById({ db, id }))) : null;
  await db.insert(verificationLookups).values({ ip, found: facts !== null });
  return { ...check, facts };
}
