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

/** Consignee names that stand for an unnamed consignee; the address may then be empty (rule 10). */
export const CONSIGNEE_PLACEHOLDERS = ["TO ORDER", "TO WHOM IT MAY CONCERN"] as const;
export type ConsigneePlaceholder = (typeof CONSIGNEE_PLACEHOLDERS)[number];

/**
 * Which placeholders each form accepts as the consignee (rule 10: general CO both [S35]; APTA and
 * Chile TO ORDER [S24][S37]). Every other form names a consignee in the importing party (Switzerland:
 * "不得填写非进口方公司信息" [S31]). CEPA uses the general form's boxes but is an FTA: none (unverified).
 */
export const CONSIGNEE_PLACEHOLDERS_ALLOWED: Partial<Record<string, readonly ConsigneePlaceholder[]>> = {
  GENERAL: ["TO ORDER", "TO WHOM IT MAY CONCERN"],
  APTA: ["TO ORDER"],
  CNCL: ["TO ORDER"],
};

/**
 * Destinations that still require the issuing body's wet signature and stamp, so the certificate may
 * not be self-printed (本地打印), by certificate type (rule 37: CCPIT RCEP from 2022-01-01 [S28]).
 * Unverified for later years: GACC 2024 No.106 widened customs self-print (RCEP→VN); CCPIT's list
 * may have followed. Edit here when the office's list changes.
 */
export const WET_SIGNATURE_DESTINATIONS: Partial<Record<string, readonly string[]>> = {
  RCEP: ["BN", "LA", "VN", "KH"],
};

/** Agreements whose certificate must be applied for before the export declaration, from a date (rule 30 [S78]). */
export const APPLY_BEFORE_DECLARATION: Partial<Record<string, string>> = {
  CNPK: "2019-01-01",
};

/**
 * Marks for a net weight written after a weight unit ("500 KGS N.W.", rule 22 [S25]); G.W. (gross)
 * is accepted the same way. Units of weight are those of the units table below.
 */
export const WEIGHT_MARKS = ["N.W.", "NW", "N/W", "NET WEIGHT", "G.W.", "GW", "G/W", "GROSS WEIGHT"] as const;
export const NET_WEIGHT_MARKS = ["N.W.", "NW", "N/W", "NET WEIGHT"] as const;
/** Customs unit codes that are weights: 035 kg, 036 g, 070 tonne (REFERENCE.md §0.4). */
export const WEIGHT_UNIT_CODES = ["035", "036", "070"] as const;

/**
 * The smallest enterprise seal image that prints clearly: the seal prints about 4 cm wide, so 150
 * pixels is under 100 dpi, visibly blocky (the customs spec asks for a 600 dpi scan, rule 38 [S29]).
 * The threshold itself is judgement (unverified).
 */
export const SEAL_MIN_PIXELS = 150;

/**
 * The wording of a certified true copy (补发/副本) per form (rule 34 [S24][S34][S56][S63][S66][S77]),
 * and whether the original's number and date must follow it. Forms not listed have no known wording.
 */
export const COPY_WORDINGS: Partial<Record<string, { wording: string; original: boolean; example: string }>> = {
  GENERAL: { wording: "DUPLICATE", original: false, example: "DUPLICATE" },
  CEPA_HK: { wording: "DUPLICATE", original: false, example: "DUPLICATE" },
  CEPA_MO: { wording: "DUPLICATE", original: false, example: "DUPLICATE" },
  APTA: { wording: "CERTIFIED TRUE COPY", original: true, example: "CERTIFIED TRUE COPY, ORIGINAL DATED 2026-11-20" },
  CNKR: {
    wording: "CERTIFIED TRUE COPY",
    original: true,
    example: "CERTIFIED TRUE COPY of the original Certificate of Origin number 26K1100A0001 dated 2026-11-20",
  },
  CNNZ: {
    wording: "CERTIFIED TRUE COPY",
    original: true,
    example: "CERTIFIED TRUE COPY of the original Certificate of Origin number 26N1100A0001 dated 2026-11-20",
  },
  CNSG: {
    wording: "CERTIFIED TRUE COPY",
    original: true,
    example: "CERTIFIED TRUE COPY of the original Certificate of Origin number 26X1100A0001 dated 2026-11-20",
  },
  CNCH: {
    wording: "CERTIFIED TRUE COPY",
    original: true,
    example: "CERTIFIED TRUE COPY of the original Certificate of Origin number 26S1100A0001 dated 2026-11-20",
  },
  CNCR: {
    wording: "CERTIFIED TRUE COPY",
    original: true,
    example: "CERTIFIED TRUE COPY with the original certificate of origin number 26L1100A0001 dated 2026-11-20",
  },
  CNCL: { wording: "CERTIFIED COPY", original: true, example: "CERTIFIED COPY of the original Certificate of Origin number 26F1100A0001 dated 2026-11-20" },
};
/** Every copy wording any form uses, longest first (so CERTIFIED TRUE COPY is found before CERTIFIED COPY). */
export const ALL_COPY_WORDINGS = ["CERTIFIED TRUE COPY", "CERTIFIED COPY", "DUPLICATE"] as const;

/** Digits of the HS code on the export declaration, which a form printing the code "as declared" carries (REFERENCE.md §0.4). */
export const DECLARED_HS_DIGITS = 10;

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
