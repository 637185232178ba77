import type { CertificateType } from "../model.ts";
import type { BoxSpec, ColumnSpec, FormLayout, Rect, StatementPart, TitleLine, TransportDatum } from "./types.ts";

/**
 * The four families of form geometry (REFERENCE.md §1–§12): the certificate types differ in box
 * numbers, titles, statements and goods columns, which `index.ts` gives as data. Box positions
 * follow each form's box order; exact millimetres are our own drawing (unverified against the
 * printed specimens), the same for print, preview and the PCO overlay.
 */

export const FRAME = { left: 10, right: 200, top: 10, bottom: 287, mid: 105 } as const;
const HALF = FRAME.mid - FRAME.left;

type Signed = { label: string; title?: string; statement: StatementPart[]; caption: string; contactLabels?: boolean };

type Common = {
  type: CertificateType;
  name: string;
  title: TitleLine[];
  columns: ColumnSpec[];
  hsInDescription?: boolean;
  /** the value prints only on lines whose criterion is RVC-based (Form E 2019, RCEP) */
  valueOnlyForRvc?: boolean;
  declaration: Signed;
  certification: Signed;
  retroPlace: string;
  backNotes?: FormLayout["backNotes"];
};

/** Titles left empty here are filled from the box table (forms/boxes.ts) by `forms/index.ts`. */
function box(rect: Rect, label: string | undefined, title: string | undefined, field: BoxSpec["field"], extra: Partial<BoxSpec> = {}): BoxSpec {
  return { rect, label, title: title ?? "", field, ...extra };
}

/** The official-use box: importing customs tick Given / Not Given and sign (Form E box 4, RCEP box 5). */
function officialUse(rect: Rect, l: Labelled): BoxSpec {
  return box(rect, l.label, l.title, "officialUse", l.ticks ? { officialTicks: l.ticks, signatureCaption: l.caption } : {});
}

function signed(rect: Rect, s: Signed, field: "declaration" | "certification"): BoxSpec {
  return box(rect, s.label, s.title, field, {
    statement: s.statement,
    signatureCaption: s.caption,
    contactLabels: s.contactLabels,
  });
}

/** Header strip under the title where the eCO anti-copy patch and verification line go. */
function securityIn(header: Rect): Rect {
  return { x: header.x + 2, y: header.y + header.h - 15, w: header.w - 4, h: 13 };
}

export type Labelled = {
  label: string;
  /** absent: taken from the box table */
  title?: string;
  /** official-use boxes only: pre-printed tick boxes and the caption under the signature line */
  ticks?: string[];
  caption?: string;
};

/** General certificate (and CEPA): boxes 1–4 left, title and box 5 right, goods 6–10, 11 | 12. */
export function generalFamily(
  c: Common & { boxes: { exporter: Labelled; consignee: Labelled; route: Labelled; destination: Labelled; authority: Labelled } },
): FormLayout {
  const header = { x: FRAME.mid, y: FRAME.top, w: HALF, h: 48 };
  const authority = { x: FRAME.mid, y: 58, w: HALF, h: 52 };
  return {
    type: c.type,
    name: c.name,
    header: { rect: header, numberLabel: "" /* the box table's number box, filled by forms/index.ts */, lines: c.title },
    boxes: [
      box({ x: FRAME.left, y: FRAME.top, w: HALF, h: 30 }, c.boxes.exporter.label, c.boxes.exporter.title, "exporter"),
      box({ x: FRAME.left, y: 40, w: HALF, h: 30 }, c.boxes.consignee.label, c.boxes.consignee.title, "consignee"),
      box({ x: FRAME.left, y: 70, w: HALF, h: 26 }, c.boxes.route.label, c.boxes.route.title, "route"),
      box({ x: FRAME.left, y: 96, w: HALF, h: 14 }, c.boxes.destination.label, c.boxes.destination.title, "destination"),
      box(authority, c.boxes.authority.label, c.boxes.authority.title, "officialUse"),
      signed({ x: FRAME.left, y: 222, w: HALF, h: 65 }, c.declaration, "declaration"),
      signed({ x: FRAME.mid, y: 222, w: HALF, h: 65 }, c.certification, "certification"),
    ],
    goods: { top: 110, headerHeight: 12, bottom: 222, columns: c.columns, hsInDescription: c.hsInDescription, valueOnlyForRvc: c.valueOnlyForRvc },
    retroPlace: c.retroPlace,
    security: { x: authority.x + 2, y: authority.y + authority.h - 30, w: authority.w - 4, h: 28 },
    backNotes: c.backNotes,
  };
}

