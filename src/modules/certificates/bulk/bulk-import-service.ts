/**
 * 批量导入: preview a workbook of several applications, then create the ready ones as drafts in one
 * transaction (`createCertificates`, so each gets its history and audit row as a draft made on the
 * form does, and machine review runs on it as on any draft). Only an enterprise with a customs code
 * its office approved may use it: the same gate product filing has.
 *
 * Between preview and confirmation the ready applications travel as their certificate bodies in the
 * confirmation form (as the goods import posts its lines back), validated on return like an API
 * body: nothing is kept on the server, and nothing posted can make a draft the EDI API would not.
 */
import { z } from "zod";
import type { CurrentUser } from "../../../app-env.ts";
import type { Db } from "../../../db/client.ts";
import { forbidden, invalid } from "../../../lib/errors.ts";
import { readXlsxSheet } from "../../../lib/xlsx-read.ts";
import { hasApprovedCustomsCode } from "../../registration/index.ts";
import { type CertificateBody, certificateBodySchema } from "../edi/contract.ts";
import { productsFor } from "../form/form-ops.ts";
import { defaultBody, getFormContext } from "../form/form-service.ts";
import { templateWorkbook } from "../form/import-sheet.ts";
import { certificateType } from "../registry.ts";
import { createCertificates, findInvoiceHolder, getCertificatesByIds } from "../service.ts";
import { type BulkApplication, BULK_COLUMNS, mapApplicationRows } from "./bulk-import.ts";
import { BIM, MAX_APPLICATIONS } from "./bulk-import-messages.ts";

/** Whether the user's enterprise has a customs code its office approved. */
export const mayBulkImport = async ({ db, user }: { db: Db; user: CurrentUser }) =>
  !!user.enterpriseId && (await hasApprovedCustomsCode({ db, enterpriseId: user.enterpriseId }));

/** Refuses (forbidden, with the next step) an enterprise without an office-approved customs code. */
export async function checkBulkImportAllowed({ db, user }: { db: Db; user: CurrentUser }) {
  if (!(await mayBulkImport({ db, user }))) throw forbidden(BIM.notApproved);
}

/** The certificate body of a ready application: the form's defaults of its type, then what the sheet gave. */
export function applicationBody({ fields: f, lines }: BulkApplication): CertificateBody {
  const base = defaultBody(f.type!);
  return {
    ...base,
    printMode: f.printMode ?? base.printMode,
    consignee: { name: f.consignee.name, address: f.consignee.address, country: f.consignee.country },
    destinationCountry: f.destinationCountry,
    transport: {
      from: { country: "CN", port: f.loadingPort },
      to: { country: f.destinationCountry, port: f.dischargePort },
      via: f.via,
      mode: f.transportMode,
      departureDate: f.departureDate,
      vessel: f.vessel,
    },
    invoice: { number: f.invoiceNo, date: f.invoiceDate, currency: f.currency },
    goods: lines.map((l) => l.line),
    remarks: f.remarks,
  };
}

/** Ready: no cell problem on any of its rows and none of its own, in a sheet without sheet problems. */
export const isReady = (a: BulkApplication) => !a.problems.length && !a.whole.length;

/** Reads the workbook (XlsxRefused on a hostile or broken one) and maps its applications; saves nothing. */
export async function previewBulkImport({ db, user, bytes }: { db: Db; user: CurrentUser; bytes: Uint8Array }) {
  await checkBulkImportAllowed({ db, user });
  const read = await readXlsxSheet(bytes);
  const { products } = await getFormContext({ db, enterpriseId: user.enterpriseId! });
  const preview = mapApplicationRows({ rows: read.rows, productsFor: (code) => productsFor(certificateType(code), products) });
  // An invoice a live certificate already holds (this workbook uploaded before) is not created twice.
  await Promise.all(
    preview.applications.map(async (a) => {
      const holder = await findInvoiceHolder({ db, user, invoiceNo: a.fields.invoiceNo });
      if (holder) a.whole.push(BIM.invoiceHeld(a.fields.invoiceNo, holder.applicationNo));
    }),
  );
  // A sheet problem (too many applications) holds back every application, so the user splits the file first.
  const applications = preview.applications.map((a) => ({ ...a, ready: isReady(a) && !preview.sheetProblems.length }));
  return { sheet: read.sheet, ...preview, applications, bodies: applications.filter((a) => a.ready).map(applicationBody) };
}

const confirmedBodies = z.array(certificateBodySchema).min(1).max(MAX_APPLICATIONS);

/**
 * Creates the previewed applications (posted back as JSON) as drafts of the user's enterprise, all
 * in one transaction. Each must still carry its own invoice number, no two the same.
 */
export async function confirmBulkImport({ db, user, bodiesJson, requestId }: { db: Db; user: CurrentUser; bodiesJson: string; requestId?: string }) {
  await checkBulkImportAllowed({ db, user });
  let bodies: CertificateBody[];
  try {
    bodies = confirmedBodies.parse(JSON.parse(bodiesJson));
  } catch {
    throw invalid(BIM.dataInvalid);
  }
  const invoices = bodies.map((b) => b.invoice?.number?.trim().toUpperCase() ?? "");
  if (invoices.some((i) => !i) || new Set(invoices).size !== invoices.length) throw invalid(BIM.dataInvalid);
  return createCertificates({ db, user, bodies, refuseHeldInvoices: true, requestId });
}

/** The drafts just created, for the page that links to them: the user's own only. */
export async function listImportedDrafts({ db, user, ids }: { db: Db; user: CurrentUser; ids: string[] }) {
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)).slice(0, MAX_APPLICATIONS);
  const rows = await getCertificatesByIds({ db, user, ids: uuids });
  // How many of machine review's problems stop sending, so the user knows which drafts to open first.
  return rows.map((r) => ({
    id: r.id,
    applicationNo: r.applicationNo,
    invoiceNo: r.invoiceNo,
    status: r.status,
    toFix: r.problems.filter((p) => p.severity === "error").length,
  }));
}

/** The bulk template: one header row naming each column in Chinese and English. */
export const bulkImportTemplate = () => templateWorkbook({ sheetName: "申请 Applications", columns: BULK_COLUMNS });
