import type { CurrentUser } from "../../src/app-env.ts";
import type { Db } from "../../src/db/client.ts";

/** The signed-in user a service sees, for a demo login (src/demo/data.ts). */
export async function userFor(db: Db, login: string): Promise<CurrentUser> {
  const a = await db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, login) });
  if (!a) throw new Error(`no demo account ${login}`);
  return { id: a.id, login: a.login, role: a.role, displayName: a.displayName, officeCode: a.officeCode, enterpriseId: a.enterpriseId };
}
