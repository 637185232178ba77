/**
 * The origin regime behind each certificate type: importing parties and in-force dates, origin
 * criteria and percentage thresholds, item caps and retroactive-issue rules, each by date.
 *
 * Source: REFERENCE.md §1–§14 and §17 (rules 7, 12, 18, 19, 27–29), with the source tags of each
 * entry in `sources`; the contract (edi-v1.md "Precise points") settles ChAFTA's retroactive rule
 * and CEPA's missing criterion box. Values the reference marks "(unverified)" carry `unverified`.
 * GENERAL is the non-preferential regime (PRC Rules of Origin); it is listed so that every
 * certificate type has exactly one entry.
 *
 * Dated lists: each entry applies from its `from` date (inclusive; the first entry has none) until
 * the next entry's `from`. Dates are compared with the application date.
 */

import { CERTIFICATE_TYPE_CODES, type CertificateTypeCode } from "../../../lib/certificate-types.ts";

export { CERTIFICATE_TYPE_CODES, type CertificateTypeCode };

export type Dated<T> = T & { from?: string };

/** One allowed origin criterion, as written in the criterion box. */
export type CriterionOption = {
  /** Letters printed in the box; "" is a bare percentage such as "40%". */
  code: string;
  meaning: string;
  percent: "none" | "required" | "optional";
  /** Inclusive bounds of the percentage (the agreement's threshold). */
  min?: number;
  max?: number;
};

export type CriterionSet = {
  options: readonly CriterionOption[];
  /** Codes that may only follow a criterion (RCEP ACU, DMI). */
  addOns?: readonly string[];
  unverified?: true;
};

export type RetroRule = {
  /** Whether a certificate may be issued after the grace period at all. */
  allowed: boolean;
  /** Days after shipment during which issue is not retroactive (working days where `working`). */
  grace: { days: number; working?: true };
  /** Latest application after shipment; null = no limit. */
  limit: { months: number } | { days: number } | null;
  /** Words marked on a retroactive certificate, and where. */
  wording: string | null;
  box: string | null;
  /** The form has a tick box with this wording rather than free text. */
  tick?: true;
  unverified?: true;
};

export type Party = { country: string; from: string; unverified?: true };

export type Agreement = {
  type: CertificateTypeCode;
  nameZh: string;
  nameEn: string;
  preferential: boolean;
  /** Goods lines must match an approved product filing (商品备案) for this agreement. */
  productFiling: boolean;
  /** Severity of a consignee country that differs from the destination (contract: CONSIGNEE_COUNTRY). */
  consigneeCountry: "error" | "warning";
  /** Importing parties for Chinese exports; "ANY" for the general certificate. */
  parties: "ANY" | readonly Party[];
  /** Empty when the form has no criterion box. */
  criteria: readonly Dated<CriterionSet>[];
  /** Maximum goods lines; cap null = no limit. */
  itemCap: readonly Dated<{ cap: number | null }>[];
  retro: readonly Dated<RetroRule>[];
  sources: readonly string[];
  unverified?: true;
};

// ---- criterion building blocks (REFERENCE.md §17 rule 18/19) ----
const WO: CriterionOption = { code: "WO", meaning: "完全获得（农、林、渔、矿产品）", percent: "none" };
const WP: CriterionOption = { code: "WP", meaning: "完全由原产材料生产", percent: "none" };
const PE: CriterionOption = { code: "PE", meaning: "完全由原产材料生产", percent: "none" };
const P: CriterionOption = { code: "P", meaning: "完全获得", percent: "none" };
const CTH: CriterionOption = { code: "CTH", meaning: "税目改变", percent: "none" };
// The RVC threshold under a product-specific rule depends on the HS line (§17 rule 19), so a
// percentage after PSR is accepted without a threshold.
const PSR: CriterionOption = { code: "PSR", meaning: "产品特定原产地规则（按该规则使用区域价值成分时可附百分比）", percent: "optional" };
const PSR_PLAIN: CriterionOption = { code: "PSR", meaning: "产品特定原产地规则", percent: "none" };

const WO_WP_PSR: CriterionSet = { options: [WO, WP, PSR] };

// ---- retroactive building blocks (REFERENCE.md §14, §17 rules 27–29) ----
export const RETROACTIVELY = "ISSUED RETROACTIVELY";
export const RETROSPECTIVELY = "ISSUED RETROSPECTIVELY";
const ONE_YEAR = { months: 12 } as const;
const retroWithin1Year = (wording: string, box: string, extra: Partial<RetroRule> = {}): RetroRule => ({
  allowed: true,
  grace: { days: 0 },
  limit: ONE_YEAR,
  wording,
  box,
  ...extra,
});
const NO_RETRO: RetroRule = { allowed: false, grace: { days: 0 }, limit: null, wording: null, box: null };

