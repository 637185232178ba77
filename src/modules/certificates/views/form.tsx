/**
 * The certificate page (制单): one page per certificate, its boxes in the order of the form, every
 * machine-review problem next to its field and listed at the top. The same components render the
 * read-only view of a certificate that can no longer be edited.
 *
 * Without JavaScript every button is a plain form post (buttons named `op` edit goods lines and fix
 * fields). With htmx the form saves itself on change and every 30 seconds, and the `op` buttons
 * swap the re-rendered form in place.
 */
import type { Child } from "hono/jsx";
import type { FormValues } from "../../../lib/forms.ts";
import { assetUrl } from "../../../lib/static-assets.ts";
import { CsrfField, Notice } from "../../../views/components.tsx";
import { fmtTime, StatusBadge } from "../../../views/list.tsx";
import { printModeLabel, statusLabel } from "../labels.ts";
import {
  COUNTRIES,
  countryLabel,
  criterionSet,
  describeCriterionSet,
  listCustomsDistricts,
  listTransportModes,
  listUnits,
  PORTS,
  portLabel,
} from "../../reference/index.ts";
import { toHalfWidth } from "../../../lib/charset.ts";
import type { CertificateBody } from "../contract.ts";
import { AUTOSAVE_EVERY, PACKAGE_KINDS } from "../data/form-data.ts";
import { GIM } from "../goods-import-messages.ts";
import { FM } from "../form-messages.ts";
import type { FormContext } from "../form-service.ts";
import { anchorOf, formLayout, layoutKeys, OTHER, partitionProblems, problemsByAnchor, productsFor, showCountry, showCustoms, showPort, writeTouched, type FieldSpec, type Section, type Touched } from "../form.ts";
import type { CertificateStatus } from "../lifecycle.ts";
import type { CertificateType } from "../registry.ts";
import type { Problem } from "../review-problems.ts";
import type { RetroactiveMark } from "../review-rules.ts";
import { generateRouteText, routeLine } from "../route.ts";
import { CertificatePreviewLink, CertificatePreviewSlot } from "../../../views/certificate-preview.tsx";
import { WEIGHT_UNIT_CODES } from "../data/review-data.ts";

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
const slotId = (key: string) => `p-${dash(key)}`;

/** Everything a field renderer needs, computed once per render. */
type View = FormModel & { byAnchor: Map<string, Problem[]>; shown: readonly Problem[]; todo: readonly Problem[]; action: string; layout: Section[] };

function viewOf(m: FormModel): View {
  const layout = formLayout(m.type);
  const keys = layoutKeys(layout, m.body.goods?.length ?? 0);
  const { shown, todo } = partitionProblems(m.problems, m);
  return { ...m, layout, shown, todo, byAnchor: problemsByAnchor(shown, keys), action: `/certificates/${m.id}` };
}

/** "收货人名称未填写" already names its field; other messages get the field's label in front. */
const titled = (label: string, message: string) => (message.startsWith(label) ? message : `${label}：${message}`);

// ---- the page ----

export const certificateStreamPath = (id: string) => `/certificates/${id}/events`;

/** Numbers and status at the top of the certificate page: the part the office and the print desk change. */
export function CertificateFacts({ applicationNo, number, status }: { applicationNo: string; number: string | null; status: CertificateStatus }) {
  return (
    <dl class="facts">
      <dt>{FM.applicationNo}</dt>
      <dd>{applicationNo}</dd>
      {number && (
        <>
          <dt>{FM.certificateNo}</dt>
          <dd>{number}</dd>
        </>
      )}
      <dt>{FM.status}</dt>
      <dd>
        <StatusBadge status={status} label={statusLabel(status)} />
      </dd>
    </dl>
  );
}

