import { formatDateTime } from "../../../lib/time.ts";
import { CsrfField } from "../../../views/components.tsx";
import { NOTIFY_M } from "../messages.ts";
import type { NotificationRow } from "../queries.ts";

type Item = NotificationRow & { emailState: "PENDING" | "SENT" | "FAILED" | null; smsState: "PENDING" | "SENT" | "FAILED" | null };

/** 通知: the person's notifications, unread first in weight (bold, marked), with read marks. */
export function NotificationsPage({ items, unread, csrfToken, notice }: { items: Item[]; unread: number; csrfToken: string; notice?: string }) {
  return (
    <section aria-labelledby="notifications-title" id="notifications">
      <h1 id="notifications-title">
        {NOTIFY_M.title}
        {unread > 0 && <span class="count">{NOTIFY_M.unread(unread)}</span>}
      </h1>
      <p class="muted">
        {NOTIFY_M.intro} <a href="/notifications/settings">{NOTIFY_M.settingsLink}</a>
      </p>
      {notice && (
        <p class="alert ok" role="status">
          {notice}
        </p>
      )}
      {unread > 0 && (
        <form method="post" action="/notifications/read" class="actions">
          <CsrfField token={csrfToken} />
          <button type="submit">{NOTIFY_M.markAllRead}</button>
        </form>
      )}
      {items.length === 0 ? (
        <p>{NOTIFY_M.empty}</p>
      ) : (
        <ul class="notifications">
          {items.map((n) => (
            <li class={n.readAt ? "notification" : "notification unread"} id={`n-${n.id}`}>
              <p>
                {!n.readAt && <span class="badge">{NOTIFY_M.unreadMark}</span>} <strong>{n.title}</strong>{" "}
                <time class="muted" datetime={n.createdAt.toISOString()}>
                  {formatDateTime(n.createdAt)}
                </time>
                {n.emailState && <span class="muted"> · {NOTIFY_M.emailStates[n.emailState]}</span>}
                {n.smsState && <span class="muted"> · {NOTIFY_M.smsStates[n.smsState]}</span>}
              </p>
              <p class="notification-body">{n.body}</p>
              <div class="actions">
                {n.link && n.readAt && <a href={n.link}>{NOTIFY_M.open}</a>}
                {n.link && !n.readAt && (
                  <form method="post" action={`/notifications/${n.id}/read`} class="inline">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="open" value="1" />
                    <button type="submit" class="link">
                      {NOTIFY_M.open}
                    </button>
                  </form>
                )}
                {!n.readAt && (
                  <form method="post" action={`/notifications/${n.id}/read`} class="inline">
                    <CsrfField token={csrfToken} />
                    <button type="submit" class="link">
                      {NOTIFY_M.markRead}
                    </button>
                  </form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
