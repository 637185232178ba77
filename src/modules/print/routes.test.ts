/**
 * The print pages and the desk agent's API over HTTP (no printers): setup by the office admin,
 * the clerk's desk with its live job list (server-sent events, and their clean-up), cancelling
 * several jobs from the form, the certificate's print page with reprint reasons, the enterprise's
 * local printing with its token shown once, and the agent API's token check and event stream.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { certificates } from "../../db/schema.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { goodBody } from "../../../test/support/certificates.ts";
import { approvedCertificate, userOf, waitForJobState } from "../../../test/support/print.ts";
import { approveCertificate, CERTIFICATE_STATUS_LABELS, createCertificate, sendCertificate, voidCertificate } from "../certificates/index.ts";
import { agentReport } from "./agent-service.ts";
import { followerCount } from "./live.ts";
import { M } from "./messages.ts";
import { printJobs } from "./schema.ts";
import { queueBackPages, queueCertificatePrint } from "./service.ts";
import { WAITING_STREAM } from "./views/desk.tsx";
import { startPrintWorker } from "./worker.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let admin: TestClient;
let clerk: TestClient;
let enterprise: TestClient;
let deskId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = new TestClient(t.app);
  await admin.signIn("admin1100", DEMO_PASSWORD);
  clerk = new TestClient(t.app);
  await clerk.signIn("print1100", DEMO_PASSWORD);
  enterprise = new TestClient(t.app);
  await enterprise.signIn("1100A4419", DEMO_PASSWORD);
});
afterAll(() => t.close());

const html = async (res: Response) => ({ status: res.status, text: await res.text() });
const decode = (s: string) => s.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

/** Reads server-sent messages from a response until `until` holds. */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  let buffer = "";
  const messages: { event: string; data: string; id: string | null }[] = [];
  return {
    messages,
    async until(ok: () => boolean, timeoutMs = 10_000) {
      const t0 = Date.now();
      while (!ok()) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`no such message; got ${JSON.stringify(messages)}`);
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += new TextDecoder().decode(value);
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = frame.split("\n").filter((l) => !l.startsWith(":"));
          if (!lines.length) continue;
          const field = (name: string) => lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
          messages.push({ event: field("event")[0] ?? "message", data: field("data").join("\n"), id: field("id")[0] ?? null });
        }
      }
    },
    close: () => reader.cancel(),
  };
}

describe("setup (office admin)", () => {
  test("the clerk is told there is no desk yet; the admin adds one", async () => {
    expect((await html(await clerk.get("/office/print"))).text).toContain(M.noDesk);
    const res = await admin.post("/office/print/setup/desks", { name: "一号打印台", route: "SERVER" });
    expect(res.status).toBe(303);
    const page = await html(await admin.get(res.headers.get("location")!));
    expect(page.text).toContain(M.deskSaved);
    expect(page.text).toContain("一号打印台");
    const desk = await t.db.query.printDesks.findFirst({ where: (d, { eq }) => eq(d.name, "一号打印台") });
    deskId = desk!.id;
  });

  test("an agent-route desk shows its token once", async () => {
    const page = await html(await admin.post("/office/print/setup/desks", { name: "分理处", route: "AGENT" }));
    const token = /id="agent-token">(origo_desk_[a-z0-9]+)</.exec(page.text)?.[1];
    expect(token).toBeDefined();
    expect(page.text).toContain(`--token ${token}`);
    expect((await html(await admin.get("/office/print/setup"))).text).not.toContain(token!);
  });

  test("a bad printer address or model code is shown at its field with what was typed kept", async () => {
    const bad = await html(await admin.post("/office/print/setup/printers", { deskId, name: "HP", uri: "http://printer/" }));
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(M.uriInvalid);
    expect(bad.text).toContain('value="http://printer/"');
    // Nothing listens there: the printer's own trouble, in words.
    const away = await html(await admin.post("/office/print/setup/printers", { deskId, name: "HP", uri: "ipp://127.0.0.1:9/ipp/print" }));
    expect(away.status).toBe(422);
    expect(away.text).toContain("无法连接打印机");
    const model = await html(await admin.post("/office/print/setup/models", { vendor: "hp", code: "LaserJet", label: "HP LaserJet" }));
    expect(model.status).toBe(422);
    expect(model.text).toContain(M.modelCode);
    expect(model.text).toContain('value="LaserJet"');
    const ok = await admin.post("/office/print/setup/models", { vendor: "hp", code: "M404", label: "惠普 (HP) LaserJet Pro M404" });
    expect(ok.status).toBe(303);
    expect((await html(await admin.get("/office/print/setup"))).text).toContain("惠普 (HP) LaserJet Pro M404");
  });
});

