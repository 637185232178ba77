import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../../app-env.ts";
import { invalid } from "../../../lib/errors.ts";
import { renderCertificatePdf } from "../../../render/index.ts";
import { allow } from "../../accounts/index.ts";
import { apiOperation, apiParams, readJson } from "../../api/index.ts";
import { CERTIFICATE_TYPE_CODES } from "../../reference/index.ts";
import { certificateBodySchema } from "./contract.ts";
import { STATUSES } from "../lifecycle.ts";
import { CM } from "../lifecycle-messages.ts";
import { getPrintableCertificate, issuedCertificatePdf } from "../printable.ts";
import { listCertificateTypes, summarizeCertificateType } from "../registry.ts";
import { textField } from "../../../lib/charset.ts";
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
} from "../service.ts";

/** The certificate endpoints of the EDI contract, exactly as edi-v1.md writes them. */
const problem = z
  .object({ rule: z.string(), field: z.string(), severity: z.enum(["error", "warning"]), message: z.string(), hint: z.string() })
  .meta({ id: "Problem" });
const status = z.enum(STATUSES).meta({ id: "CertificateStatus" });
const created = z.object({ id: z.string(), status, problems: z.array(problem) }).meta({ id: "CertificateCreated" });
const historyEntry = z.object({ at: z.string(), status, by: z.string(), note: z.string().nullable() });
const certificateOut = certificateBodySchema
  .extend({
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
  })
  .meta({ id: "Certificate" });
