import { AppError } from "../../lib/errors.ts";
import type { CertificateType } from "../model.ts";
import { CERTIFICATE_FORMS } from "./boxes.ts";
import { consignedFamily, generalFamily, producerFamily, swissFamily, type Labelled } from "./families.ts";
import type { ColumnField, ColumnSpec, FormLayout, StatementPart, TitleLine } from "./types.ts";

/**
 * Every form the renderer draws, as geometry over the box table (`boxes.ts`): a layout names its
 * boxes and goods columns by number only, and `titled` takes each title from the table, so box
 * numbers and titles are typed once (forms.test.ts fails when a layout and the table disagree).
 * Titles, statements and overleaf notes follow REFERENCE.md §1–§15 and the official specimens as
 * far as we know them; wording no source here confirms is marked unverified in the table's entry
 * (`unverified: true`) or in a comment below. Retroactive places follow §14 and §17 rule 27.
 */

const col = (field: ColumnField, label: string, w: number): ColumnSpec => ({ field, label, title: "", w });
const l = (label: string): Labelled => ({ label });
const party = <F extends "exporter" | "producer" | "consignee">(field: F, label: string) => ({ field, label });
const ISSUED_IN: TitleLine = { text: "Issued in THE PEOPLE'S REPUBLIC OF CHINA", size: 8 };

const text = (t: string): StatementPart => ({ text: t });
const importingParty = (caption: string): StatementPart => ({ datum: "destination", caption });
const exportingCountry: StatementPart = { datum: "exportingCountry", caption: "(Country)" };

type Signed = Parameters<typeof producerFamily>[0]["declaration"];

/** Declaration of the common FTA shape (ChAFTA, Korea, New Zealand, Peru ... §15): information correct, goods exported to X comply. */
function ftaDeclaration(label: string, agreement: string): Signed {
  return {
    label,
    statement: [
      text("The undersigned hereby declares that the above-stated information is correct and that the goods exported to"),
      importingParty("(Importing Party)"),
      text(`comply with the origin requirements specified in the ${agreement}.`),
    ],
    caption: "Place, date and signature of authorised person",
  };
}

/** Certification of the NZ / Korea / ChAFTA / Peru / Costa Rica shape (§15). */
function ftaCertification(label: string, agreement: string, contactLabels = false): Signed {
  return {
    label,
    statement: [
      text(`On the basis of control carried out, it is hereby certified that the information herein is correct and that the goods described comply with the origin requirements specified in the ${agreement}.`),
    ],
    caption: "Place, date, signature and stamp of the authorised body",
    contactLabels,
  };
}

/** Certification of the Form E / APTA / Singapore / Pakistan shape (§15). */
function controlCertification(label: string, of = "by"): Signed {
  return {
    label,
    statement: [text(`It is hereby certified, on the basis of control carried out, that the declaration ${of} the exporter is correct.`)],
    caption: "Place and date, signature and stamp of certifying authority",
  };
}

/** "... produced in ___ (Country) and comply with ... exported to ___ (Importing Country)" (APTA, Singapore, Pakistan). */
function producedInDeclaration(label: string, agreement: string): Signed {
  return {
    label,
    statement: [
      text("The undersigned hereby declares that the above details and statements are correct; that all the goods were produced in"),
      exportingCountry,
      text(`and that they comply with the origin requirements specified for these goods in the ${agreement} for the goods exported to`),
      importingParty("(Importing Country)"),
    ],
    caption: "Place and date, signature of authorised signatory",
  };
}

/**
 * Declaration whose specimen pre-prints the exporting country (Switzerland, Iceland, Costa Rica:
 * "produced in CHINA"), so only the importing country is filled in.
 */
function producedInChinaDeclaration(label: string, agreement: string): Signed {
  return {
    label,
    statement: [
      text(`The undersigned hereby declares that the above details and statements are correct, that all the goods were produced in CHINA and that they comply with the origin requirements specified in the ${agreement} for the goods exported to`),
      importingParty("(Importing Country)"),
    ],
    caption: "Place and date, signature of authorised signatory",
  };
}

