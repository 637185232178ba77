/**
 * The one Chinese name of each certificate state, certificate type and print mode. Every page and
 * export that shows one of these codes to a person reads it here, so a state never has two names.
 */
import type { CertificateTypeCode } from "../reference/index.ts";
import type { CertificateStatus } from "./lifecycle.ts";

/** Names follow the manual's queue tabs (§三(四): 草稿, 待审, 退回, 待打印, 已发证, 作废). */
export const STATUS_LABELS: Record<CertificateStatus, string> = {
  DRAFT: "草稿",
  PENDING: "待审",
  RETURNED: "退回",
  APPROVED: "待打印",
  ISSUED: "已发证",
  VOIDED: "作废",
  REPLACED: "已改证",
};

export const statusLabel = (s: string) => STATUS_LABELS[s as CertificateStatus] ?? s;

export const PRINT_MODE_LABELS: Record<string, string> = { ECO: "电子证书（eCO）", PCO: "套打证书（PCO）" };

export const printModeLabel = (m: string) => PRINT_MODE_LABELS[m] ?? m;

/** Short names for tables and lists, as offices say them (中澳, 东盟…); the form and its page title use the full name. */
const TYPE_SHORT: Record<CertificateTypeCode, string> = {
  GENERAL: "一般原产地证",
  APTA: "亚太",
  ACFTA: "中国-东盟",
  CNNZ: "中新（新西兰）",
  CNSG: "中新（新加坡）",
  CNCR: "中哥",
  CEPA_HK: "香港CEPA",
  CEPA_MO: "澳门CEPA",
  CNIS: "中冰",
  CNCH: "中瑞",
  CHAFTA: "中澳",
  CNKR: "中韩",
  CNPE: "中秘",
  RCEP: "RCEP",
  CNCL: "中智",
  CNPK: "中巴",
  CNGE: "中格",
  CNMU: "中毛",
  CNRS: "中塞",
  CNEC: "中厄",
  CNNI: "中尼",
  CNKH: "中柬",
};

export const typeLabel = (code: string) => TYPE_SHORT[code as CertificateTypeCode] ?? code;
