/**
 * What the worker composes, read back with poppler's pdftotext as a printer would get it: the
 * certificate's data, the print file unmarked (no PREVIEW), a PCO page shifted by its printer's
 * offset, back pages and calibration sheets; and a job whose certificate was voided meanwhile fails
 * with the reason. Jobs go to an agent-route desk, so nothing is sent to a printer here.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certificates } from "../../db/schema.ts";
import { CERTIFICATE_STATUS_LABELS } from "../certificates/index.ts";
import { DEMO_OFFICES } from "../../demo/data.ts";
import { startTestApp } from "../../../test/support/app.ts";
import { approvedCertificate, userOf, waitForJobState } from "../../../test/support/print.ts";
import { agentHello } from "./agent-service.ts";
import { M } from "./messages.ts";
import { findDesk, findDocument } from "./queries.ts";
import { createOfficeDesk, printCalibrationPage, queueBackPages, queueCertificatePrint, setCalibration } from "./service.ts";
import { startPrintWorker, type PrintWorker } from "./worker.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let worker: PrintWorker;
let deskId: string;
let printerId: string;
const dir = mkdtempSync(join(tmpdir(), "origo-compose-"));

beforeAll(async () => {
  t = await startTestApp();
  const admin = await userOf(t.db, "admin1100");
  deskId = (await createOfficeDesk({ db: t.db, user: admin, name: "外围打印台", route: "AGENT" })).id;
  const desk = (await findDesk(t.db, deskId))!;
  await agentHello({
    db: t.db,
    events: t.events,
    desk,
    body: { instance: "compose-test-agent", printer: { uri: "ipp://192.0.2.9:631/ipp/print", makeAndModel: "HP Color LaserJet Pro M252" } },
  });
  printerId = (await findDesk(t.db, deskId))!.printerId!;
  worker = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 50 });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const clerk = async () => ({ db: t.db, events: t.events, user: await userOf(t.db, "print1100"), verifyBaseUrl: "https://origo.example" });

/** The composed document of a job, once the worker has it. */
async function composed(jobId: string) {
  await waitForJobState(t.db, jobId, ["COMPOSED"]);
  const doc = (await findDocument(t.db, jobId))!;
  expect(doc.sha256).toBe(new Bun.CryptoHasher("sha256").update(doc.pdf).digest("hex"));
  return doc.pdf;
}

async function pdftotext(pdf: Uint8Array, ...args: string[]) {
  const file = join(dir, `${crypto.randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  const p = Bun.spawn(["pdftotext", ...args, file, "-"], { stdout: "pipe", stderr: "pipe" });
  const text = await new Response(p.stdout).text();
  expect(await p.exited).toBe(0);
  return text;
}

/** x of the first word that is exactly `word`, in PDF points, from pdftotext -bbox. */
async function wordX(pdf: Uint8Array, word: string) {
  const html = await pdftotext(pdf, "-bbox", "-f", "1", "-l", "1");
  const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)"[^>]*>${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</word>`).exec(html);
  if (!m) throw new Error(`no word ${word} on page 1`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

describe("composed print files", () => {
  test("an eCO certificate: its number and parties as text, not marked PREVIEW", async () => {
    const c = await approvedCertificate(t.db);
    const { id } = await queueCertificatePrint({ ...(await clerk()), certificateId: c.id, deskId });
    const text = await pdftotext(await composed(id), "-layout");
    expect(text).toContain(c.number);
    expect(text).toContain("ACME TRADING LTD");
    expect(text).toContain("BEIJING TUOBANG INVESTMENT CO., LTD.");
    expect(text).not.toContain("PREVIEW");
    // the issuing office's contact line in box 12 (from its record), and the overleaf notes as the last page
    const office = DEMO_OFFICES.find((o) => o.code === "1100B0")!;
    for (const v of [office.tel, office.fax, office.addressEn]) expect(text).toContain(v);
    expect(text).toContain("Box 5 is reserved for the certifying authority");
  });

  test("a PCO certificate is shifted by the offsets of the printer it will come out of", async () => {
    const admin = await userOf(t.db, "admin1100");
    const c1 = await approvedCertificate(t.db, { printMode: "PCO" });
    const c2 = await approvedCertificate(t.db, { printMode: "PCO" });
    await setCalibration({ db: t.db, user: admin, printerId, xMm: 0, yMm: 0 });
    const plain = await composed((await queueCertificatePrint({ ...(await clerk()), certificateId: c1.id, deskId })).id);
    await setCalibration({ db: t.db, user: admin, printerId, xMm: 5, yMm: -2 });
    const shifted = await composed((await queueCertificatePrint({ ...(await clerk()), certificateId: c2.id, deskId })).id);
    const a = await wordX(plain, "ACME");
    const b = await wordX(shifted, "ACME");
    const mm = 72 / 25.4;
    expect(b.x - a.x).toBeCloseTo(5 * mm, 0);
    expect(b.y - a.y).toBeCloseTo(-2 * mm, 0);
    await setCalibration({ db: t.db, user: admin, printerId, xMm: 0, yMm: 0 });
  });

  test("back pages carry the form's overleaf notes; a calibration sheet states the printer's offsets", async () => {
    const back = await composed((await queueBackPages({ ...(await clerk()), deskId, formType: "GENERAL", count: 3 })).id);
    expect((await pdftotext(back)).toUpperCase()).toContain("NOTES");

    const admin = await userOf(t.db, "admin1100");
    await setCalibration({ db: t.db, user: admin, printerId, xMm: 1.5, yMm: -2 });
    const sheet = await composed(
      (await printCalibrationPage({ db: t.db, events: t.events, user: admin, printerId, formType: "GENERAL", verifyBaseUrl: "https://origo.example" })).id,
    );
    const text = await pdftotext(sheet);
    expect(text).toContain("CALIBRATION SHEET");
    expect(text).toContain("X +1.5 mm, Y −2.0 mm");
    await setCalibration({ db: t.db, user: admin, printerId, xMm: 0, yMm: 0 });
  });

  test("a certificate voided before it is composed fails to compose, and says why", async () => {
    const c = await approvedCertificate(t.db);
    await worker.stop();
    const { id } = await queueCertificatePrint({ ...(await clerk()), certificateId: c.id, deskId });
    await t.db.update(certificates).set({ status: "VOIDED" }).where(eq(certificates.id, c.id));
    worker = startPrintWorker({ db: t.db, events: t.events, secretKey: t.config.twoFactorKey, pollMs: 50 });
    const job = await waitForJobState(t.db, id, ["COMPOSE_FAILED"]);
    expect(job.message).toBe(M.composeFailed(M.certificateNotPrintable(CERTIFICATE_STATUS_LABELS.VOIDED)));
  });
});