const GENERAL_COLUMNS = [
  col("marks", "6", 30),
  col("description", "7", 82),
  col("hsCode", "8", 22),
  col("quantity", "9", 28),
  col("invoice", "10", 28),
];

const GENERAL_BOXES = {
  exporter: l("1"),
  consignee: l("2"),
  route: l("3"),
  destination: l("4"),
  authority: l("5"),
};

const GENERAL_DECLARATION: Signed = {
  label: "11",
  statement: [
    text(
      "The undersigned hereby declares that the above details and statements are correct, that all the goods were produced in China and that they comply with the Rules of Origin of the People's Republic of China.",
    ),
  ],
  caption: "Place and date, signature and stamp of authorised signatory",
};

/** CCPIT prints its contact line (Tel / Fax / Address of the issuing office) in box 12 (§1). */
const GENERAL_CERTIFICATION: Signed = {
  label: "12",
  statement: [text("It is hereby certified that the declaration by the exporter is correct.")],
  caption: "Place and date, signature and stamp of certifying authority",
  contactLabels: true,
};

/** Importing customs' part of Form E box 4 and RCEP box 5 (specimens; wording unverified). */
const IMPORTING_CUSTOMS = "Signature of Authorised Signatory of the Importing Party";

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

/**
 * Form E overleaf notes, after the 2019 form (GACC 2019 No.136; the text of the ACFTA upgrade
 * protocol's Attachment A as far as we know it: unverified, abridged).
 */
const ACFTA_NOTES: FormLayout["backNotes"] = {
  title: "OVERLEAF NOTES",
  paragraphs: [
    "1. Parties which accept this form for the purpose of preferential treatment under the ASEAN-China Free Trade Area (ACFTA): BRUNEI DARUSSALAM, CAMBODIA, CHINA, INDONESIA, LAOS, MALAYSIA, MYANMAR, PHILIPPINES, SINGAPORE, THAILAND, VIET NAM.",
    "2. CONDITIONS: The main conditions for admission to the preferential treatment under the ACFTA are that goods sent to any Party listed above must: (i) fall within a description of goods eligible for concessions in the country of destination; (ii) comply with the consignment conditions in accordance with Rule 9 (Direct Consignment) of the Rules of Origin; (iii) comply with the origin criteria given in the Rules of Origin.",
    "3. ORIGIN CRITERIA: For exports which are eligible for preferential treatment, the requirement is that either: (i) the goods are wholly obtained or produced in the exporting Party (insert WO); (ii) the goods are produced in a Party exclusively from originating materials (insert PE); (iii) the goods satisfy the regional value content of not less than 40 per cent (insert the percentage, e.g. RVC 40%); (iv) the goods satisfy a change in tariff heading (insert CTH); (v) the goods satisfy the product specific rules (insert PSR).",
    "4. EACH ARTICLE MUST QUALIFY: Each article in a consignment must qualify separately in its own right.",
    "5. DESCRIPTION OF PRODUCTS: The description of products must be sufficiently detailed to enable the products to be identified by the Customs Officers examining them. The name of the manufacturer and any trade mark shall also be specified. The HS number shall be that of the importing Party, in six digits.",
    "6. FOB VALUE: The FOB value shall be indicated in Box 9 only when the RVC criterion is applied.",
    "7. Box 11 must be completed, signed and dated by the exporter. Box 12 must be certified by the Issuing Authority of the exporting Party.",
    "8. BOX 13: In the case of Certificates of Origin issued retroactively, back-to-back Certificates of Origin, goods sent for exhibition and third-party invoicing, the appropriate box shall be ticked.",
  ],
};

