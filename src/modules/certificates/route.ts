/**
 * The transport route line (REFERENCE.md §0.6):
 * `FROM <loading port>, CHINA TO <discharge port>, <COUNTRY> BY <mode> [VIA <transit port>]`.
 */
import { findCountry, findTransportMode } from "../reference/index.ts";
import type { Transport } from "./edi/contract.ts";

const clean = (s: string | null | undefined) => (s ?? "").trim().replace(/\s+/g, " ").toUpperCase();

function placeText(place: { country?: string | null; port?: string | null } | null | undefined): string {
  const code = clean(place?.country);
  const countryName = findCountry(code)?.nameEn ?? code;
  return [clean(place?.port), countryName].filter(Boolean).join(", ");
}

/**
 * Generates the route line from the structured fields, e.g.
 * `FROM DALIAN, CHINA TO ADELAIDE, AUSTRALIA BY SEA VIA HONGKONG`. Missing parts are left out.
 */
export function generateRouteText(transport: Transport | null | undefined): string {
  const t = transport ?? {};
  const from = placeText(t.from);
  const to = placeText(t.to);
  const mode = clean(t.mode);
  const via = clean(t.via);
  return [from && `FROM ${from}`, to && `TO ${to}`, mode && (findTransportMode(mode)?.print ?? `BY ${mode}`), via && `VIA ${via}`].filter(Boolean).join(" ");
}

/** The line printed in the transport box: the exporter's own `routeText` when given, else the generated one. */
export function routeLine(transport: Transport | null | undefined): string {
  const own = transport?.routeText?.trim();
  return own ? own : generateRouteText(transport);
}
