import { type Context, Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { formFailure, formValues, refuseUnstorable } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { M } from "./messages.ts";
import { createWebhookEndpoint, deleteWebhookEndpoint, getWebhookEndpoint, listWebhookEndpoints, replayWebhookDelivery } from "./service.ts";
import { EndpointPage, endpointHref, WebhookSection } from "./views/endpoints.tsx";

const ENTERPRISE = allow("enterprise");

/** The webhooks part of the 接口令牌 page (api slice's token page renders it; app.tsx wires the two). */
export async function webhookTokenSection(c: Context<AppEnv>) {
  const endpoints = await listWebhookEndpoints({ db: c.var.db, user: c.var.user! });
  return <WebhookSection csrfToken={c.var.csrfToken} endpoints={endpoints} />;
}

const chosenEvents = (body: Record<string, unknown>) => [body.events ?? []].flat().filter((v): v is string => typeof v === "string");

/** The enterprise's webhook pages: register an endpoint, see one with its deliveries, replay, delete. */
export const webhookRoutes = new Hono<AppEnv>()
  .post("/account/webhooks", ENTERPRISE, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values = formValues(body);
    const events = chosenEvents(body);
    try {
      refuseUnstorable(values);
      const { endpoint, secret } = await createWebhookEndpoint({
        db: c.var.db,
        user: c.var.user!,
        input: { url: values.url ?? "", events, description: values.description },
        secretKey: c.var.config.twoFactorKey,
        allowPrivate: c.var.config.webhookAllowPrivate,
        requestId: c.var.requestId,
      });
      return renderPage(c, M.endpointTitle, <EndpointPage csrfToken={c.var.csrfToken} endpoint={endpoint} deliveries={[]} secret={secret} />, 201);
    } catch (e) {
      const failure = formFailure(e, "invalid");
      const endpoints = await listWebhookEndpoints({ db: c.var.db, user: c.var.user! });
      return renderPage(
        c,
        M.sectionTitle,
        <WebhookSection csrfToken={c.var.csrfToken} endpoints={endpoints} values={values} chosen={events} errors={failure.errors} standalone />,
        failure.status,
      );
    }
  })
  .get("/account/webhooks/:id", ENTERPRISE, async (c) => {
    const { endpoint, deliveries } = await getWebhookEndpoint({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    const notice = c.req.query("replayed") ? M.replayed : undefined;
    return renderPage(c, M.endpointTitle, <EndpointPage csrfToken={c.var.csrfToken} endpoint={endpoint} deliveries={deliveries} notice={notice} />);
  })
  .post("/account/webhooks/:id/deletion", ENTERPRISE, async (c) => {
    await deleteWebhookEndpoint({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
    return c.redirect("/account/tokens#webhooks", 303);
  })
  .post("/account/webhooks/deliveries/:id/replay", ENTERPRISE, async (c) => {
    const replay = await replayWebhookDelivery({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
    return c.redirect(`${endpointHref(replay.endpointId)}?replayed=1`, 303);
  });
