import { AppError } from "../../lib/errors.ts";
import type { CertificateType } from "../model.ts";
import { CERTIFICATE_FORMS } from "./boxes.ts";
import type { FormLayout } from "./types.ts";
import { DRAWN } from "./drawn.ts";

/**
 * Every form the renderer draws, as geometry over the box table (`boxes.ts`): a layout names its
 * boxes and goods columns by number only, and `titled` takes each title from the table, so box
 * numbers and titles are typed once (forms.test.ts fails when a layout and the table disagree).
 * Titles, statements and overleaf notes follow REFERENCE.md §1–§15 and the official specimens as
 * far as we know them; wording no source here confirms is marked unverified in the table's entry
 * (`unverified: true`) or in a comment beside it. Retroactive places follow §14 and §17 rule 27.
 *
 * The layouts are in drawn.ts, built from parts.ts (columns, statements) and notes.ts (overleaf
 * notes); this file titles them from the table and answers which types print.
 */

/** Tick-box labels from the table's title of the tick box ("Issued Retroactively / Exhibition / …"), one per box. */
function tickLabels(ticks: NonNullable<FormLayout["ticks"]>, title: string | undefined) {
  const labels = (title ?? "").split(" / ");
  if (labels.length !== ticks.boxes.length)
    throw new Error(`tick box ${ticks.label}: the table's title names ${labels.length} boxes, the layout draws ${ticks.boxes.length}`);
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

const LAYOUTS: Partial<Record<CertificateType, FormLayout>> = Object.fromEntries(Object.entries(DRAWN).map(([type, layout]) => [type, titled(layout)]));

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
