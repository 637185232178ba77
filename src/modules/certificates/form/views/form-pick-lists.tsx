/** The certificate form's pick-lists (countries, ports, customs, units…), outside the form so swaps never resend them. */
import { COUNTRIES, countryLabel, criterionSet, listCustomsDistricts, listUnits, PORTS, portLabel } from "../../../reference/index.ts";
import { PACKAGE_KINDS } from "../../data/form-data.ts";
import type { CertificateType } from "../../registry.ts";
import { WEIGHT_UNIT_CODES } from "../../data/review-data.ts";

/** Where the pick-lists land: fetched (and cached) the first time the person enters the form. */
export function PickListsLoader({ type, today }: { type: CertificateType; today: string }) {
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