const NO_CAP = [{ cap: null }] as const;
const CAP_20 = [{ cap: 20 }] as const;

const parties = (from: string, countries: string[], unverified?: true): Party[] =>
  countries.map((country) => (unverified ? { country, from, unverified } : { country, from }));

const ASEAN = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"];

export const AGREEMENTS: Record<CertificateTypeCode, Agreement> = {
  GENERAL: {
    type: "GENERAL",
    nameZh: "一般原产地证书（非优惠）",
    nameEn: "Rules of Origin of the People's Republic of China (non-preferential)",
    preferential: false,
    productFiling: false,
    consigneeCountry: "warning",
    parties: "ANY",
    criteria: [],
    itemCap: NO_CAP,
    // Post-shipment issue is possible; the issuer annotates Box 5 (§1, §14). Wording unverified.
    retro: [{ ...NO_RETRO, allowed: true, wording: RETROSPECTIVELY, box: "5", unverified: true }],
    sources: ["S6", "S25", "S35"],
  },
  APTA: {
    type: "APTA",
    nameZh: "亚太贸易协定",
    nameEn: "Asia-Pacific Trade Agreement",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: [...parties("2002-01-01", ["BD", "IN", "LA", "KR", "LK"], true), { country: "MN", from: "2021-01-01" }],
    criteria: [
      {
        options: [
          { code: "A", meaning: "完全原产", percent: "none" },
          // B states the NON-originating share, so the threshold is a maximum (LDC 65 % does not apply to China).
          { code: "B", meaning: "非原产材料不超过离岸价的 55%（填写非原产成分百分比）", percent: "required", max: 55 },
          { code: "C", meaning: "累计原产成分不低于离岸价的 60%", percent: "required", min: 60, max: 100 },
          { code: "D", meaning: "最不发达国家特殊原产地标准", percent: "none" },
        ],
      },
    ],
    itemCap: NO_CAP,
    // No retroactive issue; issue at export or within 3 working days after shipment (§2, [S46]).
    retro: [{ ...NO_RETRO, grace: { days: 3, working: true } }],
    sources: ["S24", "S42", "S43", "S44", "S45", "S46"],
  },
  ACFTA: {
    type: "ACFTA",
    nameZh: "中国-东盟自贸协定（Form E）",
    nameEn: "ASEAN-China Free Trade Area",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2005-07-20", ASEAN, true),
    criteria: [
      {
        options: [WO, { code: "", meaning: "中国或东盟累计成分百分比（不低于 40%）", percent: "required", min: 40, max: 100 }, PSR_PLAIN],
      },
      {
        from: "2019-08-20",
        options: [WO, PE, { code: "RVC", meaning: "区域价值成分不低于 40%", percent: "required", min: 40, max: 100 }, CTH, PSR_PLAIN],
      },
    ],
    // The upgraded form (2019-08-20) removed the 20-item limit (§3, [S30]).
    itemCap: [{ cap: 20 }, { from: "2019-08-20", cap: null }],
    retro: [{ ...retroWithin1Year(RETROACTIVELY, "13", { tick: true }), grace: { days: 3 } }],
    sources: ["S5", "S21", "S30", "S46", "S47", "S49"],
  },
  CNNZ: {
    type: "CNNZ",
    nameZh: "中国-新西兰自贸协定",
    nameEn: "Free Trade Agreement between China and New Zealand",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2008-10-01", ["NZ"]),
    criteria: [WO_WP_PSR],
    itemCap: CAP_20,
    // No retroactive issue until the upgrade of 2022-04-07; since then within 1 year. Box unverified (Remarks, 6).
    retro: [NO_RETRO, { from: "2022-04-07", ...retroWithin1Year(RETROSPECTIVELY, "6", { unverified: true }) }],
    sources: ["S34", "S51", "S52", "S53"],
  },
  CNSG: {
    type: "CNSG",
    nameZh: "中国-新加坡自贸协定",
    nameEn: "China-Singapore Free Trade Agreement",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2009-01-01", ["SG"]),
    criteria: [
      {
        options: [P, { code: "RVC", meaning: "区域价值成分不低于 40%", percent: "required", min: 40, max: 100 }, PSR_PLAIN],
      },
    ],
    itemCap: NO_CAP,
    retro: [retroWithin1Year(RETROSPECTIVELY, "12")],
    sources: ["S33", "S46", "S54", "S55"],
  },
  CNCR: {
    type: "CNCR",
    nameZh: "中国-哥斯达黎加自贸协定",
    nameEn: "China-Costa Rica Free Trade Agreement",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2011-08-01", ["CR"]),
    criteria: [WO_WP_PSR],
    itemCap: CAP_20,
    retro: [retroWithin1Year(RETROSPECTIVELY, "14")],
    sources: ["S11", "S56", "S57"],
  },
  CEPA_HK: {
    type: "CEPA_HK",
    nameZh: "内地与香港关于建立更紧密经贸关系的安排（CEPA）",
    nameEn: "Mainland and Hong Kong Closer Economic Partnership Arrangement",
    preferential: true,
    // No criterion box in v1 (contract), so there is nothing to file per product.
    productFiling: false,
    consigneeCountry: "error",
    parties: parties("2004-01-01", ["HK"], true),
    criteria: [],
    itemCap: NO_CAP,
    retro: [{ ...NO_RETRO, allowed: true, wording: RETROSPECTIVELY, box: "5", unverified: true }],
    sources: ["S58", "S59"],
    unverified: true,
  },
  CEPA_MO: {
    type: "CEPA_MO",
    nameZh: "内地与澳门关于建立更紧密经贸关系的安排（CEPA）",
    nameEn: "Mainland and Macao Closer Economic Partnership Arrangement",
    preferential: true,
    productFiling: false,
    consigneeCountry: "error",
    parties: parties("2004-01-01", ["MO"], true),
    criteria: [],
    itemCap: NO_CAP,
    retro: [{ ...NO_RETRO, allowed: true, wording: RETROSPECTIVELY, box: "5", unverified: true }],
    sources: ["S58", "S59"],
    unverified: true,
  },
  CNIS: {
    type: "CNIS",
    nameZh: "中国-冰岛自贸协定",
    nameEn: "China-Iceland Free Trade Agreement",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2014-07-01", ["IS"], true),
    // "PSR 45%": a PSR met by value content carries its percentage (§17 rule 18) [S32].
    criteria: [WO_WP_PSR],
    itemCap: CAP_20,
    retro: [retroWithin1Year(RETROSPECTIVELY, "4")],
    sources: ["S32", "S46"],
  },
  CNCH: {
    type: "CNCH",
    nameZh: "中国-瑞士自贸协定",
    nameEn: "Free Trade Agreement between China and Switzerland",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2014-07-01", ["CH", "LI"]),
    criteria: [{ options: [WO, WP, PSR_PLAIN], unverified: true }],
    itemCap: [{ cap: 20 }, { from: "2021-09-01", cap: 50 }],
    retro: [retroWithin1Year(RETROSPECTIVELY, "4")],
    sources: ["S31", "S46", "S60", "S61", "S62", "S63"],
  },
  CHAFTA: {
    type: "CHAFTA",
    nameZh: "中国-澳大利亚自贸协定",
    nameEn: "China-Australia Free Trade Agreement",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2015-12-20", ["AU"]),
    criteria: [WO_WP_PSR],
    itemCap: CAP_20,
    // The reference leaves it open; the contract fixes the common FTA rule: 1 year, Remarks box (5).
    retro: [retroWithin1Year(RETROSPECTIVELY, "5")],
    sources: ["S20", "S53", "S65"],
  },
  CNKR: {
    type: "CNKR",
    nameZh: "中国-韩国自贸协定",
    nameEn: "Free Trade Agreement between China and Korea",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2015-12-20", ["KR"]),
    criteria: [WO_WP_PSR],
    itemCap: [{ cap: 20 }, { from: "2022-06-12", cap: null }],
    retro: [{ ...retroWithin1Year(RETROACTIVELY, "5"), grace: { days: 7, working: true } }],
    sources: ["S46", "S53", "S66", "S67", "S68"],
  },
  CNPE: {
    type: "CNPE",
    nameZh: "中国-秘鲁自贸协定",
    nameEn: "Free Trade Agreement between China and Peru",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2010-03-01", ["PE"], true),
    criteria: [WO_WP_PSR],
    itemCap: CAP_20,
    retro: [retroWithin1Year(RETROSPECTIVELY, "title")],
    sources: ["S46", "S69", "S70"],
  },
  RCEP: {
    type: "RCEP",
    nameZh: "区域全面经济伙伴关系协定（RCEP）",
    nameEn: "Regional Comprehensive Economic Partnership",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: [
      ...parties("2022-01-01", ["BN", "KH", "LA", "SG", "TH", "VN", "JP", "AU", "NZ"]),
      { country: "KR", from: "2022-02-01" },
      { country: "MY", from: "2022-03-18" },
      { country: "MM", from: "2022-05-01" },
      { country: "ID", from: "2023-01-02" },
      { country: "PH", from: "2023-06-02", unverified: true },
    ],
    criteria: [
      {
        options: [
          WO,
          PE,
          { code: "CTC", meaning: "税则归类改变", percent: "none" },
          // Box 10 prints "RVC"; the FOB value goes in Box 12. A percentage is optional; given, it is at
          // least the general rule's 40 % (RCEP Article 3.2(b), 3.5) [S71].
          { code: "RVC", meaning: "区域价值成分不低于 40%", percent: "optional", min: 40, max: 100 },
          { code: "CR", meaning: "化学反应", percent: "none" },
        ],
        addOns: ["ACU", "DMI"],
      },
    ],
    itemCap: NO_CAP,
    retro: [retroWithin1Year(RETROACTIVELY, "17", { tick: true })],
    sources: ["S71", "S72", "S73", "S74", "S75", "S85"],
  },
  CNCL: {
    type: "CNCL",
    nameZh: "中国-智利自贸协定",
    nameEn: "Free Trade Agreement between China and Chile",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2006-10-01", ["CL"]),
    // 2019 notice: WO/WP/PSR (source text garbled, §13).
    criteria: [{ ...WO_WP_PSR, unverified: true }],
    itemCap: [{ cap: 20 }, { from: "2019-03-01", cap: 50 }],
    retro: [
      { ...retroWithin1Year(RETROACTIVELY, "5"), limit: { days: 30 }, unverified: true },
      { from: "2019-03-01", ...retroWithin1Year(RETROACTIVELY, "5") },
    ],
    sources: ["S37", "S46", "S76", "S77"],
  },
  CNPK: {
    type: "CNPK",
    nameZh: "中国-巴基斯坦自贸协定",
    nameEn: "China-Pakistan Free Trade Agreement",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2007-07-01", ["PK"], true),
    criteria: [
      {
        options: [P, { code: "", meaning: "国产成分或中巴累计成分百分比（不低于 40%）", percent: "required", min: 40, max: 100 }, PSR_PLAIN],
      },
    ],
    itemCap: NO_CAP,
    retro: [{ ...retroWithin1Year(RETROACTIVELY, "13"), grace: { days: 15 } }],
    sources: ["S46", "S78", "S79"],
  },
  CNGE: {
    type: "CNGE",
    nameZh: "中国-格鲁吉亚自贸协定",
    nameEn: "Free Trade Agreement between China and Georgia",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2018-01-01", ["GE"]),
    criteria: [{ ...WO_WP_PSR, unverified: true }],
    itemCap: NO_CAP,
    retro: [retroWithin1Year(RETROSPECTIVELY, "5", { unverified: true })],
    sources: ["S80"],
    unverified: true,
  },
  CNMU: {
    type: "CNMU",
    nameZh: "中国-毛里求斯自贸协定",
    nameEn: "Free Trade Agreement between China and Mauritius",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2021-01-01", ["MU"]),
    criteria: [{ ...WO_WP_PSR, unverified: true }],
    itemCap: NO_CAP,
    retro: [retroWithin1Year(RETROACTIVELY, "4")],
    sources: ["S81"],
    unverified: true,
  },
  CNRS: {
    type: "CNRS",
    nameZh: "中国-塞尔维亚自贸协定",
    nameEn: "Free Trade Agreement between China and Serbia",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2024-07-01", ["RS"]),
    criteria: [{ ...WO_WP_PSR, unverified: true }],
    itemCap: NO_CAP,
    retro: [retroWithin1Year(RETROSPECTIVELY, "5", { unverified: true })],
    sources: ["S16", "S82"],
    unverified: true,
  },
  CNEC: {
    type: "CNEC",
    nameZh: "中国-厄瓜多尔自贸协定",
    nameEn: "Free Trade Agreement between China and Ecuador",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2024-05-01", ["EC"]),
    criteria: [{ ...WO_WP_PSR, unverified: true }],
    itemCap: NO_CAP,
    retro: [retroWithin1Year(RETROSPECTIVELY, "5", { unverified: true })],
    sources: ["S84"],
    unverified: true,
  },
  CNNI: {
    type: "CNNI",
    nameZh: "中国-尼加拉瓜自贸协定",
    nameEn: "Free Trade Agreement between China and Nicaragua",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2024-01-01", ["NI"]),
    criteria: [{ ...WO_WP_PSR, unverified: true }],
    itemCap: NO_CAP,
    retro: [retroWithin1Year(RETROSPECTIVELY, "5", { unverified: true })],
    sources: ["S83"],
    unverified: true,
  },
  CNKH: {
    type: "CNKH",
    nameZh: "中国-柬埔寨自贸协定",
    nameEn: "Free Trade Agreement between China and Cambodia",
    preferential: true,
    productFiling: true,
    consigneeCountry: "error",
    parties: parties("2022-01-01", ["KH"], true),
    // ACFTA-style set is the reference's guess (§13).
    criteria: [
      {
        options: [WO, PE, { code: "RVC", meaning: "区域价值成分不低于 40%", percent: "required", min: 40, max: 100 }, CTH, PSR_PLAIN],
        unverified: true,
      },
    ],
    itemCap: NO_CAP,
    retro: [retroWithin1Year(RETROSPECTIVELY, "5", { unverified: true })],
    sources: [],
    unverified: true,
  },
};
