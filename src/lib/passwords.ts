/**
 * Argon2id hashes of secrets people type (passwords, SMS codes), at a cost chosen once at start-up
 * from config `passwordHashing`. `standard` is Bun's default for passwords (64 MiB, t=2) and OWASP's
 * minimum for SMS codes; `fast` (64 KiB, t=1) exists so the test suite does not spend seconds per
 * database on hashing, and config refuses it in production. A hash carries its own parameters, so
 * `verifySecret` checks hashes made at either cost.
 */
export type HashingCost = "standard" | "fast";

const PARAMS = {
  standard: {
    password: { algorithm: "argon2id", memoryCost: 65_536, timeCost: 2 },
    code: { algorithm: "argon2id", memoryCost: 19_456, timeCost: 2 },
  },
  fast: {
    password: { algorithm: "argon2id", memoryCost: 64, timeCost: 1 },
    code: { algorithm: "argon2id", memoryCost: 64, timeCost: 1 },
  },
} as const;

let cost: HashingCost = "standard";

/** Called once at start-up (boot, the test preload) with config `passwordHashing`. */
export function setHashingCost(value: HashingCost) {
  cost = value;
}

export function hashingCost(): HashingCost {
  return cost;
}

/** `password`: a person's password; `code`: a short one-time code (cheaper, still slow enough to resist guessing offline). */
export function hashSecret(secret: string, kind: "password" | "code"): Promise<string> {
  return Bun.password.hash(secret, PARAMS[cost][kind]);
}

export function verifySecret(secret: string, hash: string): Promise<boolean> {
  return Bun.password.verify(secret, hash);
}
