/**
 * Machine review (机审): pure functions over a certificate body and its context returning every
 * problem at once, each naming its field (edi-v1.md "Problems" and "Precise points"). The same list
 * is shown in the form, returned by the API and re-checked at approval.
 *
 * Precedence: the specific rule wins over REQUIRED (empty marks → MARKS_INVALID, missing packages →
 * PACKAGES, missing criterion → CRITERION_INVALID, missing value → VALUE_REQUIRED, missing mode or
 * destination → TRANSPORT, any HS digit problem → HS_FORMAT); FORMAT is for other well-typed values
 * in the wrong form (unknown country or customs district, declaration number, amounts).
 */
import { sniffImageType } from "../../../lib/images.ts";
import { hasErrors } from "../../../lib/problems.ts";
import { findCustomsDistrict, retroRule, type RetroRule } from "../../reference/index.ts";
import type { CertificateBody } from "../edi/contract.ts";
import { APPLY_BEFORE_DECLARATION, MARKS_IMAGE_MAX_BYTES } from "../data/review-data.ts";
import { addDays, addMonths, addWorkingDays } from "./dates.ts";
import { M } from "../messages.ts";
import { certificateType, type CertificateType } from "../registry.ts";
import { lineHasValue, reviewGoods } from "./review-goods.ts";
import { reviewConsignee, reviewDestination, reviewExporter, reviewHandSigner, reviewProducer, reviewTransport } from "./review-parties.ts";
import { reviewCopyWording, reviewSeal, reviewSelfPrint } from "./review-printing.ts";
import { charsetProblem, isBlank, problem, type Problem, type ReviewContext, type RuleInput } from "./review-problems.ts";

/** Every problem of the certificate, in the order of the form. */
export function reviewCertificate(cert: CertificateBody, ctx: ReviewContext): Problem[] {
  const input: RuleInput = { cert, ctx, type: certificateType(cert.type) };
  return [
    ...reviewHandSigner(input),
    ...reviewSeal(input),
    ...reviewExporter(input),
    ...reviewProducer(input),
    ...reviewConsignee(input),
    ...reviewDestination(input),
    ...reviewTransport(input),
    ...reviewRetroactive(input),
    ...reviewInvoice(input),
    ...reviewGoods(input),
    ...reviewOther(input),
    ...reviewCopyWording(input),
    ...reviewSelfPrint(input),
    ...reviewMarksImage(input),
  ];
}

/** Whether the problems block sending (any error; warnings do not). */
export function hasBlockingProblems(problems: readonly Problem[]): boolean {
  return hasErrors(problems);
}

// ---- invoice ----

function reviewInvoice({ cert, ctx, type }: RuleInput): Problem[] {
  const out: Problem[] = [];
  const { number, date, currency } = cert.invoice ?? {};
  if (isBlank(number)) out.push(problem("REQUIRED", "invoice.number", M.invoiceNumberRequired, M.invoiceNumberHint));
  else {
    out.push(...charsetProblem("invoice.number", number));
    const holder = ctx.invoiceHolder;
    if (holder)
      out.push(
        problem("INVOICE_DUPLICATE", "invoice.number", M.invoiceDuplicate(number.trim(), holder.applicationNo ?? String(holder.id)), M.invoiceDuplicateHint),
      );
  }

  if (isBlank(date)) out.push(problem("REQUIRED", "invoice.date", M.invoiceDateRequired, M.invoiceDateHint));
  else {
    if (date > ctx.today) out.push(problem("DATE_IN_FUTURE", "invoice.date", M.dateInFuture(date, ctx.today), M.dateInFutureHint));
    const departure = cert.transport?.departureDate;
    if (departure && date > departure)
      out.push(problem("INVOICE_AFTER_SHIPMENT", "invoice.date", M.invoiceAfterShipment(date, departure), M.invoiceAfterShipmentHint));
  }

  const needed = type.value?.required === "always" || (cert.goods ?? []).some(lineHasValue);
  if (isBlank(currency)) {
    if (needed) out.push(problem("REQUIRED", "invoice.currency", M.currencyRequired, M.currencyHint));
  } else if (!/^[A-Z]{3}$/.test(currency.trim())) out.push(problem("FORMAT", "invoice.currency", M.currencyMalformed(currency), M.currencyHint));
  return out;
}

// ---- retroactive issue (§17 rules 27–29) ----

type RetroState = { rule: RetroRule; pastGrace: boolean; tooLate: boolean; departure: string };

function retroState(type: CertificateType, departure: string, today: string): RetroState {
  const rule = retroRule(type.code, today);
  const { days, working } = rule.grace;
  const graceEnd = working ? addWorkingDays(departure, days) : addDays(departure, days);
  const limit = rule.limit;
  const limitEnd = !limit ? null : "months" in limit ? addMonths(departure, limit.months) : addDays(departure, limit.days);
  return { rule, departure, pastGrace: today > graceEnd, tooLate: limitEnd !== null && today > limitEnd };
}

