/**
 * The issued output of an approved commercial document certificate: the certificate page (office
 * wording, number, date, the seal and signatory recorded at approval, QR to /verify) followed by the
 * attached document, signed by the office like an eCO and stored once (endorsement's issueSignedPdf:
 * the same bytes for every download, found again by their SHA-256 at /verify).
 */
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { conflict } from "../../lib/errors.ts";
import { renderCommercialCertificatePdf, type ImageBytes, type PrintableCommercialCertificate } from "../../render/index.ts";
import { officeToday } from "../certificates/index.ts";
import { getEndorsement, issueSignedPdf } from "../endorsement/index.ts";
import { findCountry } from "../reference/index.ts";
import { findOffice, getEnterpriseProfile } from "../registration/index.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { fillStatement } from "./rules.ts";
import { getCommercialDocument, type CommercialDetail } from "./service.ts";

const asImage = (img: { data: Uint8Array; mediaType: string } | null | undefined): ImageBytes | undefined =>
  img && (img.mediaType === "image/png" || img.mediaType === "image/jpeg") ? { bytes: img.data, mime: img.mediaType } : undefined;

/** The certificate page's view model from an application (approved, or a preview of one that is not). */
export async function printableCommercial(db: Db, d: CommercialDetail): Promise<PrintableCommercialCertificate> {
  const [office, { enterprise }, endorsement] = await Promise.all([
    findOffice({ db, code: d.officeCode }),
    getEnterpriseProfile({ db, enterpriseId: d.enterpriseId }),
    getEndorsement({ db, certificateId: d.id }),
  ]);
  const type = d.type;
  const document = { nameEn: type?.nameEn ?? "Commercial Document", nameZh: type?.nameZh ?? "商业单据", number: d.documentNo, pages: d.file?.pageCount ?? 0 };
  return {
    number: d.number ?? "",
    verificationCode: d.verificationCode ?? "",
    date: officeToday(d.approvedAt ?? new Date()),
    place: office?.placeEn || "CHINA",
    officeNameEn: office?.nameEn ?? d.officeCode,
    officeNameZh: office?.nameZh ?? "",
    enterpriseNameEn: enterprise.nameEn,
    enterpriseNameZh: enterprise.nameZh,
    document,
    destination: findCountry(d.destinationCountry)?.nameEn ?? d.destinationCountry ?? "",
    purpose: d.purpose,
    copies: d.copies,
    statementZh: fillStatement(type?.statementZh ?? "", { document: document.nameZh, no: d.documentNo, enterprise: enterprise.nameZh }),
    statementEn: fillStatement(type?.statementEn ?? "", { document: document.nameEn, no: d.documentNo, enterprise: enterprise.nameEn }),
    signatoryName: endorsement?.signatoryName ?? undefined,
    officeSeal: asImage(endorsement?.seal),
    officerSignature: asImage(endorsement?.signature),
  };
}

/**
 * The signed PDF of an approved certificate for its enterprise or its office: drawn and signed on
 * the first call, stored, and the stored bytes ever after. Before approval, or voided: conflict.
 */
export async function issuedCommercialPdf({
  db,
  user,
  id,
  publicUrl,
  secretKey,
}: {
  db: Db;
  user: CurrentUser;
  id: string;
  publicUrl: string;
  secretKey: string;
}) {
  const d = await getCommercialDocument({ db, user, id });
  if (d.status !== "APPROVED" || !d.number) throw conflict(M.notIssued);
  const render = async () => {
    const file = await q.findFile(db, id);
    return renderCommercialCertificatePdf({
      certificate: await printableCommercial(db, d),
      attachment: file ? { bytes: file.data, mediaType: file.mediaType } : null,
      publicUrl,
    });
  };
  const issued = await issueSignedPdf({ db, certificateId: id, officeCode: d.officeCode, number: d.number, secretKey, render });
  return { number: d.number, data: issued.data, sha256: issued.sha256 };
}

/**
 * The paper route: the certificate page alone (the office binds it to the paper document with its
 * ribbon), drawn for a print job at the office's desk. Approved certificates only.
 */
export async function commercialCertificatePagePdf({ db, user, id, publicUrl }: { db: Db; user: CurrentUser; id: string; publicUrl: string }) {
  const d = await getCommercialDocument({ db, user, id });
  if (d.status !== "APPROVED" || !d.number) throw conflict(M.notIssued);
  return renderCommercialCertificatePdf({ certificate: await printableCommercial(db, d), attachment: null, publicUrl });
}