describe("the clerk's desk", () => {
  test("an approved certificate waits on the desk; 打印 queues it and the job list shows it", async () => {
    const c = await approvedCertificate(t.db);
    const page = await html(await clerk.get(`/office/print?desk=${deskId}`));
    expect(page.text).toContain(c.number);
    expect(page.text).toContain(`hx-sse:connect="/office/print/events?desk=${deskId}"`);
    const res = await clerk.post(`/office/print/desks/${deskId}/jobs`, { certificateId: c.id });
    expect(res.status).toBe(303);
    const after = await html(await clerk.get(res.headers.get("location")!));
    expect(after.text).toContain(M.queuedNotice);
    expect(after.text).toContain(M.stateLabels.QUEUED);
    expect(after.text).toContain("已在打印任务中");
    // Queued twice: the desk says why, nothing is lost.
    const again = await html(await clerk.post(`/office/print/desks/${deskId}/jobs`, { certificateId: c.id }));
    expect(again.status).toBe(409);
    expect(again.text).toContain(M.alreadyInQueue);
  });

  test("the 待打印 list is live: an approval adds a certificate, a queued job marks it, 打印完成 or 作废 takes it off", async () => {
    const [exporter, reviewer] = [await userOf(t.db, "1100A4419"), await userOf(t.db, "reviewer1100")];
    const pending = async () => {
      const { id } = await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL") });
      await sendCertificate({ db: t.db, user: exporter, id });
      return id;
    };
    const [printed, voided] = [await pending(), await pending()];
    const page = await html(await clerk.get(`/office/print?desk=${deskId}`));
    expect(page.text).toContain(`hx-sse:connect="${WAITING_STREAM}"`);
    const controller = new AbortController();
    const sse = sseReader(await clerk.request(WAITING_STREAM, { signal: controller.signal }));
    const latest = () => sse.messages.at(-1)?.data ?? "";
    // The exporter's own certificate page follows the same changes.
    expect((await html(await enterprise.get(`/certificates/${printed}`))).text).toContain(`hx-sse:connect="/certificates/${printed}/events"`);
    const facts = sseReader(await enterprise.request(`/certificates/${printed}/events`, { signal: controller.signal }));
    const shown = () => facts.messages.at(-1)?.data ?? "";
    try {
      await sse.until(() => sse.messages.length > 0);
      await facts.until(() => shown().includes(CERTIFICATE_STATUS_LABELS.PENDING));
      const approve = async (id: string) => (await approveCertificate({ db: t.db, reviewer, id })).number;
      const [printedNo, voidedNo] = [await approve(printed), await approve(voided)];
      await sse.until(() => latest().includes(printedNo) && latest().includes(voidedNo));
      await facts.until(() => shown().includes(CERTIFICATE_STATUS_LABELS.APPROVED) && shown().includes(printedNo));

      // Printed at the office's agent desk (分理处): queued, then 打印完成 (eCO → 已发证).
      const desk = (await t.db.query.printDesks.findFirst({ where: (d, { eq }) => eq(d.name, "分理处") }))!;
      const clerkUser = await userOf(t.db, "print1100");
      const { id: jobId } = await queueCertificatePrint({
        db: t.db,
        events: t.events,
        user: clerkUser,
        certificateId: printed,
        deskId: desk.id,
        verifyBaseUrl: "http://x",
      });
      await sse.until(() => /已在打印任务中/.test(latest()));
      const worker = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 50 });
      try {
        await waitForJobState(t.db, jobId, ["COMPOSED"]);
      } finally {
        await worker.stop();
      }
      const printer = { uri: "ipp://192.0.2.7:631/ipp/print", makeAndModel: "HP Color LaserJet Pro M252" };
      for (const state of ["DOWNLOADING", "PRINTING", "DONE"])
        await agentReport({ db: t.db, events: t.events, desk, jobId, body: { instance: "agent-live-0001", state, printer } as never });
      await sse.until(() => !latest().includes(printedNo));
      await facts.until(() => shown().includes(CERTIFICATE_STATUS_LABELS.ISSUED));
      expect(latest()).toContain(voidedNo);

      await voidCertificate({ db: t.db, reviewer, id: voided, reason: "申请有误" });
      await sse.until(() => !latest().includes(voidedNo));
    } finally {
      controller.abort();
    }
  });

  test("the live list is sent at once and again on every change, and the stream cleans up when the page goes", async () => {
    const job = await queueBackPages({
      db: t.db,
      events: t.events,
      user: await userOf(t.db, "print1100"),
      deskId,
      formType: "GENERAL",
      count: 2,
      verifyBaseUrl: "http://x",
    });
    const before = followerCount(t.events);
    const controller = new AbortController();
    const res = await clerk.request(`/office/print/events?desk=${deskId}`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toStartWith("text/event-stream");
    const sse = sseReader(res);
    await sse.until(() => sse.messages.some((m) => m.data.includes(`id="job-${job.id}"`)));
    expect(followerCount(t.events)).toBe(before + 1);
    const n = sse.messages.length;
    const cancel = await clerk.post("/print/jobs/cancel", { ids: job.id, back: `/office/print?desk=${deskId}` });
    expect(cancel.status).toBe(303);
    await sse.until(() => sse.messages.slice(n).some((m) => /data-state="CANCELLED"/.test(m.data) && m.data.includes(job.id)));
    controller.abort();
    await sse.close().catch(() => {});
    for (let i = 0; i < 100 && followerCount(t.events) > before; i++) await Bun.sleep(20);
    expect(followerCount(t.events)).toBe(before);
  });

  test("several jobs are cancelled from the form at once; a printing one is left and counted", async () => {
    const user = await userOf(t.db, "print1100");
    const q = () => queueBackPages({ db: t.db, events: t.events, user, deskId, formType: "GENERAL", count: 1, verifyBaseUrl: "http://x" });
    const [a, b, p] = [await q(), await q(), await q()];
    await t.db.update(printJobs).set({ state: "PRINTING" }).where(eq(printJobs.id, p.id));
    const body = new URLSearchParams([
      ["ids", a.id],
      ["ids", b.id],
      ["ids", p.id],
      ["back", `/office/print?desk=${deskId}`],
      ["_csrf", clerk.csrf],
    ]);
    const res = await clerk.request("/print/jobs/cancel", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    });
    expect(res.status).toBe(303);
    const page = await html(await clerk.get(res.headers.get("location")!));
    expect(decode(page.text)).toContain(M.cancelledCount(2, 1));
    const states = await t.db.select({ id: printJobs.id, state: printJobs.state }).from(printJobs);
    const stateOf = (id: string) => states.find((s) => s.id === id)!.state;
    expect([stateOf(a.id), stateOf(b.id), stateOf(p.id)]).toEqual(["CANCELLED", "CANCELLED", "PRINTING"]);
  });

  test("a PCO printed and waiting for its form serial links to 修改印刷号", async () => {
    const c = await approvedCertificate(t.db, { printMode: "PCO" });
    const res = await clerk.post(`/office/print/desks/${deskId}/jobs`, { certificateId: c.id });
    expect(res.status).toBe(303);
    await t.db.update(printJobs).set({ state: "DONE" }).where(eq(printJobs.certificateId, c.id));
    await t.db.update(certificates).set({ printCount: 1 }).where(eq(certificates.id, c.id));
    const page = await html(await clerk.get(`/office/print?desk=${deskId}`));
    expect(page.text).toContain(`href="/office/certificates/${c.id}"`);
    expect(page.text).toContain(M.formSerialLink);
  });
});

