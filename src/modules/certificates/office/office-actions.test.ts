/**
 * The office's actions on certificates against a real database: every transition, its refusal
 * from the wrong state, office isolation, the number counter under racing approvals, and the
 * events each action sends on commit.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, desc, eq } from "drizzle-orm";
import type { CurrentUser } from "../../../app-env.ts";
import { openDatabase } from "../../../db/client.ts";
import { auditLog } from "../../../db/schema.ts";
import { AppError } from "../../../lib/errors.ts";
import { startEventBus, type EventBus } from "../../../lib/events.ts";
import { handSigners } from "../../registration/schema.ts";
import { goodBody } from "../../../../test/support/certificates.ts";
import { testDatabaseOptions, testDbKind } from "../../../../test/support/db.ts";
import { startTestApp } from "../../../../test/support/app.ts";
import { userFor } from "../../../../test/support/users.ts";
import type { CertificateBody } from "../edi/contract.ts";
import { certificateCounters, certificates } from "../schema.ts";
import {
  amendCertificate,
  ApprovalProblemsError,
  approveCertificate,
  CERTIFICATE_OFFICE_MESSAGES as OM,
  claimReview,
  createCertificate,
  deleteCertificate,
  getCertificate,
  getCertificateForReview,
  returnCertificate,
  sendCertificate,
  setFormSerial,
  setNumberFormat,
  updateCertificate,
  voidCertificate,
  type CertificateEvents,
} from "../index.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let exporter: CurrentUser;
let reviewer: CurrentUser;
let admin: CurrentUser;
let shanghai: CurrentUser;

beforeAll(async () => {
  t = await startTestApp();
  exporter = await userFor(t.db, "1100A4419");
  reviewer = await userFor(t.db, "reviewer1100");
  admin = await userFor(t.db, "admin1100");
  shanghai = await userFor(t.db, "reviewer3100");
});
afterAll(() => t.close());

async function pending(body: CertificateBody = goodBody("GENERAL")) {
  const { id } = await createCertificate({ db: t.db, user: exporter, body });
  await sendCertificate({ db: t.db, user: exporter, id });
  return id;
}
async function approved(body?: CertificateBody) {
  const id = await pending(body);
  const { number } = await approveCertificate({ db: t.db, reviewer, id });
  return { id, number };
}
const row = async (id: string) => (await t.db.query.certificates.findFirst({ where: eq(certificates.id, id) }))!;
const pco = () => ({ ...goodBody("GENERAL"), printMode: "PCO" as const });

/** The AppError a promise rejects with (fails the test when it resolves). */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

const counter = async (type = "GENERAL") =>
  (await t.db.query.certificateCounters.findFirst({ where: and(eq(certificateCounters.officeCode, "1100B0"), eq(certificateCounters.type, type)) }))?.last ?? 0;

