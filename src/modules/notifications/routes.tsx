import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { attempt, type FormFailure } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow, ROLES } from "../accounts/index.ts";
import { NOTIFY_M } from "./messages.ts";
import { eventsForRole } from "./rules.ts";
import {
  countUnreadNotifications,
  getNotificationSettings,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  saveNotificationSettings,
} from "./service.ts";
import { NotificationsPage } from "./views/list.tsx";
import { SettingsPage } from "./views/settings.tsx";

/** Everyone signed in has notifications; each sees only their own (the services query by account). */
const EVERYONE = allow(...ROLES);

/** The settings form again with what was chosen and the refusal beside its field. */
function settingsRefused(c: Context<AppEnv>, email: string, events: string[], failure: FormFailure) {
  const offered = eventsForRole(c.var.user!.role);
  const settings = { email: null, emailEvents: offered.filter((x) => events.includes(x)), offered };
  const emailOn = c.var.config.email.kind === "smtp";
  const page = <SettingsPage settings={settings} emailOn={emailOn} csrfToken={c.var.csrfToken} email={email} errors={failure.errors} />;
  return renderPage(c, NOTIFY_M.settingsTitle, page, failure.status);
}

export const notificationRoutes = new Hono<AppEnv>()
  .get("/notifications", EVERYONE, async (c) => {
    c.header("Cache-Control", "no-store");
    const [items, unread] = await Promise.all([
      listNotifications({ db: c.var.db, user: c.var.user! }),
      countUnreadNotifications({ db: c.var.db, user: c.var.user! }),
    ]);
    return renderPage(c, NOTIFY_M.title, <NotificationsPage items={items} unread={unread} csrfToken={c.var.csrfToken} />);
  })
  .post("/notifications/read", EVERYONE, async (c) => {
    await markAllNotificationsRead({ db: c.var.db, user: c.var.user! });
    return c.redirect("/notifications", 303);
  })
  // 查看 (`open` set) marks it read and goes where it leads; 标为已读 comes back to the list.
  .post("/notifications/:id/read", EVERYONE, async (c) => {
    const { link } = await markNotificationRead({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    const open = (await c.req.parseBody()).open === "1";
    return c.redirect(open && link ? link : "/notifications", 303);
  })
  .get("/notifications/settings", EVERYONE, async (c) => {
    const settings = await getNotificationSettings({ db: c.var.db, user: c.var.user! });
    return renderPage(c, NOTIFY_M.settingsTitle, <SettingsPage settings={settings} emailOn={c.var.config.email.kind === "smtp"} csrfToken={c.var.csrfToken} />);
  })
  .post("/notifications/settings", EVERYONE, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const email = typeof body.email === "string" ? body.email : "";
    const events = [body.events ?? []].flat().filter((e): e is string => typeof e === "string");
    const saved = await attempt(saveNotificationSettings({ db: c.var.db, user: c.var.user!, email, events }), "invalid");
    if (!saved.ok) return settingsRefused(c, email, events, saved.failure);
    const emailOn = c.var.config.email.kind === "smtp";
    return renderPage(c, NOTIFY_M.settingsTitle, <SettingsPage settings={saved.value} emailOn={emailOn} csrfToken={c.var.csrfToken} saved />);
  });

/** Offers the page shell the signed-in person's unread count (counted only when a full page is rendered). */
export function unreadCountMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (user && !c.var.twoFactorPending) c.set("unreadNotifications", () => countUnreadNotifications({ db: c.var.db, user }));
    await next();
  };
}