const TRANSPORT_ROWS: { label: string; datum: TransportDatum }[] = [
  { label: "Departure date:", datum: "departureDate" },
  { label: "Vessel/Flight/Train/Vehicle No.:", datum: "vessel" },
  { label: "Port of loading:", datum: "portOfLoading" },
  { label: "Port of discharge:", datum: "portOfDischarge" },
];

/** Box number and, per tick box, whether the system ticks it for retroactive issue; the labels come from the box table's title. */
type Ticks = { label: string; boxes: ("retro" | "none")[] };

/** Tick boxes in a strip under the bottom boxes, spread evenly (Form E box 13, RCEP box 17). */
function tickStrip(ticks: Ticks, top: number): NonNullable<FormLayout["ticks"]> {
  const rect = { x: FRAME.left, y: top, w: FRAME.right - FRAME.left, h: FRAME.bottom - top };
  const step = (rect.w - 12) / ticks.boxes.length;
  return {
    label: ticks.label,
    rect,
    boxes: ticks.boxes.map((id, i) => ({ id, label: "", x: rect.x + 8 + i * step, y: rect.y + rect.h / 2 - 1.5 })),
  };
}

/**
 * Bilateral FTA forms with a producer box (ChAFTA, Korea, New Zealand, Costa Rica, Peru) and
 * RCEP: three party boxes left (in the form's order); title and the official-use box right;
 * transport and remarks side by side; goods; declaration | certification; RCEP adds tick boxes.
 */
export function producerFamily(
  c: Common & {
    /** the three party boxes of the left column, top to bottom */
    parties: [
      Labelled & { field: "exporter" | "producer" | "consignee" },
      Labelled & { field: "exporter" | "producer" | "consignee" },
      Labelled & { field: "exporter" | "producer" | "consignee" },
    ];
    boxes: {
      /** absent: the title block takes the space */
      officialUse?: Labelled;
      transport: Labelled;
      remarks: Labelled;
    };
    transportRows?: { label: string; datum: TransportDatum }[];
    ticks?: Ticks;
  },
): FormLayout {
  const header = { x: FRAME.mid, y: FRAME.top, w: HALF, h: c.boxes.officialUse ? 52 : 78 };
  const [first, second, third] = c.parties;
  const boxes: BoxSpec[] = [
    box({ x: FRAME.left, y: FRAME.top, w: HALF, h: 28 }, first.label, first.title, first.field),
    box({ x: FRAME.left, y: 38, w: HALF, h: 24 }, second.label, second.title, second.field),
    box({ x: FRAME.left, y: 62, w: HALF, h: 26 }, third.label, third.title, third.field),
  ];
  if (c.boxes.officialUse) boxes.push(officialUse({ x: FRAME.mid, y: 62, w: HALF, h: 26 }, c.boxes.officialUse));
  const bottomTop = c.ticks ? 212 : 222;
  const bottomH = c.ticks ? 60 : 65;
  boxes.push(
    box({ x: FRAME.left, y: 88, w: HALF, h: 34 }, c.boxes.transport.label, c.boxes.transport.title, "transportDetails", {
      rows: c.transportRows ?? TRANSPORT_ROWS,
    }),
    box({ x: FRAME.mid, y: 88, w: HALF, h: 34 }, c.boxes.remarks.label, c.boxes.remarks.title, "remarks"),
    signed({ x: FRAME.left, y: bottomTop, w: HALF, h: bottomH }, c.declaration, "declaration"),
    signed({ x: FRAME.mid, y: bottomTop, w: HALF, h: bottomH }, c.certification, "certification"),
  );
  return {
    type: c.type,
    name: c.name,
    header: { rect: header, numberLabel: "" /* the box table's number box, filled by forms/index.ts */, lines: c.title },
    boxes,
    goods: { top: 122, headerHeight: 15, bottom: bottomTop, columns: c.columns, hsInDescription: c.hsInDescription, valueOnlyForRvc: c.valueOnlyForRvc },
    ticks: c.ticks && tickStrip(c.ticks, bottomTop + bottomH),
    retroPlace: c.retroPlace,
    security: securityIn(header),
    backNotes: c.backNotes,
  };
}

/**
 * "Products consigned from / to" forms (Form E, Singapore, APTA): exporter, consignee, transport
 * left; title and official use right; goods; declaration | certification; Form E adds tick boxes.
 */
