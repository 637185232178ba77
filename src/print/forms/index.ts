import { AppError } from "../../lib/errors";
import type { CertificateType } from "../model";
import { consignedFamily, generalFamily, producerFamily, swissFamily, type Labelled } from "./families";
import type { ColumnField, ColumnSpec, FormLayout, StatementPart, TitleLine } from "./types";

/**
 * Every form the renderer draws, as data. Box numbers and titles follow REFERENCE.md (§1 general,
 * §2 APTA, §3 Form E, §4 New Zealand, §5 Singapore, §6 Costa Rica, §7 CEPA, §8 Iceland,
 * §9 Switzerland, §10 ChAFTA, §11 Korea, §12 Peru, §13 RCEP); statements follow §15 (gist, not the official
 * wording, which is unverified); retroactive places follow §14 and §17 rule 27.
 */

const col = (field: ColumnField, label: string, title: string, w: number): ColumnSpec => ({ field, label, title, w });
const l = (label: string, title: string): Labelled => ({ label, title });
const party = <F extends "exporter" | "producer" | "consignee">(field: F, label: string, title: string) => ({ field, label, title });
const ISSUED_IN: TitleLine = { text: "Issued in THE PEOPLE'S REPUBLIC OF CHINA", size: 8 };

const text = (t: string): StatementPart => ({ text: t });
const importingParty = (caption: string): StatementPart => ({ datum: "destination", caption });
const exportingCountry: StatementPart = { datum: "exportingCountry", caption: "(Country)" };

/** Declaration of the common FTA shape: information correct, goods exported to X comply with the agreement. */
function ftaDeclaration(label: string, agreement: string, title = "Declaration by the exporter"): Parameters<typeof producerFamily>[0]["declaration"] {
  return {
    label,
    title,
    statement: [
      text("The undersigned hereby declares that the above-stated information is correct and that the goods exported to"),
      importingParty("(Importing Party)"),
      text(`comply with the origin requirements specified in the ${agreement}.`),
    ],
    caption: "Place, date and signature of authorised person",
  };
}

/** Certification of the NZ / Korea / ChAFTA / Peru / Costa Rica shape (§15). */
function ftaCertification(label: string, agreement: string, contactLabels = false, title = "Certification") {
  return {
    label,
    title,
    statement: [
      text(`On the basis of control carried out, it is hereby certified that the information herein is correct and that the goods described comply with the origin requirements of the ${agreement}.`),
    ],
    caption: "Place, date, signature and stamp of the authorised body",
    contactLabels,
  };
}

/** Certification of the Form E / APTA / Switzerland shape (§15). */
function controlCertification(label: string, title = "Certification") {
  return {
    label,
    title,
    statement: [text("It is hereby certified, on the basis of control carried out, that the declaration by the exporter is correct.")],
    caption: "Place and date, signature and stamp of certifying authority",
  };
}

function producedInDeclaration(label: string, agreement: string) {
  return {
    label,
    title: "Declaration by the exporter",
    statement: [
      text("The undersigned hereby declares that the above details and statements are correct; that all the goods were produced in"),
      exportingCountry,
      text(`and that they comply with the origin requirements specified for these goods in the ${agreement} for the goods exported to`),
      importingParty("(Importing Country)"),
    ],
    caption: "Place and date, signature of authorised signatory",
  };
}

const GENERAL_COLUMNS = [
  col("marks", "6", "Marks and numbers", 30),
  col("description", "7", "Number and kind of packages; description of goods", 82),
  col("hsCode", "8", "H.S. Code", 22),
  col("quantity", "9", "Quantity", 28),
  col("invoice", "10", "Number and date of invoices", 28),
];

const GENERAL_BOXES = {
  exporter: l("1", "Exporter"),
  consignee: l("2", "Consignee"),
  route: l("3", "Means of transport and route"),
  destination: l("4", "Country / region of destination"),
  authority: l("5", "For certifying authority use only"),
};

const GENERAL_DECLARATION = {
  label: "11",
  title: "Declaration by the exporter",
  statement: [
    text(
      "The undersigned hereby declares that the above details and statements are correct, that all the goods were produced in China and that they comply with the Rules of Origin of the People's Republic of China.",
    ),
  ],
  caption: "Place and date, signature and stamp of authorised signatory",
};