describe("审核通过", () => {
  test("numbers the certificate in the default format, sets a verification code, writes history and audit", async () => {
    const id = await pending();
    const before = await counter();
    const { number, status } = await approveCertificate({ db: t.db, reviewer, id });
    const yy = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear() % 100).padStart(2, "0");
    expect(status).toBe("APPROVED");
    expect(number).toBe(`C${yy}1100B0${String(before + 1).padStart(6, "0")}`);
    const r = await row(id);
    expect(r).toMatchObject({ status: "APPROVED", number, reviewingBy: null });
    expect(r.verificationCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(r.approvedAt).toBeInstanceOf(Date);
    const got = await getCertificate({ db: t.db, user: exporter, id });
    expect(got.history.at(-1)).toMatchObject({ status: "APPROVED", by: "北京审核员", note: `证书号 ${number}` });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "approved")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: reviewer.id, officeCode: "1100B0", after: { number } });
  });

  test("is refused from every state but PENDING, saying why", async () => {
    const { id: done, number } = await approved();
    expect((await refusal(approveCertificate({ db: t.db, reviewer, id: done }))).message).toBe(OM.alreadyApproved(number));
    const draft = (await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL") })).id;
    const e = await refusal(approveCertificate({ db: t.db, reviewer, id: draft }));
    expect(e.code).toBe("conflict");
    expect(e.message).toBe(OM.notApprovable("DRAFT"));
    const returned = await pending();
    await returnCertificate({ db: t.db, reviewer, id: returned, reason: "发票日期有误" });
    expect((await refusal(approveCertificate({ db: t.db, reviewer, id: returned }))).message).toBe(OM.notApprovable("RETURNED"));
    const voided = await pending();
    await voidCertificate({ db: t.db, reviewer, id: voided, reason: "重复申请" });
    expect((await refusal(approveCertificate({ db: t.db, reviewer, id: voided }))).message).toBe(OM.notApprovable("VOIDED"));
  });

  test("runs machine review again: a hand-signer deactivated since sending blocks it and takes no number", async () => {
    const id = await pending();
    const before = await counter();
    const signer = (await t.db.query.handSigners.findFirst({ where: eq(handSigners.name, "张三") }))!;
    await t.db.update(handSigners).set({ active: false }).where(eq(handSigners.id, signer.id));
    try {
      const shown = await getCertificateForReview({ db: t.db, reviewer, id });
      expect(shown.problems.map((p) => p.rule)).toContain("SIGNER_INVALID");
      const e = await refusal(approveCertificate({ db: t.db, reviewer, id }));
      expect(e).toBeInstanceOf(ApprovalProblemsError);
      expect(e.message).toBe(OM.approvalBlocked);
      expect((e as ApprovalProblemsError).problems.map((p) => p.rule)).toContain("SIGNER_INVALID");
      expect((await row(id)).status).toBe("PENDING");
      expect(await counter()).toBe(before);
    } finally {
      await t.db.update(handSigners).set({ active: true }).where(eq(handSigners.id, signer.id));
    }
    expect((await approveCertificate({ db: t.db, reviewer, id })).status).toBe("APPROVED");
  });

  test("the office's number format applies to the next number; only an admin may set it, and only a safe one", async () => {
    expect((await refusal(setNumberFormat({ db: t.db, admin: reviewer, numberFormat: "{T}{YY}{N6}" }))).code).toBe("forbidden");
    const noYear = await refusal(setNumberFormat({ db: t.db, admin, numberFormat: "{T}{OFFICE}{N6}" }));
    expect(noYear.code).toBe("invalid");
    expect(noYear.message).toBe(OM.formatProblems.missing_year);
    await setNumberFormat({ db: t.db, admin, numberFormat: "{t}-{yyyy}-{office}-{n5}" });
    try {
      const before = await counter();
      const { number } = await approved();
      expect(number).toBe(`C-${new Date(Date.now() + 8 * 3600_000).getUTCFullYear()}-1100B0-${String(before + 1).padStart(5, "0")}`);
    } finally {
      await setNumberFormat({ db: t.db, admin, numberFormat: "{T}{YY}{OFFICE}{N6}" });
    }
  });

  test("approving a 改证重发 replacement makes the original REPLACED in the same step", async () => {
    const { id: original, number: originalNo } = await approved();
    const { id: replacement } = await amendCertificate({ db: t.db, user: exporter, id: original });
    await sendCertificate({ db: t.db, user: exporter, id: replacement });
    expect((await row(original)).status).toBe("APPROVED");
    const { number } = await approveCertificate({ db: t.db, reviewer, id: replacement });
    const o = await row(original);
    expect(o).toMatchObject({ status: "REPLACED", replacedById: replacement, number: originalNo });
    const history = (await getCertificate({ db: t.db, user: exporter, id: original })).history;
    expect(history.at(-1)).toMatchObject({ status: "REPLACED", note: OM.noteReplacedBy(number) });
    const review = await getCertificateForReview({ db: t.db, reviewer, id: replacement });
    expect(review.replaces).toMatchObject({ id: original, number: originalNo, status: "REPLACED" });
  });
});

