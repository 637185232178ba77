import { type Context, Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { attemptForm, formValues, type FormFailure, type FormValues } from "../../lib/forms.ts";
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

/** Who registers an endpoint, with the key its secret is sealed under and whether private addresses are allowed. */
function endpointOwner(c: Context<AppEnv>) {
  const { db, config, requestId } = c.var;
  return { db, user: c.var.user!, secretKey: config.twoFactorKey, allowPrivate: config.webhookAllowPrivate, requestId };
}

/** The webhooks section on its own again, with what was typed and the refusal beside its field. */
async function endpointRefused(c: Context<AppEnv>, values: FormValues, chosen: string[], failure: FormFailure) {
  const endpoints = await listWebhookEndpoints({ db: c.var.db, user: c.var.user! });
  const section = <WebhookSection csrfToken={c.var.csrfToken} endpoints={endpoints} values={values} chosen={chosen} errors={failure.errors} standalone />;
  return renderPage(c, M.sectionTitle, section, failure.status);
}

/** The enterprise's webhook pages: register an endpoint, see one with its deliveries, replay, delete. */
export const webhookRoutes = new Hono<AppEnv>()
  .post("/account/webhooks", ENTERPRISE, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values = formValues(body);
    const events = chosenEvents(body);
    const input = { url: values.url ?? "", events, description: values.description };
    const created = await attemptForm(values, () => createWebhookEndpoint({ ...endpointOwner(c), input }));
    if (!created.ok) return endpointRefused(c, values, events, created.failure);
    const { endpoint, secret } = created.value;
    return renderPage(c, M.endpointTitle, <EndpointPage csrfToken={c.var.csrfToken} endpoint={endpoint} deliveries={[]} secret={secret} />, 201);
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
