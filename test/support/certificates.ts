import type { Db } from "../../src/db/client.ts";
import type { CertificateBody } from "../../src/modules/certificates/index.ts";
import { validCert } from "../../src/modules/certificates/review.fixtures.ts";
import type { CertificateTypeCode } from "../../src/modules/reference/index.ts";
import { createApiToken } from "../../src/modules/api/index.ts";

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