describe("退回", () => {
  test("PENDING → RETURNED with the reason; the enterprise edits and sends again", async () => {
    const id = await pending();
    const empty = await refusal(returnCertificate({ db: t.db, reviewer, id, reason: "  " }));
    expect(empty.code).toBe("invalid");
    expect(empty.issues).toEqual([{ path: "reason", message: OM.reasonRequired }]);
    await returnCertificate({ db: t.db, reviewer, id, reason: "唛头与发票不一致" });
    const seen = await getCertificate({ db: t.db, user: exporter, id });
    expect(seen).toMatchObject({ status: "RETURNED", returnReason: "唛头与发票不一致" });
    expect(seen.history.at(-1)).toMatchObject({ status: "RETURNED", note: "唛头与发票不一致" });
    await updateCertificate({ db: t.db, user: exporter, id, body: { ...seen.body, remarks: "MARKS CORRECTED" } });
    expect((await sendCertificate({ db: t.db, user: exporter, id })).status).toBe("PENDING");
    expect((await row(id)).returnReason).toBeNull();
  });

  test("is refused from every state but PENDING", async () => {
    const { id } = await approved();
    const e = await refusal(returnCertificate({ db: t.db, reviewer, id, reason: "x" }));
    expect(e.code).toBe("conflict");
    expect(e.message).toBe(OM.notReturnable("APPROVED"));
    const draft = (await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL") })).id;
    expect((await refusal(returnCertificate({ db: t.db, reviewer, id: draft, reason: "x" }))).message).toBe(OM.notReturnable("DRAFT"));
  });
});

describe("作废", () => {
  test("PENDING, RETURNED and APPROVED become VOIDED, final, and the invoice number is free again", async () => {
    const invoice = `CI-VOID-${crypto.randomUUID().slice(0, 6)}`;
    const { id, number } = await approved(goodBody("GENERAL", invoice));
    const dup = await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL", invoice) });
    expect(dup.problems.map((p) => p.rule)).toContain("INVOICE_DUPLICATE");
    await deleteCertificate({ db: t.db, user: exporter, id: dup.id });
    expect((await refusal(voidCertificate({ db: t.db, reviewer, id, reason: "" }))).message).toBe(OM.voidReasonRequired);
    await voidCertificate({ db: t.db, reviewer, id, reason: "企业申请作废" });
    expect(await row(id)).toMatchObject({ status: "VOIDED", voidReason: "企业申请作废", number });
    const again = await createCertificate({ db: t.db, user: exporter, body: goodBody("GENERAL", invoice) });
    expect(again.problems.map((p) => p.rule)).not.toContain("INVOICE_DUPLICATE");
    expect((await refusal(voidCertificate({ db: t.db, reviewer, id, reason: "再次" }))).message).toBe(OM.voidVoided);

    const p = await pending();
    await voidCertificate({ db: t.db, reviewer, id: p, reason: "重复" });
    const r = await pending();
    await returnCertificate({ db: t.db, reviewer, id: r, reason: "改" });
    await voidCertificate({ db: t.db, reviewer, id: r, reason: "不再需要" });
    expect([(await row(p)).status, (await row(r)).status]).toEqual(["VOIDED", "VOIDED"]);
  });

  test("an issued certificate cannot be voided: the message points to 改证重发", async () => {
    const { id } = await approved(pco());
    await setFormSerial({ db: t.db, reviewer, id, formSerial: `V${Date.now()}` });
    const e = await refusal(voidCertificate({ db: t.db, reviewer, id, reason: "x" }));
    expect(e.code).toBe("conflict");
    expect(e.message).toBe(OM.voidIssued);
  });
});

describe("修改印刷号", () => {
  test("an approved PCO certificate becomes ISSUED with the serial; a later entry corrects it", async () => {
    const { id } = await approved(pco());
    const serial = `P${Date.now()}`;
    // Typed with a Chinese input method: full-width and lower case.
    const typed = serial.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).toLowerCase();
    expect(await setFormSerial({ db: t.db, reviewer, id, formSerial: typed })).toMatchObject({ status: "ISSUED", formSerial: serial });
    expect(await row(id)).toMatchObject({ status: "ISSUED", formSerial: serial });
    await setFormSerial({ db: t.db, reviewer, id, formSerial: `${serial}-1` });
    const history = (await getCertificate({ db: t.db, user: exporter, id })).history;
    expect(history.slice(-2).map((h) => h.note)).toEqual([OM.noteSerial(serial), OM.noteSerialChanged(serial, `${serial}-1`)]);
  });

  test("is refused for eCO, before approval, for a serial already used, and for a malformed one", async () => {
    const { id: eco } = await approved();
    expect((await refusal(setFormSerial({ db: t.db, reviewer, id: eco, formSerial: "A1" }))).message).toBe(OM.serialNotPco);
    const waiting = await pending(pco());
    expect((await refusal(setFormSerial({ db: t.db, reviewer, id: waiting, formSerial: "A1" }))).message).toBe(OM.serialWrongState("PENDING"));
    const a = await approved(pco());
    const b = await approved(pco());
    const serial = `D${Date.now()}`;
    await setFormSerial({ db: t.db, reviewer, id: a.id, formSerial: serial });
    expect((await refusal(setFormSerial({ db: t.db, reviewer, id: b.id, formSerial: serial }))).message).toBe(OM.serialTaken(a.number));
    expect((await refusal(setFormSerial({ db: t.db, reviewer, id: b.id, formSerial: "12 34" }))).message).toBe(OM.serialFormat);
    expect((await row(b.id)).status).toBe("APPROVED");
  });
});

