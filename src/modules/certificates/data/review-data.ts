/**
 * Word lists the machine-review rules match against. Sources: REFERENCE.md §17 rule 16 (marks:
 * [S13][S31][S40][S66]), rule 10 (consignee placeholders: [S35][S24][S37]), rule 14 and the contract
 * (bulk goods), rule 33 (carrier placeholders: [S31]), the contract and manual 常见问题 7 (marks images).
 */

/** Placeholders that are not marks (rule 16). Matched as whole phrases, case-insensitively. */
export const FORBIDDEN_MARKS = [
  "AS PER INVOICE",
  "AS INVOICE",
  "AS PER B/L",
  "AS B/L",
  "AS PER BILL OF LADING",
  "AS BILL OF LADING",
  "AS PER PACKING LIST",
  "AS PACKING LIST",
  "AS ADDRESS",
  "CARTON LABEL",
  "COLOR LABEL",
  "COLOUR LABEL",
] as const;

/**
 * Phrases in marks that name a place of manufacture; the captured place must be China (rule 16:
 * e.g. MADE IN TAIWAN, HONG KONG PRODUCTS are refused).
 */
export const PLACE_OF_MANUFACTURE_PATTERNS: readonly RegExp[] = [
  /\bMADE\s+IN\s+([A-Z][A-Z .,'()-]*)/g,
  /\bPRODUCTS?\s+OF\s+([A-Z][A-Z .,'()-]*)/g,
  /\bORIGIN\b\s*:?\s*([A-Z][A-Z .,'()-]*)/g,
  /\b(HONG\s*KONG|TAIWAN|MACAO|MACAU)\s+PRODUCTS?\b/g,
];

/** A place naming (mainland) China starts with one of these once dots, spaces and apostrophes are removed. */
export const CHINA_PLACE_PREFIXES = ["CHINA", "PRC", "PEOPLESREPUBLICOFCHINA", "THEPEOPLESREPUBLICOFCHINA", "MAINLANDCHINA"] as const;

/** Consignee names that stand for an unnamed consignee; address and country may then be empty (rule 10). */
export const CONSIGNEE_PLACEHOLDERS = ["TO ORDER", "TO WHOM IT MAY CONCERN"] as const;

/** Package kinds of goods shipped without packages; their count is null (contract). */
export const UNPACKED_KINDS = ["IN BULK", "NUDE CARGO"] as const;

/** Carrier entries that are not a vessel/flight/vehicle number (rule 33); mode words also count. */
export const CARRIER_PLACEHOLDERS = ["TBA", "TBC", "TBD", "N/A", "NA", "NIL", "NONE", "UNKNOWN"] as const;

/** Image marks: jpg, png or gif by content, at most 400 KB (manual 常见问题 7; contract MARKS_IMAGE). */
export const MARKS_IMAGE_MAX_BYTES = 400 * 1024;
export const MARKS_IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif"] as const;
export type MarksImageType = (typeof MARKS_IMAGE_TYPES)[number];
/** What the image inspector holds an upload to: a continuation page never needs more than 4000 px a side. */
export const MARKS_IMAGE_LIMITS = { types: MARKS_IMAGE_TYPES, maxBytes: MARKS_IMAGE_MAX_BYTES, minSide: 1, maxSide: 4000, maxPixels: 16_000_000 } as const;