describe("a certificate's print page", () => {
  test("a reprint asks for its reason, and the job list marks it as a reprint", async () => {
    const c = await approvedCertificate(t.db);
    await t.db.update(certificates).set({ status: "ISSUED", printCount: 1 }).where(eq(certificates.id, c.id));
    const page = await html(await clerk.get(`/print/certificates/${c.id}`));
    expect(page.text).toContain("重印原因");
    const missing = await html(await clerk.post(`/print/certificates/${c.id}/jobs`, { what: "certificate", reprintReason: "" }));
    expect(missing.status).toBe(422);
    expect(missing.text).toContain(M.reprintReasonRequired);
    const ok = await clerk.post(`/print/certificates/${c.id}/jobs`, { what: "certificate", reprintReason: "正本遗失" });
    expect(ok.status).toBe(303);
    expect((await html(await clerk.get(ok.headers.get("location")!))).text).toContain("（重印）");
  });

  test("the enterprise registers its desk agent (token once), then prints its own local-print eCO", async () => {
    const c = await approvedCertificate(t.db, { localPrint: true });
    const page = await html(await enterprise.get(`/print/certificates/${c.id}`));
    expect(page.text).toContain(M.noEnterpriseDesk);
    const registered = await html(await enterprise.post("/print/agent/token", {}));
    expect(registered.text).toMatch(/id="agent-token">origo_desk_/);
    const local = await html(await enterprise.get("/print/agent"));
    expect(local.text).not.toMatch(/id="agent-token"/);
    expect(local.text).toContain(c.number);
    const queued = await enterprise.post(`/print/certificates/${c.id}/jobs`, { what: "certificate", back: "/print/agent" });
    expect(queued.status).toBe(303);
    expect(queued.headers.get("location")).toStartWith("/print/agent?");
    expect((await html(await enterprise.get("/print/agent"))).text).toContain(M.stateLabels.QUEUED);
    // Another enterprise's certificate is nobody's business here.
    const other = new TestClient(t.app);
    await other.signIn("1100A4420", DEMO_PASSWORD);
    expect((await other.get(`/print/certificates/${c.id}`)).status).toBe(404);
  });
});