const GENERAL_CERTIFICATION = {
  label: "12",
  title: "Certification",
  statement: [text("It is hereby certified that the declaration by the exporter is correct.")],
  caption: "Place and date, signature and stamp of certifying authority",
};

/** Overleaf notes: instructions summarised from REFERENCE.md §1 and §10 (our wording, unverified). */
const GENERAL_NOTES: FormLayout["backNotes"] = {
  title: "NOTES",
  paragraphs: [
    "1. Box 1: the exporter's full name, detailed address and country, as registered with the certifying authority. A transit trader may be added after the word VIA.",
    "2. Box 2: the final consignee's name, address and country. Where a letter of credit requires it, TO WHOM IT MAY CONCERN or TO ORDER may be stated; the box is never left blank.",
    "3. Box 3: the port of loading, the port of discharge, the means of transport and any transhipment point, e.g. FROM SHANGHAI, CHINA TO ROTTERDAM, NETHERLANDS BY SEA VIA HONGKONG.",
    "4. Box 4: the final importing country or region.",
    "5. Box 5 is reserved for the certifying authority (retroactive issue, duplicates and other statements). On electronically issued certificates it carries the anti-copy mark and the address where the certificate can be verified.",
    "6. Box 6: the marks and numbers as shown on the packages; N/M when there are none. Placeholders such as AS PER INVOICE are not accepted.",
    "7. Box 7: the number of packages in words and figures, their kind and a description of the goods specific enough to classify them; the last item is followed by a line of asterisks.",
    "8. Box 8: the H.S. code of each item, consistent with the export declaration.",
    "9. Box 9: the quantity in the usual trade unit; weight-based goods show the gross weight, or the net weight marked N.W.",
    "10. Box 10: the invoice number and date; the invoice date may not be later than the date of shipment.",
    "11. Box 11: place and date of the declaration, the signature of the authorised signatory and the stamp of the exporter; the date may not be earlier than the invoice date.",
    "12. Box 12: place and date of certification, signature and stamp of the certifying authority.",
    "A certificate bearing a QR code can be checked by scanning the code or on the certifying authority's verification page with the certificate number and verification code.",
  ],
};

const CHAFTA_NOTES: FormLayout["backNotes"] = {
  title: "OVERLEAF INSTRUCTIONS",
  paragraphs: [
    "Box 1: the full legal name and address of the exporter in China or Australia.",
    "Box 2: the full legal name and address (including country) of the producer, if known; additional producers are listed. SAME when the exporter is the producer; UNKNOWN, or Available to the competent authority or authorised body upon request, where applicable.",
    "Box 3: the full legal name and address of the importer in Australia or China, if known.",
    "Box 4: the means of transport and route as far as known: departure date, vessel, flight, train or vehicle number, port of loading and port of discharge.",
    "Box 5: remarks, e.g. order or letter of credit numbers, a non-party operator issuing the invoice, ISSUED RETROSPECTIVELY.",
    "Box 6: the item number; at most 20 items per certificate.",
    "Box 7: marks and numbers on the packages (optional).",
    "Box 8: the number and kind of packages and a description of each good, specific enough to identify it; the last item is followed by an end marker.",
    "Box 9: the HS code of each good at the six-digit level.",
    "Box 10: the origin criterion of each good: WO — wholly obtained or produced in a Party; WP — produced entirely in one or both Parties exclusively from originating materials; PSR — produced using non-originating materials that satisfy the product specific rule.",
    "Box 11: the gross or net weight or other quantity.",
    "Box 12: the invoice number and date.",
    "Box 13: the declaration signed and dated by the exporter or producer.",
    "Box 14: certification by the authorised body with its telephone, fax and address. A certificate covers a single shipment and is valid for one year from issue.",
  ],
};

