import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { startTestApp } from "../../../test/support/app.ts";
import { invoiceFields, invoicePdf } from "../../../test/support/commercial.ts";
import { fixture, noisePng } from "../../../test/support/images.ts";
import { userFor } from "../../../test/support/users.ts";
import type { CurrentUser } from "../../app-env.ts";
import { AppError } from "../../lib/errors.ts";
import { auditLog } from "../audit/schema.ts";
import { notifications } from "../notifications/schema.ts";
import { M } from "./messages.ts";
import { approveCommercialDocument, countCommercialQueues, returnCommercialDocument, voidCommercialDocument } from "./office-actions.ts";
import { COMMERCIAL_LIMITS } from "./rules.ts";
import { commercialFiles } from "./schema.ts";
import {
  CommercialProblemsError,
  copyCommercialDocument,
  createCommercialDocument,
  getCommercialDocument,
  getCommercialFile,
  listCommercialDocuments,
  listDocumentTypes,
  sendCommercialDocument,
  updateCommercialDocument,
  withdrawCommercialDocument,
} from "./service.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let a: CurrentUser;
let b: CurrentUser;
let reviewer: CurrentUser;
let shanghai: CurrentUser;
beforeAll(async () => {
  t = await startTestApp();
  [a, b, reviewer, shanghai] = await Promise.all([
    userFor(t.db, "1100A4419"),
    userFor(t.db, "1100A4420"),
    userFor(t.db, "reviewer1100"),
    userFor(t.db, "reviewer3100"),
  ]);
});
afterAll(() => t.close());

/** The AppError a call throws (or fails the test). */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

const pending = async (user = a) => {
  const { id } = await createCommercialDocument({ db: t.db, user, input: invoiceFields(), file: { bytes: await invoicePdf(3), name: "invoice.pdf" } });
  await sendCommercialDocument({ db: t.db, user, id });
  return id;
};

describe("document types", () => {
  test("come from the reference table in the database, commercial invoice first", async () => {
    const types = await listDocumentTypes({ db: t.db });
    expect(types[0]!.code).toBe("COMMERCIAL_INVOICE");
    expect(types.map((x) => x.code)).toEqual(expect.arrayContaining(["PACKING_LIST", "CONTRACT", "PRICE_LIST", "FREE_SALE", "FORCE_MAJEURE"]));
  });
});

