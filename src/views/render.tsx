import type { Context } from "hono";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../app-env.ts";
import { isHtmx } from "../lib/htmx.ts";
import { Layout } from "./layout.tsx";

/**
 * Renders a page. An htmx request that targets a part of the page gets the same component without
 * the shell, so a partial and its full page never drift apart.
 */
export function renderPage(c: Context<AppEnv>, title: string, body: Child, status: ContentfulStatusCode = 200) {
  if (isHtmx(c)) return c.html(<>{body}</>, status);
  return c.html(
    <>
      {raw("<!doctype html>")}
      <Layout
        title={title}
        user={c.var.user}
        twoFactorPending={c.var.twoFactorPending}
        csrfToken={c.var.csrfToken}
        path={c.req.path}
        unread={c.var.unreadNotifications}
      >
        {body}
      </Layout>
    </>,
    status,
  );
}