describe("office isolation and roles", () => {
  test("another office's reviewer is told the certificate does not exist; an enterprise may not act", async () => {
    const id = await pending();
    for (const act of [
      () => approveCertificate({ db: t.db, reviewer: shanghai, id }),
      () => returnCertificate({ db: t.db, reviewer: shanghai, id, reason: "x" }),
      () => voidCertificate({ db: t.db, reviewer: shanghai, id, reason: "x" }),
      () => setFormSerial({ db: t.db, reviewer: shanghai, id, formSerial: "X1" }),
      () => claimReview({ db: t.db, reviewer: shanghai, id }),
      () => getCertificateForReview({ db: t.db, reviewer: shanghai, id }),
    ])
      expect((await refusal(act())).code).toBe("not_found");
    expect((await refusal(approveCertificate({ db: t.db, reviewer: exporter, id }))).code).toBe("forbidden");
    expect((await row(id)).status).toBe("PENDING");
  });
});

describe("正在审核 marker", () => {
  test("the first reviewer to open holds it; a colleague sees who and since when; it lapses after a while", async () => {
    const id = await pending();
    const mine = await claimReview({ db: t.db, reviewer, id });
    expect(mine.by).toBe(reviewer.id);
    const again = await claimReview({ db: t.db, reviewer, id });
    expect(again.since!.getTime()).toBe(mine.since!.getTime());
    expect(await claimReview({ db: t.db, reviewer: admin, id })).toEqual({ by: reviewer.id, since: mine.since });
    await t.db
      .update(certificates)
      .set({ reviewingSince: new Date(Date.now() - 31 * 60_000) })
      .where(eq(certificates.id, id));
    expect((await claimReview({ db: t.db, reviewer: admin, id })).by).toBe(admin.id);
    await approveCertificate({ db: t.db, reviewer: admin, id });
    expect(await row(id)).toMatchObject({ reviewingBy: null, reviewingSince: null });
  });
});

