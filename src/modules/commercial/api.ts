import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { textField } from "../../lib/charset.ts";
import { invalid } from "../../lib/errors.ts";
import { allow } from "../accounts/index.ts";
import { apiOperation, apiParams, readJson } from "../api/index.ts";
import { issuedCommercialPdf } from "./issue.ts";
import { COMMERCIAL_STATUSES } from "./lifecycle.ts";
import { M } from "./messages.ts";
import { COMMERCIAL_LIMITS } from "./rules.ts";
import {
  CommercialProblemsError,
  putCommercialFile,
  createCommercialDocument,
  getCommercialDocument,
  listCommercialDocuments,
  sendCommercialDocument,
  type CommercialDetail,
} from "./service.ts";

/**
 * The body of a create carries the file as base64 (4/3 of its size) with its fields: the one API
 * path allowed past 1 MiB. A megabyte to spare, so a file just past 10 MB is told so by name.
 */
export const COMMERCIAL_API_MAX_BODY = Math.ceil((COMMERCIAL_LIMITS.maxBytes * 4) / 3) + 1024 * 1024;
export const isCommercialUpload = (method: string, path: string) => method === "POST" && /^\/api\/v1\/commercial-documents(\/[^/]+\/file)?\/?$/.test(path);

const status = z.enum(COMMERCIAL_STATUSES).meta({ id: "CommercialStatus" });
const fileIn = z
  .object({
    name: textField().max(200).optional().meta({ description: "The file's name, shown to the office" }),
    contentBase64: z
      .string()
      .max(COMMERCIAL_API_MAX_BODY)
      .meta({ description: "The file's bytes, base64: PDF, or a JPEG/PNG scan; at most 10 MB, judged by content" }),
  })
  .meta({ id: "CommercialFileUpload" });
const body = z
  .object({
    docType: textField()
      .max(40)
      .nullable()
      .optional()
      .meta({ description: "A code of the document types (COMMERCIAL_INVOICE, PACKING_LIST, CONTRACT, PRICE_LIST, FREE_SALE, FORCE_MAJEURE, FACTUAL, OTHER)" }),
    documentNo: textField().max(60).optional().meta({ description: "The attached document's number (e.g. the invoice number); printed on the certificate" }),
    destinationCountry: textField().max(2).nullable().optional().meta({ description: "ISO 3166 alpha-2 code" }),
    purpose: textField().max(200).optional(),
    copies: z.number().int().min(1).max(COMMERCIAL_LIMITS.maxCopies).optional(),
    remarks: textField().max(500).optional(),
    file: fileIn.optional(),
  })
  .meta({ id: "CommercialDocumentInput" });
const created = z.object({ id: z.string(), status, applicationNo: z.string() }).meta({ id: "CommercialDocumentCreated" });
const issue = z.object({ path: z.string(), message: z.string() });
const sendAnswer = z.object({ status, issues: z.array(issue) }).meta({ id: "CommercialSendAnswer" });
const fileOut = z.object({ name: z.string(), mediaType: z.string(), byteSize: z.number(), pageCount: z.number(), sha256: z.string() }).nullable();
const documentOut = z
  .object({
    id: z.string(),
    status,
    source: z.enum(["WEB", "EDI"]),
    applicationNo: z.string(),
    number: z.string().nullable(),
    verificationCode: z.string().nullable(),
    docType: z.string().nullable(),
    documentNo: z.string(),
    destinationCountry: z.string().nullable(),
    purpose: z.string(),
    copies: z.number(),
    remarks: z.string(),
    returnReason: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    file: fileOut,
    history: z.array(z.object({ at: z.string(), status, by: z.string(), note: z.string().nullable() })),
  })
  .meta({ id: "CommercialDocument" });
