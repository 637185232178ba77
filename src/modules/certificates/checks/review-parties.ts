/**
 * Review of the parties and the route: exporter, hand-signer, producer, consignee, destination,
 * ports and transport (edi-v1.md rules EXPORTER_MISMATCH, SIGNER_INVALID, DEST_IS_CHINA,
 * DEST_NOT_PARTY, CONSIGNEE_COUNTRY, PORT_COUNTRY, TRANSPORT; REFERENCE.md §17 rules 3–5, 7–10, 32–33).
 */
import { countryLabel, findCountry, findTransportMode, importingPartyStatus, portsNamed, type Country } from "../../reference/index.ts";
import { CARRIER_PLACEHOLDERS, CONSIGNEE_PLACEHOLDERS, CONSIGNEE_PLACEHOLDERS_ALLOWED } from "../data/review-data.ts";
import { M } from "../messages.ts";
import { charsetProblem, isBlank, problem, upper, type Problem, type RuleInput } from "./review-problems.ts";

export function reviewExporter({ cert, ctx }: RuleInput): Problem[] {
  const out: Problem[] = [];
  const name = cert.exporter?.name;
  const filed = ctx.enterprise.nameEn.trim();
  if (isBlank(name)) out.push(problem("REQUIRED", "exporter.name", M.exporterNameRequired, M.exporterNameHint(filed)));
  else {
    out.push(...charsetProblem("exporter.name", name));
    // Exact match, spaces and punctuation included: the importing customs compares it letter by letter (§17 rule 3).
    if (filed && name.trim() !== filed) out.push(problem("EXPORTER_MISMATCH", "exporter.name", M.exporterMismatch, M.exporterNameHint(filed)));
  }
  const address = cert.exporter?.address;
  if (isBlank(address)) out.push(problem("REQUIRED", "exporter.address", M.exporterAddressRequired, M.exporterAddressHint(ctx.enterprise.addressEn)));
  else out.push(...charsetProblem("exporter.address", address));
  return out;
}

export function reviewHandSigner({ cert, ctx }: RuleInput): Problem[] {
  const active = ctx.handSigners.filter((s) => s.active).map((s) => s.name);
  const name = cert.handSigner?.trim();
  if (!name) return [problem("REQUIRED", "handSigner", M.signerRequired, M.signerHint(active))];
  const signer = ctx.handSigners.find((s) => s.name === name);
  if (!signer?.active) return [problem("SIGNER_INVALID", "handSigner", M.signerNotActive(name), M.signerHint(active))];
  if (cert.printSeal && !signer.hasSignature) return [problem("SIGNER_INVALID", "handSigner", M.signerNoSignature(name), M.signerNoSignatureHint)];
  // The declaration prints the romanised name the office records, never Chinese characters.
  if (signer.hasLatinName === false) return [problem("SIGNER_INVALID", "handSigner", M.signerNoLatinName(name), M.signerNoLatinNameHint)];
  return [];
}

export function reviewProducer({ cert, type }: RuleInput): Problem[] {
  if (!type.producerBox) return [];
  const out: Problem[] = [];
  const name = cert.producer?.name;
  if (isBlank(name)) out.push(problem("REQUIRED", "producer.name", M.producerRequired, M.producerHint));
  else out.push(...charsetProblem("producer.name", name));
  out.push(...charsetProblem("producer.address", cert.producer?.address));
  return out;
}

/** FORMAT for a country code the reference does not know; undefined when blank. */
function knownCountry(field: string, code: string | null | undefined, out: Problem[]): Country | undefined {
  if (isBlank(code)) return undefined;
  const country = findCountry(code);
  if (!country) out.push(problem("FORMAT", field, M.countryUnknown(code), M.countryHint));
  return country;
}

export function reviewDestination({ cert, ctx, type }: RuleInput): Problem[] {
  const out: Problem[] = [];
  const code = cert.destinationCountry;
  if (isBlank(code)) return [problem("REQUIRED", "destinationCountry", M.destinationRequired, M.countryHint)];
  const dest = knownCountry("destinationCountry", code, out);
  if (!dest) return out;
  if (dest.iso2 === "CN") return [problem("DEST_IS_CHINA", "destinationCountry", M.destIsChina, M.destIsChinaHint)];
  const status = importingPartyStatus({ type: type.code, country: dest.iso2, date: ctx.today });
  if (!status.ok) {
    const parties = type.agreement.parties === "ANY" ? [] : type.agreement.parties.map((p) => findCountry(p.country)?.nameZh ?? p.country);
    const name = type.agreement.nameZh;
    out.push(
      status.reason === "not_in_force"
        ? problem("DEST_NOT_PARTY", "destinationCountry", M.destNotInForce(name, countryLabel(dest), status.from, ctx.today), M.destNotInForceHint)
        : problem("DEST_NOT_PARTY", "destinationCountry", M.destNotParty(name, countryLabel(dest)), M.destPartiesHint(parties)),
    );
  }
  return out;
}

