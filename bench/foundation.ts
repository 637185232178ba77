import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../src/demo/data.ts";
import { parseTotpSecret, totpCode, totpStep } from "../src/modules/accounts/index.ts";
import { load, ms, startServer } from "./lib.ts";

/**
 * Foundation figures: time from process start to the first served page on an empty embedded
 * database (initdb + migrations + demo data), then latency of the sign-in page and of a signed-in
 * page under 50 concurrent connections.
 */
export async function benchFoundation() {
  const server = await startServer();
  let firstPageMs = 0;
  for (;;) {
    const res = await fetch(`${server.url}/sign-in`).catch(() => null);
    if (res?.ok) {
      firstPageMs = performance.now() - server.started;
      break;
    }
    await Bun.sleep(5);
  }
  console.log(`start-up to first page, empty embedded database: ${ms(firstPageMs)}`);

  try {
    const signInPage = await fetch(`${server.url}/sign-in`);
    const csrf = signInPage.headers.getSetCookie().find((c) => c.startsWith("origo_csrf="))!.split(";")[0]!;
    const form = new URLSearchParams({ login: "reviewer1100", password: DEMO_PASSWORD, _csrf: csrf.split("=")[1]! });
    const signedIn = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie: csrf, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    });
    const pending = signedIn.headers.getSetCookie().find((c) => c.startsWith("origo_session="))!.split(";")[0]!;
    // Office staff give their second factor: the demo key's current code.
    const verified = await fetch(`${server.url}/two-factor`, {
      method: "POST",
      body: new URLSearchParams({ code: totpCode(parseTotpSecret(DEMO_TOTP_SECRET), totpStep(new Date())), _csrf: csrf.split("=")[1]! }),
      redirect: "manual",
      headers: { cookie: `${csrf}; ${pending}`, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    });
    const session = verified.headers.getSetCookie().find((c) => c.startsWith("origo_session="))!.split(";")[0]!;
    const headers = { cookie: `${csrf}; ${session}`, "accept-encoding": "gzip" };

    for (const [name, path, h] of [
      ["sign-in page", "/sign-in", { "accept-encoding": "gzip" }],
      ["signed-in page (/account/password)", "/account/password", headers],
    ] as const) {
      await load({ total: 500, concurrency: 50, request: () => fetch(server.url + path, { headers: h }) }); // warm-up
      const r = await load({ total: 5000, concurrency: 50, request: () => fetch(server.url + path, { headers: h }) });
      console.log(`${name}, 50 concurrent, ${r.n} requests: median ${ms(r.median)}, p99 ${ms(r.p99)}, ${r.rps.toFixed(0)} req/s, failures ${r.failures}`);
    }
  } finally {
    await server.stop();
  }
  const restart = await startServer({ DATA_DIR: server.dataDir });
  for (;;) {
    const res = await fetch(`${restart.url}/sign-in`).catch(() => null);
    if (res?.ok) break;
    await Bun.sleep(5);
  }
  console.log(`start-up to first page, existing embedded database: ${ms(performance.now() - restart.started)}`);
  await restart.stop();
}
