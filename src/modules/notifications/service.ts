/** The notification pages' services: a person's own list, unread count, read marks and e-mail settings. */
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { invalid, notFound } from "../../lib/errors.ts";
import { NOTIFY_M } from "./messages.ts";
import * as q from "./queries.ts";
import { eventsForRole, isLocalPath, normalizeEmail, type NotificationEvent } from "./rules.ts";

/** The list shows this many, newest first. */
export const LIST_LIMIT = 100;

/** The signed-in person's notifications (only theirs: every query is by their account id). */
export async function listNotifications({ db, user }: { db: Db; user: CurrentUser }) {
  const rows = await q.listForAccount(db, user.id, LIST_LIMIT);
  return rows.map((r) => ({ ...r.n, emailState: r.emailState }));
}

export function countUnreadNotifications({ db, user }: { db: Db; user: CurrentUser }) {
  return q.countUnread(db, user.id);
}

/**
 * Marks one of the person's notifications read and returns where it leads (a path of this app, or
 * null); `not_found` when it is not theirs (whose it is is not revealed).
 */
export async function markNotificationRead({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  const n = await q.findForAccount(db, user.id, id);
  if (!n) throw notFound(NOTIFY_M.notFound);
  await q.markRead(db, user.id, id);
  return { link: n.link && isLocalPath(n.link) ? n.link : null };
}

export function markAllNotificationsRead({ db, user }: { db: Db; user: CurrentUser }) {
  return q.markRead(db, user.id);
}

export type NotificationSettings = { email: string | null; emailEvents: NotificationEvent[]; offered: readonly NotificationEvent[] };

export async function getNotificationSettings({ db, user }: { db: Db; user: CurrentUser }): Promise<NotificationSettings> {
  const [row] = await q.settingsOf(db, [user.id]);
  const offered = eventsForRole(user.role);
  return { email: row?.email ?? null, emailEvents: offered.filter((e) => row?.emailEvents.includes(e)), offered };
}

/**
 * Saves the person's address and the events they want by e-mail. Only events their role can
 * receive are kept; an address is required once any is ticked. Throws `invalid` naming the field.
 */
export async function saveNotificationSettings({ db, user, email, events }: { db: Db; user: CurrentUser; email: string; events: string[] }) {
  const offered = eventsForRole(user.role);
  const chosen = offered.filter((e) => events.includes(e));
  const raw = email.trim();
  const address = raw ? normalizeEmail(raw) : null;
  if (raw && !address) throw invalid(NOTIFY_M.emailInvalid, [{ path: "email", message: NOTIFY_M.emailInvalid }]);
  if (chosen.length && !address) throw invalid(NOTIFY_M.emailNeeded, [{ path: "email", message: NOTIFY_M.emailNeeded }]);
  await q.saveSettings(db, { accountId: user.id, email: address, emailEvents: chosen });
  return { email: address, emailEvents: chosen, offered };
}
