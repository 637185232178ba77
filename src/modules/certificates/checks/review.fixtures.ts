/**
 * Test fixtures for machine review: for each certificate type a certificate that passes review,
 * built on the contract's example body, and the context it passes in. Tests change one thing and
 * look for the one problem that change should cause.
 */
import type { CertificateTypeCode } from "../../reference/index.ts";
import type { CertificateBody } from "../edi/contract.ts";
import type { Problem, ProductFiling, ReviewContext, RuleCode } from "./review-problems.ts";
import { reviewCertificate } from "./review-rules.ts";

export const TODAY = "2026-11-25";
export const FILED_NAME = "BEIJING TUOBANG INVESTMENT CO., LTD.";
export const FILED_ADDRESS = "NO.1 JIANGUOMENWAI AVENUE, CHAOYANG DISTRICT, BEIJING, CHINA";

/** Destination, discharge port and a criterion each type accepts (null: the form has no criterion box). */
const PER_TYPE: Record<CertificateTypeCode, { dest: string; port: string; criterion: string | null }> = {
  GENERAL: { dest: "US", port: "LOS ANGELES", criterion: null },
  APTA: { dest: "KR", port: "BUSAN", criterion: "A" },
  ACFTA: { dest: "TH", port: "LAEM CHABANG", criterion: "PE" },
  CNNZ: { dest: "NZ", port: "AUCKLAND", criterion: "WO" },
  CNSG: { dest: "SG", port: "SINGAPORE", criterion: "P" },
  CNCR: { dest: "CR", port: "PUERTO LIMON", criterion: "WP" },
  CEPA_HK: { dest: "HK", port: "HONG KONG", criterion: null },
  CEPA_MO: { dest: "MO", port: "MACAO", criterion: null },
  CNIS: { dest: "IS", port: "REYKJAVIK", criterion: "WO" },
  CNCH: { dest: "CH", port: "", criterion: "WP" },
  CHAFTA: { dest: "AU", port: "ADELAIDE", criterion: "WP" },
  CNKR: { dest: "KR", port: "BUSAN", criterion: "WP" },
  CNPE: { dest: "PE", port: "CALLAO", criterion: "WO" },
  RCEP: { dest: "JP", port: "TOKYO", criterion: "CTC" },
  CNCL: { dest: "CL", port: "VALPARAISO", criterion: "WP" },
  CNPK: { dest: "PK", port: "KARACHI", criterion: "P" },
  CNGE: { dest: "GE", port: "POTI", criterion: "WP" },
  CNMU: { dest: "MU", port: "PORT LOUIS", criterion: "WO" },
  CNRS: { dest: "RS", port: "", criterion: "WP" },
  CNEC: { dest: "EC", port: "GUAYAQUIL", criterion: "WP" },
  CNNI: { dest: "NI", port: "CORINTO", criterion: "WP" },
  CNKH: { dest: "KH", port: "SIHANOUKVILLE", criterion: "PE" },
};

export const HS_CODE = "6116100000";

/** A certificate of this type that passes machine review on TODAY with `validContext`. */
export function validCert(type: CertificateTypeCode): CertificateBody {
  const t = PER_TYPE[type];
  return {
    type,
    printMode: "ECO",
    localPrint: true,
    printSeal: true,
    copies: 2,
    handSigner: "张三",
    exporter: { name: FILED_NAME, address: FILED_ADDRESS },
    producer: { name: "SAME", address: "" },
    consignee: { name: "ACME TRADING LTD", address: "1 GEORGE ST", country: t.dest },
    destinationCountry: t.dest,
    transport: {
      from: { country: "CN", port: "DALIAN" },
      to: { country: t.dest, port: t.port },
      via: "HONGKONG",
      mode: "SEA",
      departureDate: "2026-12-01",
      vessel: "COSCO STAR V.123",
      routeText: null,
    },
    invoice: { number: "CI-P171123", date: "2026-11-20", currency: "USD" },
    goods: [
      {
        marks: "N/M",
        packages: { count: 150, kind: "CARTONS" },
        description: "WORKING GLOVES",
        hsCode: HS_CODE,
        ...(t.criterion ? { originCriterion: t.criterion } : {}),
        quantity: { value: 1500, unit: "PAIRS" },
        grossWeightKg: 320.5,
        value: 2500.0,
      },
    ],
    remarks: "L/C NO. 123456",
    exportCustoms: "0900",
    declarationNo: null,
  };
}

/** The approved filing that covers the fixture's goods line under every agreement, with its criterion. */
export function filingFor(type: CertificateTypeCode, hsCode = HS_CODE, criterion = PER_TYPE[type].criterion ?? ""): ProductFiling {
  return { hsCode, agreements: [{ type, originCriterion: criterion }] };
}

export function validContext(type: CertificateTypeCode, patch: Partial<ReviewContext> = {}): ReviewContext {
  return {
    today: TODAY,
    enterprise: { nameEn: FILED_NAME, addressEn: FILED_ADDRESS },
    handSigners: [
      { name: "张三", active: true, hasSignature: true },
      { name: "李四", active: false, hasSignature: true },
      { name: "王五", active: true, hasSignature: false },
    ],
    filings: [filingFor(type)],
    invoiceHolder: null,
    marksImage: null,
    enterpriseSeal: { width: 600, height: 600 },
    ...patch,
  };
}

// ---- helpers of the review tests
export type Edit = (cert: CertificateBody) => void;

/** Reviews the valid fixture of `type` after `edit`. */
export function review(type: CertificateTypeCode, edit: Edit = () => {}, ctx: Partial<ReviewContext> = {}): Problem[] {
  const cert = structuredClone(validCert(type));
  edit(cert);
  return reviewCertificate(cert, validContext(type, ctx));
}

export const rules = (ps: Problem[]) => ps.map((p) => `${p.rule}@${p.field}`);
export const only = (ps: Problem[], rule: RuleCode) => ps.filter((p) => p.rule === rule);
export const goods0 = (c: CertificateBody) => c.goods![0]!;