const ACFTA_NOTES: FormLayout["backNotes"] = {
  title: "OVERLEAF NOTES",
  paragraphs: [
    "1. Parties to the ASEAN-China Free Trade Area: Brunei Darussalam, Cambodia, China, Indonesia, Lao PDR, Malaysia, Myanmar, the Philippines, Singapore, Thailand and Viet Nam.",
    "2. Box 7: the HS number of the importing Party at the six-digit level is stated for each product.",
    "3. Box 8 origin criteria: WO — wholly obtained; PE — produced entirely from originating materials; RVC — regional value content of at least 40 per cent (state the percentage); CTH — change in tariff heading; PSR — product specific rule.",
    "4. Box 9: the gross weight or other quantity and the FOB value.",
    "5. Box 13: ticked where the certificate is issued retroactively, back-to-back, for an exhibition or with third-party invoicing.",
  ],
};

const PRODUCER_COLUMNS = (c: { item: string; itemTitle: string; marks: string; marksTitle: string; desc: string; descTitle: string; hs: string; hsTitle: string; crit: string; critTitle: string; qty: string; qtyTitle: string; inv: string; invTitle: string; invField?: ColumnField }) => [
  col("itemNo", c.item, c.itemTitle, 11),
  col("marks", c.marks, c.marksTitle, 27),
  col("description", c.desc, c.descTitle, 66),
  col("hsCode", c.hs, c.hsTitle, 18),
  col("criterion", c.crit, c.critTitle, 16),
  col("quantity", c.qty, c.qtyTitle, 26),
  col(c.invField ?? "invoice", c.inv, c.invTitle, 26),
];

const title = (...lines: TitleLine[]) => lines;
const big = (t: string): TitleLine => ({ text: t, size: 13, bold: true });
const sub = (t: string): TitleLine => ({ text: t, size: 8.5 });

