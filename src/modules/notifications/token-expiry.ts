/**
 * "API token about to expire": 7 days before a token's expiry its account gets a notification (in
 * the product, and by e-mail or SMS if chosen) and the enterprise's webhook endpoints that chose
 * `api_token.expiring` get the event, exactly once per token.
 *
 * Trigger: a slow loop in every app process (started in src/main.ts), not the daily-summary CLI.
 * That CLI needs an operator to set up cron; a forgotten cron entry would let tokens run out
 * silently and break an ERP integration, which is what this notice exists to prevent. A loop that
 * ships with the server needs nothing set up, and every 15 minutes costs one indexed look-up
 * (api_tokens_expiry_idx covers only live tokens without a notice).
 *
 * Exactly once: the token's mark (`expiry_notice_at`) and its notice are written in one
 * transaction; tokens are taken FOR UPDATE SKIP LOCKED, so two processes never take the same one,
 * and a process that dies mid-way rolls back both. The notification's dedupe key repeats the rule
 * in the database.
 */
import type { Db } from "../../db/client.ts";
import { formatDateTime } from "../../lib/time.ts";
import { startWorkLoop } from "../../lib/work-loop.ts";
import { log } from "../../lib/log.ts";
import { findUsableUser } from "../accounts/index.ts";
import { takeTokensNearExpiry } from "../api/index.ts";
import { getEnterpriseProfile } from "../registration/index.ts";
import { queueWebhookEvent } from "../webhooks/index.ts";
import { notifyAccounts } from "./outbox.ts";

/** Writes the notices of tokens now within 7 days of expiry (up to `limit` per call); returns how many tokens were noticed. */
export async function noticeExpiringTokens({ db, now = new Date(), limit = 50 }: { db: Db; now?: Date; limit?: number }) {
  return db.transaction(async (tx) => {
    const tokens = await takeTokensNearExpiry({ tx, now, limit });
    for (const token of tokens) {
      const user = await findUsableUser({ db: tx, accountId: token.accountId });
      // An inactive account or enterprise: the token is refused anyway; marked, nobody told.
      if (!user?.enterpriseId) continue;
      const { enterprise } = await getEnterpriseProfile({ db: tx, enterpriseId: user.enterpriseId });
      const expiresAt = token.expiresAt!;
      await notifyAccounts(tx, [token.accountId], {
        event: "api_token.expiring",
        facts: { tokenName: token.name, expiresAt: formatDateTime(expiresAt) },
        link: "/account/tokens",
        dedupeKey: `api-token-expiring:${token.id}`,
        officeCode: enterprise.officeCode,
      });
      await queueWebhookEvent(tx, {
        enterpriseId: user.enterpriseId,
        type: "api_token.expiring",
        data: { tokenId: token.id, name: token.name, expiresAt: expiresAt.toISOString() },
      });
    }
    return tokens.length;
  });
}

export const TOKEN_EXPIRY_POLL_MS = 15 * 60_000;

/** The loop (see above); `stop()` waits for a round in progress. */
export function startTokenExpiryWatch({ db, pollMs = TOKEN_EXPIRY_POLL_MS }: { db: Db; pollMs?: number }) {
  const id = `token-expiry-${process.pid}`;
  const loop = startWorkLoop<number>({
    name: "token expiry",
    id,
    pollMs,
    // A batch that found tokens is "work": the loop looks again at once until none are left.
    claim: async () => (await noticeExpiringTokens({ db })) || null,
    work: async (n) => log.info("api token expiry notices written", { tokens: n }),
    onWorkError: (err) => log.error("api token expiry notice failed", { worker: id, err }),
  });
  return { stop: loop.stop, kick: loop.kick };
}
