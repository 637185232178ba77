/**
 * The view model the renderer prints: plain values already chosen and formatted by the caller
 * (the print slice), so that the renderer needs no database and no reference tables.
 * Dates are `YYYY-MM-DD`; the renderer writes them the way certificates do (`NOV. 20, 2026`).
 */

import { CERTIFICATE_TYPE_CODES, type CertificateTypeCode } from "../lib/certificate-types.ts";

/** Certificate type codes as in contracts/edi-v1.md: one list, kept with the agreements. */
export const CERTIFICATE_TYPES = CERTIFICATE_TYPE_CODES;
export type CertificateType = CertificateTypeCode;

export type PrintMode = "ECO" | "PCO";

export type Party = { name: string; address: string };

/** Raster images as uploaded; GIF is accepted for image marks and converted to PNG once. */
export type ImageBytes = { bytes: Uint8Array; mime: "image/png" | "image/jpeg" | "image/gif" };

export type GoodsLine = {
  itemNo: number;
  marks: string;
  /** `count: null` for bulk or unpacked goods (`kind` is then `IN BULK` or `NUDE CARGO`). */
  packages: { count: number | null; kind: string };
  description: string;
  hsCode: string;
  /** Printed as given (`WO`, `PE`, `RVC 40%`, `"B" 50%` ...); absent on forms without the box. */
  criterion?: string;
  quantity: { value: number; unit: string };
  grossWeightKg?: number;
  /** FOB or invoiced value, in the certificate invoice's currency. */
  value?: number;
  /** RCEP country of origin of the line; CHINA when absent. */
  originCountry?: string;
  /** Only when this line belongs to another invoice than the certificate's. */
  invoice?: { number: string; date: string };
};

export type PrintableCertificate = {
  type: CertificateType;
  /** Certificate number; empty before approval (previews). */
  number: string;
  /** Code printed beside the QR code and asked for by the public verification page. */
  verificationCode: string;
  mode: PrintMode;
  exporter: Party;
  producer?: Party;
  consignee: Party;
  transport: {
    /** The whole route line (`FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA VIA HONGKONG`). */
    routeText: string;
    departureDate?: string;
    vessel?: string;
    portOfLoading?: string;
    portOfDischarge?: string;
  };
  goods: GoodsLine[];
  invoice: { number: string; date: string; currency?: string };
  remarks?: string;
  /** English name of the importing country or region as printed (`AUSTRALIA`). */
  destinationCountry: string;
  declaration: { place: string; date: string; signerName: string };
  certification: {
    place: string;
    date: string;
    /** May be Chinese (中国国际贸易促进委员会北京市分会); the CJK font is embedded only then. */
    officeName: string;
    /** The authorised signatory's name in Latin letters, printed under their signature (eCO). */
    signatoryName?: string;
    /** Certifying body's contact line(s) printed in the certification box. */
    contact?: { tel?: string; fax?: string; address?: string };
  };
  /**
   * Retroactive issue: the agreement's wording and, when the caller knows it, the box number that
   * carries it; otherwise the form's own retroactive place is used.
   */
  retroactive?: { wording: string; box?: string };
  /** The word the eCO's anti-copy pattern hides (the office's choice); VOID when absent. */
  hiddenWord?: "VOID" | "COPY";
  images?: {
    officeSeal?: ImageBytes;
    /** The office's authorised signatory's signature (certification box, eCO). */
    officerSignature?: ImageBytes;
    enterpriseSeal?: ImageBytes;
    signature?: ImageBytes;
    /** Image marks, printed on a continuation page. */
    marks?: ImageBytes;
  };
};

export type RenderOptions = {
  /** Marks every page PREVIEW; the drawing is otherwise the print's. */
  preview: boolean;
  /** Print the enterprise seal and the hand-signer's signature. */
  printSeal: boolean;
  /** PCO only: the printer's offset in millimetres (positive = right / down). */
  calibration?: { xMm: number; yMm: number };
  /** Base URL of the public verification page, for the QR code (eCO). */
  publicUrl?: string;
};