export function reviewConsignee({ cert, type }: RuleInput): Problem[] {
  const out: Problem[] = [];
  const { name, address, country: code } = cert.consignee ?? {};
  if (isBlank(name)) out.push(problem("REQUIRED", "consignee.name", M.consigneeNameRequired, M.consigneeNameHint));
  else out.push(...charsetProblem("consignee.name", name));
  // TO ORDER / TO WHOM IT MAY CONCERN only where the form accepts them (§17 rule 10); such a
  // consignee has no address to give, but the country is still the destination's and is checked.
  const placeholder = isBlank(name) ? undefined : CONSIGNEE_PLACEHOLDERS.find((p) => p === upper(name));
  const allowed = CONSIGNEE_PLACEHOLDERS_ALLOWED[type.code] ?? [];
  if (placeholder && !allowed.includes(placeholder)) {
    out.push(problem("FORMAT", "consignee.name", M.consigneePlaceholderNotAllowed(placeholder, type.agreement.nameZh), M.consigneePlaceholderHint(allowed)));
  }
  if (isBlank(address)) {
    if (!placeholder) out.push(problem("REQUIRED", "consignee.address", M.consigneeAddressRequired, M.consigneeAddressHint));
  } else out.push(...charsetProblem("consignee.address", address));

  if (isBlank(code)) {
    out.push(problem("REQUIRED", "consignee.country", M.consigneeCountryRequired, M.countryHint));
    return out;
  }
  const country = knownCountry("consignee.country", code, out);
  const dest = findCountry(cert.destinationCountry);
  if (country && dest && country.iso2 !== dest.iso2) {
    const severity = type.agreement.consigneeCountry;
    out.push(
      problem(
        "CONSIGNEE_COUNTRY",
        "consignee.country",
        M.consigneeCountry(countryLabel(country), countryLabel(dest)),
        severity === "error" ? M.consigneeCountryHintFta : M.consigneeCountryHintGeneral,
        severity,
      ),
    );
  }
  return out;
}

/** Vessel/flight/vehicle entries that name no carrier: empty, asterisks, mode words, TBA ... (§17 rule 33). */
function isCarrierPlaceholder(vessel: string | null | undefined): boolean {
  if (isBlank(vessel)) return true;
  const v = upper(vessel);
  return /^[*\-/. ]*$/.test(v) || !!findTransportMode(v) || (CARRIER_PLACEHOLDERS as readonly string[]).includes(v);
}

export function reviewTransport({ cert, ctx, type }: RuleInput): Problem[] {
  const out: Problem[] = [];
  const t = cert.transport ?? {};

  if (isBlank(t.mode)) out.push(problem("TRANSPORT", "transport.mode", M.modeMissing, M.modeHint));
  else if (!findTransportMode(t.mode)) out.push(problem("FORMAT", "transport.mode", M.modeUnknown(t.mode), M.modeHint));

  // Loading side: must be mainland China (§17 rule 9).
  if (isBlank(t.from?.country)) out.push(problem("REQUIRED", "transport.from.country", M.fromCountryRequired, M.fromCountryHint));
  const fromCountry = knownCountry("transport.from.country", t.from?.country, out);
  const fromPort = t.from?.port;
  if (isBlank(fromPort)) out.push(problem("REQUIRED", "transport.from.port", M.fromPortRequired, M.fromPortHint));
  else out.push(...charsetProblem("transport.from.port", fromPort));
  const knownFrom = portsNamed(fromPort);
  if ((fromCountry && fromCountry.iso2 !== "CN") || (knownFrom.length && !knownFrom.some((p) => p.country === "CN"))) {
    out.push(problem("PORT_COUNTRY", "transport.from.port", M.loadingNotChina(upper(fromPort || t.from?.country || "")), M.loadingHint));
  }

  // Discharge side: in the destination country (§17 rule 9); the country alone will do when the port is unknown.
  const toCode = t.to?.country;
  if (isBlank(toCode)) out.push(problem("TRANSPORT", "transport.to", M.routeMissing, M.routeHint));
  const toCountry = knownCountry("transport.to.country", toCode, out);
  const toPort = t.to?.port;
  out.push(...charsetProblem("transport.to.port", toPort));
  const dest = findCountry(cert.destinationCountry);
  if (dest && dest.iso2 !== "CN") {
    const knownTo = portsNamed(toPort);
    const portElsewhere = knownTo.length > 0 && !knownTo.some((p) => p.country === dest.iso2);
    if ((toCountry && toCountry.iso2 !== dest.iso2) || portElsewhere) {
      out.push(
        problem("PORT_COUNTRY", "transport.to.port", M.dischargeNotDestination(upper(toPort || t.to?.country || ""), countryLabel(dest)), M.dischargeHint),
      );
    }
  }

  out.push(...charsetProblem("transport.via", t.via));
  // The route-line forms print no carrier number, so only structured boxes carry it.
  if (type.transport.structured) out.push(...charsetProblem("transport.vessel", t.vessel));
  out.push(...charsetProblem("transport.routeText", t.routeText));

  if (isBlank(t.departureDate) && type.departureDateRequired) {
    out.push(problem("REQUIRED", "transport.departureDate", M.departureDateRequired, M.departureDateHint));
  }
  // After shipment an FTA form names the real carrier; Chile always does (§17 rule 33).
  const shipped = !isBlank(t.departureDate) && ctx.today >= t.departureDate;
  const carrierNo = type.transport.carrierNo;
  if ((carrierNo === "always" || (carrierNo === "after-shipment" && shipped)) && isCarrierPlaceholder(t.vessel)) {
    out.push(problem("TRANSPORT", "transport.vessel", carrierNo === "always" ? M.carrierAlways : M.carrierAfterShipment, M.carrierHint));
  }
  return out;
}