describe("the desk agent's API", () => {
  test("refuses requests without the desk's token", async () => {
    expect((await t.app.request("/api/desk-agent/events")).status).toBe(401);
    const wrong = await t.app.request("/api/desk-agent/hello", {
      method: "POST",
      headers: { authorization: "Desk origo_desk_nope", "content-type": "application/json" },
      body: "{}",
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(M.agentToken);
  });

  test("streams the desk's jobs to act on, and after a reconnect what changed since its last event", async () => {
    const page = await html(await admin.post("/office/print/setup/desks", { name: "外站", route: "AGENT" }));
    const token = /id="agent-token">(origo_desk_[a-z0-9]+)</.exec(page.text)![1]!;
    const desk = (await t.db.query.printDesks.findFirst({ where: (d, { eq }) => eq(d.name, "外站") }))!;
    const user = await userOf(t.db, "print1100");
    const a = await queueBackPages({ db: t.db, events: t.events, user, deskId: desk.id, formType: "GENERAL", count: 1, verifyBaseUrl: "http://x" });
    await t.db.update(printJobs).set({ state: "COMPOSED" }).where(eq(printJobs.id, a.id));
    const headers = { authorization: `Desk ${token}` };
    const hello = await t.app.request("/api/desk-agent/hello", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ instance: "routes-test-agent", printer: { uri: "ipp://192.0.2.1/ipp/print", makeAndModel: "HP LaserJet Pro M404" } }),
    });
    expect(await hello.json()).toMatchObject({ approved: true, desk: { name: "外站" } });

    const first = sseReader(await t.app.request("/api/desk-agent/events", { headers }));
    await first.until(() => first.messages.some((m) => m.event === "job"));
    const job = first.messages.find((m) => m.event === "job")!;
    expect(JSON.parse(job.data)).toEqual({ id: a.id, state: "COMPOSED" });
    await first.close();

    // While it is away, a job is queued and cancelled: on reconnecting it hears of the cancellation.
    const b = await queueBackPages({ db: t.db, events: t.events, user, deskId: desk.id, formType: "GENERAL", count: 1, verifyBaseUrl: "http://x" });
    await clerk.post("/print/jobs/cancel", { ids: b.id });
    const again = sseReader(await t.app.request("/api/desk-agent/events", { headers: { ...headers, "last-event-id": job.id! } }));
    await again.until(() => again.messages.some((m) => m.event === "job" && m.data.includes(b.id)));
    expect(again.messages.filter((m) => m.event === "job").map((m) => JSON.parse(m.data))).toEqual([
      { id: a.id, state: "COMPOSED" },
      { id: b.id, state: "CANCELLED" },
    ]);
    await again.close();
  });
});
