/**
 * Defaults and pick-lists of the certificate form (制单页面).
 *
 * Sources: the operations manual §三(四) (the form shows "eCO打印副本数 2份(贸促会设定值)": the
 * office's default number of eCO copies; offices have no setting of their own yet, so it lives here),
 * edi-v1.md (IN BULK / NUDE CARGO for goods without packages). The other package kinds are the usual
 * trade words, offered as suggestions only: any kind may be typed.
 */
import { UNPACKED_KINDS } from "./review-data.ts";

export const ECO_COPIES_DEFAULT = 2;

export const PACKAGE_KINDS: readonly string[] = [
  "CARTONS",
  "CASES",
  "BAGS",
  "BALES",
  "BOXES",
  "CRATES",
  "DRUMS",
  "PALLETS",
  "PACKAGES",
  "PIECES",
  "ROLLS",
  "SETS",
  ...UNPACKED_KINDS,
];

/** How often an open draft is saved even when no field reported a change (the old system lost pages after 20 minutes). */
export const AUTOSAVE_EVERY = "30s";
