import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { verifyCertificate } from "../certificates/index.ts";
import { M } from "./messages.ts";
import { VERIFY_LIMITS, verifyRefused } from "./rules.ts";
import { verificationLookups } from "./schema.ts";

/**
 * One public look-up from `ip`. Throws `rate_limited` past the limits (counted per address over
 * ten minutes, misses counted tighter); records the look-up either way.
 */
export async function lookUpCertificate({ db, ip, number, code }: { db: Db; ip: string; number: string; code: string }) {
  const since = new Date(Date.now() - VERIFY_LIMITS.windowMs);
  const [usage] = await db
    .select({ lookups: count(), misses: sql<number>`count(*) filter (where not ${verificationLookups.found})::int` })
    .from(verificationLookups)
    .where(and(eq(verificationLookups.ip, ip), gt(verificationLookups.at, since)));
  if (verifyRefused({ lookups: Number(usage?.lookups ?? 0), misses: Number(usage?.misses ?? 0) })) throw new AppError("rate_limited", M.limited);
  const facts = await verifyCertificate({ db, number, code });
  await db.insert(verificationLookups).values({ ip, found: facts !== null });
  return facts;
}
