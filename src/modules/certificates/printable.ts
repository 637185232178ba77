import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { conflict } from "../../lib/errors.ts";
import { renderCertificatePdf, type ImageBytes, type PrintableCertificate } from "../../render/index.ts";
import { getEndorsement, issueSignedPdf } from "../endorsement/index.ts";
import { CM } from "./lifecycle-messages.ts";
import { findOffice, getEnterpriseProfile, getHandSignerForPrint, getSealImage } from "../registration/index.ts";
import { findCountry } from "../reference/index.ts";
import { routeLine } from "./route.ts";
import { getCertificate, officeToday } from "./service.ts";

const asImage = (img: { data: Uint8Array; mediaType: string } | { bytes: Uint8Array; mime: string } | null | undefined): ImageBytes | undefined => {
  if (!img) return undefined;
  const [bytes, mime] = "data" in img ? [img.data, img.mediaType] : [img.bytes, img.mime];
  return mime === "image/png" || mime === "image/jpeg" || mime === "image/gif" ? { bytes, mime } : undefined;
};

const num = (v: number | string | null | undefined) => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};

/**
 * Whether a drawing of the certificate shown to `role` is the print itself rather than one marked
 * PREVIEW: never before approval; for the office once APPROVED or ISSUED; for the enterprise only
 * when it prints locally (otherwise the office prints, and a clean copy at home would be a second
 * original outside the print count).
 */
export function isFinalDrawing({ role, status, localPrint }: { role: CurrentUser["role"]; status: string; localPrint: boolean }): boolean {
  const approved = status === "APPROVED" || status === "ISSUED";
  return approved && (role !== "enterprise" || localPrint);
}

/**
 * An address as printed in a party box: the country is appended unless the address already ends
 * with it (`..., SYDNEY NSW 2000, AUSTRALIA` stays as typed).
 */
export function addressWithCountry(address: string | null | undefined, country: string): string {
  const a = (address ?? "").trim();
  if (!country) return a;
  const tail = a.replace(/[\s.,;]+$/, "").toUpperCase();
  return tail.endsWith(country.toUpperCase()) ? a : [a, country].filter(Boolean).join(", ");
}

/**
 * The certificate as the renderer prints it: body values laid out as the form needs them, the
 * office's name and place, dates, retroactive wording, and the seal, signature and marks images.
 * Who may call: anyone who may see the certificate (its enterprise or its office); others get
 * not_found from getCertificate. Returns the certificate, whether seal printing was asked for, and
 * whether this user's drawing is marked PREVIEW (`isFinalDrawing`).
 */
export async function getPrintableCertificate({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  const c = await getCertificate({ db, user, id });
  const b = c.body;
  const [profile, office, seal, signer, marks, endorsement] = await Promise.all([
    getEnterpriseProfile({ db, enterpriseId: c.enterpriseId }),
    findOffice({ db, code: c.officeCode }),
    b.printSeal ? getSealImage({ db, enterpriseId: c.enterpriseId }) : null,
    b.handSigner ? getHandSignerForPrint({ db, enterpriseId: c.enterpriseId, name: b.handSigner, withSignature: Boolean(b.printSeal) }) : null,
    db.query.certificateMarksImages.findFirst({ where: (t, { eq }) => eq(t.certificateId, id) }),
    getEndorsement({ db, certificateId: id }),
  ]);
  const place = office?.placeEn || "CHINA";
  const day = (d: Date | null) => (d ? officeToday(d) : officeToday());
  const country = (iso: string | null | undefined) => (iso ? (findCountry(iso)?.nameEn ?? iso) : "");
  const certificate: PrintableCertificate = {
    type: c.type as PrintableCertificate["type"],
    number: c.number ?? "",
    verificationCode: c.verificationCode ?? "",
    mode: c.printMode === "PCO" ? "PCO" : "ECO",
    exporter: {
      name: b.exporter?.name ?? profile.enterprise.nameEn,
      address: addressWithCountry(b.exporter?.address ?? profile.enterprise.addressEn, "CHINA"),
    },
    producer: b.producer?.name ? { name: b.producer.name, address: b.producer.address ?? "" } : undefined,
    consignee: { name: b.consignee?.name ?? "", address: addressWithCountry(b.consignee?.address, country(b.consignee?.country)) },
    transport: {
      routeText: routeLine(b.transport),
      departureDate: b.transport?.departureDate ?? undefined,
      vessel: b.transport?.vessel ?? undefined,
      portOfLoading: b.transport?.from?.port ?? undefined,
      portOfDischarge: b.transport?.to?.port ?? undefined,
    },
    goods: (b.goods ?? []).map((g, i) => ({
      itemNo: i + 1,
      marks: g.marks ?? "",
      packages: { count: g.packages?.count ?? null, kind: g.packages?.kind ?? "" },
      description: g.description ?? "",
      hsCode: g.hsCode ?? "",
      criterion: g.originCriterion ?? undefined,
      quantity: { value: num(g.quantity?.value) ?? 0, unit: g.quantity?.unit ?? "" },
      grossWeightKg: num(g.grossWeightKg),
      value: num(g.value),
    })),
    invoice: { number: b.invoice?.number ?? "", date: b.invoice?.date ?? "", currency: b.invoice?.currency ?? undefined },
    remarks: b.remarks ?? undefined,
    destinationCountry: country(b.destinationCountry),
    // The romanised name the office records; never the Chinese name on an English certificate.
    declaration: { place, date: day(c.sentAt), signerName: signer?.nameLatin ?? "" },
    certification: {
      place,
      date: day(c.approvedAt),
      officeName: office?.nameEn ?? c.officeCode,
      signatoryName: endorsement?.signatoryName ?? undefined,
      contact: office ? { tel: office.tel, fax: office.fax, address: office.addressEn } : undefined,
    },
    hiddenWord: endorsement?.hiddenWord,
    retroactive: c.retroactive?.wording ? { wording: c.retroactive.wording, box: c.retroactive.box ?? undefined } : undefined,
    images: {
      enterpriseSeal: asImage(seal),
      signature: asImage(signer?.signature),
      marks: asImage(marks),
      officeSeal: asImage(endorsement?.seal),
      officerSignature: asImage(endorsement?.signature),
    },
  };
  const localPrint = Boolean(b.localPrint);
  return {
    id: c.id,
    officeCode: c.officeCode,
    certificate,
    printSeal: Boolean(b.printSeal),
    status: c.status,
    localPrint,
    preview: !isFinalDrawing({ role: user.role, status: c.status, localPrint }),
  };
}

export type Printable = Awaited<ReturnType<typeof getPrintableCertificate>>;

/**
 * The issued file of an approved or issued eCO: drawn once, signed by its office (PAdES, reason =
 * its number) and stored; later calls return the stored bytes, so downloads and reprints are the
 * same file. `secretKey` opens the office's signing key (TWO_FACTOR_KEY).
 */
export async function issuedCertificatePdf({ db, printable: p, publicUrl, secretKey }: { db: Db; printable: Printable; publicUrl: string; secretKey: string }) {
  if (!(p.status === "APPROVED" || p.status === "ISSUED") || p.certificate.mode !== "ECO") throw conflict(CM.notIssuable);
  const render = () => renderCertificatePdf({ certificate: p.certificate, options: { preview: false, printSeal: p.printSeal, publicUrl } });
  return issueSignedPdf({ db, certificateId: p.id, officeCode: p.officeCode, number: p.certificate.number, secretKey, render });
}
