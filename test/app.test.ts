import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { gunzipSync } from "node:zlib";
import { createApp, MAX_FORM_BODY } from "../src/app.tsx";
import { allow } from "../src/modules/accounts/index.ts";
import { DEMO_PASSWORD } from "../src/demo/data.ts";
import { ERROR_MESSAGES } from "../src/lib/errors.ts";
import { createCertificate, sendCertificate } from "../src/modules/certificates/index.ts";
import { UI } from "../src/views/messages.ts";
import { ORIGIN, startTestApp, TestClient } from "./support/app.ts";
import { goodBody } from "./support/certificates.ts";
import { approvedCertificate, userOf } from "./support/print.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("the shell", () => {
  test("healthz says the process lives; readyz that the database answers with this build's migrations", async () => {
    expect((await t.app.request("/healthz")).status).toBe(200);
    const res = await t.app.request("/readyz");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { status: string } };
    expect(body.status).toBe("ready");
    expect(body.database.status).toBe("ok");
  });

  test("every response carries a request id and strict security headers", async () => {
    const res = await t.app.request("/sign-in");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{12}$/);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("an unknown page gets the Chinese 404 page", async () => {
    const res = await t.app.request("/no-such-page");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("页面不存在");
  });

  test("an unexpected error shows a friendly page quoting the request id", async () => {
    const app = createApp({ db: t.db, config: t.config, events: t.events });
    app.get("/boom-test-route", allow("public"), () => {
      throw new Error("kaput");
    });
    const res = await app.request("/boom-test-route");
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain(ERROR_MESSAGES.internal);
    expect(html).toContain(res.headers.get("x-request-id")!);
    expect(html).not.toContain("kaput");
  });

  test("a page form over 12 MB is refused with 413 and a plain message before anything reads it", async () => {
    const big = `login=${"x".repeat(MAX_FORM_BODY)}`;
    const res = await t.app.request("/sign-in", {
      method: "POST",
      body: big,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain(UI.formTooLarge);
    const small = await t.app.request("/sign-in", {
      method: "POST",
      body: "login=x",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(small.status).not.toBe(413);
  });
});

describe("light pages", () => {
  const gz = { "accept-encoding": "gzip" };
  const KB = 1024;

  async function transferred(c: TestClient, path: string) {
    const res = await c.get(path, gz);
    expect(res.status, path).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const html = res.headers.get("content-encoding") === "gzip" ? gunzipSync(bytes).toString() : new TextDecoder().decode(bytes);
    return { size: bytes.byteLength, html };
  }

  /**
   * What a browser fetches for `path`: on a first visit the page and every /static/ file it links
   * (stylesheet, scripts, favicon), compressed; on a later visit only the page, the files being cached.
   */
  async function weigh(c: TestClient, path: string) {
    const page = await transferred(c, path);
    let first = page.size;
    for (const [, asset] of page.html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)) {
      const res = await c.get(asset!, gz);
      expect(res.headers.get("cache-control"), asset).toContain("immutable");
      first += (await res.arrayBuffer()).byteLength;
    }
    return { first, later: page.size };
  }

  async function signedIn(login: string | null) {
    const c = new TestClient(t.app);
    if (login) await c.signIn(login, DEMO_PASSWORD);
    return c;
  }

  test("every role's main pages transfer at most 30 KB on a first visit and 15 KB afterwards", async () => {
    const exporter = await userOf(t.db, "1100A4419");
    const pending = (await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL") })).id;
    await sendCertificate({ db: t.db, user: exporter, id: pending });
    const approved = (await approvedCertificate(t.db, { printMode: "PCO" })).id;
    const pages: Record<string, string[]> = {
      "": ["/sign-in", "/register", "/verify"],
      "1100A4419": ["/home", "/certificates", "/products", "/account/tokens", "/notifications"],
      reviewer1100: ["/office", "/office/certificates", `/office/certificates/${pending}`, "/office/enterprises"],
      print1100: ["/office", "/office/print", `/print/certificates/${approved}`],
      admin1100: ["/office", "/office/staff", "/office/endorsement", "/office/print/setup"],
    };
    const figures: Record<string, string> = {};
    const tooHeavy: string[] = [];
    for (const [login, paths] of Object.entries(pages)) {
      const c = await signedIn(login || null);
      for (const path of paths) {
        const w = await weigh(c, path);
        figures[`${login || "public"} ${path}`] = `${(w.first / KB).toFixed(1)} KB first, ${(w.later / KB).toFixed(1)} KB later`;
        if (w.first > 30 * KB || w.later > 15 * KB) tooHeavy.push(`${login} ${path}`);
      }
    }
    // The form is the one page allowed more; its figure is shown beside the others, not held to theirs.
    const draft = (await createCertificate({ db: t.db, user: exporter, body: goodBody("CHAFTA") })).id;
    const form = await weigh(await signedIn("1100A4419"), `/certificates/${draft}`);
    figures["1100A4419 form (not held to the limit)"] = `${(form.first / KB).toFixed(1)} KB first, ${(form.later / KB).toFixed(1)} KB later`;
    if (process.env.SHOW_PAGE_WEIGHTS) console.table(figures);
    expect(tooHeavy).toEqual([]);
  });
});