describe("events", () => {
  test("each action announces itself after commit; a refused approval announces nothing", async () => {
    const bus: EventBus<CertificateEvents & { marker: { id: string } }> = await startEventBus({ database: t.database });
    const seen: string[] = [];
    for (const name of ["certificate.approved", "certificate.returned", "certificate.voided", "certificate.issued", "certificate.replaced"] as const)
      bus.on(name, (p) => void seen.push(`${name}:${p.id}:${p.status}:${p.number ?? ""}`));
    try {
      const a = await pending(pco());
      const refused = await refusal(approveCertificate({ db: t.db, reviewer: exporter, id: a }));
      expect(refused.code).toBe("forbidden");
      const { number } = await approveCertificate({ db: t.db, reviewer, id: a });
      await setFormSerial({ db: t.db, reviewer, id: a, formSerial: `E${Date.now()}` });
      const r = await pending();
      await returnCertificate({ db: t.db, reviewer, id: r, reason: "改" });
      await voidCertificate({ db: t.db, reviewer, id: r, reason: "作废" });
      const marker = crypto.randomUUID();
      const arrived = new Promise<void>((resolve) =>
        bus.on("marker", (p) => {
          if (p.id === marker) resolve();
        }),
      );
      await bus.emit("marker", { id: marker });
      await arrived;
      // Only this test's certificates: a notification of an earlier test's approval, committed just
      // before this bus listened, can still be delivered to it (seen once under load).
      expect(seen.filter((s) => s.includes(a) || s.includes(r))).toEqual([
        `certificate.approved:${a}:APPROVED:${number}`,
        `certificate.issued:${a}:ISSUED:${number}`,
        `certificate.returned:${r}:RETURNED:`,
        `certificate.voided:${r}:VOIDED:`,
      ]);
    } finally {
      await bus.close();
    }
  });
});

describe.skipIf(testDbKind === "pglite")("racing approvals on separate connections", () => {
  test("50 approvals at once across one office's certificates get 50 distinct numbers without gaps", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await pending());
    const before = await counter();
    // Fifty connections opened at once: on a loaded 2-core machine one can take over the app's 1 s
    // connect timeout (decision 0015), which is not what this test is about (CI failed so once).
    const pool = openDatabase({ kind: "postgres", options: { ...testDatabaseOptions(t.database.name, 50), connect_timeout: 10 } });
    try {
      const results = await Promise.all(ids.map((id) => approveCertificate({ db: pool.db, reviewer, id })));
      const serials = results.map((r) => Number(r.number.slice(-6))).sort((x, y) => x - y);
      expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
      expect(new Set(results.map((r) => r.number)).size).toBe(50);
      expect(await counter()).toBe(before + 50);
      const stored = await t.db
        .select({ id: certificates.id, number: certificates.number })
        .from(certificates)
        .where(eq(certificates.status, "APPROVED"))
        .orderBy(desc(certificates.number));
      for (const r of results) expect(stored.find((s) => s.number === r.number)?.id).toBe(ids[results.indexOf(r)]!);
    } finally {
      await pool.close();
    }
  });

  test("10 approvals of one certificate at once: one number, one winner, nine told it is already approved", async () => {
    const id = await pending();
    const before = await counter();
    const pool = openDatabase({ kind: "postgres", options: testDatabaseOptions(t.database.name, 10) });
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => approveCertificate({ db: pool.db, reviewer, id })));
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(won).toHaveLength(1);
      const number = (won[0] as PromiseFulfilledResult<{ number: string }>).value.number;
      expect(lost.map((o) => [(o.reason as AppError).code, (o.reason as AppError).message])).toEqual(Array(9).fill(["conflict", OM.alreadyApproved(number)]));
      expect(await counter()).toBe(before + 1);
      const history = (await getCertificate({ db: t.db, user: exporter, id })).history.filter((h) => h.status === "APPROVED");
      expect(history).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});
