import type { Child } from "hono/jsx";
import type { CurrentUser } from "../app-env.ts";
import { assetUrl } from "../lib/static-assets.ts";
import { NAV, ROLE_LABELS, UI } from "./messages.ts";

export type ShellProps = {
  title: string;
  user: CurrentUser | null;
  /** A session owing its second factor sees no navigation: nothing else is open to it yet. */
  twoFactorPending?: boolean;
  csrfToken: string;
  path: string;
  /** Counts the signed-in person's unread notifications for the header link; absent, no link. */
  unread?: () => Promise<number>;
  children: Child;
};

/** 通知 in the header, with the unread count; a failed count leaves the bare link rather than failing the page. */
async function NotificationsLink({ unread }: { unread: () => Promise<number> }) {
  const n = await unread().catch(() => 0);
  return (
    <a href="/notifications" class="notify-link">
      {UI.notifications}
      {n > 0 && (
        <span class="count" id="unread-count">
          {UI.unreadCount(n)}
        </span>
      )}
    </a>
  );
}

/** The page shell: one layout for both sides, with the navigation of the signed-in user's side. */
export function Layout({ title, user, twoFactorPending, csrfToken, path, unread, children }: ShellProps) {
  const items = user && !twoFactorPending ? NAV.filter((n) => n.roles.includes(user.role)) : [];
  // The most specific entry is the current one: /office/enterprises/… is not also "工作台" (/office).
  const current = items
    .filter((n) => path === n.href || path.startsWith(n.href + "/"))
    .reduce<string | null>((best, n) => (!best || n.href.length > best.length ? n.href : best), null);
  const side = user ? (user.role === "enterprise" ? UI.enterpriseSide : UI.officeSide) : null;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* No settle delay: htmx would otherwise copy each old element's `style` attribute onto the new one while swapping, which the CSP (no inline styles) refuses. */}
        <meta name="htmx-config" content='{"defaultSettleDelay":0}' />
        <title>{`${title} · ${UI.product}`}</title>
        <link rel="icon" href={assetUrl("favicon.svg")} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl("app.css")} />
        <script src={assetUrl("vendor/htmx.min.js")} defer></script>
        <script src={assetUrl("vendor/hx-sse.js")} defer></script>
      </head>
      <body hx-headers:inherited={JSON.stringify({ "X-CSRF-Token": csrfToken })}>
        <a class="skip" href="#main">
          {UI.skipToContent}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {UI.product}
          </a>
          {side && <span class="side">{side}</span>}
          {user && (
            <form method="post" action="/sign-out" class="who">
              {unread && !twoFactorPending && <NotificationsLink unread={unread} />}
              <span>
                {UI.signedInAs}：{user.displayName}（{ROLE_LABELS[user.role]}）
              </span>
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit" class="link">
                {UI.signOut}
              </button>
            </form>
          )}
        </header>
        {items.length > 0 && (
          <nav class="nav" aria-label="主导航">
            <ul>
              {items.map((n) => (
                <li>
                  <a href={n.href} aria-current={n.href === current ? "page" : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