/** APTA overleaf notes (Rules of Origin, Annex II; wording abridged, unverified). */
const APTA_NOTES: FormLayout["backNotes"] = {
  title: "NOTES",
  paragraphs: [
    "I. General Conditions: To qualify for preference, products must (a) fall within a description of products eligible for concessions in the country of destination; (b) comply with the rules of origin of the Asia-Pacific Trade Agreement, each article in a consignment qualifying separately in its own right; (c) comply with the consignment conditions specified by the rules of origin (direct consignment).",
    "II. Entries to be made in Box 8: Preference products must either be wholly produced or obtained in the exporting Participating State, or, where not wholly produced, satisfy the requirements of Rule 3 or Rule 4 of the Rules of Origin.",
    "(a) Products wholly produced or obtained: enter the letter \"A\" in Box 8.",
    "(b) Products not wholly produced or obtained: enter the letter \"B\" followed by the percentage of the FOB value of the non-originating materials (e.g. \"B\" 50%); for cumulative origin under Rule 4 enter \"C\" followed by the aggregate content percentage (e.g. \"C\" 60%); for least developed participating states' special rules enter \"D\".",
    "III. Box 5: the tariff item number is the four-digit heading of the Harmonized System of the importing country.",
    "IV. Each article must qualify: goods must be described in sufficient detail to be identified by the customs officers examining them.",
  ],
};

/** RCEP overleaf notes (Annex 3B, Form RCEP; wording abridged, unverified). */
const RCEP_NOTES: FormLayout["backNotes"] = {
  title: "OVERLEAF NOTES",
  paragraphs: [
    "1. This Certificate of Origin shall be issued by the issuing body of the exporting Party in accordance with Chapter 3 (Rules of Origin) of the Regional Comprehensive Economic Partnership Agreement.",
    "2. Box 1: the exporter's name, address and country. Box 2: the importer's or consignee's name, address and country. Box 3: the producer's name, address and country if known; where several producers, SEE BOX 8 may be stated; where the producer wishes it, CONFIDENTIAL; where unknown, NOT AVAILABLE.",
    "3. Box 4: the departure date, the vessel's name or aircraft flight number and the port of discharge, if known. Box 5: for official use by the customs authority of the importing Party, which ticks whether preferential tariff treatment is given or not given.",
    "4. Box 9: the HS code of the good at the 6-digit level. Box 10: the origin conferring criterion: WO, PE, CTC, RVC, CR; ACU (accumulation) and DMI (de minimis) are indicated only together with a criterion.",
    "5. Box 11: the RCEP country of origin determined under Article 2.6 of Chapter 2. Box 12: the quantity, and the FOB value only where the RVC criterion is applied.",
    "6. Box 13: the invoice number(s) and date(s); where the invoice is issued by a non-Party operator, its name and address are stated in Box 14 and Third-party invoicing is ticked in Box 17.",
    "7. Box 17: ticked for back-to-back Certificates of Origin, third-party invoicing, or certificates issued retroactively.",
  ],
};

/** Goods columns of the producer-box FTA forms: item, marks, description, HS, criterion, quantity, invoice; numbered from `first`. */
function producerColumns(first: number, invField: ColumnField = "invoice"): ColumnSpec[] {
  const n = (i: number) => String(first + i);
  return [
    col("itemNo", n(0), 11),
    col("marks", n(1), 27),
    col("description", n(2), 66),
    col("hsCode", n(3), 18),
    col("criterion", n(4), 16),
    col("quantity", n(5), 26),
    col(invField, n(6), 26),
  ];
}

const title = (...lines: TitleLine[]) => lines;
const big = (t: string): TitleLine => ({ text: t, size: 13, bold: true });
const sub = (t: string): TitleLine => ({ text: t, size: 8.5 });

/**
 * The 14-box bilateral form the table uses for Chile (2019), Georgia, Serbia, Ecuador, Nicaragua
 * and Cambodia (no specimen in the reference: the table marks them unverified).
 */
function bilateralForm(type: CertificateType, name: string, agreement: string, formFor: string): FormLayout {
  return producerFamily({
    type,
    name,
    title: title(big("CERTIFICATE OF ORIGIN"), sub(formFor), ISSUED_IN),
    parties: [party("exporter", "1"), party("producer", "2"), party("consignee", "3")],
    boxes: { officialUse: l(""), transport: l("4"), remarks: l("5") },
    columns: producerColumns(6),
    declaration: ftaDeclaration("13", agreement),
    certification: ftaCertification("14", agreement),
    retroPlace: "5",
  });
}

