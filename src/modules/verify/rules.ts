/**
 * Rate limits of the public verification page: enough for an importer or a customs officer
 * checking a stack of certificates, far too few to walk the number space.
 */
export const VERIFY_LIMITS = { windowMs: 10 * 60_000, lookups: 30, misses: 10, maxUploadBytes: 5 * 1024 * 1024 } as const;

/** A PDF by its content: the header `%PDF-` within the first kilobyte (as readers accept it). */
export function isPdf(bytes: Uint8Array) {
  return Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-");
}

export function verifyRefused({ lookups, misses }: { lookups: number; misses: number }) {
  return lookups >= VERIFY_LIMITS.lookups || misses >= VERIFY_LIMITS.misses;
}
