import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { invalid } from "../../lib/errors.ts";
import { renderCertificatePdf } from "../../print/index.ts";
import { allow } from "../accounts/index.ts";
import { describeOperation, readJson } from "../api/index.ts";
import { CERTIFICATE_TYPE_CODES } from "../reference/index.ts";
import { certificateBodySchema } from "./contract.ts";
import { STATUSES } from "./lifecycle.ts";
import { CM } from "./lifecycle-messages.ts";
import { getPrintableCertificate } from "./printable.ts";
import { listCertificateTypes, summarizeCertificateType } from "./registry.ts";
import {
  amendCertificate,
  attachMarksImage,
  CertificateProblemsError,
  copyCertificate,
  createCertificate,
  getCertificate,
  getCertificatesByIds,
  listCertificates,
  officeToday,
  sendCertificate,
  updateCertificate,
} from "./service.ts";

/** The certificate endpoints of the EDI contract, exactly as edi-v1.md writes them. */
const problem = z.object({ rule: z.string(), field: z.string(), severity: z.enum(["error", "warning"]), message: z.string(), hint: z.string() });
const status = z.enum(STATUSES);
const created = z.object({ id: z.string(), status, problems: z.array(problem) });
const historyEntry = z.object({ at: z.string(), status, by: z.string(), note: z.string().nullable() });
const certificateOut = certificateBodySchema.extend({
  id: z.string(),
  status,
  number: z.string().nullable(),
  applicationNo: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  issuedAt: z.string().nullable(),
  problems: z.array(problem),
  history: z.array(historyEntry),
  replaces: z.string().nullable(),
  replacedBy: z.string().nullable(),
});
const listQuery = z.object({
  invoiceNo: z.string().max(100).optional(),
  status: z.enum(STATUSES).optional(),
  type: z.enum(CERTIFICATE_TYPE_CODES).optional(),
  invoiceDateFrom: z.iso.date().optional(),
  invoiceDateTo: z.iso.date().optional(),
  importer: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

describeOperation({ method: "get", path: "/reference/certificate-types", tag: "reference", summary: "Certificate types with their boxes, parties and criteria" });
describeOperation({ method: "post", path: "/certificates", tag: "certificates", summary: "Create a DRAFT (always saved, even with problems)", request: certificateBodySchema, response: created, status: 201 });
describeOperation({ method: "put", path: "/certificates/{id}", tag: "certificates", summary: "Replace a DRAFT or RETURNED certificate", request: certificateBodySchema, response: created });
describeOperation({ method: "post", path: "/certificates/{id}/marks-image", tag: "certificates", summary: "Attach image marks (jpg/png/gif ≤ 400 KB, by content)", request: z.object({ file: z.string().meta({ format: "binary" }) }), multipart: true });
describeOperation({ method: "post", path: "/certificates/{id}/send", tag: "certificates", summary: "Machine review and send: 200 PENDING or 422 DRAFT with problems", response: z.object({ status, problems: z.array(problem) }) });
describeOperation({ method: "post", path: "/certificates/{id}/copy", tag: "certificates", summary: "A new DRAFT with the same content and no invoice number", response: created, status: 201 });
describeOperation({ method: "post", path: "/certificates/{id}/amend", tag: "certificates", summary: "改证重发: a new DRAFT linked to an APPROVED or ISSUED certificate", response: created, status: 201 });
describeOperation({ method: "get", path: "/certificates/{id}/pdf", tag: "certificates", summary: "The print file (APPROVED/ISSUED with local printing) or the same drawing marked PREVIEW" });
describeOperation({ method: "get", path: "/certificates/{id}", tag: "certificates", summary: "One certificate with status, number, problems and history", response: certificateOut });
describeOperation({ method: "get", path: "/certificates", tag: "certificates", summary: "The enterprise's certificates", response: z.object({ items: z.array(certificateOut.omit({ history: true, problems: true })), page: z.number(), pageSize: z.number(), total: z.number() }) });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
type Full = Awaited<ReturnType<typeof getCertificate>>;

function toJson(c: Omit<Full, "history" | "retroactive"> & { history?: Full["history"] }) {
  return {
    ...c.body,
    id: c.id,
    status: c.status,
    number: c.number,
    applicationNo: c.applicationNo,
    createdAt: c.createdAt.toISOString(),
    sentAt: iso(c.sentAt),
    approvedAt: iso(c.approvedAt),
    issuedAt: iso(c.issuedAt),
    problems: c.problems,
    ...(c.history ? { history: c.history.map((h) => ({ at: h.at.toISOString(), status: h.status, by: h.by, note: h.note })) } : {}),
    replaces: c.replacesId,
    replacedBy: c.replacedById,
  };
}

async function readBody(c: Context<AppEnv>) {
  return readJson(c, certificateBodySchema);
}

const ENTERPRISE = allow("enterprise");

export const certificatesApi = new Hono<AppEnv>()
  .get("/reference/certificate-types", allow("public"), (c) => {
    const today = officeToday();
    return c.json({ items: listCertificateTypes().map((t) => summarizeCertificateType({ code: t.code, date: today })) });
  })
  .post("/certificates", ENTERPRISE, async (c) => {
    const body = await readBody(c);
    return c.json(await createCertificate({ db: c.var.db, user: c.var.user!, body, source: "EDI", requestId: c.var.requestId }), 201);
  })
  .put("/certificates/:id", ENTERPRISE, async (c) => {
    const body = await readBody(c);
    const r = await updateCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), body, requestId: c.var.requestId });
    return c.json({ id: r.id, status: r.status, problems: r.problems });
  })
  .post("/certificates/:id/marks-image", ENTERPRISE, async (c) => {
    const form = await c.req.parseBody().catch(() => {
      throw invalid(CM.marksImageType, [{ path: "file", message: CM.marksImageType }]);
    });
    const file = form.file;
    if (!(file instanceof File)) throw invalid(CM.marksImageType, [{ path: "file", message: CM.marksImageType }]);
    const r = await attachMarksImage({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), bytes: new Uint8Array(await file.arrayBuffer()), requestId: c.var.requestId });
    return c.json(r);
  })
  .post("/certificates/:id/send", ENTERPRISE, async (c) => {
    try {
      const r = await sendCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
      return c.json({ status: r.status, problems: r.problems });
    } catch (e) {
      if (e instanceof CertificateProblemsError) return c.json({ status: e.status, problems: e.problems }, 422);
      throw e;
    }
  })
  .post("/certificates/:id/copy", ENTERPRISE, async (c) =>
    c.json(await copyCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId }), 201),
  )
  .post("/certificates/:id/amend", ENTERPRISE, async (c) =>
    c.json(await amendCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId }), 201),
  )
  .get("/certificates/:id/pdf", ENTERPRISE, async (c) => {
    const p = await getPrintableCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    const pdf = await renderCertificatePdf({ certificate: p.certificate, options: { preview: p.preview, printSeal: p.printSeal, publicUrl: c.var.config.publicUrl ?? new URL(c.req.url).origin } });
    c.header("Content-Type", "application/pdf");
    c.header("Content-Disposition", `inline; filename="${p.certificate.number || c.req.param("id")}${p.preview ? "-preview" : ""}.pdf"`);
    return c.body(pdf as Uint8Array<ArrayBuffer>);
  })
  .get("/certificates/:id", ENTERPRISE, async (c) => c.json(toJson(await getCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id") }))))
  .get("/certificates", ENTERPRISE, async (c) => {
    const parsed = listQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalid("查询参数有误。", parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    const { page, pageSize, ...filters } = parsed.data;
    const { rows, total } = await listCertificates({ db: c.var.db, user: c.var.user!, filters, page, pageSize });
    const full = await getCertificatesByIds({ db: c.var.db, user: c.var.user!, ids: rows.map((r) => r.id) });
    return c.json({ items: full.map((r) => toJson(r)), page, pageSize, total });
  });
