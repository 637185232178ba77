import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { findUsableUser } from "../accounts/index.ts";
import { apiTokens } from "./schema.ts";

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/**
 * Creates a token for an account and returns it; it is never retrievable again. Who may call: the
 * account itself (token page) or an operator (CLI).
 */
export async function createApiToken({ db, accountId, name }: { db: Db; accountId: string; name: string }) {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  const token = `origo_${encodeBase32LowerCaseNoPadding(bytes)}`;
  const id = Bun.randomUUIDv7();
  await db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({ id, accountId, name, tokenHash: hashToken(token) });
    await recordAudit(tx, { actorId: accountId, entity: "api_token", entityId: id, action: "created", after: { name } });
  });
  return { id, token };
}

export function listApiTokens({ db, accountId }: { db: Db; accountId: string }) {
  return db.query.apiTokens.findMany({ where: eq(apiTokens.accountId, accountId), orderBy: [desc(apiTokens.createdAt)] });
}

/** Revokes one of the account's own tokens; another account's token id is `not_found`. */
export async function revokeApiToken({ db, accountId, id }: { db: Db; accountId: string; id: string }) {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!rows.length) throw notFound();
    await recordAudit(tx, { actorId: accountId, entity: "api_token", entityId: id, action: "revoked" });
  });
}

/** The usable account behind a bearer token, or null for an unknown or revoked token, or an inactive account or enterprise. */
export async function authenticateApiToken({ db, token }: { db: Db; token: string }): Promise<(CurrentUser & { tokenId: string }) | null> {
  // Core builder, not db.query: on every API request, and the relational builder costs far more CPU.
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const user = await findUsableUser({ db, accountId: row.accountId });
  if (!user) return null;
  // Record use at most once a minute: a busy ERP should not turn every read into a write.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return { ...user, tokenId: row.id };
}
