import { Hono, type Context, type MiddlewareHandler } from "hono";
import { z } from "zod";
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
  listEmailOutbox,
  saveNotificationSettings,
} from "./service.ts";
import { EmailOutboxPage } from "./views/email-outbox.tsx";
import { NotificationsPage } from "./views/list.tsx";
import { SettingsPage } from "./views/settings.tsx";

/** Everyone signed in has notifications; each sees only their own (the services query by account). */
const EVERYONE = allow(...ROLES);

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
    const form = settingsForm(await c.req.parseBody({ all: true }));
    const saved = await attempt(saveNotificationSettings({ db: c.var.db, user: c.var.user!, ...form }), "invalid");
    if (!saved.ok) return settingsRefused(c, form, saved.failure);
    const emailOn = c.var.config.email.kind === "smtp";
    return renderPage(c, NOTIFY_M.settingsTitle, <SettingsPage settings={saved.value} emailOn={emailOn} csrfToken={c.var.csrfToken} saved />);
  })
  .get("/office/email-outbox", allow("office_admin"), async (c) => {
    c.header("Cache-Control", "no-store");
    const messages = await listEmailOutbox({ db: c.var.db, officeCode: c.var.user!.officeCode! });
    return renderPage(c, NOTIFY_M.emailOutboxTitle, <EmailOutboxPage messages={messages} />);
  });

/** A checkbox group arrives as one value, several, or none; anything that is not text is dropped. */
const ticked = z.preprocess((v) => [v ?? []].flat().filter((e) => typeof e === "string"), z.array(z.string()));
/** The settings form as posted; the service checks the address, the mobile and the events. */
const settingsSchema = z.object({ email: z.string().catch(""), mobile: z.string().catch(""), events: ticked, smsEvents: ticked });
type SettingsForm = z.infer<typeof settingsSchema>;
const settingsForm = (body: Record<string, unknown>): SettingsForm => settingsSchema.parse(body);

/** The settings form again with the boxes as ticked and the problem named. */
function settingsRefused(c: Context<AppEnv>, form: SettingsForm, failure: FormFailure) {
  const offered = eventsForRole(c.var.user!.role);
  const settings = {
    email: null,
    mobile: null,
    emailEvents: offered.filter((x) => form.events.includes(x)),
    smsEvents: offered.filter((x) => form.smsEvents.includes(x)),
    offered,
  };
  const emailOn = c.var.config.email.kind === "smtp";
  const page = <SettingsPage settings={settings} emailOn={emailOn} csrfToken={c.var.csrfToken} typed={form} errors={failure.errors} />;
  return renderPage(c, NOTIFY_M.settingsTitle, page, failure.status);
}

/** Offers the page shell the signed-in person's unread count (counted only when a full page is rendered). */
export function unreadCountMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (user && !c.var.twoFactorPending) c.set("unreadNotifications", () => countUnreadNotifications({ db: c.var.db, user }));
    await next();
  };
}
