/**
 * Rate limits of the public verification page: enough for an importer or a customs officer
 * checking a stack of certificates, far too few to walk the number space. A file may be up to
 * 11 MB (the page form limit is 12): an issued commercial certificate carries its document (≤ 10 MB) behind the certificate page.
 */
export const VERIFY_LIMITS = { windowMs: 10 * 60_000, lookups: 30, misses: 10, maxUploadBytes: 11 * 1024 * 1024 } as const;

export { isPdf } from "../../lib/pdf.ts";

export function verifyRefused({ lookups, misses }: { lookups: number; misses: number }) {
  return lookups >= VERIFY_LIMITS.lookups || misses >= VERIFY_LIMITS.misses;
}
