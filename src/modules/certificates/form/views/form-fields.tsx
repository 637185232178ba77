/**
 * One field of the certificate form (input, pick-list, select, check box) with its hint and its
 * problems slot, and the small pieces every box uses: its title and the buttons that edit the form.
 */
import type { Child } from "hono/jsx";
import { printModeLabel } from "../../labels.ts";
import { criterionSet, describeCriterionSet, listTransportModes } from "../../../reference/index.ts";
import { toHalfWidth } from "../../../../lib/charset.ts";
import type { CertificateBody } from "../../edi/contract.ts";
import { FM } from "../form-messages.ts";
import { OTHER, type FieldSpec } from "../form-layout.ts";
import { inputId, shownValue, slotId, valueAt, type View } from "./form-model.ts";

export function BoxTitle({ no, zh, en }: { no: string; zh: string; en: string }) {
  return (
    <>
      {no && <span class="box-no">{no}</span>} {zh}{" "}
      <span class="title-en" lang="en">
        {en}
      </span>
    </>
  );
}

/** A button that edits the form: a plain post of the whole form without JavaScript, an in-place swap with htmx. */
export function OpButton({
  v,
  op,
  label,
  ariaLabel,
  focus,
  class: cls = "secondary small",
}: {
  v: Pick<View, "action" | "focus">;
  op: string;
  label: string;
  ariaLabel?: string;
  focus?: string;
  class?: string;
}) {
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

export function FieldView({ v, f, line }: { v: View; f: FieldSpec; line?: number }) {
  const key = line === undefined ? f.key : f.key.replace("*", String(line));
  const id = inputId(key);
  const label = f.key === "goods.*.value" && !f.box ? FM.valueNotPrinted : line === undefined ? FM.label(key) : FM.lineLabel(f.key);
  const problems = v.byAnchor.get(key) ?? [];
  const invalid = problems.some((p) => p.severity === "error");
  const hint = hintFor(v, f);
  const described = [hint ? `${id}-hint` : "", slotId(key)].filter(Boolean).join(" ");
  const common = {
    id,
    name: key,
    "aria-describedby": described,
    "aria-invalid": invalid ? ("true" as const) : undefined,
    autofocus: v.focus === key || undefined,
  };
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
            <input type="radio" name={key} value={mode} checked={(v.body.printMode ?? "ECO") === mode} id={mode === "ECO" ? id : undefined} />{" "}
            {printModeLabel(mode)}
          </label>
        ))}
        <Slot v={v} k={key} />
      </fieldset>
    );
  }

  let control: Child;
  if (f.kind === "textarea")
    control = (
      <textarea {...common} rows={key.startsWith("goods.") ? 3 : 2}>
        {value}
      </textarea>
    );
  else if (f.kind === "signer") control = <SignerSelect common={common} value={value} v={v} />;
  else if (f.kind === "mode") {
    const modes = listTransportModes();
    control = (
      <select {...common}>
        <option value="">{FM.choose}</option>
        {value && !modes.some((mo) => mo.code === value) && (
          <option value={value} selected>
            {value}
          </option>
        )}
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
export function Slot({ v, k, oob }: { v: Pick<View, "byAnchor" | "body" | "action">; k: string; oob?: boolean }) {
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
              <OpButton
                v={{ action: v.action, focus: null }}
                op={`halfwidth:${p.field}`}
                label={FM.toHalfWidth}
                ariaLabel={FM.toHalfWidthLabel(FM.label(p.field))}
              />
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