const DRAWN: Partial<Record<CertificateType, FormLayout>> = {
  GENERAL: generalFamily({
    type: "GENERAL",
    name: "Certificate of Origin of the People's Republic of China",
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
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Australia Free Trade Agreement"), ISSUED_IN),
    parties: [
      party("exporter", "1"),
      party("producer", "2"),
      party("consignee", "3"),
    ],
    boxes: {
      officialUse: l(""),
      transport: l("4"),
      remarks: l("5"),
    },
    columns: producerColumns(6),
    declaration: ftaDeclaration("13", "China-Australia Free Trade Agreement"),
    certification: ftaCertification("14", "China-Australia Free Trade Agreement", true),
    retroPlace: "5",
    backNotes: CHAFTA_NOTES,
  }),
  CNKR: producerFamily({
    type: "CNKR",
    name: "Certificate of Origin — China-Korea FTA",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Korea FTA"), ISSUED_IN),
    parties: [
      party("exporter", "1"),
      party("producer", "2"),
      party("consignee", "3"),
    ],
    boxes: {
      transport: l("4"),
      remarks: l("5"),
    },
    columns: producerColumns(6),
    declaration: ftaDeclaration("13", "China-Korea FTA"),
    certification: ftaCertification("14", "China-Korea FTA"),
    retroPlace: "5",
  }),
  CNNZ: producerFamily({
    type: "CNNZ",
    name: "Certificate of Origin — China-New Zealand FTA",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for the Free Trade Agreement between"), sub("the Government of the People's Republic of China"), sub("and the Government of New Zealand"), ISSUED_IN),
    parties: [
      party("exporter", "1"),
      party("producer", "2"),
      party("consignee", "3"),
    ],
    boxes: {
      officialUse: l("5"),
      transport: l("4"),
      remarks: l("6"),
    },
    columns: producerColumns(7, "invoiceValue"),
    declaration: ftaDeclaration("14", "Free Trade Agreement between China and New Zealand"),
    certification: ftaCertification("15", "Free Trade Agreement between China and New Zealand"),
    retroPlace: "6",
  }),
  CNCR: producerFamily({
    type: "CNCR",
    name: "Certificate of Origin — China-Costa Rica Free Trade Agreement",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Costa Rica Free Trade Agreement"), ISSUED_IN),
    parties: [
      party("exporter", "1"),
      party("producer", "2"),
      party("consignee", "3"),
    ],
    boxes: {
      officialUse: l(""),
      transport: l("4"),
      remarks: l("5"),
    },
    columns: producerColumns(6, "invoiceValue"),
    declaration: producedInChinaDeclaration("13", "Free Trade Agreement between China and Costa Rica"),
    certification: ftaCertification("14", "China-Costa Rica Free Trade Agreement", true),
    retroPlace: "14",
  }),
  CNPE: producerFamily({
    type: "CNPE",
    name: "Certificate of Origin — China-Peru FTA",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Peru FTA"), ISSUED_IN),
    parties: [
      party("exporter", "1"),
      party("producer", "2"),
      party("consignee", "3"),
    ],
    boxes: {
      officialUse: l(""),
      transport: l("4"),
      remarks: l("5"),
    },
    columns: [
      col("itemNo", "6", 11),
      col("description", "7", 83),
      col("hsCode", "8", 18),
      col("criterion", "9", 16),
      col("quantity", "10", 22),
      col("invoice", "11", 22),
      col("value", "12", 18),
    ],
    declaration: ftaDeclaration("13", "China-Peru FTA"),
    certification: ftaCertification("14", "China-Peru FTA"),
    retroPlace: "title",
  }),
  RCEP: producerFamily({
    type: "RCEP",
    name: "RCEP Certificate of Origin",
    title: title(
      { text: "REGIONAL COMPREHENSIVE ECONOMIC", size: 9.5, bold: true },
      { text: "PARTNERSHIP AGREEMENT", size: 9.5, bold: true },
      big("CERTIFICATE OF ORIGIN"),
      sub("Form RCEP"),
      ISSUED_IN,
    ),
    parties: [
      party("exporter", "1"),
      party("consignee", "2"),
      party("producer", "3"),
    ],
    boxes: {
      officialUse: {
        label: "5",
        ticks: ["Preferential Tariff Treatment Given", "Preferential Tariff Treatment Not Given (Please state reason/s)"],
        caption: "Signature of Authorised Signatory of the Customs Authority of the Importing Party",
      },
      transport: l("4"),
      remarks: l("14"),
    },
    transportRows: [
      { label: "Departure Date:", datum: "departureDate" },
      { label: "Vessel's name/Aircraft flight number:", datum: "vessel" },
      { label: "Port of Discharge:", datum: "portOfDischarge" },
    ],
    columns: [
      col("itemNo", "6", 10),
      col("marks", "7", 24),
      col("description", "8", 56),
      col("hsCode", "9", 16),
      col("criterion", "10", 16),
      col("originCountry", "11", 18),
      col("quantityValue", "12", 26),
      col("invoice", "13", 24),
    ],
    valueOnlyForRvc: true,
    declaration: {
      label: "15",
      statement: [
        text("The undersigned hereby declares that the above details and statements are correct and that the goods covered in this Certificate comply with the requirements specified in the Regional Comprehensive Economic Partnership Agreement. These goods are exported to:"),
        importingParty("(Importing Party)"),
      ],
      caption: "Place and date, name, signature and company of authorised signatory",
    },
    certification: ftaCertification("16", "Regional Comprehensive Economic Partnership Agreement"),
    ticks: {
      label: "17",
      boxes: ["none", "none", "retro"],
    },
    retroPlace: "tick",
    backNotes: RCEP_NOTES,
  }),
  ACFTA: consignedFamily({
    type: "ACFTA",
    name: "ASEAN-China FTA Certificate of Origin — Form E",
    title: title(
      { text: "ASEAN-CHINA FREE TRADE AREA", size: 10, bold: true },
      { text: "PREFERENTIAL TARIFF CERTIFICATE OF ORIGIN", size: 9, bold: true },
      sub("(Combined Declaration and Certificate)"),
      big("FORM E"),
      ISSUED_IN,
      { text: "See Overleaf Notes", size: 7 },
    ),
    boxes: {
      exporter: l("1"),
      consignee: l("2"),
      transport: l("3"),
      officialUse: {
        label: "4",
        ticks: ["Preferential Treatment Given", "Preferential Treatment Not Given (Please state reason/s)"],
        caption: IMPORTING_CUSTOMS,
      },
    },
    transportRows: [
      { label: "Departure date:", datum: "departureDate" },
      { label: "Vessel's name/Aircraft etc.:", datum: "vessel" },
      { label: "Port of Discharge:", datum: "portOfDischarge" },
    ],
    columns: [
      col("itemNo", "5", 11),
      col("marks", "6", 27),
      col("description", "7", 72),
      col("criterion", "8", 20),
      col("quantityValue", "9", 32),
      col("invoice", "10", 28),
    ],
    hsInDescription: true,
    valueOnlyForRvc: true,
    // 2019 form (GACC 2019 No.136): "rules of origin, as provided in the ACFTA" (specimen wording, unverified)
    declaration: {
      label: "11",
      statement: [
        text("The undersigned hereby declares that the above details and statement are correct; that all the goods were produced in"),
        exportingCountry,
        text("and that they comply with the rules of origin, as provided in the ACFTA for the goods exported to"),
        importingParty("(Importing Country)"),
      ],
      caption: "Place and date, signature of authorised signatory",
    },
    certification: controlCertification("12"),
    ticks: {
      label: "13",
      boxes: ["retro", "none", "none", "none"],
    },
    retroPlace: "tick",
    backNotes: ACFTA_NOTES,
  }),
  CNSG: consignedFamily({
    type: "CNSG",
    name: "China-Singapore FTA Preferential Tariff Certificate of Origin",
    title: title(
      { text: "CHINA-SINGAPORE FREE TRADE AGREEMENT", size: 10, bold: true },
      { text: "PREFERENTIAL TARIFF CERTIFICATE OF ORIGIN", size: 9, bold: true },
      ISSUED_IN,
    ),
    boxes: {
      exporter: l("1"),
      consignee: l("2"),
      transport: l("3"),
      officialUse: l("4"),
    },
    transportRows: [
      { label: "Departure date:", datum: "departureDate" },
      { label: "Vessel's name/Aircraft flight number:", datum: "vessel" },
      { label: "Port of discharge:", datum: "portOfDischarge" },
    ],
    columns: [
      col("itemNo", "5", 11),
      col("marks", "6", 27),
      col("description", "7", 72),
      col("criterion", "8", 20),
      col("quantityValue", "9", 32),
      col("invoice", "10", 28),
    ],
    hsInDescription: true,
    declaration: producedInDeclaration("11", "China-Singapore Free Trade Agreement"),
    certification: controlCertification("12"),
    retroPlace: "12",
  }),
  APTA: consignedFamily({
    type: "APTA",
    name: "Asia-Pacific Trade Agreement Certificate of Origin",
    title: title(
      big("CERTIFICATE OF ORIGIN"),
      { text: "Asia-Pacific Trade Agreement", size: 10, bold: true },
      sub("(Combined Declaration and Certificate)"),
      ISSUED_IN,
    ),
    boxes: {
      exporter: l("1"),
      consignee: l("2"),
      transport: l("4"),
      officialUse: l("3"),
    },
    columns: [
      col("hsCode", "5", 18),
      col("marks", "6", 28),
      col("description", "7", 68),
      col("criterion", "8", 20),
      col("quantity", "9", 28),
      col("invoice", "10", 28),
    ],
    declaration: producedInDeclaration("11", "Asia-Pacific Trade Agreement"),
    certification: controlCertification("12"),
    retroPlace: "3",
    backNotes: APTA_NOTES,
  }),
  CNCH: swissFamily({
    type: "CNCH",
    name: "Certificate of Origin — FTA between China and Switzerland",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("used in FTA between CHINA and SWITZERLAND"), ISSUED_IN),
    boxes: {
      exporter: l("1"),
      consignee: l("2"),
      transport: l("3"),
      remarks: l("4"),
    },
    columns: [
      col("itemNo", "5", 11),
      col("marks", "6", 25),
      col("description", "7", 68),
      col("hsCode", "8", 18),
      col("criterion", "9", 16),
      col("quantity", "10", 26),
      col("invoiceValue", "11", 26),
    ],
    declaration: producedInChinaDeclaration("13", "Free Trade Agreement between China and Switzerland"),
    certification: controlCertification("12", "of"),
    verification: { request: l("14"), result: l("15") },
    retroPlace: "4",
  }),
  CNIS: swissFamily({
    type: "CNIS",
    name: "Certificate of Origin — China-Iceland Free Trade Agreement",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("China-Iceland Free Trade Agreement"), ISSUED_IN),
    boxes: {
      exporter: l("1"),
      consignee: l("2"),
      transport: l("3"),
      remarks: l("4"),
    },
    columns: [
      col("itemNo", "5", 11),
      col("marks", "6", 25),
      col("description", "7", 68),
      col("hsCode", "8", 18),
      col("criterion", "9", 16),
      col("quantity", "10", 26),
      col("invoice", "11", 26),
    ],
    declaration: producedInChinaDeclaration("13", "Free Trade Agreement between China and Iceland"),
    certification: controlCertification("12", "of"),
    retroPlace: "4",
  }),
  CNCL: bilateralForm("CNCL", "Certificate of Origin — China-Chile FTA (Form F)", "Free Trade Agreement between China and Chile", "Form F for China-Chile FTA"),
  CNGE: bilateralForm("CNGE", "Certificate of Origin — China-Georgia FTA", "Free Trade Agreement between China and Georgia", "Form for China-Georgia FTA"),
  CNRS: bilateralForm("CNRS", "Certificate of Origin — China-Serbia FTA", "Free Trade Agreement between China and Serbia", "Form for China-Serbia FTA"),
  CNEC: bilateralForm("CNEC", "Certificate of Origin — China-Ecuador FTA", "Free Trade Agreement between China and Ecuador", "Form for China-Ecuador FTA"),
  CNNI: bilateralForm("CNNI", "Certificate of Origin — China-Nicaragua FTA", "Free Trade Agreement between China and Nicaragua", "Form for China-Nicaragua FTA"),
  CNKH: bilateralForm("CNKH", "Certificate of Origin — China-Cambodia FTA", "Free Trade Agreement between China and Cambodia", "Form for China-Cambodia FTA"),
  // Pakistan (§13): 13 boxes; producer in box 3, marks and the importing country's 6-digit HS in the description box 7; retro in box 13.
  CNPK: producerFamily({
    type: "CNPK",
    name: "Certificate of Origin — China-Pakistan FTA",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("China-Pakistan Free Trade Agreement"), sub("(Combined Declaration and Certificate)"), ISSUED_IN),
    parties: [party("exporter", "1"), party("consignee", "2"), party("producer", "3")],
    boxes: { officialUse: l("5"), transport: l("4"), remarks: l("11") },
    columns: [col("itemNo", "6", 11), col("description", "7", 85), col("criterion", "8", 20), col("quantityValue", "9", 40), col("invoice", "10", 34)],
    hsInDescription: true,
    declaration: producedInDeclaration("12", "Free Trade Agreement between the Government of the People's Republic of China and the Government of the Islamic Republic of Pakistan"),
    certification: controlCertification("13"),
    retroPlace: "13",
  }),
  // Mauritius (§13): 12 boxes; marks with the description in box 6; declaration 11 left of certification 12.
  CNMU: swissFamily({
    type: "CNMU",
    name: "Certificate of Origin — China-Mauritius FTA",
    title: title(big("CERTIFICATE OF ORIGIN"), sub("Form for China-Mauritius FTA"), ISSUED_IN),
    boxes: { exporter: l("1"), consignee: l("2"), transport: l("3"), remarks: l("4") },
    columns: [col("itemNo", "5", 11), col("description", "6", 85), col("hsCode", "7", 18), col("criterion", "8", 16), col("quantity", "9", 30), col("invoice", "10", 30)],
    declaration: ftaDeclaration("11", "Free Trade Agreement between China and Mauritius"),
    certification: ftaCertification("12", "Free Trade Agreement between China and Mauritius"),
    declarationLeft: true,
    retroPlace: "4",
  }),
};

