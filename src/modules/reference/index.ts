// Public face of the reference slice: in-memory reference data (countries, ports, customs districts,
// units, transport modes, agreements) and pure lookups over it. No I/O.
export {
  AGREEMENTS,
  CERTIFICATE_TYPE_CODES,
  RETROACTIVELY,
  RETROSPECTIVELY,
  type Agreement,
  type CertificateTypeCode,
  type CriterionOption,
  type CriterionSet,
  type Dated,
  type Party,
  type RetroRule,
} from "./data/agreements.ts";
export { COUNTRIES, type Country } from "./data/countries.ts";
export { CUSTOMS_DISTRICTS, type CustomsDistrict } from "./data/customs-districts.ts";
export { PORTS, type Port } from "./data/ports.ts";
export { TRANSPORT_MODES, type TransportMode } from "./data/transport-modes.ts";
export { UNITS, type Unit } from "./data/units.ts";
export {
  describeCriterionSet,
  formatCriterion,
  normalizeCriterion,
  parseCriterion,
  type CriterionProblem,
  type ParsedCriterion,
} from "./criteria.ts";
export {
  agreementFor,
  atDate,
  checkCriterion,
  countryLabel,
  criterionSet,
  findCountry,
  findCustomsDistrict,
  findPort,
  findTransportMode,
  findUnit,
  importingPartyStatus,
  isCertificateType,
  itemCap,
  listCustomsDistricts,
  listTransportModes,
  listUnits,
  portLabel,
  portsNamed,
  retroRule,
  searchCountries,
  searchPorts,
  validateCriterion,
  type PartyStatus,
  type PortOption,
} from "./lookups.ts";
export { M as REFERENCE_MESSAGES } from "./messages.ts";
