/** Pure rules of a commercial document application's lifecycle (docs/decisions/0018). */

export const COMMERCIAL_STATUSES = ["DRAFT", "PENDING", "RETURNED", "APPROVED", "VOIDED"] as const;
export type CommercialStatus = (typeof COMMERCIAL_STATUSES)[number];

/** The exporter may edit and send only these. */
export const isEditable = (s: CommercialStatus) => s === "DRAFT" || s === "RETURNED";
/** Before approval the office may void; an approved certificate is voided too (it then verifies as VOIDED). */
export const isVoidable = (s: CommercialStatus) => s !== "VOIDED";

/** 申请号: SZ, the year and a zero-padded system-wide sequence. */
export const formatCommercialApplicationNo = (year: number, seq: number) => `SZ${year}${String(seq).padStart(9, "0")}`;

/** The letter standing for {T} in an office's number template: S for 商事证明. */
export const COMMERCIAL_LETTER = "S";
export const DEFAULT_COMMERCIAL_NUMBER_FORMAT = "{T}{YY}{OFFICE}{N6}";
/** The counter key beside the certificate types' (certificate_counters is shared, see the decision note). */
export const COMMERCIAL_COUNTER_TYPE = "COMMERCIAL";
