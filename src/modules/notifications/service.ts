/** The notification pages' services: a person's own list, unread count, read marks and e-mail settings. */
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { invalid, notFound } from "../../lib/errors.ts";
import { normalizeMobile } from "../sms/index.ts";
import { NOTIFY_M } from "./messages.ts";
import * as q from "./queries.ts";
import { eventsForRole, isLocalPath, normalizeEmail, type NotificationEvent } from "./rules.ts";

/** The list shows this many, newest first. */
export const LIST_LIMIT = 100;

/** The signed-in person's notifications (only theirs: every query is by their account id). */
export async function listNotifications({ db, user }: { db: Db; user: CurrentUser }) {
  const rows = await q.listForAccount(db, user.id, LIST_LIMIT);
  return rows.map((r) => ({ ...r.n, emailState: r.emailState, smsState: r.smsState }));
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

export type NotificationSettings = {
  email: string | null;
  emailEvents: NotificationEvent[];
  mobile: string | null;
  smsEvents: NotificationEvent[];
  offered: readonly NotificationEvent[];
};

export async function getNotificationSettings({ db, user }: { db: Db; user: CurrentUser }): Promise<NotificationSettings> {
  const [row] = await q.settingsOf(db, [user.id]);
  const offered = eventsForRole(user.role);
  return {
    email: row?.email ?? null,
    emailEvents: offered.filter((e) => row?.emailEvents.includes(e)),
    mobile: row?.mobile ?? null,
    smsEvents: offered.filter((e) => row?.smsEvents.includes(e)),
    offered,
  };
}

/** A contact field: empty is none, else normalized or `invalid`; required once an event is ticked for its channel. */
function contact(raw: string, normalize: (s: string) => string | null, ticked: boolean, field: string, messages: { invalid: string; needed: string }) {
  const value = raw.trim() ? normalize(raw) : null;
  if (raw.trim() && !value) throw invalid(messages.invalid, [{ path: field, message: messages.invalid }]);
  if (ticked && !value) throw invalid(messages.needed, [{ path: field, message: messages.needed }]);
  return value;
}

/**
 * Saves the person's address and mobile and the events they want by e-mail and by SMS. Only events
 * their role can receive are kept; an address (a mobile) is required once any is ticked for e-mail
 * (SMS). Throws `invalid` naming the field.
 */
export async function saveNotificationSettings({
  db,
  user,
  email,
  events,
  mobile = "",
  smsEvents = [],
}: {
  db: Db;
  user: CurrentUser;
  email: string;
  /** The events wanted by e-mail. */
  events: string[];
  mobile?: string;
  smsEvents?: string[];
}): Promise<NotificationSettings> {
  const offered = eventsForRole(user.role);
  const emailEvents = offered.filter((e) => events.includes(e));
  const smsChosen = offered.filter((e) => smsEvents.includes(e));
  const address = contact(email, normalizeEmail, emailEvents.length > 0, "email", { invalid: NOTIFY_M.emailInvalid, needed: NOTIFY_M.emailNeeded });
  const phone = contact(mobile, normalizeMobile, smsChosen.length > 0, "mobile", { invalid: NOTIFY_M.mobileInvalid, needed: NOTIFY_M.mobileNeeded });
  await q.saveSettings(db, { accountId: user.id, email: address, emailEvents, mobile: phone, smsEvents: smsChosen });
  return { email: address, emailEvents, mobile: phone, smsEvents: smsChosen, offered };
}

/** 邮件发件箱 (office admins, no SMTP server configured): the newest mail concerning their office. */
export function listEmailOutbox({ db, officeCode, limit = 200 }: { db: Db; officeCode: string; limit?: number }) {
  return q.emailOutboxOf(db, officeCode, limit);
}
