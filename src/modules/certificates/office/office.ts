/**
 * What the office's certificate desk reads: a certificate with everything its reviewer weighs
 * (fresh machine review, the enterprise's filed record, the filings its lines refer to), the queue
 * counts, and the filtered rows of an export in batches.
 */
import type { CurrentUser } from "../../../app-env.ts";
import type { Db } from "../../../db/client.ts";
import { forbidden } from "../../../lib/errors.ts";
import { listApprovedFilings } from "../../filing/index.ts";
import { getEnterpriseProfile, listSignersForReview } from "../../registration/index.ts";
import { REVIEW_CLAIM_MINUTES } from "./office-actions.ts";
import { OM } from "./office-messages.ts";
import * as q from "../queries.ts";
import type { CertificateFilters } from "../search.ts";
import { certificateType } from "../registry.ts";
import { hsCodesAgree } from "../checks/review-goods.ts";
import { reviewCertificate } from "../checks/review-rules.ts";
import { getCertificate, officeToday, reviewContext } from "../service.ts";

const OFFICE_ROLES: readonly string[] = ["office_admin", "office_reviewer", "print_clerk"];

function assertOffice(user: CurrentUser) {
  if (!OFFICE_ROLES.includes(user.role) || !user.officeCode) throw forbidden(OM.notReviewer);
}

/**
 * A certificate of the reviewer's office as the review page shows it. Machine review runs again
 * on what is on file now (hand-signers, filings, other certificates' invoice numbers), judged on
 * the day it was sent. Each goods line comes with the approved filings whose HS code agrees with
 * it, and the criterion each filed for this certificate's agreement.
 */
export async function getCertificateForReview({ db, reviewer, id }: { db: Db; reviewer: CurrentUser; id: string }) {
  assertOffice(reviewer);
  const cert = await getCertificate({ db, user: reviewer, id });
  const type = certificateType(cert.body.type);
  const [ctx, profile, signers, filings, refs, replacedBody] = await Promise.all([
    reviewContext(db, { row: cert, body: cert.body, today: officeToday(cert.sentAt ?? new Date()) }),
    getEnterpriseProfile({ db, enterpriseId: cert.enterpriseId }),
    listSignersForReview({ db, enterpriseId: cert.enterpriseId }),
    listApprovedFilings({ db, enterpriseId: cert.enterpriseId }),
    q.findCertificateRefs(
      db,
      [cert.replacesId, cert.replacedById].filter((x): x is string => !!x),
    ),
    cert.replacesId ? q.findCertificateBody(db, cert.replacesId) : null,
  ]);
  // What the reviewer compares with: the certificate an amendment replaces, else the version the
  // office returned (when it has come back).
  const previous = replacedBody
    ? { kind: "amended" as const, body: replacedBody }
    : cert.returnedBody && cert.status !== "RETURNED"
      ? { kind: "returned" as const, body: cert.returnedBody }
      : null;
  const lineFilings = (cert.body.goods ?? []).map((line) => {
    const hs = (line.hsCode ?? "").trim();
    return filings
      .filter((f) => hs && hsCodesAgree(f.hsCode, hs))
      .map((f) => ({
        productId: f.productId,
        hsCode: f.hsCode,
        nameEn: f.nameEn,
        criterion: f.agreements.find((a) => a.type === type.code)?.originCriterion ?? null,
      }));
  });
  const ref = (refId: string | null) => refs.find((r) => r.id === refId) ?? null;
  return {
    ...cert,
    problems: reviewCertificate(cert.body, ctx),
    hasMarksImage: ctx.marksImage !== null,
    enterprise: profile.enterprise,
    signers,
    filingRequired: type.agreement.productFiling,
    lineFilings,
    replaces: ref(cert.replacesId),
    replacedBy: ref(cert.replacedById),
    previous,
  };
}

/** Counts behind the desk's tabs: the office's queues and what was sent today. */
export function countOfficeQueues({ db, user }: { db: Db; user: CurrentUser }) {
  assertOffice(user);
  return q.countOfficeQueues(db, user.officeCode!, officeToday());
}

/** The reviewer's workbench facts: longest waiting, claimed by colleagues, approved today. */
export function getOfficeWorkbenchFacts({ db, user, now = new Date() }: { db: Db; user: CurrentUser; now?: Date }) {
  assertOffice(user);
  return q.officeWorkbenchFacts(db, {
    officeCode: user.officeCode!,
    today: officeToday(now),
    claimedSince: new Date(now.getTime() - REVIEW_CLAIM_MINUTES * 60_000),
    me: user.id,
  });
}

/** The office's certificates matching `filters`, newest first, `batch` rows at a time (exports). */
export async function* iterateOfficeCertificates({
  db,
  user,
  filters,
  batch = 500,
}: {
  db: Db;
  user: CurrentUser;
  filters: CertificateFilters;
  batch?: number;
}) {
  assertOffice(user);
  yield* q.walkCertificateRows(db, { officeCode: user.officeCode! }, filters, batch);
}