export function CertificatePage(m: FormModel) {
  const v = viewOf(m);
  return (
    <section class="cert-page" aria-labelledby="cert-title">
      <h1 id="cert-title">
        {m.type.nameZh}
        <span class="title-en" lang="en">
          {m.type.titleEn}
        </span>
      </h1>
      {/* Follows the office's and the print desk's changes (approved, returned, voided, printed) without a reload. */}
      <div id="certificate-facts" class="live" hx-sse:connect={certificateStreamPath(m.id)} hx-swap="innerMorph">
        <CertificateFacts applicationNo={m.applicationNo} number={m.number} status={m.status} />
      </div>
      {m.notice && <Notice>{m.notice}</Notice>}
      {m.replacesId && (
        <p>
          {FM.replaces}
          <a href={`/certificates/${m.replacesId}`}>{m.replacesId}</a>
        </p>
      )}
      {m.replacedById && (
        <p>
          {FM.replacedBy}
          <a href={`/certificates/${m.replacedById}`}>{m.replacedById}</a>
        </p>
      )}
      {m.returnReason && m.status === "RETURNED" && (
        <div class="alert error">
          <p>
            {FM.returnReason}：{m.returnReason}
          </p>
        </div>
      )}
      <RetroNote retro={m.retro} />
      {m.editable && <ProblemSummary v={v} />}
      {m.editable ? <CertificateForm {...m} /> : <ReadOnlyCertificate v={v} />}
      {m.editable && <PickListsLoader type={m.type} today={m.today} />}
      {m.editable && <script src={assetUrl("certificate-form.js")} defer></script>}
      {m.editable ? <CertificatePreviewLink id={m.id} /> : <CertificatePreviewSlot id={m.id} />}
      <History history={m.history} />
    </section>
  );
}

function RetroNote({ retro, oob }: { retro: RetroactiveMark | null; oob?: boolean }) {
  return (
    <div id="retro-note" hx-swap-oob={oob ? "true" : undefined}>
      {retro && <p class="alert">{FM.retroactive(retro.wording, retro.box)}</p>}
    </div>
  );
}

function ProblemSummary({ v, oob }: { v: View; oob?: boolean }) {
  const errors = v.shown.filter((p) => p.severity === "error");
  const warnings = v.shown.length - errors.length;
  const todo = v.todo.filter((p) => p.severity === "error");
  const heading = v.sendFailed ? FM.sendBlocked(errors.length) : errors.length ? FM.summaryDraft(errors.length) : todo.length ? FM.summaryTodo(todo.length) : FM.summaryNone;
  const anchorKey = (p: Problem) => [...v.byAnchor].find(([, list]) => list.includes(p))?.[0] ?? OTHER;
  // The field's own label titles its problem (抵运国, not the group 抵运地).
  const labelOf = (p: Problem, key: string) => FM.label(key === OTHER ? p.field : key);
  const todoKey = (p: Problem) => anchorOf(p.field);
  return (
    <div
      id="problem-summary"
      class={v.sendFailed ? "alert error summary" : errors.length ? "alert summary" : todo.length ? "alert todo summary" : "alert ok summary"}
      role={v.sendFailed ? "alert" : undefined}
      tabindex={-1}
      autofocus={v.sendFailed || undefined}
      hx-swap-oob={oob ? "true" : undefined}
    >
      <p class="summary-title">{heading}</p>
      {v.shown.length > 0 && (
        <ul>
          {v.shown.map((p) => {
            const key = anchorKey(p);
            return (
              <li class={p.severity === "warning" ? "warning" : undefined}>
                <a href={key === OTHER ? `#${slotId(OTHER)}` : `#${inputId(key)}`}>
                  {p.severity === "warning" && `${FM.warning}：`}
                  {titled(labelOf(p, key), p.message)}
                </a>{" "}
                <span class="hint">{p.hint}</span>
              </li>
            );
          })}
        </ul>
      )}
      {todo.length > 0 && (
        <ul class="todo-list" aria-label={FM.todoLabel}>
          {todo.map((p) => (
            <li>
              <a href={`#${inputId(todoKey(p))}`}>{titled(FM.label(todoKey(p)), p.message)}</a>
            </li>
          ))}
        </ul>
      )}
      {!errors.length && warnings > 0 && <p class="hint">{FM.summaryWarnings(warnings)}</p>}
    </div>
  );
}

// ---- the editable form ----

