import type { AppEvents } from "../../src/app-events.ts";
import { createApp, type App } from "../../src/app.tsx";
import { startEventBus } from "../../src/lib/events.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { TWO_FACTOR_PATH } from "../../src/modules/accounts/index.ts";
import { parseTotpSecret, totpCode, totpStep } from "../../src/modules/accounts/totp.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import { currentTotpCode } from "./two-factor.ts";

export const ORIGIN = "http://localhost";

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: "test", LOG_LEVEL: "error" }), ...overrides };
}

/** What a TestClient needs besides the app to play an office user's authenticator app. */
export type TestBacking = { db: Db; config: Config };
const backings = new WeakMap<App, TestBacking>();

/** A test database with demo data and the app over it. Call `close()` in afterAll. */
export async function startTestApp(overrides: Partial<Config> = {}) {
  const config = testConfig(overrides);
  const database: TestDatabase = await createTestDatabase({ twoFactorKey: config.twoFactorKey });
  const events = await startEventBus<AppEvents>({ database });
  const app: App = createApp({ db: database.db, config, events });
  backings.set(app, { db: database.db, config });
  return {
    app,
    db: database.db,
    database,
    config,
    events,
    async close() {
      await events.close();
      await database.drop();
    },
  };
}

/**
 * A browser-like client over `app.request()`: keeps cookies, sends the Origin header and the CSRF
 * token on state-changing requests the way our pages do, and never follows redirects by itself.
 */
export class TestClient {
  cookies = new Map<string, string>();
  private readonly backing: TestBacking | undefined;
  /** `backing` is found for apps made by startTestApp; pass it for an app made by hand. */
  constructor(
    readonly app: App,
    backing?: TestBacking,
  ) {
    this.backing = backing ?? backings.get(app);
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get csrf() {
    return this.cookies.get("origo_csrf") ?? "";
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    return this.keep(await this.app.request(`${ORIGIN}${path}`, { ...init, headers, redirect: "manual" }));
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** Posts a form as a browser would: same-origin, with the CSRF field (fetching a page first if needed). */
  async post(path: string, fields: Record<string, string>, { csrf = true, origin = ORIGIN }: { csrf?: boolean; origin?: string | null } = {}) {
    if (csrf && !this.csrf) await this.get("/sign-in");
    const body = new URLSearchParams(fields);
    if (csrf) body.set("_csrf", this.csrf);
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (origin) headers.origin = origin;
    return this.request(path, { method: "POST", body, headers });
  }

  /** Posts a multipart upload (`image` field unless named) the way the pages' upload forms do. */
  async upload(path: string, bytes: Uint8Array, name: string, type: string, field = "image") {
    if (!this.csrf) await this.get("/sign-in");
    const body = new FormData();
    body.set("_csrf", this.csrf);
    body.set(field, new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
    return this.request(path, { method: "POST", body, headers: { origin: ORIGIN } });
  }

  /**
   * Signs in as a person would. An office account then gives its second factor: at its first
   * sign-in it enrols with the key the page shows (returning the page of recovery codes), later it
   * types its authenticator's current code (returning the redirect to where it was going).
   */
  async signIn(login: string, password: string, { next }: { next?: string } = {}) {
    const res = await this.post("/sign-in", next ? { login, password, next } : { login, password });
    if (res.status !== 303) throw new Error(`sign-in as ${login} failed with ${res.status}`);
    const location = res.headers.get("location")!;
    return location.startsWith(TWO_FACTOR_PATH) ? this.passSecondFactor(login, location) : res;
  }

  private async passSecondFactor(login: string, location: string) {
    const next = new URL(location, ORIGIN).searchParams.get("next") ?? "/";
    const page = await this.get(location);
    const enrol = page.status === 303 && page.headers.get("location")!.startsWith(`${TWO_FACTOR_PATH}/enrol`);
    if (enrol) {
      const html = await (await this.get(page.headers.get("location")!)).text();
      const secret = html.match(/id="totp-secret">([A-Z2-7 ]+)</)?.[1];
      if (!secret) throw new Error(`no TOTP key on the enrolment page of ${login}`);
      const res = await this.post(`${TWO_FACTOR_PATH}/enrol`, { code: totpCode(parseTotpSecret(secret), totpStep(new Date())), next });
      if (res.status !== 200) throw new Error(`enrolment of ${login} failed with ${res.status}`);
      return res;
    }
    if (!this.backing) throw new Error(`signing ${login} in needs the test database: make the app with startTestApp or pass it to TestClient`);
    const res = await this.post(TWO_FACTOR_PATH, { code: await currentTotpCode({ ...this.backing, login }), next });
    if (res.status !== 303) throw new Error(`second factor of ${login} failed with ${res.status}`);
    return res;
  }
}
