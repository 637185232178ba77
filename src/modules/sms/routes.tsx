import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { SMS_M } from "./messages.ts";
import { listOutbox } from "./service.ts";
import { OutboxPage } from "./views/outbox.tsx";

export const smsRoutes = new Hono<AppEnv>().get("/office/sms-outbox", allow("office_admin"), async (c) => {
  c.header("Cache-Control", "no-store");
  const messages = await listOutbox({ db: c.var.db, officeCode: c.var.user!.officeCode! });
  return renderPage(c, SMS_M.outboxTitle, <OutboxPage messages={messages} />);
});
