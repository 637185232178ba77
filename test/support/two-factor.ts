import { eq } from "drizzle-orm";
import type { Config } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { accounts, totpCredentials } from "../../src/db/schema.ts";
import { openSecret } from "../../src/modules/accounts/secret-box.ts";
import { totpCode, totpStep } from "../../src/modules/accounts/totp.ts";

/**
 * The code an office account's authenticator app shows now, read from its sealed key in the test
 * database. The server refuses a code of a step already used (RFC 6238 §5.2), and tests sign the same
 * demo account in several times a minute: so the next unused step of the window is chosen (now, then
 * now + 1), and when both are used the account's last-used step is cleared, as if its owner had
 * waited for the next code. Tests of replay itself do not go through here.
 */
export async function currentTotpCode({ db, config, login }: { db: Db; config: Config; login: string }): Promise<string> {
  const [row] = await db
    .select({ accountId: accounts.id, sealed: totpCredentials.sealedSecret, lastUsedStep: totpCredentials.lastUsedStep })
    .from(accounts)
    .innerJoin(totpCredentials, eq(totpCredentials.accountId, accounts.id))
    .where(eq(accounts.login, login));
  if (!row) throw new Error(`${login} has no TOTP key`);
  const key = openSecret(config.twoFactorKey, row.sealed, row.accountId);
  const now = totpStep(new Date());
  let step = [now, now + 1].find((s) => row.lastUsedStep === null || s > row.lastUsedStep);
  if (step === undefined) {
    await db.update(totpCredentials).set({ lastUsedStep: null }).where(eq(totpCredentials.accountId, row.accountId));
    step = now;
  }
  return totpCode(key, step);
}