export function consignedFamily(
  c: Common & {
    boxes: { exporter: Labelled; consignee: Labelled; transport: Labelled; officialUse: Labelled };
    transportRows?: { label: string; datum: TransportDatum }[];
    ticks?: Ticks;
  },
): FormLayout {
  const header = { x: FRAME.mid, y: FRAME.top, w: HALF, h: 60 };
  const bottomTop = c.ticks ? 210 : 222;
  const bottomH = c.ticks ? 62 : 65;
  const layout: FormLayout = {
    type: c.type,
    name: c.name,
    header: { rect: header, numberLabel: "" /* the box table's number box, filled by forms/index.ts */, lines: c.title },
    boxes: [
      box({ x: FRAME.left, y: FRAME.top, w: HALF, h: 30 }, c.boxes.exporter.label, c.boxes.exporter.title, "exporter"),
      box({ x: FRAME.left, y: 40, w: HALF, h: 30 }, c.boxes.consignee.label, c.boxes.consignee.title, "consignee"),
      box(
        { x: FRAME.left, y: 70, w: HALF, h: 34 },
        c.boxes.transport.label,
        c.boxes.transport.title,
        c.transportRows ? "transportDetails" : "route",
        c.transportRows ? { rows: c.transportRows } : {},
      ),
      officialUse({ x: FRAME.mid, y: 70, w: HALF, h: 34 }, c.boxes.officialUse),
      signed({ x: FRAME.left, y: bottomTop, w: HALF, h: bottomH }, c.declaration, "declaration"),
      signed({ x: FRAME.mid, y: bottomTop, w: HALF, h: bottomH }, c.certification, "certification"),
    ],
    goods: { top: 104, headerHeight: 15, bottom: bottomTop, columns: c.columns, hsInDescription: c.hsInDescription, valueOnlyForRvc: c.valueOnlyForRvc },
    retroPlace: c.retroPlace,
    security: securityIn(header),
    backNotes: c.backNotes,
  };
  if (c.ticks) layout.ticks = tickStrip(c.ticks, bottomTop + bottomH);
  return layout;
}

/**
 * Swiss-pattern forms (Switzerland, Iceland): exporter, consignee, transport left; title and
 * remarks right; goods; the authority's endorsement left of the exporter's declaration; the Swiss
 * form adds request / result of verification.
 */
export function swissFamily(
  c: Common & {
    boxes: { exporter: Labelled; consignee: Labelled; transport: Labelled; remarks: Labelled };
    verification?: { request: Labelled; result: Labelled };
    /** the exporter's declaration on the left (Mauritius) instead of the authority's endorsement */
    declarationLeft?: boolean;
  },
): FormLayout {
  const header = { x: FRAME.mid, y: FRAME.top, w: HALF, h: 60 };
  const goodsBottom = c.verification ? 200 : 222;
  const signedH = c.verification ? 62 : 65;
  const boxes: BoxSpec[] = [
    box({ x: FRAME.left, y: FRAME.top, w: HALF, h: 30 }, c.boxes.exporter.label, c.boxes.exporter.title, "exporter"),
    box({ x: FRAME.left, y: 40, w: HALF, h: 30 }, c.boxes.consignee.label, c.boxes.consignee.title, "consignee"),
    box({ x: FRAME.left, y: 70, w: HALF, h: 34 }, c.boxes.transport.label, c.boxes.transport.title, "transportDetails", { rows: TRANSPORT_ROWS }),
    box({ x: FRAME.mid, y: 70, w: HALF, h: 34 }, c.boxes.remarks.label, c.boxes.remarks.title, "remarks"),
    c.declarationLeft
      ? signed({ x: FRAME.left, y: goodsBottom, w: HALF, h: signedH }, c.declaration, "declaration")
      : signed({ x: FRAME.left, y: goodsBottom, w: HALF, h: signedH }, c.certification, "certification"),
    c.declarationLeft
      ? signed({ x: FRAME.mid, y: goodsBottom, w: HALF, h: signedH }, c.certification, "certification")
      : signed({ x: FRAME.mid, y: goodsBottom, w: HALF, h: signedH }, c.declaration, "declaration"),
  ];
  if (c.verification) {
    const y = goodsBottom + signedH;
    boxes.push(
      box({ x: FRAME.left, y, w: HALF, h: FRAME.bottom - y }, c.verification.request.label, c.verification.request.title, "none"),
      box({ x: FRAME.mid, y, w: HALF, h: FRAME.bottom - y }, c.verification.result.label, c.verification.result.title, "none"),
    );
  }
  return {
    type: c.type,
    name: c.name,
    header: { rect: header, numberLabel: "" /* the box table's number box, filled by forms/index.ts */, lines: c.title },
    boxes,
    goods: { top: 104, headerHeight: 15, bottom: goodsBottom, columns: c.columns, hsInDescription: c.hsInDescription, valueOnlyForRvc: c.valueOnlyForRvc },
    retroPlace: c.retroPlace,
    security: securityIn(header),
    backNotes: c.backNotes,
  };
}
