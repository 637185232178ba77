/**
 * THE one table of the certificate forms (issue #13): the certificate-type registry
 * (src/modules/certificates/registry.ts) reads box numbers, titles and fields from here, and the
 * renderer's layouts (forms/index.ts) take every box title from here by box number, adding only
 * geometry. It lives beside the renderer because src/render is shared code that never imports a
 * slice; slices import it through src/render/index.ts. forms.test.ts fails when the layouts' box
 * numbers and this table disagree.
 *
 * The certificate forms, one per contract type code: letter, names, the boxes in printed order with
 * their English titles and the contract fields that fill each, and the form properties machine
 * review depends on. Importing parties, criteria, item caps and retroactive rules are the
 * agreement's and come from the reference slice (see registry.ts).
 *
 * Source: REFERENCE.md §0.2 (letters), §1–§13 (box tables), §14 and §17 rule 21 (value boxes),
 * rule 33 (carrier number); edi-v1.md "Precise points" for CEPA. Box titles the reference gives are
 * copied as printed; where it gives only contents (Singapore, Pakistan, Mauritius) or no layout at
 * all (Chile 2019, Georgia, Serbia, Ecuador, Nicaragua, Cambodia) the titles are derived and the
 * entry is `unverified`.
 *
 * Field paths are the EDI body's; `goods.*.x` means that field of every goods line. `remarks`
 * prints in the Remarks box, or at the foot of the description box on forms without one. A box
 * holding `transport.departureDate` is a structured transport box (FTA forms: departure date,
 * carrier number and ports on separate lines); the others print one route line.
 */
import type { CertificateTypeCode } from "../../lib/certificate-types.ts";

export type FormBox = {
  /** Box number as printed ("1".."17"), or "" for an unnumbered area (Certificate No., official use). */
  no: string;
  title: string;
  fields: readonly string[];
  note?: string;
};

export type ValueRule = {
  kind: "FOB" | "INVOICED";
  /** always; only on lines whose criterion is RVC (RCEP); or printed when given. */
  required: "always" | "rvc" | "optional";
};

/**
 * One form. Which box holds the producer, remarks, criterion, value, marks, HS code, item number
 * and transport follows from the boxes' fields (registry.ts derives it), so it is not repeated here.
 */
export type CertificateForm = {
  code: CertificateTypeCode;
  /** Type letter(s) of the certificate number. */
  letter: string;
  nameZh: string;
  /** Title printed at the top of the form. */
  titleEn: string;
  boxes: readonly FormBox[];
  /** Digits of the HS code printed: 4 = heading (old APTA form), 6 = subheading, null = as declared. */
  hsDigits: 4 | 6 | null;
  value: ValueRule | null;
  /** The real vessel/flight/vehicle number is required even before shipment (Chile, §17 rule 33). */
  carrierNoAlways?: true;
  /** The departure date is needed to decide retroactive issue (every agreement form). */
  departureDateRequired: boolean;
  sources: readonly string[];
  unverified?: true;
};

// ---- field groups (contract paths) ----
const EXPORTER = ["exporter.name", "exporter.address"];
const PRODUCER = ["producer.name", "producer.address"];
const CONSIGNEE = ["consignee.name", "consignee.address", "consignee.country"];
const ROUTE_LINE = ["transport.from", "transport.to", "transport.via", "transport.mode", "transport.routeText"];
const STRUCTURED_ROUTE = [
  "transport.departureDate",
  "transport.vessel",
  "transport.mode",
  "transport.from",
  "transport.to",
  "transport.via",
  "transport.routeText",
];
const MARKS = ["goods.*.marks", "marksImage"];
const DESCRIPTION = ["goods.*.packages", "goods.*.description"];
const HS = ["goods.*.hsCode"];
const CRITERION = ["goods.*.originCriterion"];
const QUANTITY = ["goods.*.quantity", "goods.*.grossWeightKg"];
const INVOICE = ["invoice.number", "invoice.date"];
const VALUE = ["goods.*.value", "invoice.currency"];
const DECLARATION = ["handSigner", "destinationCountry"];
const NONE: string[] = [];
/** Not a body field: the generated line numbers 1..n printed in the item-number box. */
export const ITEM_NUMBER = "goods.*.itemNumber";
const ITEM = [ITEM_NUMBER];

const box = (no: string, title: string, fields: readonly string[], note?: string): FormBox => (note ? { no, title, fields, note } : { no, title, fields });
const ISSUER_ONLY = "left blank by the applicant";

