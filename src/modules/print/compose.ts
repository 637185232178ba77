import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { renderBackPagePdf, renderCalibrationPage, renderCertificatePdf, type CertificateType } from "../../render/index.ts";
import { getPrintableCertificate, issuedCertificatePdf, statusLabel } from "../certificates/index.ts";
import { commercialCertificatePagePdf } from "../commercial/index.ts";
import { AppError } from "../../lib/errors.ts";
import { M } from "./messages.ts";
import type { DeskRow, JobRow, PrinterRow } from "./queries.ts";

/**
 * The identity a job is composed under: the desk's own scope (its office, or its enterprise), so
 * the certificate is read with the same visibility rule as a person at that desk would have.
 */
export function deskReader(desk: DeskRow, job: JobRow): CurrentUser {
  return desk.enterpriseId
    ? {
        id: job.requestedBy ?? "print-service",
        login: "print-service",
        role: "enterprise",
        displayName: job.requestedByName,
        officeCode: null,
        enterpriseId: desk.enterpriseId,
      }
    : {
        id: job.requestedBy ?? "print-service",
        login: "print-service",
        role: "print_clerk",
        displayName: job.requestedByName,
        officeCode: desk.officeCode,
        enterpriseId: null,
      };
}

/** Thrown for a job that cannot be composed for a reason the desk should read (COMPOSE_FAILED). */
export class ComposeError extends Error {}

/**
 * The print file of a job. A PCO certificate and a calibration sheet are shifted by the offsets of
 * the printer they will come out of (`printer`, bound to the job when it is composed).
 */
export async function composeJobPdf({
  db,
  job,
  desk,
  printer,
  secretKey,
}: {
  db: Db;
  job: JobRow;
  desk: DeskRow;
  printer: PrinterRow | null;
  secretKey: string;
}): Promise<Uint8Array> {
  const calibration = printer ? { xMm: printer.calibrationXMm, yMm: printer.calibrationYMm } : undefined;
  if (job.kind === "BACK_PAGE") return renderBackPagePdf({ type: job.formType as CertificateType });
  if (job.kind === "CALIBRATION") return renderCalibrationPage({ type: (job.formType as CertificateType | null) ?? undefined, calibration });
  if (job.kind === "COMMERCIAL") {
    try {
      return await commercialCertificatePagePdf({ db, user: deskReader(desk, job), id: job.certificateId!, publicUrl: job.verifyBaseUrl });
    } catch (e) {
      // Voided since it was queued: the desk reads why.
      if (e instanceof AppError && e.code === "conflict") throw new ComposeError(e.message);
      throw e;
    }
  }
  const p = await getPrintableCertificate({ db, user: deskReader(desk, job), id: job.certificateId! });
  if (p.status !== "APPROVED" && p.status !== "ISSUED") throw new ComposeError(M.certificateNotPrintable(statusLabel(p.status)));
  // An eCO prints its issued file (signed once, stored): a reprint is the same bytes.
  if (p.certificate.mode === "ECO") return (await issuedCertificatePdf({ db, printable: p, publicUrl: job.verifyBaseUrl, secretKey })).data;
  return renderCertificatePdf({
    certificate: p.certificate,
    options: { preview: false, printSeal: p.printSeal, publicUrl: job.verifyBaseUrl, calibration: p.certificate.mode === "PCO" ? calibration : undefined },
  });
}
