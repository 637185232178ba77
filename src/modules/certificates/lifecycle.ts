/** Pure rules of the certificate lifecycle (DESIGN.md "Certificate lifecycle"). */

export const STATUSES = ["DRAFT", "PENDING", "RETURNED", "APPROVED", "ISSUED", "VOIDED", "REPLACED"] as const;
export type CertificateStatus = (typeof STATUSES)[number];

/** The exporter may edit and send only these. */
export const EDITABLE: readonly CertificateStatus[] = ["DRAFT", "RETURNED"];
/** 改证重发 starts from these. */
export const AMENDABLE: readonly CertificateStatus[] = ["APPROVED", "ISSUED"];
/** Statuses that hold an invoice number against reuse (everything but VOIDED and REPLACED). */
export const LIVE: readonly CertificateStatus[] = ["DRAFT", "PENDING", "RETURNED", "APPROVED", "ISSUED"];

export const isEditable = (s: CertificateStatus) => EDITABLE.includes(s);
export const isAmendable = (s: CertificateStatus) => AMENDABLE.includes(s);
/** Only a draft that was never sent may be deleted; anything the office has seen stays on record. */
export const isDeletable = (s: CertificateStatus, sentAt: Date | null) => s === "DRAFT" && !sentAt;

/**
 * A certificate may be sent only when its type has a drawn form (src/render): nothing may reach
 * approval that cannot be printed. Kept for any type added to the contract before its layout.
 */
export const isSendableType = (type: string, printable: readonly string[]) => printable.includes(type);

/** 申请号: year and a zero-padded system-wide sequence, e.g. 2026000012345. */
export const formatApplicationNo = (year: number, seq: number) => `${year}${String(seq).padStart(9, "0")}`;

/** Sum of the goods lines' values (发票金额 in lists), or null when no line has one. */
export function invoiceAmount(goods: readonly { value?: number | string | null }[] | null | undefined): string | null {
  let cents = 0;
  let any = false;
  for (const g of goods ?? []) {
    const n = typeof g.value === "string" ? Number(g.value) : g.value;
    if (typeof n === "number" && Number.isFinite(n)) {
      cents += Math.round(n * 100);
      any = true;
    }
  }
  return any ? (cents / 100).toFixed(2) : null;
}
