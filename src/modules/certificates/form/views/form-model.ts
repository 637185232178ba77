/** The certificate page's model, and what every part of the page computes from it (ids, the problems by field, shown values). */
import type { FormValues } from "../../../../lib/forms.ts";
import type { CertificateBody } from "../../edi/contract.ts";
import type { FormContext, loadCertificateForm } from "../form-service.ts";
import { formLayout, layoutKeys, partitionProblems, problemsByAnchor, type FieldSpec, type Section, type Touched } from "../form-layout.ts";
import { showCountry, showCustoms, showPort } from "../form.ts";
import { isAmendable, isDeletable, isEditable, type CertificateStatus } from "../../lifecycle.ts";
import { certificateType, type CertificateType } from "../../registry.ts";
import type { Problem } from "../../checks/review-problems.ts";
import { computeRetroactive, type RetroactiveMark } from "../../checks/review-rules.ts";
import { officeToday } from "../../service.ts";

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

/** The request's part of the page: its CSRF token. */
type Requested = { var: { csrfToken: string } };
/** A certificate as the form loads it. */
type Loaded = Awaited<ReturnType<typeof loadCertificateForm>>;
/** The posted form as the routes read it: the body, what was typed where it could not be read, the problems found reading it. */
type Posted = { body: CertificateBody; typed: FormValues; touched: Touched; issues: readonly Problem[]; revision: number | undefined };
/** A save refused (stale revision, no longer editable), and a save done with its revision and review. */
type Refused = { message: string; stale: boolean };
type Saved = { revision: number; savedAt: Date; problems: readonly Problem[] };

/** The page's model from a loaded certificate, with what this request changes. */
export function modelOf(c: Requested, d: Loaded, patch: Partial<FormModel> = {}): FormModel {
  const { cert } = d;
  const body = patch.body ?? cert.body;
  const editable = isEditable(cert.status);
  return {
    id: cert.id,
    status: cert.status,
    editable,
    deletable: isDeletable(cert.status, cert.sentAt),
    amendable: isAmendable(cert.status),
    applicationNo: cert.applicationNo,
    number: cert.number,
    revision: cert.revision,
    savedAt: cert.updatedAt,
    type: certificateType(cert.body.type),
    body,
    typed: {},
    problems: d.problems,
    sendFailed: false,
    touched: cert.status === "RETURNED" ? "all" : new Set<string>(),
    context: d.context,
    marksImage: d.marksImage,
    retro: editable ? computeRetroactive(body, { today: officeToday() }) : cert.retroactive,
    today: officeToday(),
    csrfToken: c.var.csrfToken,
    history: cert.history,
    returnReason: cert.returnReason,
    replacesId: cert.replacesId,
    replacedById: cert.replacedById,
    ...patch,
  };
}

/** The page after a refused save (stale revision, no longer editable): what was typed, and why it was not saved. */
export function refusedModel(c: Requested, d: Loaded, p: Posted, r: Refused, touched: FormModel["touched"] = p.touched) {
  const problems = [...p.issues, ...d.problems];
  return modelOf(c, d, { body: p.body, typed: p.typed, touched, problems, alert: r.message, stale: r.stale, revision: p.revision ?? d.cert.revision });
}

/** The page after a save: what was typed, with the saved revision and the problems the save's review found. */
export function savedModel(c: Requested, d: Loaded, p: Posted, r: Saved, patch: Partial<FormModel> = {}) {
  const problems = [...p.issues, ...r.problems];
  return modelOf(c, d, { body: p.body, typed: p.typed, touched: p.touched, problems, revision: r.revision, savedAt: r.savedAt, ...patch });
}

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