/** General certificate boxes (§1); CEPA forms use them too (contract). */
const GENERAL_BOXES: readonly FormBox[] = [
  box("", "Certificate No.", NONE, "assigned at approval"),
  box("1", "Exporter", EXPORTER),
  box("2", "Consignee", CONSIGNEE),
  box("3", "Means of transport and route", ROUTE_LINE),
  box("4", "Country / region of destination", ["destinationCountry"]),
  box("5", "For certifying authority use only", NONE, ISSUER_ONLY),
  box("6", "Marks and numbers", MARKS),
  box("7", "Number and kind of packages; description of goods", [...DESCRIPTION, "remarks"]),
  box("8", "H.S. Code", HS),
  box("9", "Quantity", QUANTITY),
  box("10", "Number and date of invoices", INVOICE),
  box("11", "Declaration by the exporter", ["handSigner"]),
  box("12", "Certification", NONE),
];

const GENERAL_FORM = {
  boxes: GENERAL_BOXES,
  hsDigits: null,
  value: null,
  departureDateRequired: false,
} as const;

/**
 * The 14-box layout shared by the bilateral FTA forms of the Korea/Australia family; used for the
 * agreements whose layout the reference does not give (marked unverified there).
 */
const bilateralBoxes = (itemTitle: string): FormBox[] => [
  box("", "Certificate No.", NONE, "assigned at approval"),
  box("1", "Exporter's name, address and country", EXPORTER),
  box("2", "Producer's name and address, if known", PRODUCER),
  box("3", "Consignee's name, address and country", CONSIGNEE),
  box("4", "Means of transport and route (as far as known)", STRUCTURED_ROUTE),
  box("", "For official use only", NONE, ISSUER_ONLY),
  box("5", "Remarks", ["remarks"]),
  box("6", itemTitle, ITEM),
  box("7", "Marks and numbers on packages", MARKS),
  box("8", "Number and kind of packages; description of goods", DESCRIPTION),
  box("9", "HS code (Six digit code)", HS),
  box("10", "Origin criterion", CRITERION),
  box("11", "Gross weight or other quantity (e.g. Quantity Unit, litres, m3.)", QUANTITY),
  box("12", "Number and date of invoice", INVOICE),
  box("13", "Declaration by the exporter", DECLARATION),
  box("14", "Certification", NONE),
];

const BILATERAL_FORM = {
  hsDigits: 6,
  value: null,
  departureDateRequired: true,
} as const;

