import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { usableUserLookup } from "../accounts/index.ts";
import { DEFAULT_TOKEN_DAYS, EXPIRY_NOTICE_MS, expiryFor, isExpired } from "./rules.ts";
import { apiTokens } from "./schema.ts";

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/**
 * Creates a token for an account and returns it; it is never retrievable again. It expires after
 * `days` (default 90), or never with `days: null`. Who may call: the account itself (token page) or
 * an operator (CLI).
 */
export async function createApiToken({ db, accountId, name, days = DEFAULT_TOKEN_DAYS }: { db: Db; accountId: string; name: string; days?: number | null }) {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  const token = `origo_${encodeBase32LowerCaseNoPadding(bytes)}`;
  const id = Bun.randomUUIDv7();
  const expiresAt = expiryFor(days, new Date());
  await db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({ id, accountId, name, tokenHash: hashToken(token), expiresAt });
    await recordAudit(tx, {
      actorId: accountId,
      entity: "api_token",
      entityId: id,
      action: "created",
      after: { name, expiresAt: expiresAt?.toISOString() ?? null },
    });
  });
  return { id, token, expiresAt };
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

/**
 * The live token of a hash with its account's user when that may act, in one query built once
 * (it runs on every API request; drizzle building the SQL each time cost more CPU than the query,
 * and the token and the account were two queries).
 */
const tokenLookup = usableUserLookup({
  table: apiTokens,
  accountId: apiTokens.accountId,
  where: and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt))!,
  name: "api_token_user",
});

/**
 * The usable account behind a bearer token; null for an unknown or revoked token, or an inactive
 * account or enterprise; "expired" for a token past its expiry (the API says so, so the holder
 * knows to make a new one rather than look for a typo).
 */
export async function authenticateApiToken({ db, token }: { db: Db; token: string }): Promise<(CurrentUser & { tokenId: string }) | "expired" | null> {
  const found = await tokenLookup(db, { hash: hashToken(token) });
  if (!found) return null;
  const { row, user } = found;
  if (isExpired(row.expiresAt, new Date())) return "expired";
  if (!user) return null;
  // Record use at most once a minute: a busy ERP should not turn every read into a write.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return { ...user, tokenId: row.id };
}

/**
 * Takes up to `limit` live tokens that expire within EXPIRY_NOTICE_MS and have had no notice yet,
 * and marks them noticed, on the caller's transaction: the caller writes the notices in the same
 * transaction, so a notice commits exactly when its mark does. Rows another transaction holds are
 * skipped (SKIP LOCKED), so processes running this side by side never take the same token.
 */
export async function takeTokensNearExpiry({ tx, now = new Date(), limit = 50 }: { tx: DbOrTx; now?: Date; limit?: number }) {
  const due = await tx
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(
      and(
        isNull(apiTokens.expiryNoticeAt),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, now),
        lte(apiTokens.expiresAt, new Date(now.getTime() + EXPIRY_NOTICE_MS)),
      ),
    )
    .orderBy(apiTokens.expiresAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  if (!due.length) return [];
  return tx
    .update(apiTokens)
    .set({ expiryNoticeAt: now })
    .where(
      inArray(
        apiTokens.id,
        due.map((d) => d.id),
      ),
    )
    .returning({ id: apiTokens.id, accountId: apiTokens.accountId, name: apiTokens.name, expiresAt: apiTokens.expiresAt });
}
