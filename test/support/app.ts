import { createApp, type App } from "../../src/app.tsx";
import { loadConfig, type Config } from "../../src/config.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";

export const ORIGIN = "http://localhost";

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: "test", LOG_LEVEL: "error" }), ...overrides };
}

/** A test database with demo data and the app over it. Call `close()` in afterAll. */
export async function startTestApp(overrides: Partial<Config> = {}) {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig(overrides);
  const app: App = createApp({ db: database.db, config });
  return { app, db: database.db, database, config, close: () => database.drop() };
}

/**
 * A browser-like client over `app.request()`: keeps cookies, sends the Origin header and the CSRF
 * token on state-changing requests the way our pages do, and never follows redirects by itself.
 */
export class TestClient {
  cookies = new Map<string, string>();
  constructor(readonly app: App) {}

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

  async signIn(login: string, password: string) {
    const res = await this.post("/sign-in", { login, password });
    if (res.status !== 303) throw new Error(`sign-in as ${login} failed with ${res.status}`);
    return res;
  }
}