/** Tick-box labels from the table's title of the tick box ("Issued Retroactively / Exhibition / …"), one per box. */
function tickLabels(ticks: NonNullable<FormLayout["ticks"]>, title: string | undefined) {
  const labels = (title ?? "").split(" / ");
  if (labels.length !== ticks.boxes.length) throw new Error(`tick box ${ticks.label}: the table's title names ${labels.length} boxes, the layout draws ${ticks.boxes.length}`);
  return ticks.boxes.map((b, i) => ({ ...b, label: labels[i]! }));
}

/**
 * Fills every title from the box table by box number (unnumbered boxes after the number box, in
 * order). A number the table does not know is a programming error, caught by forms.test.ts.
 */
function titled(layout: FormLayout): FormLayout {
  const table = CERTIFICATE_FORMS[layout.type].boxes;
  const unnumbered = table.filter((b) => b.no === "").slice(1);
  const numbered = new Map(table.filter((b) => b.no !== "").map((b) => [b.no, b.title]));
  const titleOf = (label: string | undefined, k: () => number) => {
    const title = label ? numbered.get(label) : unnumbered[k()]?.title;
    if (title === undefined) throw new Error(`${layout.type}: box ${label || "(unnumbered)"} is not in the box table`);
    return title;
  };
  let k = 0;
  return {
    ...layout,
    header: { ...layout.header, numberLabel: table[0]!.title },
    ticks: layout.ticks && { ...layout.ticks, boxes: tickLabels(layout.ticks, numbered.get(layout.ticks.label)) },
    boxes: layout.boxes.map((b) => ({ ...b, title: b.title || titleOf(b.label, () => k++) })),
    goods: { ...layout.goods, columns: layout.goods.columns.map((c) => ({ ...c, title: titleOf(c.label, () => k++) })) },
  };
}

const LAYOUTS: Partial<Record<CertificateType, FormLayout>> = Object.fromEntries(
  Object.entries(DRAWN).map(([type, layout]) => [type, titled(layout)]),
);

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
