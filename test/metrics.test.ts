import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../src/app.tsx";
import { approveCertificate, createCertificate, sendCertificate } from "../src/modules/certificates/index.ts";
import { createOfficeDesk, queueCertificatePrint } from "../src/modules/print/index.ts";
import { reportPoolOf } from "../src/modules/system/index.ts";
import { startTestApp } from "./support/app.ts";
import { goodBody } from "./support/certificates.ts";
import { testDbKind } from "./support/db.ts";
import { approvedCertificate, userOf } from "./support/print.ts";

const TOKEN = "metrics-token-0123456789abcdef";
let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp({ metricsToken: TOKEN });
  reportPoolOf(t.database);
});
afterAll(() => t.close());

async function scrape() {
  const res = await t.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return res.text();
}

/** The value of one sample line, e.g. `origo_print_jobs{state="QUEUED"}`; 0 when absent. */
function sample(text: string, series: string) {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("/metrics", () => {
  test("off the public internet by default: no METRICS_TOKEN, no /metrics; a wrong token is refused", async () => {
    const closed = createApp({ db: t.db, config: { ...t.config, metricsToken: undefined }, events: t.events });
    expect((await closed.request("/metrics")).status).toBe(404);
    expect((await closed.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await t.app.request("/metrics")).status).toBe(401);
    expect((await t.app.request("/metrics", { headers: { authorization: "Bearer wrong-token-0123456789abcd" } })).status).toBe(401);
  });

  test("requests by route pattern and status with a latency histogram", async () => {
    await t.app.request("/sign-in");
    await t.app.request("/certificates/0194c1b1-0000-7000-8000-000000000000");
    const text = await scrape();
    expect(sample(text, 'origo_http_requests_total{method="GET",route="/sign-in",status="200"}')).toBeGreaterThanOrEqual(1);
    // The pattern, never the id: one series per route however many certificates there are.
    expect(text).not.toContain("0194c1b1-0000");
    expect(text).toMatch(/origo_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/sign-in",status="200"\} \d+/);
    expect(text).toContain("origo_sse_streams_open 0");
    if (testDbKind === "postgres") expect(sample(text, 'origo_db_pool_connections{state="max"}')).toBe(10);
  });

  test("an approval and a queued print job show in the figures", async () => {
    const before = await scrape();
    const enterprise = await userOf(t.db, "1100A4419");
    const { id } = await createCertificate({ db: t.db, user: enterprise, body: goodBody("GENERAL") });
    await sendCertificate({ db: t.db, user: enterprise, id });
    const approval = await approveCertificate({ db: t.db, reviewer: await userOf(t.db, "reviewer1100"), id });
    expect(approval.status).toBe("APPROVED");

    const admin = await userOf(t.db, "admin1100");
    const deskId = (await createOfficeDesk({ db: t.db, user: admin, name: "指标打印台", route: "AGENT" })).id;
    const printable = await approvedCertificate(t.db);
    await queueCertificatePrint({
      db: t.db,
      events: t.events,
      user: await userOf(t.db, "print1100"),
      certificateId: printable.id,
      deskId,
      verifyBaseUrl: "https://origo.example",
    });

    const after = await scrape();
    const series = 'origo_certificates_approved_total{office="1100B0"}';
    expect(sample(after, series)).toBe(sample(before, series) + 1);
    expect(sample(after, 'origo_print_jobs{state="QUEUED"}')).toBe(sample(before, 'origo_print_jobs{state="QUEUED"}') + 1);
    expect(sample(after, 'origo_print_jobs_oldest_seconds{state="QUEUED"}')).toBeGreaterThanOrEqual(0);
  });
});