const listItem = documentOut.omit({ file: true, history: true, verificationCode: true, remarks: true, copies: true, source: true });
const listAnswer = z.object({ items: z.array(listItem), page: z.number(), pageSize: z.number(), total: z.number() }).meta({ id: "CommercialDocumentList" });
const listQuery = z.object({
  status: z.enum(COMMERCIAL_STATUSES).optional(),
  q: textField().max(100).optional().meta({ description: "Part of the application number, certificate number, document number or purpose" }),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const fileUpload = z
  .object({ file: z.string().meta({ format: "binary", description: "PDF, or a JPEG/PNG scan; at most 10 MB, judged by content" }) })
  .meta({ id: "CommercialFileMultipart" });
const fileFacts = z
  .object({ name: z.string(), mediaType: z.string(), byteSize: z.number(), pageCount: z.number(), sha256: z.string() })
  .meta({ id: "CommercialFile" });
const idParam = z.object({ id: textField().min(1).max(100).meta({ description: "The application's id" }) });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeFile(file: z.infer<typeof fileIn> | undefined) {
  if (!file) return null;
  const text = file.contentBase64.replace(/\s+/g, "");
  if (!BASE64.test(text) || text.length % 4 === 1) throw invalid(M.fileType, [{ path: "file.contentBase64", message: M.fileType }]);
  return { bytes: new Uint8Array(Buffer.from(text, "base64")), name: file.name };
}

function toJson(d: CommercialDetail) {
  return {
    id: d.id,
    status: d.status,
    source: d.source as "WEB" | "EDI",
    applicationNo: d.applicationNo,
    number: d.number,
    verificationCode: d.verificationCode,
    docType: d.docType,
    documentNo: d.documentNo,
    destinationCountry: d.destinationCountry,
    purpose: d.purpose,
    copies: d.copies,
    remarks: d.remarks,
    returnReason: d.returnReason,
    createdAt: d.createdAt.toISOString(),
    sentAt: iso(d.sentAt),
    approvedAt: iso(d.approvedAt),
    file: d.file ? { name: d.file.fileName, mediaType: d.file.mediaType, byteSize: d.file.byteSize, pageCount: d.file.pageCount, sha256: d.file.sha256 } : null,
    history: d.history.map((h) => ({ at: h.at.toISOString(), status: h.status, by: h.by, note: h.note })),
  };
}

type ListRow = Awaited<ReturnType<typeof listCommercialDocuments>>["rows"][number];

function listItemJson(r: ListRow) {
  return {
    id: r.id,
    status: r.status,
    applicationNo: r.applicationNo,
    number: r.number,
    docType: r.docType,
    documentNo: r.documentNo,
    destinationCountry: r.destinationCountry,
    purpose: r.purpose,
    returnReason: r.returnReason,
    createdAt: r.createdAt.toISOString(),
    sentAt: iso(r.sentAt),
    approvedAt: iso(r.approvedAt),
  };
}

const ENTERPRISE = allow("enterprise");
const TAG = "commercial-documents";

/** 商事证明 through the EDI API: create (file as base64 in the JSON), send, get, list, and the issued PDF. */
export const commercialApi = new Hono<AppEnv>()
  .post(
    "/commercial-documents",
    ENTERPRISE,
    apiOperation({
      operationId: "createCommercialDocument",
      tag: TAG,
      summary: "Create a DRAFT application with its document (base64 in the JSON body, up to 10 MB)",
      body,
      response: created,
      status: 201,
    }),
    async (c) => {
      const { file, ...input } = await readJson(c, body);
      const r = await createCommercialDocument({ db: c.var.db, user: c.var.user!, input, file: decodeFile(file), source: "EDI", requestId: c.var.requestId });
      const d = await getCommercialDocument({ db: c.var.db, user: c.var.user!, id: r.id });
      return c.json({ id: d.id, status: d.status, applicationNo: d.applicationNo }, 201);
    },
  )
  .post(
    "/commercial-documents/:id/file",
    ENTERPRISE,
    apiOperation({
      operationId: "putCommercialDocumentFile",
      tag: TAG,
      summary: "Upload (or replace) the document of a DRAFT or RETURNED application as multipart/form-data",
      multipart: fileUpload,
      response: fileFacts,
      errors: [404, 409],
    }),
    apiParams("param", idParam),
    async (c) => {
      const form = await c.req.parseBody().catch(() => {
        throw invalid(M.fileRequired, [{ path: "file", message: M.fileRequired }]);
      });
      const raw = form.file;
      const file = raw instanceof File && raw.size > 0 ? { bytes: new Uint8Array(await raw.arrayBuffer()), name: raw.name } : null;
      return c.json(await putCommercialFile({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), file, requestId: c.var.requestId }));
    },
  )
  .post(
    "/commercial-documents/:id/send",
    ENTERPRISE,
    apiOperation({
      operationId: "sendCommercialDocument",
      tag: TAG,
      summary: "Send to the office: 200 PENDING, or 422 listing every missing field",
      response: sendAnswer,
      unprocessable: sendAnswer,
      errors: [404, 409],
    }),
    apiParams("param", idParam),
    async (c) => {
      try {
        const r = await sendCommercialDocument({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
        return c.json({ status: r.status, issues: [] });
      } catch (e) {
        if (e instanceof CommercialProblemsError)
          return c.json({ status: (await getCommercialDocument({ db: c.var.db, user: c.var.user!, id: c.req.param("id") })).status, issues: e.issues }, 422);
        throw e;
      }
    },
  )
  .get(
    "/commercial-documents/:id/pdf",
    ENTERPRISE,
    apiOperation({
      operationId: "getCommercialDocumentPdf",
      tag: TAG,
      summary: "The issued certificate: the office-signed PDF of the certificate page and the document (APPROVED only)",
      response: "application/pdf",
      errors: [404, 409],
    }),
    apiParams("param", idParam),
    async (c) => {
      const { publicUrl, twoFactorKey } = c.var.config;
      const pdf = await issuedCommercialPdf({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), publicUrl, secretKey: twoFactorKey });
      c.header("Content-Type", "application/pdf");
      c.header("Content-Disposition", `inline; filename="${pdf.number}.pdf"`);
      return c.body(pdf.data as Uint8Array<ArrayBuffer>);
    },
  )
  .get(
    "/commercial-documents/:id",
    ENTERPRISE,
    apiOperation({
      operationId: "getCommercialDocument",
      tag: TAG,
      summary: "One application with its status, number, file facts and history",
      response: documentOut,
      errors: [404],
    }),
    apiParams("param", idParam),
    async (c) => c.json(toJson(await getCommercialDocument({ db: c.var.db, user: c.var.user!, id: c.req.param("id") }))),
  )
  .get(
    "/commercial-documents",
    ENTERPRISE,
    apiOperation({
      operationId: "listCommercialDocuments",
      tag: TAG,
      summary: "The enterprise's applications, newest first",
      response: listAnswer,
      errors: [400],
    }),
    apiParams("query", listQuery),
    async (c) => {
      const { page, pageSize, status: s, q } = c.req.valid("query");
      const { rows, total } = await listCommercialDocuments({ db: c.var.db, user: c.var.user!, filters: { status: s, query: q }, page, pageSize });
      return c.json({ items: rows.map(listItemJson), page, pageSize, total });
    },
  );
