/** The certificate page's model, and what every part of the page computes from it (ids, the problems by field, shown values). */
import type { FormValues } from "../../../../lib/forms.ts";
import type { CertificateBody } from "../../edi/contract.ts";
import type { FormContext } from "../form-service.ts";
import { formLayout, layoutKeys, partitionProblems, problemsByAnchor, type FieldSpec, type Section, type Touched } from "../form-layout.ts";
import { showCountry, showCustoms, showPort } from "../form.ts";
import type { CertificateStatus } from "../../lifecycle.ts";
import type { CertificateType } from "../../registry.ts";
import type { Problem } from "../../checks/review-problems.ts";
import type { RetroactiveMark } from "../../checks/review-rules.ts";

export type FormModel = {
  id: string;
  status: CertificateStatus;
  editable: boolean;
  deletable: boolean;
  amendable: boolean;
  applicationNo: string;
  number: string | null;
  revision: number;
  savedAt: Date;
  type: CertificateType;
  body: CertificateBody;
  /** What was typed into fields that could not be read, shown instead of the (empty) saved value. */
  typed: FormValues;
  problems: readonly Problem[];
  /** A send was refused: the summary is an alert and takes focus. */
  sendFailed: boolean;
  /** Whose problems show as errors; the others are a neutral to-do list (a new form opens calm). */
  touched: Touched;
  context: FormContext;
  marksImage: { size: number } | null;
  retro: RetroactiveMark | null;
  today: string;
  csrfToken: string;
  notice?: string;
  /** Replaces the saved-at line of the status (e.g. after an upload swapped in by htmx). */
  statusText?: string;
  /** An error about the whole form (a refused upload, a stale save). */
  alert?: string;
  /** The save was refused because another tab saved a newer revision. */
  stale?: boolean;
  /** Key of the control to focus after an edit (htmx swaps honour autofocus). */
  focus?: string | null;
  history: { at: Date; status: string; by: string; note: string | null }[];
  returnReason: string | null;
  replacesId: string | null;
  replacedById: string | null;
};

const dash = (key: string) => key.replace(/[.*]/g, "-");
export const inputId = (key: string) => `f-${dash(key)}`;
export const slotId = (key: string) => `p-${dash(key)}`;

/** Everything a field renderer needs, computed once per render. */
export type View = FormModel & { byAnchor: Map<string, Problem[]>; shown: readonly Problem[]; todo: readonly Problem[]; action: string; layout: Section[] };

export function viewOf(m: FormModel): View {
  const layout = formLayout(m.type);
  const keys = layoutKeys(layout, m.body.goods?.length ?? 0);
  const { shown, todo } = partitionProblems(m.problems, m);
  return { ...m, layout, shown, todo, byAnchor: problemsByAnchor(shown, keys), action: `/certificates/${m.id}` };
}

/** "收货人名称未填写" already names its field; other messages get the field's label in front. */
export const titled = (label: string, message: string) => (message.startsWith(label) ? message : `${label}：${message}`);

export function valueAt(body: CertificateBody, key: string): unknown {
  let cur: unknown = body;
  for (const part of key.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The text an input shows for a key: what was typed when it could not be read, else the saved value as the picker labels it. */
export function shownValue(v: Pick<View, "body" | "typed">, key: string, kind: FieldSpec["kind"]): string {
  if (key in v.typed) return v.typed[key]!;
  if (kind === "country") return showCountry(valueAt(v.body, key) as string | null);
  if (kind === "port") return showPort(valueAt(v.body, key.replace(/\.port$/, "")) as { country?: string; port?: string } | null);
  if (kind === "customs") return showCustoms(v.body.exportCustoms);
  const value = valueAt(v.body, key);
  return value === null || value === undefined ? "" : String(value);
}
