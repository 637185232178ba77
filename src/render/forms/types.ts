import type { CertificateType } from "../model.ts";

/**
 * One format describes every certificate form: boxes with their rectangles on A4 (millimetres,
 * origin top left) and which datum each prints; the goods band as columns. The layout engine
 * (`compose.ts`) reads only this, so a form is data.
 */
export type Rect = { x: number; y: number; w: number; h: number };

/** What a box prints. */
export type BoxField =
  | "exporter"
  | "producer"
  | "consignee"
  /** the route line alone (general certificate) */
  | "route"
  /** labelled rows (departure date, vessel ...) followed by the route line */
  | "transportDetails"
  | "destination"
  | "remarks"
  /** left to the issuing body or importing customs: only a retroactive wording may print here */
  | "officialUse"
  | "declaration"
  | "certification"
  /** a pre-printed box with no data (verification boxes of the Swiss form) */
  | "none";

export type TransportDatum = "departureDate" | "vessel" | "portOfLoading" | "portOfDischarge";

/** Pre-printed statement: paragraphs, and data lines such as the importing country. */
export type StatementPart = { text: string } | { datum: "destination" | "exportingCountry"; caption?: string };

export type BoxSpec = {
  rect: Rect;
  /** box number as printed (`"5"`); absent for unnumbered boxes */
  label?: string;
  title: string;
  field: BoxField;
  rows?: { label: string; datum: TransportDatum }[];
  statement?: StatementPart[];
  /** caption under the signature line of declaration / certification boxes */
  signatureCaption?: string;
  /** official-use boxes: tick boxes the importing customs mark (Given / Not Given), then a signature line with `signatureCaption` */
  officialTicks?: string[];
  /** pre-printed lines of the certification box (`Tel:`, `Fax:`, `Address:`) filled with the office's contact */
  contactLabels?: boolean;
};

export type ColumnField =
  | "itemNo"
  | "marks"
  | "description"
  | "hsCode"
  | "criterion"
  /** RCEP country of origin */
  | "originCountry"
  | "quantity"
  /** quantity, then the FOB value */
  | "quantityValue"
  | "invoice"
  /** invoice number and date, then the invoiced value */
  | "invoiceValue"
  | "value";

export type ColumnSpec = { field: ColumnField; label: string; title: string; w: number };

export type TitleLine = { text: string; size: number; bold?: boolean };

export type TickBox = { id: "retro" | "none"; label: string; x: number; y: number };

export type FormLayout = {
  type: CertificateType;
  /** Short English name, used on continuation sheets and the back page */
  name: string;
  header: {
    rect: Rect;
    /** `Certificate No.` / `Reference No.` */
    numberLabel: string;
    lines: TitleLine[];
  };
  boxes: BoxSpec[];
  goods: {
    top: number;
    headerHeight: number;
    bottom: number;
    columns: ColumnSpec[];
    /** the HS code is also printed in the description (Form E, Singapore) */
    hsInDescription?: boolean;
    /** the value prints only on lines whose criterion is RVC-based (Form E 2019, RCEP box 12) */
    valueOnlyForRvc?: boolean;
  };
  /** Tick boxes printed under the bottom boxes (Form E box 13) */
  ticks?: { label: string; rect: Rect; boxes: TickBox[] };
  /**
   * Where the retroactive wording goes when the certificate does not name a box:
   * a box label, `"tick"` (the tick box with id retro), or `"title"` (under the form title).
   */
  retroPlace: string;
  /** eCO: the anti-copy patch and verification line */
  security: Rect;
  /** Overleaf notes (背页), one paragraph per entry */
  backNotes?: { title: string; paragraphs: string[] };
};