const listQuery = z.object({
  invoiceNo: textField().max(100).optional(),
  status: z.enum(STATUSES).optional(),
  type: z.enum(CERTIFICATE_TYPE_CODES).optional(),
  invoiceDateFrom: z.iso.date().optional(),
  invoiceDateTo: z.iso.date().optional(),
  importer: textField().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const idParam = z.object({ id: textField().min(1).max(100).meta({ description: "The certificate's id" }) });
const listAnswer = z
  .object({ items: z.array(certificateOut.omit({ history: true, problems: true })), page: z.number(), pageSize: z.number(), total: z.number() })
  .meta({ id: "CertificateList" });
const typesAnswer = z.object({ items: z.array(z.object({ code: z.enum(CERTIFICATE_TYPE_CODES) }).catchall(z.unknown())) }).meta({ id: "CertificateTypes" });
const sendAnswer = z.object({ status, problems: z.array(problem) }).meta({ id: "SendAnswer" });
const marksAnswer = z.object({ mime: z.enum(["image/png", "image/jpeg", "image/gif"]), size: z.number() }).meta({ id: "MarksImage" });
const marksUpload = z.object({ file: z.string().meta({ format: "binary", description: "jpg/png/gif ≤ 400 KB, ≤ 4000 px a side, judged by content" }) });

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

/** The `file` part of a multipart upload; anything else (no body, no file) is refused as the wrong image type. */
async function marksImageBytes(c: Context<AppEnv>) {
  const refused = () => invalid(CM.marksImageType, [{ path: "file", message: CM.marksImageType }]);
  const form = await c.req.parseBody().catch(() => {
    throw refused();
  });
  const file = form.file;
  if (!(file instanceof File)) throw refused();
  return new Uint8Array(await file.arrayBuffer());
}

const ENTERPRISE = allow("enterprise");

export const certificatesApi = new Hono<AppEnv>()
  .get(
    "/reference/certificate-types",
    allow("public"),
    apiOperation({
      operationId: "listCertificateTypes",
      tag: "reference",
      summary: "Certificate types with their boxes, parties and criteria",
      response: typesAnswer,
      public: true,
    }),
    (c) => {
      const today = officeToday();
      return c.json({ items: listCertificateTypes().map((t) => summarizeCertificateType({ code: t.code, date: today })) });
    },
  )
  .post(
    "/certificates",
    ENTERPRISE,
    apiOperation({
      operationId: "createCertificate",
      tag: "certificates",
      summary: "Create a DRAFT (always saved, even with problems)",
      body: certificateBodySchema,
      response: created,
      status: 201,
    }),
    async (c) => {
      const body = await readBody(c);
      return c.json(await createCertificate({ db: c.var.db, user: c.var.user!, body, source: "EDI", requestId: c.var.requestId }), 201);
    },
  )
  .put(
    "/certificates/:id",
    ENTERPRISE,
    apiOperation({
      operationId: "replaceCertificate",
      tag: "certificates",
      summary: "Replace a DRAFT or RETURNED certificate",
      body: certificateBodySchema,
      response: created,
      errors: [404, 409],
    }),
    apiParams("param", idParam),
    async (c) => {
      const body = await readBody(c);
      const r = await updateCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), body, requestId: c.var.requestId });
      return c.json({ id: r.id, status: r.status, problems: r.problems });
    },
  )
  .post(
    "/certificates/:id/marks-image",
    ENTERPRISE,
    apiOperation({
      operationId: "attachMarksImage",
      tag: "certificates",
      summary: "Attach image marks (jpg/png/gif ≤ 400 KB, by content)",
      multipart: marksUpload,
      response: marksAnswer,
      errors: [404, 409],
    }),
    apiParams("param", idParam),
    async (c) => {
      const bytes = await marksImageBytes(c);
      return c.json(await attachMarksImage({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), bytes, requestId: c.var.requestId }));
    },
  )
  .post(
    "/certificates/:id/send",
    ENTERPRISE,
    apiOperation({
      operationId: "sendCertificate",
      tag: "certificates",
      summary: "Machine review and send: 200 PENDING or 422 DRAFT with problems",
      response: sendAnswer,
      unprocessable: sendAnswer,
      errors: [404, 409],
    }),
    apiParams("param", idParam),
    async (c) => {
      try {
        const r = await sendCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
        return c.json({ status: r.status, problems: r.problems });
      } catch (e) {
        if (e instanceof CertificateProblemsError) return c.json({ status: e.status, problems: e.problems }, 422);
        throw e;
      }
    },
  )
  .post(
    "/certificates/:id/copy",
    ENTERPRISE,
    apiOperation({
      operationId: "copyCertificate",
      tag: "certificates",
      summary: "A new DRAFT with the same content and no invoice number",
      response: created,
      status: 201,
      errors: [404],
    }),
    apiParams("param", idParam),
    async (c) => c.json(await copyCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId }), 201),
  )
  .post(
    "/certificates/:id/amend",
    ENTERPRISE,
    apiOperation({
      operationId: "amendCertificate",
      tag: "certificates",
      summary: "改证重发: a new DRAFT linked to an APPROVED or ISSUED certificate",
      response: created,
      status: 201,
      errors: [404, 409],
    }),
    apiParams("param", idParam),
    async (c) => c.json(await amendCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId }), 201),
  )
  .get(
    "/certificates/:id/pdf",
    ENTERPRISE,
    apiOperation({
      operationId: "getCertificatePdf",
      tag: "certificates",
      summary: "The print file (APPROVED/ISSUED with local printing) or the same drawing marked PREVIEW",
      response: "application/pdf",
      errors: [400, 404],
    }),
    apiParams("param", idParam),
    async (c) => {
      const p = await getPrintableCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
      const { publicUrl, twoFactorKey } = c.var.config;
      // The print itself of an eCO is the signed file stored at issue; anything else is drawn (PREVIEW-marked unless final).
      const pdf =
        !p.preview && p.certificate.mode === "ECO"
          ? (await issuedCertificatePdf({ db: c.var.db, printable: p, publicUrl, secretKey: twoFactorKey })).data
          : await renderCertificatePdf({ certificate: p.certificate, options: { preview: p.preview, printSeal: p.printSeal, publicUrl } });
      c.header("Content-Type", "application/pdf");
      c.header("Content-Disposition", `inline; filename="${p.certificate.number || c.req.param("id")}${p.preview ? "-preview" : ""}.pdf"`);
      return c.body(pdf as Uint8Array<ArrayBuffer>);
    },
  )
  .get(
    "/certificates/:id",
    ENTERPRISE,
    apiOperation({
      operationId: "getCertificate",
      tag: "certificates",
      summary: "One certificate with status, number, problems and history",
      response: certificateOut,
      errors: [404],
    }),
    apiParams("param", idParam),
    async (c) => c.json(toJson(await getCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id") }))),
  )
  .get(
    "/certificates",
    ENTERPRISE,
    apiOperation({ operationId: "listCertificates", tag: "certificates", summary: "The enterprise's certificates", response: listAnswer, errors: [400] }),
    apiParams("query", listQuery),
    async (c) => {
      const { page, pageSize, ...filters } = c.req.valid("query");
      const { rows, total } = await listCertificates({ db: c.var.db, user: c.var.user!, filters, page, pageSize });
      const full = await getCertificatesByIds({ db: c.var.db, user: c.var.user!, ids: rows.map((r) => r.id) });
      return c.json({ items: full.map((r) => toJson(r)), page, pageSize, total });
    },
  );