describe("demo data", () => {
  test("holds one certified commercial invoice of 1100A4419 with its PDF", async () => {
    const { rows } = await listCommercialDocuments({ db: t.db, user: a, filters: { status: "APPROVED", query: "TB-2026-0815" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ docType: "COMMERCIAL_INVOICE", number: expect.stringMatching(/^S\d{2}1100B0000001$/) });
    expect((await getCommercialDocument({ db: t.db, user: a, id: rows[0]!.id })).file).toMatchObject({ mediaType: "application/pdf", pageCount: 1 });
  });
});

describe("the uploaded document", () => {
  test("a PDF is kept with its page count, size and SHA-256", async () => {
    const bytes = await invoicePdf(3);
    const { id } = await createCommercialDocument({ db: t.db, user: a, input: invoiceFields(), file: { bytes, name: "C:\\scans\\invoice.pdf" } });
    const d = await getCommercialDocument({ db: t.db, user: a, id });
    expect(d.file).toMatchObject({
      mediaType: "application/pdf",
      pageCount: 3,
      byteSize: bytes.length,
      fileName: "invoice.pdf",
      sha256: new Bun.CryptoHasher("sha256").update(bytes).digest("hex"),
    });
    expect((await getCommercialFile({ db: t.db, user: a, id })).data).toEqual(bytes);
  });

  test("a PNG scan passes the image inspector; a tiny JPEG is refused with its dimensions", async () => {
    const { id } = await createCommercialDocument({ db: t.db, user: a, input: invoiceFields(), file: { bytes: await fixture("seal.png"), name: "scan.png" } });
    expect((await getCommercialDocument({ db: t.db, user: a, id })).file).toMatchObject({ mediaType: "image/png", pageCount: 1 });
    const e = await refusal(createCommercialDocument({ db: t.db, user: a, input: invoiceFields(), file: { bytes: await fixture("signature.jpg") } }));
    expect(e.issues[0]).toMatchObject({ path: "file" });
    expect(e.message).toStartWith("单据文件：图片尺寸为 250×84 像素");
  });

  test("type is judged by content: a text file named .pdf, a damaged PDF and an encrypted one are refused, naming the field", async () => {
    const text = await refusal(
      createCommercialDocument({ db: t.db, user: a, input: invoiceFields(), file: { bytes: new TextEncoder().encode("hello"), name: "invoice.pdf" } }),
    );
    expect(text.message).toBe(M.fileType);
    const pdf = await invoicePdf(1);
    const damaged = await refusal(createCommercialDocument({ db: t.db, user: a, input: invoiceFields(), file: { bytes: pdf.subarray(0, 200) } }));
    expect(damaged.message).toBe(M.pdfDamaged);
    const plain = new TextDecoder("latin1").decode(await (await PDFDocument.load(pdf)).save({ useObjectStreams: false }));
    const encrypted = Uint8Array.from(plain.replace("trailer\n<<", "trailer\n<<\n/Encrypt << /Filter /Standard >>"), (ch) => ch.charCodeAt(0));
    const e = await refusal(createCommercialDocument({ db: t.db, user: a, input: invoiceFields(), file: { bytes: encrypted } }));
    expect(e.message).toBe(M.pdfEncrypted);
  });

  test("past 10 MB: too_large with the size; past the enterprise's quota: too_large naming the quota; nothing saved", async () => {
    const big = noisePng(2000, 1800);
    expect(big.length).toBeGreaterThan(COMMERCIAL_LIMITS.maxBytes);
    const e = await refusal(createCommercialDocument({ db: t.db, user: a, input: invoiceFields(), file: { bytes: big } }));
    expect(e.code).toBe("too_large");
    expect(e.message).toStartWith("单据文件：文件大小为 10.");
    // Fill enterprise B's quota on paper: the stored size counts, not the bytes held.
    const { id } = await createCommercialDocument({ db: t.db, user: b, input: invoiceFields(), file: { bytes: await invoicePdf(1) } });
    await t.db
      .update(commercialFiles)
      .set({ byteSize: COMMERCIAL_LIMITS.quotaBytes - 10 })
      .where(eq(commercialFiles.documentId, id));
    const before = await t.db.$count(commercialFiles, eq(commercialFiles.enterpriseId, b.enterpriseId!));
    const q = await refusal(createCommercialDocument({ db: t.db, user: b, input: invoiceFields(), file: { bytes: await invoicePdf(1) } }));
    expect(q.code).toBe("too_large");
    expect(q.message).toContain("200 MB 的存储限额");
    expect(await t.db.$count(commercialFiles, eq(commercialFiles.enterpriseId, b.enterpriseId!))).toBe(before);
    // Replacing the file of the application that holds the quota is still possible.
    await updateCommercialDocument({ db: t.db, user: b, id, input: invoiceFields(), file: { bytes: await invoicePdf(2) } });
  });
});

describe("the exporter's lifecycle", () => {
  test("an incomplete draft is saved, but sending lists every missing field at once", async () => {
    const { id } = await createCommercialDocument({ db: t.db, user: a, input: { purpose: "" } });
    const e = await refusal(sendCommercialDocument({ db: t.db, user: a, id }));
    expect(e).toBeInstanceOf(CommercialProblemsError);
    expect(e.issues.map((i) => i.path)).toEqual(["docType", "documentNo", "destinationCountry", "purpose", "file"]);
    expect((await getCommercialDocument({ db: t.db, user: a, id })).status).toBe("DRAFT");
  });

  test("badly formed fields are refused, each naming its field", async () => {
    const e = await refusal(createCommercialDocument({ db: t.db, user: a, input: { ...invoiceFields(), docType: "NOPE", destinationCountry: "ZZ" } }));
    expect(e.issues).toEqual([
      { path: "docType", message: M.docTypeUnknown },
      { path: "destinationCountry", message: M.countryUnknown },
    ]);
    const copies = await refusal(createCommercialDocument({ db: t.db, user: a, input: { ...invoiceFields(), copies: 11 } }));
    expect(copies.issues).toEqual([{ path: "copies", message: M.copiesRange }]);
  });

  test("send, withdraw while pending, edit, send again; copy keeps the fields but not the number or file", async () => {
    const id = await pending();
    expect((await getCommercialDocument({ db: t.db, user: a, id })).status).toBe("PENDING");
    expect((await refusal(updateCommercialDocument({ db: t.db, user: a, id, input: invoiceFields() }))).message).toBe(M.notEditable);
    await withdrawCommercialDocument({ db: t.db, user: a, id });
    expect((await refusal(withdrawCommercialDocument({ db: t.db, user: a, id }))).message).toBe(M.notWithdrawable);
    await updateCommercialDocument({ db: t.db, user: a, id, input: { ...invoiceFields("CI-NEW-1"), purpose: "Customs clearance" } });
    await sendCommercialDocument({ db: t.db, user: a, id });
    const copy = await copyCommercialDocument({ db: t.db, user: a, id });
    const c = await getCommercialDocument({ db: t.db, user: a, id: copy.id });
    expect(c).toMatchObject({ status: "DRAFT", documentNo: "", purpose: "Customs clearance", file: null });
    const history = (await getCommercialDocument({ db: t.db, user: a, id })).history.map((h) => h.status);
    expect(history).toEqual(["DRAFT", "PENDING", "DRAFT", "PENDING"]);
  });

  test("enterprise B and another office never see A's application or its file", async () => {
    const id = await pending();
    for (const user of [b, shanghai]) {
      expect((await refusal(getCommercialDocument({ db: t.db, user, id }))).code).toBe("not_found");
      expect((await refusal(getCommercialFile({ db: t.db, user, id }))).code).toBe("not_found");
    }
    expect((await refusal(approveCommercialDocument({ db: t.db, reviewer: shanghai, id }))).code).toBe("not_found");
  });
});

describe("the office's decisions", () => {
  test("approval numbers are gap-free per office and year, each approval audited with the seal and signatory", async () => {
    const ids = [await pending(), await pending(), await pending()];
    const numbers = [];
    for (const id of ids) numbers.push((await approveCommercialDocument({ db: t.db, reviewer, id })).number);
    const serials = numbers.map((n) => Number(n.slice(-6)));
    expect(serials[1]).toBe(serials[0]! + 1);
    expect(serials[2]).toBe(serials[0]! + 2);
    expect(numbers[0]).toMatch(/^S\d{2}1100B0\d{6}$/);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "commercial_document"), eq(auditLog.entityId, ids[0]!), eq(auditLog.action, "approved")));
    expect(audit[0]!.after).toMatchObject({ number: numbers[0] });
    expect((audit[0]!.after as { signatoryId: string | null }).signatoryId).not.toBeNull();
    expect((await refusal(approveCommercialDocument({ db: t.db, reviewer, id: ids[0]! }))).message).toBe(M.alreadyApproved(numbers[0]!));
  });

  test("racing approvals of one application: one number, one conflict", async () => {
    const id = await pending();
    const results = await Promise.allSettled([approveCommercialDocument({ db: t.db, reviewer, id }), approveCommercialDocument({ db: t.db, reviewer, id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  test("return needs a reason the enterprise then sees; void is final; the desk counts pending by source", async () => {
    const id = await pending();
    const before = await countCommercialQueues({ db: t.db, user: reviewer });
    expect((await refusal(returnCommercialDocument({ db: t.db, reviewer, id, reason: "  " }))).issues).toEqual([{ path: "reason", message: M.reasonRequired }]);
    await returnCommercialDocument({ db: t.db, reviewer, id, reason: "发票金额与合同不符" });
    const d = await getCommercialDocument({ db: t.db, user: a, id });
    expect(d).toMatchObject({ status: "RETURNED", returnReason: "发票金额与合同不符" });
    expect((await countCommercialQueues({ db: t.db, user: reviewer })).pending).toBe(before.pending - 1);
    await voidCommercialDocument({ db: t.db, reviewer, id, reason: "企业申请作废" });
    expect((await refusal(voidCommercialDocument({ db: t.db, reviewer, id, reason: "again" }))).message).toBe(M.alreadyVoided);
    const actions = (
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "commercial_document"), eq(auditLog.entityId, id)))
        .orderBy(auditLog.id)
    ).map((r) => r.action);
    expect(actions).toEqual(["created", "sent", "returned", "voided"]);
    // The enterprise heard of both, with the reason, linking to the application.
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, a.id), eq(notifications.link, `/commercial/${id}`)))
      .orderBy(notifications.createdAt);
    expect(told.map((n) => n.event)).toEqual(["commercial.returned", "commercial.voided"]);
    expect(told[0]!.body).toContain("发票金额与合同不符");
  });
});
