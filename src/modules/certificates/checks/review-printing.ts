/**
 * Review of how the certificate will be printed and marked: self-printing by destination, the
 * enterprise seal when seal printing is asked for, and the copy wording of a certified true copy
 * (REFERENCE.md §17 rules 5, 34, 37, 38). The values live in data/review-data.ts.
 */
import { countryLabel, findCountry } from "../../reference/index.ts";
import { ALL_COPY_WORDINGS, COPY_WORDINGS, SEAL_MIN_PIXELS, WET_SIGNATURE_DESTINATIONS } from "../data/review-data.ts";
import { M } from "../messages.ts";
import { problem, upper, type Problem, type RuleInput } from "./review-problems.ts";

/** A destination that needs the issuing body's wet signature and stamp refuses local (self) printing (rule 37). */
export function reviewSelfPrint({ cert, type }: RuleInput): Problem[] {
  if (!cert.localPrint) return [];
  const dest = findCountry(cert.destinationCountry);
  if (!dest || !(WET_SIGNATURE_DESTINATIONS[type.code] ?? []).includes(dest.iso2)) return [];
  return [problem("FORMAT", "localPrint", M.wetSignatureDestination(countryLabel(dest), type.agreement.nameZh), M.wetSignatureHint)];
}

/**
 * 打印印章签名 prints the enterprise seal: it must be on file and large enough to print clearly
 * (rules 5 and 38). SIGNER_INVALID, the contract's rule for what seal/signature printing lacks.
 */
export function reviewSeal({ cert, ctx }: RuleInput): Problem[] {
  if (!cert.printSeal) return [];
  const seal = ctx.enterpriseSeal;
  if (!seal) return [problem("SIGNER_INVALID", "handSigner", M.sealMissing, M.sealMissingHint)];
  if (seal.width < SEAL_MIN_PIXELS || seal.height < SEAL_MIN_PIXELS) {
    return [problem("SIGNER_INVALID", "handSigner", M.sealTooSmall(seal.width, seal.height, SEAL_MIN_PIXELS), M.sealTooSmallHint)];
  }
  return [];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordingPattern = new Map(ALL_COPY_WORDINGS.map((w) => [w, new RegExp(`(^|[^A-Z])${escape(w)}([^A-Z]|$)`)]));
/** "… number 26K1100A0001 dated 2026-11-20" (or "NO." / "DATE"): the original named by number and date. */
const NAMES_ORIGINAL = /\b(NUMBER|NO\.?)\s*:?\s*[A-Z0-9][A-Z0-9/-]{3,}.*\bDATED?\b\s*:?\s*\S+/;

/**
 * A copy marked in the remarks carries this form's wording — DUPLICATE on the general CO, CERTIFIED
 * TRUE COPY (with the original's number and date) on the FTA forms that say so (rule 34).
 */
export function reviewCopyWording({ cert, type }: RuleInput): Problem[] {
  const remarks = upper(cert.remarks ?? "");
  if (!remarks) return [];
  const found = ALL_COPY_WORDINGS.find((w) => wordingPattern.get(w)!.test(remarks));
  const rule = COPY_WORDINGS[type.code];
  if (!found || !rule) return [];
  const hint = M.copyWordingHint(rule.example);
  if (found !== rule.wording) return [problem("FORMAT", "remarks", M.copyWordingWrong(found, type.agreement.nameZh, rule.wording), hint)];
  if (rule.original && !NAMES_ORIGINAL.test(remarks.slice(remarks.indexOf(found) + found.length))) {
    return [problem("FORMAT", "remarks", M.copyWordingIncomplete(rule.wording), hint)];
  }
  return [];
}
