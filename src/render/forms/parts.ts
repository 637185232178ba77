/** The building blocks of the drawn forms (forms/drawn.ts): goods columns, box labels, title lines, and the declaration and certification statements several agreements share (§15). */
import type { CertificateType } from "../model.ts";
import { producerFamily, type Labelled } from "./families.ts";
import type { ColumnField, ColumnSpec, FormLayout, StatementPart, TitleLine } from "./types.ts";

export const col = (field: ColumnField, label: string, w: number): ColumnSpec => ({ field, label, title: "", w });
export const l = (label: string): Labelled => ({ label });
export const party = <F extends "exporter" | "producer" | "consignee">(field: F, label: string) => ({ field, label });
export const ISSUED_IN: TitleLine = { text: "Issued in THE PEOPLE'S REPUBLIC OF CHINA", size: 8 };

export const text = (t: string): StatementPart => ({ text: t });
export const importingParty = (caption: string): StatementPart => ({ datum: "destination", caption });
export const exportingCountry: StatementPart = { datum: "exportingCountry", caption: "(Country)" };

export type Signed = Parameters<typeof producerFamily>[0]["declaration"];

/** Declaration of the common FTA shape (ChAFTA, Korea, New Zealand, Peru ... §15): information correct, goods exported to X comply. */
export function ftaDeclaration(label: string, agreement: string): Signed {
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
export function ftaCertification(label: string, agreement: string, contactLabels = false): Signed {
  return {
    label,
    statement: [
      text(
        `On the basis of control carried out, it is hereby certified that the information herein is correct and that the goods described comply with the origin requirements specified in the ${agreement}.`,
      ),
    ],
    caption: "Place, date, signature and stamp of the authorised body",
    contactLabels,
  };
}

/** Certification of the Form E / APTA / Singapore / Pakistan shape (§15). */
export function controlCertification(label: string, of = "by"): Signed {
  return {
    label,
    statement: [text(`It is hereby certified, on the basis of control carried out, that the declaration ${of} the exporter is correct.`)],
    caption: "Place and date, signature and stamp of certifying authority",
  };
}

/** "... produced in ___ (Country) and comply with ... exported to ___ (Importing Country)" (APTA, Singapore, Pakistan). */
export function producedInDeclaration(label: string, agreement: string): Signed {
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
export function producedInChinaDeclaration(label: string, agreement: string): Signed {
  return {
    label,
    statement: [
      text(
        `The undersigned hereby declares that the above details and statements are correct, that all the goods were produced in CHINA and that they comply with the origin requirements specified in the ${agreement} for the goods exported to`,
      ),
      importingParty("(Importing Country)"),
    ],
    caption: "Place and date, signature of authorised signatory",
  };
}

export const GENERAL_COLUMNS = [col("marks", "6", 30), col("description", "7", 82), col("hsCode", "8", 22), col("quantity", "9", 28), col("invoice", "10", 28)];

export const GENERAL_BOXES = {
  exporter: l("1"),
  consignee: l("2"),
  route: l("3"),
  destination: l("4"),
  authority: l("5"),
};

export const GENERAL_DECLARATION: Signed = {
  label: "11",
  statement: [
    text(
      "The undersigned hereby declares that the above details and statements are correct, that all the goods were produced in China and that they comply with the Rules of Origin of the People's Republic of China.",
    ),
  ],
  caption: "Place and date, signature and stamp of authorised signatory",
};

/** CCPIT prints its contact line (Tel / Fax / Address of the issuing office) in box 12 (§1). */
export const GENERAL_CERTIFICATION: Signed = {
  label: "12",
  statement: [text("It is hereby certified that the declaration by the exporter is correct.")],
  caption: "Place and date, signature and stamp of certifying authority",
  contactLabels: true,
};

/** Importing customs' part of Form E box 4 and RCEP box 5 (specimens; wording unverified). */
export const IMPORTING_CUSTOMS = "Signature of Authorised Signatory of the Importing Party";

/** Goods columns of the producer-box FTA forms: item, marks, description, HS, criterion, quantity, invoice; numbered from `first`. */
export function producerColumns(first: number, invField: ColumnField = "invoice"): ColumnSpec[] {
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

export const title = (...lines: TitleLine[]) => lines;
export const big = (t: string): TitleLine => ({ text: t, size: 13, bold: true });
export const sub = (t: string): TitleLine => ({ text: t, size: 8.5 });

/**
 * The 14-box bilateral form the table uses for Chile (2019), Georgia, Serbia, Ecuador, Nicaragua
 * and Cambodia (no specimen in the reference: the table marks them unverified).
 */
export function bilateralForm(type: CertificateType, name: string, agreement: string, formFor: string): FormLayout {
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