function reviewRetroactive({ cert, ctx, type }: RuleInput): Problem[] {
  const departure = cert.transport?.departureDate;
  if (!departure) return [];
  const s = retroState(type, departure, ctx.today);
  if (!s.pastGrace) return [];
  const name = type.agreement.nameZh;
  if (!s.rule.allowed) {
    const { days, working } = s.rule.grace;
    const window = days === 0 ? M.windowAtShipment : working ? M.windowWorkingDays(days) : M.windowDays(days);
    return [problem("RETRO_NOT_ALLOWED", "transport.departureDate", M.retroNotAllowed(name, departure, window), M.retroNotAllowedHint)];
  }
  if (s.tooLate && s.rule.limit) {
    const limit = "months" in s.rule.limit ? M.limitMonths(s.rule.limit.months) : M.limitDays(s.rule.limit.days);
    return [problem("RETRO_TOO_LATE", "transport.departureDate", M.retroTooLate(departure, limit), M.retroTooLateHint)];
  }
  return [];
}

export type RetroactiveMark = {
  /** "ISSUED RETROACTIVELY" or "ISSUED RETROSPECTIVELY", as the agreement words it. */
  wording: string;
  /** Box number on the form, or "title" (Peru). */
  box: string;
  /** The form has a tick box with this wording (Form E Box 13, RCEP Box 17) rather than free text. */
  tick: boolean;
};

/**
 * The retroactive marking the certificate carries: when the application date is past the
 * agreement's grace period after shipment and the agreement allows retroactive issue. Null
 * otherwise (not yet past the grace period, no departure date, or retroactive issue not allowed —
 * the latter is RETRO_NOT_ALLOWED). Being too late (RETRO_TOO_LATE) does not remove the marking.
 */
export function computeRetroactive(cert: CertificateBody, ctx: Pick<ReviewContext, "today">): RetroactiveMark | null {
  const departure = cert.transport?.departureDate;
  if (!departure) return null;
  const s = retroState(certificateType(cert.type), departure, ctx.today);
  if (!s.pastGrace || !s.rule.allowed || !s.rule.wording || !s.rule.box) return null;
  return { wording: s.rule.wording, box: s.rule.box, tick: s.rule.tick === true };
}

// ---- remaining fields ----

function reviewOther({ cert, ctx, type }: RuleInput): Problem[] {
  const out: Problem[] = [...charsetProblem("remarks", cert.remarks)];

  const customs = cert.exportCustoms?.trim();
  if (!customs) out.push(problem("REQUIRED", "exportCustoms", M.exportCustomsRequired, M.exportCustomsHint));
  else if (!findCustomsDistrict(customs)) out.push(problem("FORMAT", "exportCustoms", M.exportCustomsUnknown(customs), M.exportCustomsHint));

  // 4-digit customs office + 4-digit year + I/E flag (0 = export) + 9-digit serial (REFERENCE.md §0.3).
  const declaration = cert.declarationNo?.trim();
  if (declaration) {
    if (!/^\d{18}$/.test(declaration)) out.push(problem("FORMAT", "declarationNo", M.declarationNoMalformed(declaration), M.declarationNoHint));
    else if (declaration[8] !== "0") out.push(problem("FORMAT", "declarationNo", M.declarationNoNotExport(declaration), M.declarationNoHint));
    // China–Pakistan: the certificate comes before the export declaration (§17 rule 30); a declaration number means it is too late.
    const before = APPLY_BEFORE_DECLARATION[type.code];
    if (before && ctx.today >= before)
      out.push(problem("FORMAT", "declarationNo", M.declarationBeforeExport(type.agreement.nameZh, before), M.declarationBeforeExportHint));
  }

  const copies = cert.copies;
  if (copies !== null && copies !== undefined && (!Number.isInteger(copies) || copies < 1)) {
    out.push(problem("FORMAT", "copies", M.copiesInvalid(copies), M.copiesHint));
  }
  return out;
}

function reviewMarksImage({ ctx }: RuleInput): Problem[] {
  const image = ctx.marksImage;
  if (!image) return [];
  const out: Problem[] = [];
  if (!sniffImageType(image.bytes)) out.push(problem("MARKS_IMAGE", "marksImage", M.marksImageType, M.marksImageHint));
  if (image.bytes.length > MARKS_IMAGE_MAX_BYTES)
    out.push(problem("MARKS_IMAGE", "marksImage", M.marksImageTooLarge(Math.ceil(image.bytes.length / 1024)), M.marksImageHint));
  return out;
}