/** The form element alone: what htmx swaps in after an editing operation. */
export function CertificateForm(m: FormModel) {
  const v = viewOf(m);
  return (
    <form
      id="cert-form"
      class="cert-form"
      method="post"
      action={v.action}
      novalidate
      hx-post={`${v.action}/autosave`}
      hx-trigger={`change delay:400ms, every ${AUTOSAVE_EVERY}`}
      hx-target="#autosave-status"
      hx-swap="outerHTML"
      hx-sync:inherited="#cert-form:queue all"
    >
      <CsrfField token={m.csrfToken} />
      {/* Enter in a field submits with the first submit button: make that 保存, not an editing button. */}
      <button type="submit" class="default-submit" tabindex={-1} aria-hidden="true">
        {FM.save}
      </button>
      <RevisionField revision={m.revision} />
      <TouchedField touched={m.touched} />
      <AutosaveStatus v={v} text={m.statusText} />
      {m.alert && (
        <div class="alert error" role="alert">
          <p>{m.alert}</p>
          {m.stale && <StaleOptions v={v} />}
        </div>
      )}
      <Slot v={v} k={OTHER} />
      {v.layout.map((s) => (
        <SectionView v={v} s={s} />
      ))}
      <div class="actions form-actions">
        <button type="submit" class="primary">
          {FM.save}
        </button>
        <button type="submit" formaction={`${v.action}/check`} class="secondary" hx-post={`${v.action}/check`} hx-target="#problem-summary" hx-swap="outerHTML">
          {FM.check}
        </button>
        <button type="submit" formaction={`${v.action}/submission`} class="primary">
          {FM.send}
        </button>
        <button type="submit" formaction={`${v.action}/copies`} class="secondary">
          {FM.copy}
        </button>
        <a href={`/certificates/${v.id}/attachments`}>{FM.attachments}</a>
        {m.deletable && (
          <button type="submit" formaction={`${v.action}/deletion`} class="secondary danger">
            {FM.delete}
          </button>
        )}
        <a href="/certificates">{FM.back}</a>
      </div>
    </form>
  );
}

/** Fields the person has left (certificate-form.js adds them), so their problems show; "*" after 检查/发送. */
function TouchedField({ touched, oob }: { touched: Touched; oob?: boolean }) {
  return <input type="hidden" id="f-touched" name="touched" value={writeTouched(touched)} hx-swap-oob={oob ? "true" : undefined} />;
}

function RevisionField({ revision, oob }: { revision: number; oob?: boolean }) {
  return <input type="hidden" id="f-revision" name="revision" value={String(revision)} hx-swap-oob={oob ? "true" : undefined} />;
}

function AutosaveStatus({ v, text, error }: { v: Pick<View, "savedAt">; text?: string; error?: Child }) {
  return (
    <div id="autosave-status" class={error ? "autosave-status failed" : "autosave-status"} role="status" data-session-expired={FM.sessionExpired}>
      {error ?? text ?? FM.savedAt(fmtTime(v.savedAt).slice(11))}
    </div>
  );
}

function StaleOptions({ v }: { v: Pick<View, "action"> }) {
  return (
    <p>
      {FM.staleOptions}
      <a href={v.action}>{FM.reloadLatest}</a>
      {FM.or}
      <button type="submit" name="op" value="overwrite" formaction={v.action} class="secondary small">
        {FM.overwrite}
      </button>
    </p>
  );
}

