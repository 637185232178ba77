/**
 * The paper route of a commercial certificate: the reviewer queues its certificate page at the
 * office's desk, the worker composes it (one page, the number, no attached document), and a
 * finished job is written in the application's history. An agent-route desk: nothing is sent to a printer.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { invoiceFields, invoicePdf } from "../../../test/support/commercial.ts";
import { pdfText } from "../../../test/support/pdf.ts";
import { userOf, waitForJobState } from "../../../test/support/print.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { agentHello } from "../print/agent-service.ts";
import { finishJob } from "../print/jobs.ts";
import { findDesk, findDocument } from "../print/queries.ts";
import { printJobs } from "../print/schema.ts";
import { createOfficeDesk } from "../print/service.ts";
import { startPrintWorker, type PrintWorker } from "../print/worker.ts";
import { M } from "./messages.ts";
import { approveCommercialDocument } from "./office-actions.ts";
import { createCommercialDocument, getCommercialDocument, sendCommercialDocument } from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let worker: PrintWorker;
beforeAll(async () => {
  t = await startTestApp();
  const admin = await userOf(t.db, "admin1100");
  const deskId = (await createOfficeDesk({ db: t.db, user: admin, name: "商事证明打印台", route: "AGENT" })).id;
  await agentHello({
    db: t.db,
    events: t.events,
    desk: (await findDesk(t.db, deskId))!,
    body: { instance: "commercial-test-agent", printer: { uri: "ipp://192.0.2.9:631/ipp/print", makeAndModel: "HP Color LaserJet Pro M252" } },
  });
  worker = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 50 });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

describe("the paper route", () => {
  test("the certificate page is queued from the review page, composed alone, and its print recorded", async () => {
    const user = await userOf(t.db, "1100A4419");
    const { id } = await createCommercialDocument({
      db: t.db,
      user,
      input: invoiceFields("CI-PAPER-1"),
      file: { bytes: await invoicePdf(2, "INVOICE CI-PAPER-1"), name: "i.pdf" },
    });
    const reviewer = new TestClient(t.app);
    await reviewer.signIn("reviewer1100", DEMO_PASSWORD);
    await sendCommercialDocument({ db: t.db, user, id });
    expect((await reviewer.post(`/print/commercial/${id}/jobs`, {})).status).toBe(409);
    const shanghai = new TestClient(t.app);
    await shanghai.signIn("reviewer3100", DEMO_PASSWORD);
    const { number } = await approveCommercialDocument({ db: t.db, reviewer: await userOf(t.db, "reviewer1100"), id });
    expect(await (await reviewer.get(`/office/commercial/${id}`)).text()).toContain(M.printPaper);
    expect((await shanghai.post(`/print/commercial/${id}/jobs`, {})).status).toBe(404);
    const queued = await reviewer.post(`/print/commercial/${id}/jobs`, {});
    expect(queued.headers.get("location")).toBe(`/office/commercial/${id}?done=queued`);
    expect(await (await reviewer.get(`/office/commercial/${id}?done=queued`)).text()).toContain(M.printQueued);

    const [job] = await t.db.select().from(printJobs).where(eq(printJobs.certificateId, id));
    expect(job).toMatchObject({ kind: "COMMERCIAL", title: number, copies: 2 });
    await waitForJobState(t.db, job!.id, ["COMPOSED"]);
    const pdf = (await findDocument(t.db, job!.id))!.pdf;
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    const text = await pdfText(pdf);
    expect(text).toContain(number);
    expect(text).not.toContain("INVOICE CI-PAPER-1");

    const [row] = await t.db.select().from(printJobs).where(eq(printJobs.id, job!.id));
    await t.db.transaction((tx) => finishJob(tx, t.events, row!, { kind: "done" }, { id: null, name: "test" }));
    const history = (await getCommercialDocument({ db: t.db, user, id })).history;
    expect(history.at(-1)!.note).toBe(M.notePrinted("商事证明打印台"));
  }, 60_000);
});