export const CERTIFICATE_FORMS: Record<CertificateTypeCode, CertificateForm> = {
  GENERAL: {
    code: "GENERAL",
    letter: "C",
    nameZh: "一般原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN OF THE PEOPLE'S REPUBLIC OF CHINA",
    ...GENERAL_FORM,
    sources: ["S8", "S25", "S35", "S39"],
  },
  APTA: {
    code: "APTA",
    letter: "B",
    nameZh: "《亚太贸易协定》原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Asia-Pacific Trade Agreement (Combined Declaration and Certificate)",
    boxes: [
      box("", "Reference No.", NONE, "assigned at approval"),
      box("1", "Goods consigned from (Exporter's business name, address, country)", EXPORTER),
      box("2", "Goods consigned to (Consignee's name, address, country)", CONSIGNEE),
      box("3", "For Official Use", NONE, ISSUER_ONLY),
      box("4", "Means of transport and route", ROUTE_LINE),
      box("5", "Tariff item number", HS, "4-digit HS heading"),
      box("6", "Marks and number of packages", MARKS),
      box("7", "Number and kind of packages / description of goods", [...DESCRIPTION, "remarks"]),
      box("8", "Origin criterion (see notes overleaf)", CRITERION),
      box("9", "Gross weight or other quantity", QUANTITY),
      box("10", "Number and date of invoices", INVOICE),
      box("11", "Declaration by the exporter", DECLARATION),
      box("12", "Certification", NONE),
    ],
    hsDigits: 4,
    value: null,
    departureDateRequired: true,
    sources: ["S24", "S41", "S43"],
  },
  ACFTA: {
    code: "ACFTA",
    letter: "E",
    nameZh: "中国-东盟自贸区原产地证书（Form E）",
    titleEn: "ASEAN-CHINA FREE TRADE AREA PREFERENTIAL TARIFF CERTIFICATE OF ORIGIN (Combined Declaration and Certificate) FORM E",
    boxes: [
      box("", "Reference No.", NONE, "assigned at approval"),
      box("1", "Products consigned from (Exporter's business name, address, country)", EXPORTER),
      box("2", "Products consigned to (Consignee's name, address, country)", CONSIGNEE),
      box("3", "Means of transport and route (as far as known)", STRUCTURED_ROUTE, "departure date; vessel's name/aircraft etc.; port of discharge"),
      box("4", "For Official Use", NONE, "importing customs only: Preferential Treatment Given / Not Given, signature"),
      box("5", "Item number", ITEM),
      box("6", "Marks and numbers on packages", MARKS),
      box("7", "Number and type of packages, description of products (including quantity where appropriate and HS number in six digit code)", [
        ...DESCRIPTION,
        ...HS,
        "remarks",
      ]),
      box("8", "Origin criteria (see Overleaf Notes)", CRITERION),
      box("9", "Gross weight or other quantity and value (FOB) only when RVC criterion is applied", [...QUANTITY, ...VALUE]),
      box("10", "Number and date of invoices", INVOICE),
      box("11", "Declaration by the exporter", DECLARATION),
      box("12", "Certification", NONE),
      box("13", "Issued Retroactively / Back-to-Back / Exhibition / Third Party Invoicing", NONE, "tick boxes; Issued Retroactively is ticked by the system"),
    ],
    hsDigits: 6,
    // Form E 2019: the FOB value only on lines whose criterion is RVC-based (review and renderer) [S30].
    value: { kind: "FOB", required: "rvc" },
    departureDateRequired: true,
    sources: ["S21", "S30", "S47", "S48"],
  },
  CNNZ: {
    code: "CNNZ",
    letter: "N",
    nameZh: "中国-新西兰自贸协定原产地证书",
    titleEn:
      "CERTIFICATE OF ORIGIN Form for the Free Trade Agreement between the Government of the People's Republic of China and the Government of New Zealand",
    boxes: [
      box("", "Certificate No.", NONE, "assigned at approval"),
      box("1", "Exporter's name, address, country", EXPORTER),
      box("2", "Producer's name and address, if known", PRODUCER),
      box("3", "Consignee's name, address, country", CONSIGNEE),
      box("4", "Means of transport and route", STRUCTURED_ROUTE, "departure date; vessel/flight/train/vehicle No.; port of loading; port of discharge"),
      box("5", "For official use only", NONE, ISSUER_ONLY),
      box("6", "Remarks", ["remarks"]),
      box("7", "Item number (Max 20)", ITEM),
      box("8", "Marks and numbers on packages", MARKS),
      box("9", "Number and kind of packages; description of goods", DESCRIPTION),
      box("10", "HS code (Six digit code)", HS),
      box("11", "Origin criterion", CRITERION),
      box("12", "Gross weight, quantity (quantity unit) or other measures (litres, m3, etc)", QUANTITY),
      box("13", "Number, date of invoice and invoiced value", [...INVOICE, ...VALUE]),
      box("14", "Declaration by the exporter", DECLARATION),
      box("15", "Certification", NONE),
    ],
    hsDigits: 6,
    value: { kind: "INVOICED", required: "always" },
    departureDateRequired: true,
    sources: ["S34", "S51"],
  },
  CNSG: {
    code: "CNSG",
    letter: "X",
    nameZh: "中国-新加坡自贸协定原产地证书",
    titleEn: "CHINA-SINGAPORE FREE TRADE AGREEMENT PREFERENTIAL TARIFF CERTIFICATE OF ORIGIN",
    boxes: [
      box("", "Reference No.", NONE, "assigned at approval"),
      box("1", "Exporter's business name, address, country", EXPORTER),
      box("2", "Consignee's name, address, country", CONSIGNEE),
      box("3", "Means of transport and route (as far as known)", STRUCTURED_ROUTE, "departure date; vessel/flight No.; port of discharge"),
      box("4", "For Official Use", NONE, "importing customs only"),
      box("5", "Item number", ITEM),
      box("6", "Marks and numbers on packages", MARKS),
      box("7", "Number and kind of packages; description of goods; HS code", [...DESCRIPTION, ...HS, "remarks"], "6-digit HS per item"),
      box("8", "Origin criterion", CRITERION),
      box("9", "Gross weight or other quantity and value (FOB)", [...QUANTITY, ...VALUE]),
      box("10", "Number and date of invoices", INVOICE),
      box("11", "Declaration by the exporter", DECLARATION),
      box("12", "Certification", NONE),
    ],
    hsDigits: 6,
    value: { kind: "FOB", required: "always" },
    departureDateRequired: true,
    sources: ["S33", "S54"],
    unverified: true,
  },
  CNCR: {
    code: "CNCR",
    letter: "L",
    nameZh: "中国-哥斯达黎加自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Costa Rica Free Trade Agreement",
    boxes: [
      box("", "Certificate No.", NONE, "assigned at approval"),
      box("1", "Exporter's name, address, country", EXPORTER),
      box("2", "Producer's name and address, if known", PRODUCER),
      box("3", "Importer's name, address, country", CONSIGNEE),
      box("", "For Official Use Only", NONE, ISSUER_ONLY),
      box("4", "Means of transport and route", STRUCTURED_ROUTE, "departure date; vessel/flight/train/vehicle No.; port of loading; port of discharge"),
      box("5", "Remarks", ["remarks"]),
      box("6", "Item number (Max. 20)", ITEM),
      box("7", "Marks and numbers on packages", MARKS),
      box("8", "Number and kind of packages; description of goods", DESCRIPTION),
      box("9", "HS code (6 digit code)", HS),
      box("10", "Origin criterion", CRITERION),
      box("11", "Gross weight or other quantity (e.g. Quantity Unit, liters, m3.)", QUANTITY),
      box("12", "Number, date of invoice and invoiced value", [...INVOICE, ...VALUE]),
      box("13", "Declaration by the exporter", DECLARATION),
      box("14", "Certification", NONE),
    ],
    hsDigits: 6,
    value: { kind: "INVOICED", required: "always" },
    departureDateRequired: true,
    sources: ["S11", "S56", "S57"],
  },
  CEPA_HK: {
    code: "CEPA_HK",
    letter: "HK",
    nameZh: "内地与香港CEPA原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN OF THE PEOPLE'S REPUBLIC OF CHINA - MAINLAND AND HONG KONG CLOSER ECONOMIC PARTNERSHIP ARRANGEMENT",
    ...GENERAL_FORM,
    sources: ["S58", "S59"],
    unverified: true,
  },
  CEPA_MO: {
    code: "CEPA_MO",
    letter: "MO",
    nameZh: "内地与澳门CEPA原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN OF THE PEOPLE'S REPUBLIC OF CHINA - MAINLAND AND MACAO CLOSER ECONOMIC PARTNERSHIP ARRANGEMENT",
    ...GENERAL_FORM,
    sources: ["S58", "S59"],
    unverified: true,
  },
  CNIS: {
    code: "CNIS",
    letter: "I",
    nameZh: "中国-冰岛自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN used in FTA between CHINA and ICELAND",
    // Layout by analogy with Switzerland; the criterion in Box 9 is confirmed (§8).
    boxes: [
      box("", "No.", NONE, "assigned at approval"),
      box("1", "Exporter (Name, full address, country)", EXPORTER),
      box("2", "Consignee (Name, full address, country)", CONSIGNEE),
      box("3", "Transport details (as far as known)", STRUCTURED_ROUTE, "departure date; vessel/flight/train/vehicle No.; port of loading; port of discharge"),
      box("4", "Remarks", ["remarks"]),
      box("5", "Item number (Max 20)", ITEM),
      box("6", "Marks and numbers", MARKS),
      box("7", "Number and kind of packages; Description of goods", DESCRIPTION),
      box("8", "HS code (Six digit code)", HS),
      box("9", "Origin criterion", CRITERION),
      box("10", "Gross mass (kg) or other measure (liters, m3, etc.)", QUANTITY),
      box("11", "Invoices (Number and date)", INVOICE),
      box("12", "Endorsement by the authorised body", NONE),
      box("13", "Declaration by the exporter", DECLARATION),
    ],
    hsDigits: 6,
    value: null,
    departureDateRequired: true,
    sources: ["S32", "S46"],
    unverified: true,
  },
  CNCH: {
    code: "CNCH",
    letter: "S",
    nameZh: "中国-瑞士自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN used in FTA between CHINA and SWITZERLAND",
    boxes: [
      box("", "No.", NONE, "assigned at approval"),
      box("1", "Exporter (Name, full address, country)", EXPORTER),
      box("2", "Consignee (Name, full address, country)", CONSIGNEE),
      box("3", "Transport details (as far as known)", STRUCTURED_ROUTE, "departure date; vessel/flight/train/vehicle No.; port of loading; port of discharge"),
      box("4", "Remarks", ["remarks"]),
      box("5", "Item number (Max 50)", ITEM),
      box("6", "Marks and numbers", MARKS),
      box("7", "Number and kind of packages; Description of goods", DESCRIPTION),
      box("8", "HS code (Six digit code)", HS),
      box("9", "Origin criterion", CRITERION),
      box("10", "Gross mass (kg) or other measure (liters, m3, etc.)", QUANTITY),
      box("11", "Number, date of invoice and invoiced value", [...INVOICE, ...VALUE]),
      box("12", "Endorsement by the authorised body", NONE),
      box("13", "Declaration by the exporter", DECLARATION),
      box("14", "Request for verification", NONE, ISSUER_ONLY),
      box("15", "Result of verification", NONE, ISSUER_ONLY),
    ],
    hsDigits: 6,
    value: { kind: "INVOICED", required: "optional" },
    departureDateRequired: true,
    sources: ["S31", "S60", "S61", "S62", "S63"],
  },
  CHAFTA: {
    code: "CHAFTA",
    letter: "A",
    nameZh: "中国-澳大利亚自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Australia Free Trade Agreement",
    boxes: [
      box("", "Certificate No.", NONE, "assigned at approval"),
      box("1", "Exporter's name, address and country", EXPORTER),
      box("2", "Producer's name and address (if known)", PRODUCER),
      box("3", "Importer's name, address and country (if known)", CONSIGNEE),
      box("", "For official use only", NONE, ISSUER_ONLY),
      box(
        "4",
        "Means of transport and route (if known)",
        STRUCTURED_ROUTE,
        "departure date; vessel/flight/train/vehicle No.; port of loading; port of discharge",
      ),
      box("5", "Remarks", ["remarks"]),
      box("6", "Item number (max. 20)", ITEM),
      box("7", "Marks and numbers on packages (optional)", MARKS),
      box("8", "Number and kind of packages; description of goods", DESCRIPTION),
      box("9", "HS code (6-digit code)", HS),
      box("10", "Origin criterion", CRITERION),
      box("11", "Gross or net weight or other quantity (e.g. Quantity Unit, litres, m3.)", QUANTITY),
      box("12", "Invoice number and date", INVOICE),
      box("13", "Declaration by the exporter or producer", DECLARATION),
      box("14", "Certification", NONE, "with Tel, Fax, Address of the authorised body"),
    ],
    hsDigits: 6,
    value: null,
    departureDateRequired: true,
    sources: ["S20", "S65"],
  },
  CNKR: {
    code: "CNKR",
    letter: "K",
    nameZh: "中国-韩国自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Korea FTA",
    boxes: [
      box("", "Certificate No.", NONE, "assigned at approval"),
      box("1", "Exporter's name and address, country", EXPORTER),
      box("2", "Producer's name and address, country", PRODUCER),
      box("3", "Consignee's name and address, country", CONSIGNEE),
      box(
        "4",
        "Means of transport and route (as far as known)",
        STRUCTURED_ROUTE,
        "departure date; vessel/flight/train/vehicle No.; port of loading; port of discharge",
      ),
      box("5", "Remarks", ["remarks"]),
      box("6", "Item number", ITEM),
      box("7", "Marks and Numbers on packages", MARKS),
      box("8", "Number and kind of packages; description of goods", DESCRIPTION),
      box("9", "HS code (Six-digit code)", HS),
      box("10", "Origin criterion", CRITERION),
      box("11", "Gross weight, quantity (Quantity Unit) or other measures (liters, m3, etc.)", QUANTITY),
      box("12", "Number and date of invoice", INVOICE),
      box("13", "Declaration by the exporter", DECLARATION),
      box("14", "Certification", NONE),
    ],
    hsDigits: 6,
    value: null,
    departureDateRequired: true,
    sources: ["S22", "S66", "S67", "S68"],
  },
  CNPE: {
    code: "CNPE",
    letter: "R",
    nameZh: "中国-秘鲁自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Peru FTA",
    boxes: [
      box("", "Certificate No.", NONE, "assigned at approval"),
      box("1", "Exporter's name and address", EXPORTER),
      box("2", "Producer's name and address, if known", PRODUCER),
      box("3", "Consignee's name and address", CONSIGNEE),
      box(
        "4",
        "Means of transport and route (as far as known)",
        STRUCTURED_ROUTE,
        "departure date; vessel/flight/train/vehicle No.; port of loading; port of discharge",
      ),
      box("", "For Official Use Only", NONE, ISSUER_ONLY),
      box("5", "Remarks", ["remarks"]),
      box("6", "Item number (Max 20)", ITEM),
      box("7", "Number and kind of packages; description of goods", [...MARKS, ...DESCRIPTION], "no separate marks box: marks print here"),
      box("8", "HS code (Six digit code)", HS),
      box("9", "Origin criterion", CRITERION),
      box("10", "Gross weight, quantity (Quantity Unit) or other measures", QUANTITY),
      box("11", "Number and date of invoice", INVOICE),
      box("12", "Invoiced value", VALUE),
      box("13", "Declaration by the exporter", DECLARATION),
      box("14", "Certification", NONE),
    ],
    hsDigits: 6,
    value: { kind: "INVOICED", required: "always" },
    departureDateRequired: true,
    sources: ["S69", "S70"],
  },
  RCEP: {
    code: "RCEP",
    letter: "RC",
    nameZh: "RCEP原产地证书",
    titleEn: "Form RCEP",
    boxes: [
      box("", "Certificate No.", NONE, "assigned at approval"),
      box("1", "Goods Consigned from (Exporter's name, address and country)", EXPORTER),
      box("2", "Goods Consigned to (Importer's/Consignee's name, address, country)", CONSIGNEE),
      box("3", "Producer's name, address and country (if known)", PRODUCER, "SEE BOX 8 / CONFIDENTIAL / NOT AVAILABLE allowed"),
      box("4", "Means of transport and route (if known)", STRUCTURED_ROUTE, "departure date; vessel's name/aircraft flight number; port of discharge"),
      box("5", "For Official Use", NONE, "importing customs only"),
      box("6", "Item number", ITEM),
      box("7", "Marks and numbers on packages", MARKS),
      box("8", "Number and kind of packages; and description of goods", DESCRIPTION),
      box("9", "HS Code of the goods (6 digit-level)", HS),
      box("10", "Origin Conferring Criterion", CRITERION),
      box("11", "RCEP Country of Origin", NONE, "CHINA for every line"),
      box("12", "Quantity (Gross weight or other measurement), and value (FOB) where RVC is applied", [...QUANTITY, ...VALUE]),
      box("13", "Invoice number(s) and date of invoice(s)", INVOICE),
      box("14", "Remarks", ["remarks"]),
      box("15", "Declaration by the exporter or producer", DECLARATION),
      box("16", "Certification", NONE),
      box(
        "17",
        "Back-to-back Certificate of Origin / Third-party invoicing / ISSUED RETROACTIVELY",
        NONE,
        "tick boxes; ISSUED RETROACTIVELY is ticked by the system",
      ),
    ],
    hsDigits: 6,
    value: { kind: "FOB", required: "rvc" },
    departureDateRequired: true,
    sources: ["S71", "S85"],
  },
  CNCL: {
    code: "CNCL",
    letter: "F",
    nameZh: "中国-智利自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form F for China-Chile FTA",
    // 14 boxes since 2019 (§13); titles by analogy with the bilateral family; retro mark in Box 5.
    boxes: bilateralBoxes("Item number (Max 50)"),
    ...BILATERAL_FORM,
    // Chile: carrier number always required (§17 rule 33).
    carrierNoAlways: true,
    sources: ["S37", "S76", "S77"],
    unverified: true,
  },
  CNPK: {
    code: "CNPK",
    letter: "P",
    nameZh: "中国-巴基斯坦自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN China-Pakistan Free Trade Agreement",
    boxes: [
      box("", "Reference No.", NONE, "assigned at approval"),
      box("1", "Goods consigned from (Exporter's business name, address, country)", EXPORTER),
      box("2", "Goods consigned to (Consignee's name, address, country)", CONSIGNEE),
      box("3", "Producer's name and address", PRODUCER),
      box("4", "Means of transport and route (as far as known)", STRUCTURED_ROUTE),
      box("5", "For Official Use", NONE, "importing customs only"),
      box("6", "Item number", ITEM),
      box("7", "Marks and numbers of packages; number and kind of packages; description of goods; HS code of the importing country", [
        ...MARKS,
        ...DESCRIPTION,
        ...HS,
      ]),
      box("8", "Origin criterion", CRITERION),
      box("9", "Gross weight or other quantity and value (FOB)", [...QUANTITY, ...VALUE]),
      box("10", "Number and date of invoices", INVOICE),
      box("11", "Remarks", ["remarks"]),
      box("12", "Declaration by the exporter", DECLARATION),
      box("13", "Certification", NONE, "ISSUED RETROACTIVELY marked here"),
    ],
    hsDigits: 6,
    value: { kind: "FOB", required: "always" },
    departureDateRequired: true,
    sources: ["S78", "S79"],
    unverified: true,
  },
  CNGE: {
    code: "CNGE",
    letter: "GE",
    nameZh: "中国-格鲁吉亚自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Georgia FTA",
    boxes: bilateralBoxes("Item number"),
    ...BILATERAL_FORM,
    sources: ["S80"],
    unverified: true,
  },
  CNMU: {
    code: "CNMU",
    letter: "MU",
    nameZh: "中国-毛里求斯自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Mauritius FTA",
    boxes: [
      box("", "Certificate No.", NONE, "assigned at approval"),
      box("1", "Exporter's name, address and country", EXPORTER),
      box("2", "Consignee's name, address and country", CONSIGNEE, "*** if unknown"),
      box("3", "Means of transport and route", STRUCTURED_ROUTE, "*** if unknown"),
      box("4", "Remarks", ["remarks"]),
      box("5", "Item number", ITEM),
      box("6", "Marks and numbers; number and kind of packages; description of goods", [...MARKS, ...DESCRIPTION]),
      box("7", "HS code (6 digit)", HS),
      box("8", "Origin criterion", CRITERION),
      box("9", "Gross weight or other quantity", QUANTITY),
      box("10", "Invoice number and date", INVOICE),
      box("11", "Declaration by the exporter or producer", DECLARATION),
      box("12", "Certification", NONE),
    ],
    hsDigits: 6,
    value: null,
    departureDateRequired: true,
    sources: ["S81"],
    unverified: true,
  },
  CNRS: {
    code: "CNRS",
    letter: "SE",
    nameZh: "中国-塞尔维亚自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Serbia FTA",
    boxes: bilateralBoxes("Item number"),
    ...BILATERAL_FORM,
    sources: ["S16", "S82"],
    unverified: true,
  },
  CNEC: {
    code: "CNEC",
    letter: "EC",
    nameZh: "中国-厄瓜多尔自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Ecuador FTA",
    boxes: bilateralBoxes("Item number"),
    ...BILATERAL_FORM,
    sources: ["S84"],
    unverified: true,
  },
  CNNI: {
    code: "CNNI",
    letter: "NI",
    nameZh: "中国-尼加拉瓜自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Nicaragua FTA",
    boxes: bilateralBoxes("Item number"),
    ...BILATERAL_FORM,
    sources: ["S83"],
    unverified: true,
  },
  CNKH: {
    code: "CNKH",
    letter: "KH",
    nameZh: "中国-柬埔寨自贸协定原产地证书",
    titleEn: "CERTIFICATE OF ORIGIN Form for China-Cambodia FTA",
    boxes: bilateralBoxes("Item number"),
    ...BILATERAL_FORM,
    sources: [],
    unverified: true,
  },
};

/** Digits of the HS code a form prints: 6 (FTA forms asking for the six-digit subheading), 4 (APTA's heading), null (as filed). */
export function hsDigitsForType(type: CertificateTypeCode): 4 | 6 | null {
  return CERTIFICATE_FORMS[type].hsDigits;
}

/**
 * The HS code as the form prints it, from the code as filed (`6116100000`, `6116.10.00`):
 * six-digit forms print `611610`, APTA the heading `61.16` (REFERENCE.md §0.4, §2), the general
 * certificate and CEPA the code as filed. Machine review compares the filed product with this.
 */
export function printedHsCode(type: CertificateTypeCode, hs: string): string {
  const digits = hsDigitsForType(type);
  const plain = hs.replace(/[\s.]/g, "");
  if (digits === null || !/^\d+$/.test(plain) || plain.length < digits) return hs.trim();
  const cut = plain.slice(0, digits);
  return digits === 4 ? `${cut.slice(0, 2)}.${cut.slice(2)}` : cut;
}
