/**
 * The EDI v1 certificate body (edi-v1.md "Certificates"), as a zod schema: the SHAPE only.
 *
 * A body that fails this schema is refused with 400 and nothing is saved: wrong JSON types, an
 * unknown `type`, a date that is not a real YYYY-MM-DD, more than 999 goods lines. Everything else
 * is content and is saved as a draft; machine review reports it (REQUIRED, FORMAT, ...). That is why
 * nearly every field may be omitted or null here: emptiness is a review problem, not a shape error.
 * Unknown keys are dropped, so a client may send back what GET returned.
 *
 * The descriptions feed `z.toJSONSchema` for the OpenAPI document.
 */
import { z } from "zod";
import { textField } from "../../../lib/charset.ts";
import type { FieldIssue } from "../../../lib/errors.ts";
import { CERTIFICATE_TYPE_CODES } from "../../reference/index.ts";

export const MAX_GOODS_LINES = 999;

const text = (description: string) => textField().nullish().meta({ description });
const date = (description: string) =>
  z.iso
    .date()
    .nullish()
    .meta({ description: `${description} (YYYY-MM-DD)` });
const country = (description: string) =>
  textField()
    .nullish()
    .meta({ description: `${description}: ISO 3166-1 alpha-2 code, e.g. AU`, examples: ["AU"] });
const amount = (description: string) =>
  z
    .union([z.number(), textField()])
    .nullish()
    .meta({ description: `${description}: a decimal number or string with at most 2 decimal places`, examples: [2500, "2500.00"] });

export const certificateTypeCode = z.enum(CERTIFICATE_TYPE_CODES).meta({
  id: "CertificateType",
  description: "Certificate type code, as served by GET /api/v1/reference/certificate-types",
});

export const printMode = z.enum(["ECO", "PCO"]).meta({
  id: "PrintMode",
  description: "ECO: electronic, printed on plain paper; PCO: data printed on a pre-printed form",
});

const party = z
  .object({
    name: text("Name as printed on the certificate (English)"),
    address: text("Full address as printed (English)"),
  })
  .nullish();

const place = z
  .object({
    country: country("Country of the port"),
    port: text("Port name, e.g. DALIAN; may be left empty on the discharge side when unknown"),
  })
  .nullish();

export const transportSchema = z
  .object({
    from: place.meta({ description: "Port of loading (mainland China)" }),
    to: place.meta({ description: "Port of discharge (destination country)" }),
    via: text("Transit port, e.g. HONGKONG"),
    mode: text("Means of transport: SEA, AIR, ROAD, RAIL or POST (VESSEL, TRUCK, TRAIN accepted)"),
    departureDate: date("Departure (shipment) date"),
    vessel: text("Vessel/flight/train/vehicle number; required after shipment on FTA forms"),
    routeText: text("When given, replaces the generated route line"),
  })
  .meta({ id: "Transport" });

export const goodsLineSchema = z
  .object({
    marks: text("Marks and numbers; N/M when none"),
    packages: z
      .object({
        // Omitted reads as null: ERP clients leave null fields out of the JSON they send.
        count: z.number().nullable().default(null).meta({ description: "Number of packages; null (or omitted) for IN BULK or NUDE CARGO" }),
        kind: text("Kind of packages, e.g. CARTONS, or IN BULK / NUDE CARGO"),
      })
      .nullish(),
    description: text("Description of goods (English)"),
    hsCode: text("HS code, 6 to 10 digits"),
    originCriterion: text("Text of the criterion box (WO, WP, PE, PSR, RVC 40%, B 50% ...); omitted for GENERAL"),
    quantity: z
      .object({
        value: z.number().nullish().meta({ description: "Quantity in the unit" }),
        unit: text("Trade unit, e.g. PAIRS, PIECES, KGS"),
      })
      .nullish(),
    grossWeightKg: z.number().nullish().meta({ description: "Gross weight in kg" }),
    value: amount("FOB or invoiced value of the line, where the form has one"),
  })
  .meta({ id: "GoodsLine" });

export const certificateBodySchema = z
  .object({
    type: certificateTypeCode,
    printMode,
    localPrint: z.boolean().nullish().meta({ description: "Ask to print the approved certificate at the exporter's desk" }),
    printSeal: z.boolean().nullish().meta({ description: "Print the company seal and the hand-signer's signature" }),
    copies: z.number().nullish().meta({ description: "Number of copies to print" }),
    handSigner: text("Name of one of the enterprise's active hand-signers; defaults to the default hand-signer"),
    exporter: party.meta({ description: "Defaults to the enterprise's filed English name and address" }),
    producer: party.meta({ description: "Producer box of the FTA forms that have one: a name, SAME or UNKNOWN" }),
    consignee: z
      .object({
        name: text("Consignee name, or TO ORDER / TO WHOM IT MAY CONCERN"),
        address: text("Consignee address"),
        country: country("Consignee country"),
      })
      .nullish(),
    destinationCountry: country("Country of destination"),
    transport: transportSchema.nullish(),
    invoice: z
      .object({
        number: text("Invoice number; unique among the enterprise's live certificates"),
        date: date("Invoice date"),
        currency: text("ISO 4217 currency of the values, e.g. USD"),
      })
      .nullish(),
    goods: z
      .array(goodsLineSchema)
      .max(MAX_GOODS_LINES)
      .nullish()
      .meta({ description: `Goods lines, at most ${MAX_GOODS_LINES}` }),
    remarks: text("Remarks (L/C number, order number ...)"),
    exportCustoms: text("Customs district of export (出境海关), 4-digit code, e.g. 0900"),
    declarationNo: text("Export customs declaration number, 18 digits"),
  })
  .meta({ id: "CertificateBody", description: "EDI v1 certificate body" });

export type CertificateBody = z.output<typeof certificateBodySchema>;
export type GoodsLine = z.output<typeof goodsLineSchema>;
export type Transport = z.output<typeof transportSchema>;

const zhCN = z.locales.zhCN().localeError;

export type ParsedBody = { ok: true; data: CertificateBody } | { ok: false; issues: FieldIssue[] };

/**
 * Validates the shape of a certificate body. Issues carry dotted paths (`goods.0.hsCode`) and
 * Chinese messages, ready for a 400 `invalid` error.
 */
export function parseCertificateBody(input: unknown): ParsedBody {
  const parsed = certificateBodySchema.safeParse(input, { error: zhCN });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
}

/** JSON Schema (2020-12) of the request body, for the OpenAPI document. */
export function certificateBodyJsonSchema() {
  return z.toJSONSchema(certificateBodySchema, { io: "input" });
}