const LAYOUTS: Partial<Record<CertificateType, FormLayout>> = {
  GENERAL: generalFamily({
    type: "GENERAL",
    name: "Certificate of Origin of the People's Republic of China",
    numberLabel: "Certificate No.",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("OF"), { text: "THE PEOPLE'S REPUBLIC OF CHINA", size: 10, bold: true }),
    columns: GENERAL_COLUMNS,
    boxes: GENERAL_BOXES,
    declaration: GENERAL_DECLARATION,
    certification: GENERAL_CERTIFICATION,
    retroPlace: "5",
    backNotes: GENERAL_NOTES,
  }),
  CEPA_HK: generalFamily({
    type: "CEPA_HK",
    name: "Certificate of Origin (CEPA, Mainland and Hong Kong)",
    numberLabel: "Certificate No.",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Mainland and Hong Kong Closer Economic"), sub("Partnership Arrangement (CEPA)"), ISSUED_IN),
    columns: GENERAL_COLUMNS,
    boxes: GENERAL_BOXES,
    declaration: GENERAL_DECLARATION,
    certification: GENERAL_CERTIFICATION,
    retroPlace: "5",
    backNotes: GENERAL_NOTES,
  }),
  CEPA_MO: generalFamily({
    type: "CEPA_MO",
    name: "Certificate of Origin (CEPA, Mainland and Macao)",
    numberLabel: "Certificate No.",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Mainland and Macao Closer Economic"), sub("Partnership Arrangement (CEPA)"), ISSUED_IN),
    columns: GENERAL_COLUMNS,
    boxes: GENERAL_BOXES,
    declaration: GENERAL_DECLARATION,
    certification: GENERAL_CERTIFICATION,
    retroPlace: "5",
    backNotes: GENERAL_NOTES,
  }),
  CHAFTA: producerFamily({
    type: "CHAFTA",
    name: "Certificate of Origin — China-Australia Free Trade Agreement",
    numberLabel: "Certificate No.:",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Australia Free Trade Agreement"), ISSUED_IN),
    parties: [
      party("exporter", "1", "Exporter's name, address and country:"),
      party("producer", "2", "Producer's name and address (if known):"),
      party("consignee", "3", "Importer's name, address and country (if known):"),
    ],
    boxes: {
      officialUse: l("", "For official use only:"),
      transport: l("4", "Means of transport and route (if known)"),
      remarks: l("5", "Remarks:"),
    },
    columns: PRODUCER_COLUMNS({
      item: "6", itemTitle: "Item number (max. 20)",
      marks: "7", marksTitle: "Marks and numbers on packages (optional)",
      desc: "8", descTitle: "Number and kind of packages; description of goods",
      hs: "9", hsTitle: "HS code (6-digit code)",
      crit: "10", critTitle: "Origin criterion",
      qty: "11", qtyTitle: "Gross or net weight or other quantity (e.g. Quantity Unit, litres, m3.)",
      inv: "12", invTitle: "Invoice number and date",
    }),
    declaration: ftaDeclaration("13", "China-Australia Free Trade Agreement", "Declaration by the exporter or producer"),
    certification: ftaCertification("14", "China-Australia Free Trade Agreement", true),
    retroPlace: "5",
    backNotes: CHAFTA_NOTES,
  }),
  CNKR: producerFamily({
    type: "CNKR",
    name: "Certificate of Origin — China-Korea FTA",
    numberLabel: "Certificate No.:",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Korea FTA"), ISSUED_IN),
    parties: [
      party("exporter", "1", "Exporter's name and address, country:"),
      party("producer", "2", "Producer's name and address, country:"),
      party("consignee", "3", "Consignee's name and address, country:"),
    ],
    boxes: {
      transport: l("4", "Means of transport and route (as far as known):"),
      remarks: l("5", "Remarks:"),
    },
    columns: PRODUCER_COLUMNS({
      item: "6", itemTitle: "Item number",
      marks: "7", marksTitle: "Marks and Numbers on packages",
      desc: "8", descTitle: "Number and kind of packages; description of goods",
      hs: "9", hsTitle: "HS code (Six-digit code)",
      crit: "10", critTitle: "Origin criterion",
      qty: "11", qtyTitle: "Gross weight, quantity (Quantity Unit) or other measures (liters, m3, etc.)",
      inv: "12", invTitle: "Number and date of invoice",
    }),
    declaration: ftaDeclaration("13", "China-Korea FTA"),
    certification: ftaCertification("14", "China-Korea FTA"),
    retroPlace: "5",
  }),
  CNNZ: producerFamily({
    type: "CNNZ",
    name: "Certificate of Origin — China-New Zealand FTA",
    numberLabel: "Certificate No.:",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for the Free Trade Agreement between the"), sub("People's Republic of China and New Zealand"), ISSUED_IN),
    parties: [
      party("exporter", "1", "Exporter's name, address, country:"),
      party("producer", "2", "Producer's name and address, if known:"),
      party("consignee", "3", "Consignee's name, address, country:"),
    ],
    boxes: {
      officialUse: l("5", "For official use only:"),
      transport: l("4", "Means of transport and route:"),
      remarks: l("6", "Remarks:"),
    },
    columns: PRODUCER_COLUMNS({
      item: "7", itemTitle: "Item number (Max 20)",
      marks: "8", marksTitle: "Marks and numbers on packages",
      desc: "9", descTitle: "Number and kind of packages; description of goods",
      hs: "10", hsTitle: "HS code (Six digit code)",
      crit: "11", critTitle: "Origin criterion",
      qty: "12", qtyTitle: "Gross weight, quantity (quantity unit) or other measures (litres, m3, etc)",
      inv: "13", invTitle: "Number, date of invoice and invoiced value", invField: "invoiceValue",
    }),
    declaration: ftaDeclaration("14", "Free Trade Agreement between China and New Zealand"),
    certification: ftaCertification("15", "Free Trade Agreement between China and New Zealand"),
    retroPlace: "6",
  }),
  CNCR: producerFamily({
    type: "CNCR",
    name: "Certificate of Origin — China-Costa Rica Free Trade Agreement",
    numberLabel: "Certificate No.:",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Costa Rica Free Trade Agreement"), ISSUED_IN),
    parties: [
      party("exporter", "1", "Exporter's name, address, country:"),
      party("producer", "2", "Producer's name and address, if known:"),
      party("consignee", "3", "Importer's name, address, country:"),
    ],
    boxes: {
      officialUse: l("", "For Official Use Only"),
      transport: l("4", "Means of transport and route:"),
      remarks: l("5", "Remarks:"),
    },
    columns: PRODUCER_COLUMNS({
      item: "6", itemTitle: "Item number (Max. 20)",
      marks: "7", marksTitle: "Marks and numbers on packages",
      desc: "8", descTitle: "Number and kind of packages; description of goods",
      hs: "9", hsTitle: "HS code (6 digit code)",
      crit: "10", critTitle: "Origin criterion",
      qty: "11", qtyTitle: "Gross weight or other quantity (e.g. Quantity Unit, liters, m3.)",
      inv: "12", invTitle: "Number, date of invoice and invoiced value", invField: "invoiceValue",
    }),
    declaration: ftaDeclaration("13", "China-Costa Rica Free Trade Agreement"),
    certification: ftaCertification("14", "China-Costa Rica Free Trade Agreement", true),
    retroPlace: "14",
  }),
  CNPE: producerFamily({
    type: "CNPE",
    name: "Certificate of Origin — China-Peru FTA",
    numberLabel: "Certificate No.:",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Peru FTA"), ISSUED_IN),
    parties: [
      party("exporter", "1", "Exporter's name and address:"),
      party("producer", "2", "Producer's name and address, if known:"),
      party("consignee", "3", "Consignee's name and address:"),
    ],
    boxes: {
      officialUse: l("", "For Official Use Only"),
      transport: l("4", "Means of transport and route (as far as known):"),
      remarks: l("5", "Remarks:"),
    },
    columns: [
      col("itemNo", "6", "Item number (Max 20)", 11),
      col("description", "7", "Number and kind of packages; description of goods", 83),
      col("hsCode", "8", "HS code (Six digit code)", 18),
      col("criterion", "9", "Origin criterion", 16),
      col("quantity", "10", "Gross weight, quantity (Quantity Unit) or other measures", 22),
      col("invoice", "11", "Number and date of invoice", 22),
      col("value", "12", "Invoiced value", 18),
    ],
    declaration: ftaDeclaration("13", "China-Peru FTA"),
    certification: ftaCertification("14", "China-Peru FTA"),
    retroPlace: "title",
  }),
  RCEP: producerFamily({
    type: "RCEP",
    name: "RCEP Certificate of Origin",
    numberLabel: "Certificate No.",
    title: title(
      { text: "REGIONAL COMPREHENSIVE ECONOMIC", size: 9.5, bold: true },
      { text: "PARTNERSHIP AGREEMENT", size: 9.5, bold: true },
      big("CERTIFICATE OF ORIGIN"),
      sub("Form RCEP"),
      ISSUED_IN,
    ),
    parties: [
      party("exporter", "1", "Goods consigned from (Exporter's name, address and country)"),
      party("consignee", "2", "Goods consigned to (Importer's/Consignee's name, address, country)"),
      party("producer", "3", "Producer's name, address and country (if known)"),
    ],
    boxes: {
      officialUse: l("5", "For Official Use: Preferential Treatment Given / Not Given"),
      transport: l("4", "Means of transport and route (if known)"),
      remarks: l("14", "Remarks"),
    },
    transportRows: [
      { label: "Departure Date:", datum: "departureDate" },
      { label: "Vessel's name/Aircraft flight number:", datum: "vessel" },
      { label: "Port of Discharge:", datum: "portOfDischarge" },
    ],
    columns: [
      col("itemNo", "6", "Item number", 10),
      col("marks", "7", "Marks and numbers on packages", 24),
      col("description", "8", "Number and kind of packages; and description of goods", 56),
      col("hsCode", "9", "HS Code of the goods (6 digit-level)", 16),
      col("criterion", "10", "Origin Conferring Criterion", 16),
      col("originCountry", "11", "RCEP Country of Origin", 18),
      col("quantityValue", "12", "Quantity (Gross weight or other measurement), and value (FOB) where RVC is applied", 26),
      col("invoice", "13", "Invoice number(s) and date of invoice(s)", 24),
    ],
    declaration: {
      label: "15",
      title: "Declaration by the exporter or producer",
      statement: [
        text("The undersigned hereby declares that the above details and statements are correct and that the goods covered in this Certificate comply with the requirements specified in the Regional Comprehensive Economic Partnership Agreement. These goods are exported to:"),
        importingParty("(Importing Party)"),
      ],
      caption: "Place and date, name, signature and company of authorised signatory",
    },
    certification: ftaCertification("16", "Regional Comprehensive Economic Partnership Agreement"),
    ticks: {
      label: "17",
      boxes: [
        { id: "none", label: "Back-to-back Certificate of Origin" },
        { id: "none", label: "Third-party invoicing" },
        { id: "retro", label: "ISSUED RETROACTIVELY" },
      ],
    },
    retroPlace: "tick",
  }),
  ACFTA: consignedFamily({
    type: "ACFTA",
    name: "ASEAN-China FTA Certificate of Origin — Form E",
    numberLabel: "Reference No.",
    title: title(
      { text: "ASEAN-CHINA FREE TRADE AREA", size: 10, bold: true },
      { text: "PREFERENTIAL TARIFF CERTIFICATE OF ORIGIN", size: 9, bold: true },
      sub("(Combined Declaration and Certificate)"),
      big("FORM E"),
      ISSUED_IN,
      { text: "See Overleaf Notes", size: 7 },
    ),
    boxes: {
      exporter: l("1", "Products consigned from (Exporter's business name, address, country)"),
      consignee: l("2", "Products consigned to (Consignee's name, address, country)"),
      transport: l("3", "Means of transport and route (as far as known)"),
      officialUse: l("4", "For Official Use: Preferential Treatment Given / Not Given (please state reason/s)"),
    },
    transportRows: [
      { label: "Departure date:", datum: "departureDate" },
      { label: "Vessel's name/Aircraft etc.:", datum: "vessel" },
      { label: "Port of Discharge:", datum: "portOfDischarge" },
    ],
    columns: [
      col("itemNo", "5", "Item number", 11),
      col("marks", "6", "Marks and numbers on packages", 27),
      col("description", "7", "Number and type of packages, description of products (including quantity where appropriate and HS number of the importing Party)", 72),
      col("criterion", "8", "Origin criteria (see Overleaf Notes)", 20),
      col("quantityValue", "9", "Gross weight or other quantity and value (FOB)", 32),
      col("invoice", "10", "Number and date of invoices", 28),
    ],
    hsInDescription: true,
    declaration: producedInDeclaration("11", "ASEAN-China Free Trade Area Preferential Tariff"),
    certification: controlCertification("12"),
    ticks: {
      label: "13",
      boxes: [
        { id: "retro", label: "Issued Retroactively" },
        { id: "none", label: "Back-to-Back CO" },
        { id: "none", label: "Exhibition" },
        { id: "none", label: "Third Party Invoicing" },
      ],
    },
    retroPlace: "tick",
    backNotes: ACFTA_NOTES,
  }),
  CNSG: consignedFamily({
    type: "CNSG",
    name: "China-Singapore FTA Preferential Tariff Certificate of Origin",
    numberLabel: "Reference No.",
    title: title(
      { text: "CHINA-SINGAPORE FREE TRADE AGREEMENT", size: 10, bold: true },
      { text: "PREFERENTIAL TARIFF CERTIFICATE OF ORIGIN", size: 9, bold: true },
      ISSUED_IN,
    ),
    boxes: {
      exporter: l("1", "Exporter's business name, address, country"),
      consignee: l("2", "Consignee's name, address, country"),
      transport: l("3", "Means of transport and route (as far as known)"),
      officialUse: l("4", "For Official Use"),
    },
    transportRows: [
      { label: "Departure date:", datum: "departureDate" },
      { label: "Vessel's name/Aircraft flight number:", datum: "vessel" },
      { label: "Port of discharge:", datum: "portOfDischarge" },
    ],
    columns: [
      col("itemNo", "5", "Item number", 11),
      col("marks", "6", "Marks and numbers on packages", 27),
      col("description", "7", "Number and kind of packages; description of goods including HS code (6 digits)", 72),
      col("criterion", "8", "Origin criterion", 20),
      col("quantityValue", "9", "Gross weight or other quantity and FOB value", 32),
      col("invoice", "10", "Number and date of invoices", 28),
    ],
    hsInDescription: true,
    declaration: producedInDeclaration("11", "China-Singapore Free Trade Agreement"),
    certification: controlCertification("12"),
    retroPlace: "12",
  }),
  APTA: consignedFamily({
    type: "APTA",
    name: "Asia-Pacific Trade Agreement Certificate of Origin",
    numberLabel: "Reference No.",
    title: title(
      big("CERTIFICATE OF ORIGIN"),
      { text: "Asia-Pacific Trade Agreement", size: 10, bold: true },
      sub("(Combined Declaration and Certificate)"),
      ISSUED_IN,
    ),
    boxes: {
      exporter: l("1", "Goods consigned from (Exporter's business name, address, country)"),
      consignee: l("2", "Goods consigned to (Consignee's name, address, country)"),
      transport: l("4", "Means of transport and route"),
      officialUse: l("3", "For Official Use"),
    },
    columns: [
      col("hsCode", "5", "Tariff item number", 18),
      col("marks", "6", "Marks and number of packages", 28),
      col("description", "7", "Number and kind of packages / description of goods", 68),
      col("criterion", "8", "Origin criterion (see notes overleaf)", 20),
      col("quantity", "9", "Gross weight or other quantity", 28),
      col("invoice", "10", "Number and date of invoices", 28),
    ],
    declaration: producedInDeclaration("11", "Asia-Pacific Trade Agreement"),
    certification: controlCertification("12"),
    retroPlace: "3",
  }),
  CNCH: swissFamily({
    type: "CNCH",
    name: "Certificate of Origin — FTA between China and Switzerland",
    numberLabel: "No.",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("used in FTA between CHINA and SWITZERLAND"), ISSUED_IN),
    boxes: {
      exporter: l("1", "Exporter (Name, full address, country)"),
      consignee: l("2", "Consignee (Name, full address, country)"),
      transport: l("3", "Transport details (as far as known)"),
      remarks: l("4", "Remarks"),
    },
    columns: [
      col("itemNo", "5", "Item number (Max 50)", 11),
      col("marks", "6", "Marks and numbers", 25),
      col("description", "7", "Number and kind of packages; Description of goods", 68),
      col("hsCode", "8", "HS code (Six digit code)", 18),
      col("criterion", "9", "Origin criterion", 16),
      col("quantity", "10", "Gross mass (kg) or other measure (liters, m3, etc.)", 26),
      col("invoiceValue", "11", "Number, date of invoice and invoiced value", 26),
    ],
    declaration: ftaDeclaration("13", "Free Trade Agreement between China and Switzerland"),
    certification: controlCertification("12", "Endorsement by the authorised body"),
    verification: { request: l("14", "Request for verification, to"), result: l("15", "Result of verification") },
    retroPlace: "4",
  }),
  CNIS: swissFamily({
    type: "CNIS",
    name: "Certificate of Origin — China-Iceland Free Trade Agreement",
    numberLabel: "No.",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("China-Iceland Free Trade Agreement"), ISSUED_IN),
    boxes: {
      exporter: l("1", "Exporter (Name, full address, country)"),
      consignee: l("2", "Consignee (Name, full address, country)"),
      transport: l("3", "Transport details (as far as known)"),
      remarks: l("4", "Remarks"),
    },
    columns: [
      col("itemNo", "5", "Item number (Max 20)", 11),
      col("marks", "6", "Marks and numbers", 25),
      col("description", "7", "Number and kind of packages; Description of goods", 68),
      col("hsCode", "8", "HS code (Six digit code)", 18),
      col("criterion", "9", "Origin criterion", 16),
      col("quantity", "10", "Gross mass (kg) or other measure (liters, m3, etc.)", 26),
      col("invoice", "11", "Number and date of invoices", 26),
    ],
    declaration: ftaDeclaration("13", "China-Iceland Free Trade Agreement"),
    certification: controlCertification("12", "Certification"),
    retroPlace: "4",
  }),
};

export const NO_LAYOUT_MESSAGE = "该证书类型暂不支持打印。";

/** The form of a certificate type; types without a drawn form yet are refused. */
export function formLayout(type: CertificateType): FormLayout {
  const layout = LAYOUTS[type];
  if (!layout) throw new AppError("invalid", NO_LAYOUT_MESSAGE);
  return layout;
}

export function printableTypes(): CertificateType[] {
  return Object.keys(LAYOUTS) as CertificateType[];
}