function SectionView({ v, s }: { v: View; s: Section }) {
  if (s.kind === "goods") return <GoodsEditor v={v} s={s} />;
  if (s.kind === "application") {
    return (
      <fieldset class="box" id={s.id}>
        <legend>{FM.applicationLegend}</legend>
        <div class="box-fields">
          {s.fields.map((f) => (
            <FieldView v={v} f={f} />
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <fieldset class="box" id={s.id}>
      <legend>
        <BoxTitle no={s.no} zh={s.zh} en={s.titleEn} />
      </legend>
      {s.fields.some((f) => f.key === "exporter.name") && <ExporterHint v={v} />}
      <div class={s.transport ? "box-fields transport" : "box-fields"}>
        {s.fields.map((f) => (
          <>
            {f.key === "transport.routeText" && <RoutePreview v={v} />}
            <FieldView v={v} f={f} />
          </>
        ))}
      </div>
    </fieldset>
  );
}

function BoxTitle({ no, zh, en }: { no: string; zh: string; en: string }) {
  return (
    <>
      {no && <span class="box-no">{no}</span>} {zh}{" "}
      <span class="title-en" lang="en">
        {en}
      </span>
    </>
  );
}

function ExporterHint({ v }: { v: View }) {
  const { nameEn, addressEn } = v.context.enterprise;
  const same = v.body.exporter?.name === nameEn && v.body.exporter?.address === addressEn;
  return (
    <p class="hint">
      {FM.filedExporter(nameEn, addressEn)}
      {!same && (
        <>
          {" "}
          <OpButton v={v} op="exporter" label={FM.useFiledExporter} focus="exporter.op" />
        </>
      )}
    </p>
  );
}

export function RoutePreview({ v, oob }: { v: Pick<View, "body" | "action" | "focus">; oob?: boolean }) {
  const generated = generateRouteText(v.body.transport);
  const own = v.body.transport?.routeText?.trim();
  return (
    <div id="route-preview" class="route-preview" hx-swap-oob={oob ? "true" : undefined}>
      <p>
        {FM.routeGenerated}
        <code lang="en">{generated || FM.routeEmpty}</code>
      </p>
      {own && (
        <p>
          {FM.routePrinted}
          <code lang="en">{routeLine(v.body.transport)}</code>
        </p>
      )}
      {generated && <OpButton v={v} op="route" label={FM.routeEdit} />}
    </div>
  );
}

/** A button that edits the form: a plain post of the whole form without JavaScript, an in-place swap with htmx. */
function OpButton({ v, op, label, ariaLabel, focus, class: cls = "secondary small" }: { v: Pick<View, "action" | "focus">; op: string; label: string; ariaLabel?: string; focus?: string; class?: string }) {
  return (
    <button
      type="submit"
      name="op"
      value={op}
      formaction={v.action}
      class={cls}
      aria-label={ariaLabel}
      autofocus={(focus !== undefined && v.focus === focus) || undefined}
      hx-post={v.action}
      hx-target="#cert-form"
      hx-swap="outerHTML"
    >
      {label}
    </button>
  );
}

// ---- goods lines ----

function GoodsEditor({ v, s }: { v: View; s: Extract<Section, { kind: "goods" }> }) {
  const goods = v.body.goods ?? [];
  const products = productsFor(v.type, v.context.products);
  return (
    <fieldset class="box goods" id="goods">
      <legend>{FM.goodsLegend}</legend>
      <ul class="box-titles">
        {s.boxes.map((b) => (
          <li>
            <BoxTitle no={b.no} zh={b.zh} en={b.titleEn} />
          </li>
        ))}
      </ul>
      <p class="hint">
        {FM.goodsIntro} <a href={`/certificates/${v.id}/goods-import`}>{GIM.entry}</a>
      </p>
      <Slot v={v} k="goods" />
      {!goods.length && <p>{FM.noGoods}</p>}
      <ol class="goods-lines">
        {goods.map((_, i) => (
          <li id={`line-${i}`}>
            <fieldset class="goods-line">
              <legend>{FM.line(i + 1)}</legend>
              <ProductPicker v={v} i={i} products={products} />
              <div class="line-fields">
                {s.line.map((f) => (
                  <FieldView v={v} f={f} line={i} />
                ))}
              </div>
              <LineActions v={v} i={i} count={goods.length} />
            </fieldset>
          </li>
        ))}
      </ol>
      <OpButton v={v} op="add" label={FM.addLine} focus="goods.add" class="secondary" />
      {s.marksImage && <MarksImage v={v} />}
    </fieldset>
  );
}

function ProductPicker({ v, i, products }: { v: View; i: number; products: Product[] }) {
  const id = inputId(`goods.${i}.product`);
  if (!products.length) return <p class="hint">{FM.noProducts}</p>;
  return (
    <div class="product-picker">
      <label for={id}>{FM.lineLabel("goods.*.product")}</label>
      <select id={id} name={`goods.${i}.product`} autofocus={v.focus === `goods.${i}.product` || undefined}>
        <option value="">{FM.choose}</option>
        {products.map((p) => (
          <option value={p.productId}>{FM.productOption(p.hsCode, p.nameZh, p.nameEn, p.agreements.find((a) => a.type === v.type.code)?.originCriterion ?? null)}</option>
        ))}
      </select>
      <OpButton v={v} op={`fill:${i}`} label={FM.fill} ariaLabel={FM.lineAction(FM.fill, i + 1)} />
    </div>
  );
}

type Product = FormContext["products"][number];

function LineActions({ v, i, count }: { v: View; i: number; count: number }) {
  const n = i + 1;
  return (
    <div class="line-actions">
      {i > 0 && <OpButton v={v} op={`up:${i}`} label={FM.upLine} ariaLabel={FM.lineAction(FM.upLine, n)} focus={`goods.${i}.op.up`} />}
      {i < count - 1 && <OpButton v={v} op={`down:${i}`} label={FM.downLine} ariaLabel={FM.lineAction(FM.downLine, n)} focus={`goods.${i}.op.down`} />}
      <OpButton v={v} op={`copy:${i}`} label={FM.copyLine} ariaLabel={FM.lineAction(FM.copyLine, n)} />
      <OpButton v={v} op={`remove:${i}`} label={FM.removeLine} ariaLabel={FM.lineAction(FM.removeLine, n)} class="secondary small danger" />
    </div>
  );
}

function MarksImage({ v }: { v: View }) {
  const url = `${v.action}/marks-image`;
  return (
    <div class="field marks-image" id="w-marksImage">
      <label for={inputId("marksImage")}>
        {FM.label("marksImage")}
        <span class="hint"> {FM.marksImageChoose}</span>
      </label>
      {v.marksImage && (
        <p>
          {FM.marksImageCurrent(Math.ceil(v.marksImage.size / 1024))} <a href={url}>{FM.marksImageView}</a>
        </p>
      )}
      <input type="file" id={inputId("marksImage")} name="file" accept="image/jpeg,image/png,image/gif" aria-describedby={slotId("marksImage")} />
      <button
        type="submit"
        formaction={url}
        formenctype="multipart/form-data"
        class="secondary small"
        hx-post={url}
        hx-encoding="multipart/form-data"
        hx-target="#cert-form"
        hx-swap="outerHTML"
      >
        {FM.marksImageUpload}
      </button>
      <Slot v={v} k="marksImage" />
    </div>
  );
}

// ---- fields ----

function valueAt(body: CertificateBody, key: string): unknown {
  let cur: unknown = body;
  for (const part of key.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The text an input shows for a key: what was typed when it could not be read, else the saved value as the picker labels it. */
function shownValue(v: Pick<View, "body" | "typed">, key: string, kind: FieldSpec["kind"]): string {
  if (key in v.typed) return v.typed[key]!;
  if (kind === "country") return showCountry(valueAt(v.body, key) as string | null);
  if (kind === "port") return showPort(valueAt(v.body, key.replace(/\.port$/, "")) as { country?: string; port?: string } | null);
  if (kind === "customs") return showCustoms(v.body.exportCustoms);
  const value = valueAt(v.body, key);
  return value === null || value === undefined ? "" : String(value);
}

function hintFor(v: View, f: FieldSpec): string | undefined {
  switch (f.kind) {
    case "country":
      return FM.countryHint;
    case "port":
      return FM.portHint;
    case "customs":
      return FM.customsHint;
    case "unit":
      return FM.unitHint;
    case "packageKind":
      return FM.packageKindHint;
    case "currency":
      return FM.currencyHint;
    case "criterion": {
      const set = criterionSet(v.type.code, v.today);
      return set ? FM.criterionHint(describeCriterionSet(set)) : undefined;
    }
  }
  const byKey: Record<string, string> = {
    "transport.vessel": FM.vesselHint,
    "transport.routeText": FM.routeHint,
    declarationNo: FM.declarationHint,
    copies: FM.copiesHint,
    localPrint: FM.localPrintHint,
    printSeal: FM.printSealHint,
    "goods.*.description": FM.descriptionHint,
    "goods.*.marks": FM.marksHint,
    "goods.*.hsCode": FM.hsHint,
  };
  return byKey[f.key];
}

const LISTS: Partial<Record<FieldSpec["kind"], string>> = {
  country: "dl-countries",
  port: "dl-ports",
  customs: "dl-customs",
  unit: "dl-units",
  packageKind: "dl-package-kinds",
  criterion: "dl-criteria",
};

function FieldView({ v, f, line }: { v: View; f: FieldSpec; line?: number }) {
  const key = line === undefined ? f.key : f.key.replace("*", String(line));
  const id = inputId(key);
  const label = f.key === "goods.*.value" && !f.box ? FM.valueNotPrinted : line === undefined ? FM.label(key) : FM.lineLabel(f.key);
  const problems = v.byAnchor.get(key) ?? [];
  const invalid = problems.some((p) => p.severity === "error");
  const hint = hintFor(v, f);
  const described = [hint ? `${id}-hint` : "", slotId(key)].filter(Boolean).join(" ");
  const common = { id, name: key, "aria-describedby": described, "aria-invalid": invalid ? ("true" as const) : undefined, autofocus: v.focus === key || undefined };
  const value = shownValue(v, key, f.kind);

  if (f.kind === "check") {
    return (
      <div class={invalid ? "field check has-error" : "field check"}>
        <input type="checkbox" {...common} value="on" checked={valueAt(v.body, key) === true} />
        <label for={id}>{label}</label>
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        <Slot v={v} k={key} />
      </div>
    );
  }
  if (f.kind === "printMode") {
    return (
      <fieldset class="field radios" aria-describedby={slotId(key)}>
        <legend>{label}</legend>
        {(["ECO", "PCO"] as const).map((mode) => (
          <label>
            <input type="radio" name={key} value={mode} checked={(v.body.printMode ?? "ECO") === mode} id={mode === "ECO" ? id : undefined} /> {printModeLabel(mode)}
          </label>
        ))}
        <Slot v={v} k={key} />
      </fieldset>
    );
  }

  let control: Child;
  if (f.kind === "textarea") control = <textarea {...common} rows={key.startsWith("goods.") ? 3 : 2}>{value}</textarea>;
  else if (f.kind === "signer") control = <SignerSelect common={common} value={value} v={v} />;
  else if (f.kind === "mode") {
    const modes = listTransportModes();
    control = (
      <select {...common}>
        <option value="">{FM.choose}</option>
        {value && !modes.some((mo) => mo.code === value) && <option value={value} selected>{value}</option>}
        {modes.map((mo) => (
          <option value={mo.code} selected={mo.code === value}>
            {mo.nameZh} {mo.print}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        type={f.kind === "date" ? "date" : "text"}
        value={value}
        list={LISTS[f.kind]}
        inputmode={f.kind === "number" ? "decimal" : undefined}
        autocomplete={LISTS[f.kind] ? "off" : undefined}
        spellcheck={false}
      />
    );
  }
  return (
    <div class={`field k-${f.kind}${invalid ? " has-error" : ""}`}>
      <label for={id}>
        {label}
        {f.box && line !== undefined && <span class="box-ref">{FM.boxNo(f.box)}</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {control}
      <Slot v={v} k={key} />
    </div>
  );
}

function SignerSelect({ common, value, v }: { common: Record<string, unknown>; value: string; v: View }) {
  const signers = v.context.signers;
  const current = signers.find((s) => s.name === value);
  return (
    <select {...common}>
      <option value="">{FM.choose}</option>
      {value && (!current || !current.active) && (
        <option value={value} selected>
          {value}
          {FM.signerInactive}
        </option>
      )}
      {signers
        .filter((s) => s.active)
        .map((s) => (
          <option value={s.name} selected={s.name === value}>
            {s.name}
            {s.isDefault && FM.signerDefault}
          </option>
        ))}
    </select>
  );
}

/** The problems of one field, always present (possibly empty) so a live check can replace it by id. */
function Slot({ v, k, oob }: { v: Pick<View, "byAnchor" | "body" | "action">; k: string; oob?: boolean }) {
  const problems = v.byAnchor.get(k) ?? [];
  return (
    <div class="field-problems" id={slotId(k)} hx-swap-oob={oob ? "true" : undefined}>
      {problems.map((p) => (
        <p class={p.severity === "warning" ? "field-warning" : "field-error"}>
          {p.severity === "warning" && `${FM.warning}：`}
          {k === OTHER && `${FM.label(p.field)}：`}
          {p.message} <span class="hint">{p.hint}</span>
          {p.rule === "CHARSET" && fixable(v.body, p.field) && (
            <>
              {" "}
              <OpButton v={{ action: v.action, focus: null }} op={`halfwidth:${p.field}`} label={FM.toHalfWidth} ariaLabel={FM.toHalfWidthLabel(FM.label(p.field))} />
            </>
          )}
        </p>
      ))}
    </div>
  );
}

function fixable(body: CertificateBody, field: string): boolean {
  const value = valueAt(body, field);
  return typeof value === "string" && toHalfWidth(value) !== value;
}

// ---- live updates (autosave, check) ----

/**
 * What autosave and the live check answer: the status line, and out of band the revision, the
 * summary, every field's problems, the route line and the retroactive note. Inputs are never
 * replaced, so typing in progress is untouched.
 */
export function LiveUpdate({ m, status, error }: { m: FormModel; status?: string; error?: Child }) {
  const v = viewOf(m);
  const keys = layoutKeys(v.layout, m.body.goods?.length ?? 0);
  return (
    <>
      <AutosaveStatus v={v} text={status} error={error} />
      <RevisionField revision={m.revision} oob />
      <ProblemSummary v={v} oob />
      {[...keys].map((k) => (
        <Slot v={v} k={k} oob />
      ))}
      <RoutePreview v={v} oob />
      <RetroNote retro={m.retro} oob />
    </>
  );
}

/** The live check's answer when the summary itself is the target. */
export function CheckResult({ m }: { m: FormModel }) {
  const v = viewOf(m);
  const keys = layoutKeys(v.layout, m.body.goods?.length ?? 0);
  return (
    <>
      <ProblemSummary v={v} />
      <TouchedField touched={m.touched} oob />
      {[...keys].map((k) => (
        <Slot v={v} k={k} oob />
      ))}
      <RoutePreview v={v} oob />
      <RetroNote retro={m.retro} oob />
    </>
  );
}

export function AutosaveRefused({ m, message, stale }: { m: Pick<FormModel, "savedAt" | "id">; message: string; stale: boolean }) {
  return (
    <AutosaveStatus
      v={m}
      error={
        <>
          {FM.autosaveFailed}
          {message}
          {stale && <StaleOptions v={{ action: `/certificates/${m.id}` }} />}
        </>
      }
    />
  );
}

// ---- read-only view ----

function ReadOnlyCertificate({ v }: { v: View }) {
  const goods = v.body.goods ?? [];
  return (
    <div id="cert-view" class="cert-form read-only">
      <p class="muted">{FM.readOnly(statusLabel(v.status))}</p>
      {v.layout.map((s) =>
        s.kind === "goods" ? (
          <section class="box goods" aria-labelledby="goods-title">
            <h2 id="goods-title">{FM.goodsLegend}</h2>
            <ol class="goods-lines">
              {goods.map((_, i) => (
                <li>
                  <h3>{FM.line(i + 1)}</h3>
                  <dl class="facts">
                    {s.line.map((f) => (
                      <ReadOnlyField v={v} f={f} line={i} />
                    ))}
                  </dl>
                </li>
              ))}
            </ol>
            {s.marksImage && v.marksImage && (
              <p>
                {FM.marksImageCurrent(Math.ceil(v.marksImage.size / 1024))} <a href={`${v.action}/marks-image`}>{FM.marksImageView}</a>
              </p>
            )}
          </section>
        ) : (
          <section class="box" aria-labelledby={`${s.id}-title`}>
            <h2 id={`${s.id}-title`}>{s.kind === "application" ? FM.applicationLegend : <BoxTitle no={s.no} zh={s.zh} en={s.titleEn} />}</h2>
            <dl class="facts">
              {s.fields.map((f) => (
                <ReadOnlyField v={v} f={f} />
              ))}
              {s.kind === "box" && s.transport && (
                <>
                  <dt>{FM.routePrinted}</dt>
                  <dd lang="en">{routeLine(v.body.transport)}</dd>
                </>
              )}
            </dl>
          </section>
        ),
      )}
      <div class="actions">
        <form method="post" action={`${v.action}/copies`}>
          <CsrfField token={v.csrfToken} />
          <button type="submit" class="secondary">
            {FM.copy}
          </button>
        </form>
        {v.amendable && !v.replacedById && (
          <form method="post" action={`${v.action}/amendment`}>
            <CsrfField token={v.csrfToken} />
            <button type="submit" class="primary">
              {FM.amend}
            </button>
          </form>
        )}
        {(v.status === "APPROVED" || v.status === "ISSUED") && (
          // The print slice's page for this certificate (print, reprint with a reason, back pages).
          <a class="primary button" href={`/print/certificates/${v.id}`}>
            {FM.print}
          </a>
        )}
        <a href={`/certificates/${v.id}/attachments`}>{FM.attachments}</a>
        <a href="/certificates">{FM.back}</a>
      </div>
    </div>
  );
}

function ReadOnlyField({ v, f, line }: { v: View; f: FieldSpec; line?: number }) {
  const key = line === undefined ? f.key : f.key.replace("*", String(line));
  const label = line === undefined ? FM.label(key) : FM.lineLabel(f.key);
  let text: string;
  if (f.kind === "check") text = valueAt(v.body, key) === true ? FM.yes : FM.no;
  else if (f.kind === "printMode") text = printModeLabel(v.body.printMode);
  else text = shownValue(v, key, f.kind);
  return (
    <>
      <dt>{label}</dt>
      <dd class="pre" lang={f.kind === "signer" || f.kind === "check" || f.kind === "printMode" ? undefined : "en"}>
        {text || "—"}
      </dd>
    </>
  );
}

function History({ history }: { history: FormModel["history"] }) {
  if (!history.length) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{FM.history}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{FM.historyAt}</th>
            <th scope="col">{FM.status}</th>
            <th scope="col">{FM.historyBy}</th>
            <th scope="col">{FM.historyNote}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr>
              <td>{fmtTime(h.at)}</td>
              <td>{statusLabel(h.status)}</td>
              <td>{h.by}</td>
              <td>{h.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// ---- pick-lists (outside the form, so swaps never resend them) ----

/** Where the pick-lists land: fetched (and cached) the first time the person enters the form. */
function PickListsLoader({ type, today }: { type: CertificateType; today: string }) {
  const url = `/certificates/pick-lists?type=${encodeURIComponent(type.code)}&day=${today}`;
  return <div id="pick-lists" hidden hx-get={url} hx-trigger="focusin from:#cert-form once" hx-swap="outerHTML"></div>;
}

export function Datalists({ type, today }: { type: CertificateType; today: string }) {
  const set = criterionSet(type.code, today);
  const units = [...new Map(listUnits().map((u) => [u.nameEn, u])).values()];
  return (
    <div hidden id="pick-lists">
      <datalist id="dl-countries">
        {COUNTRIES.map((c) => (
          <option value={countryLabel(c)}>{c.iso2}</option>
        ))}
      </datalist>
      <datalist id="dl-ports">
        {PORTS.map((p) => (
          <option value={portLabel(p)}>{[p.nameZh, p.locode].filter(Boolean).join(" ")}</option>
        ))}
      </datalist>
      <datalist id="dl-customs">
        {listCustomsDistricts().map((d) => (
          <option value={`${d.code} ${d.nameZh}`}>{d.nameEn}</option>
        ))}
      </datalist>
      <datalist id="dl-units">
        {units.map((u) => (
          <option value={u.nameEn}>{u.nameZh}</option>
        ))}
        {/* Net weight is declared by marking the weight unit N.W. (REFERENCE.md §0.4). */}
        {units
          .filter((u) => (WEIGHT_UNIT_CODES as readonly string[]).includes(u.code))
          .map((u) => (
            <option value={`${u.nameEn} N.W.`}>{u.nameZh}（净重）</option>
          ))}
      </datalist>
      <datalist id="dl-package-kinds">
        {PACKAGE_KINDS.map((k) => (
          <option value={k} />
        ))}
      </datalist>
      <datalist id="dl-criteria">
        {set?.options.map((o) => (
          <option value={o.code}>{o.meaning}</option>
        ))}
      </datalist>
    </div>
  );
}

/** 删除 asks first: a page with the one button that deletes, reachable without JavaScript. */
export function DeleteConfirm({ id, applicationNo, invoiceNo, csrfToken }: { id: string; applicationNo: string; invoiceNo: string; csrfToken: string }) {
  return (
    <section class="narrow" aria-labelledby="delete-title">
      <h1 id="delete-title">{FM.deleteConfirmTitle}</h1>
      <p>{FM.deleteConfirm(applicationNo, invoiceNo)}</p>
      <form method="post" action={`/certificates/${id}/deletion`} class="actions">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="primary danger" autofocus>
          {FM.deleteYes}
        </button>
        <a href={`/certificates/${id}`}>{FM.deleteNo}</a>
      </form>
    </section>
  );
}
