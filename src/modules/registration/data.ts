/**
 * Reference data of enterprise records.
 *
 * ENTERPRISE_NATURES: 企业性质. "中国企业" and "贸易企业" are the values in the operations manual's
 * table (../shared/seed, 一(五) 增加海关编码). The others are the usual categories of Chinese
 * exporters (unverified: the old system's full list is not published); change them here.
 */
export const ENTERPRISE_NATURES = ["中国企业", "贸易企业", "外商投资企业", "个体工商户", "其他"] as const;

/** Limits on the seal and signature images an office uploads (checked by content, not by name). */
export const IMAGE_LIMITS = {
  maxBytes: 512 * 1024,
  minSide: 16,
  maxSide: 4000,
  maxPixels: 16_000_000,
  types: ["image/png", "image/jpeg"],
} as const;

/** Rows per page of the enterprise list. */
export const PAGE_SIZE = 50;
