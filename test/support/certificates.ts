import type { Db } from "../../src/db/client.ts";
import type { CertificateBody } from "../../src/modules/certificates/index.ts";
import { validCert } from "../../src/modules/certificates/checks/review.fixtures.ts";
import type { CertificateTypeCode } from "../../src/modules/reference/index.ts";
import { createApiToken } from "../../src/modules/api/index.ts";
import { createProduct, decideProduct, sendProduct } from "../../src/modules/filing/service.ts";

const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A body that passes machine review for demo enterprise 1100A4419 today: the review fixtures'
 * certificate with dates moved relative to today and no seal printing (demo signers have no
 * signature image). Preferential types also need `fileProduct` first.
 */
export function goodBody(type: CertificateTypeCode, invoiceNo = `CI-${crypto.randomUUID().slice(0, 8)}`): CertificateBody {
  const b = validCert(type);
  return {
    ...b,
    printSeal: false,
    invoice: { ...b.invoice!, number: invoiceNo, date: day(-2) },
    transport: { ...b.transport!, departureDate: day(5) },
  };
}

export async function tokenFor(db: Db, login: string) {
  const a = await db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, login) });
  return (await createApiToken({ db, accountId: a!.id, name: "test" })).token;
}

/** A JSON client for the EDI API with one enterprise's bearer token. */
export function apiClient(app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> }, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json };
  };
}

/**
 * The work gloves 1100A4419 files for 中澳 (CHAFTA, WP): the filing the goods-import and bulk-import
 * workbooks' rows (HS 6116100000) are matched against, and an approved filing to notify about.
 */
export const GLOVES_FILING = {
  login: "1100A4419",
  hsCode: "6116100000",
  nameZh: "劳保手套",
  nameEn: "WORKING GLOVES",
  unit: "PAIRS",
  agreements: [{ type: "CHAFTA", originCriterion: "WP" }],
};

/** An approved product filing (商品备案) of an enterprise, through the filing services and an office reviewer's approval. */
export async function approvedFiling(
  db: Db,
  {
    login,
    reviewer = "reviewer1100",
    hsCode,
    nameZh,
    nameEn,
    unit,
    agreements,
  }: {
    login: string;
    reviewer?: string;
    hsCode: string;
    nameZh: string;
    nameEn: string;
    unit: string;
    agreements: { type: string; originCriterion: string }[];
  },
) {
  const account = async (l: string) => (await db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, l) }))!;
  const user = { ...(await account(login)), role: "enterprise" as const };
  const p = await createProduct({ db, user, input: { hsCode, nameZh, nameEn, unit, materials: "", agreements } });
  await sendProduct({ db, user, id: p.id });
  await decideProduct({ db, reviewer: { ...(await account(reviewer)), role: "office_reviewer" }, id: p.id, decision: "approve" });
  return p.id;
}
