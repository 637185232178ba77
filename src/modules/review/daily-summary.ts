/**
 * 每日待办汇总: each office's reviewers and admins get one notification a day saying what waits
 * (the workbench's certificate queues, 商事证明 awaiting review, pending product filings, the
 * longest-waiting certificate), in the product and by e-mail or SMS to those who chose it. Run by `bun run cli notifications daily-summary`
 * (e.g. from cron at 08:00); running it again the same day writes nothing new (a dedupe key per day).
 */
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { formatDateTime } from "../../lib/time.ts";
import { listStaff } from "../accounts/index.ts";
import { officeToday } from "../certificates/index.ts";
import { NOTIFY_M, notifyAccounts } from "../notifications/index.ts";
import { getWorkbench } from "./service.ts";

const RECIPIENT_ROLES: readonly string[] = ["office_admin", "office_reviewer"];

/** The workbench's 商事证明 queues (EDI and 网页), which the summary counts together on their own line. */
const isCommercialQueue = (key: string) => key.startsWith("commercial-");

/** The summary's lines for one office, as the recipients read them: certificate queues, 商事证明 awaiting review, filings, the oldest. */
export function summaryLines(w: Awaited<ReturnType<typeof getWorkbench>>): string[] {
  const lines = w.queues.filter((q) => q.count > 0 && !isCommercialQueue(q.key)).map((q) => NOTIFY_M.summaryCertificates(q.label, q.count));
  const commercial = w.queues.filter((q) => isCommercialQueue(q.key)).reduce((n, q) => n + q.count, 0);
  if (commercial > 0) lines.push(NOTIFY_M.summaryCommercial(commercial));
  if (w.products > 0) lines.push(NOTIFY_M.summaryProducts(w.products));
  if (w.oldest?.sentAt) lines.push(NOTIFY_M.summaryOldest(w.oldest.applicationNo, formatDateTime(w.oldest.sentAt)));
  return lines.length ? lines : [NOTIFY_M.summaryNothing];
}

/** Writes today's summary for the office's active reviewers and admins; returns how many were written (0 when already sent today). */
export async function sendDailySummary({ db, officeCode, now = new Date() }: { db: Db; officeCode: string; now?: Date }) {
  const staff = (await listStaff({ db, officeCode })).filter((s) => s.active && RECIPIENT_ROLES.includes(s.role));
  if (!staff.length) return { notifications: 0, emails: 0, sms: 0 };
  const s = staff[0]!;
  const asStaff: CurrentUser = { id: s.id, login: s.login, role: s.role, displayName: s.displayName, officeCode, enterpriseId: null };
  const day = officeToday(now);
  const lines = summaryLines(await getWorkbench({ db, user: asStaff }));
  return db.transaction((tx) =>
    notifyAccounts(
      tx,
      staff.map((x) => x.id),
      { event: "office.daily_summary", facts: { day, lines }, link: "/office", dedupeKey: `daily-summary:${day}`, officeCode },
    ),
  );
}
