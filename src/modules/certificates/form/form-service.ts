/**
 * Services behind the certificate form pages, built on the lifecycle services (service.ts): a new
 * draft with the form's defaults, what the form offers the exporter (filed name and address,
 * hand-signers, approved products), and saving that leaves an unchanged draft alone.
 */
import type { CurrentUser } from "../../../app-env.ts";
import type { Db } from "../../../db/client.ts";
import { notFound } from "../../../lib/errors.ts";
import { listApprovedProducts } from "../../filing/index.ts";
import { getEnterpriseProfile, listSignersForReview } from "../../registration/index.ts";
import type { CertificateBody } from "../edi/contract.ts";
import { ECO_COPIES_DEFAULT } from "../data/form-data.ts";
import type { FiledProduct } from "./form-ops.ts";
import { sameBody } from "./form.ts";
import { CM } from "../lifecycle-messages.ts";
import * as q from "../queries.ts";
import { certificateType } from "../registry.ts";
import { checkCertificate, createCertificate, getCertificate, getCertificatesByIds, updateCertificate } from "../service.ts";
import type { CertificateTypeCode } from "../../reference/index.ts";

/**
 * What a new certificate of this type starts with: eCO with the office's copies, the loading side in
 * China and one empty goods line. The exporter and hand-signer are left for `createCertificate` to
 * fill from the enterprise's record (contract defaults).
 */
export function defaultBody(type: CertificateTypeCode): CertificateBody {
  const t = certificateType(type);
  return {
    type,
    printMode: "ECO",
    localPrint: false,
    printSeal: false,
    copies: ECO_COPIES_DEFAULT,
    producer: t.producerBox ? { name: null, address: null } : null,
    transport: { from: { country: "CN", port: null } },
    goods: [{}],
  };
}

/** 创建原产地证书: a saved DRAFT of the chosen type, so autosave always has a record to write to. */
export function startCertificate({ db, user, type, requestId }: { db: Db; user: CurrentUser; type: CertificateTypeCode; requestId?: string }) {
  return createCertificate({ db, user, body: defaultBody(type), source: "WEB", requestId });
}

export type FormContext = {
  enterprise: { nameEn: string; addressEn: string };
  signers: { name: string; active: boolean; isDefault: boolean }[];
  products: FiledProduct[];
};

/** What the form offers an enterprise, read fresh (an office's new hand-signer shows at once). */
export async function getFormContext({ db, enterpriseId }: { db: Db; enterpriseId: string }): Promise<FormContext> {
  const [profile, signers, products] = await Promise.all([
    getEnterpriseProfile({ db, enterpriseId }),
    listSignersForReview({ db, enterpriseId }),
    listApprovedProducts({ db, enterpriseId }),
  ]);
  return {
    enterprise: { nameEn: profile.enterprise.nameEn, addressEn: profile.enterprise.addressEn },
    signers: signers.map((s) => ({ name: s.name, active: s.active, isDefault: s.isDefault })),
    products,
  };
}

/**
 * One certificate with everything its form page shows. With `review`, an editable certificate's
 * problems are reviewed again now (dates and filings move on); otherwise they are the ones recorded
 * (a post that is about to save and review anyway skips the extra review).
 */
export async function loadCertificateForm({ db, user, id, review = true }: { db: Db; user: CurrentUser; id: string; review?: boolean }) {
  const cert = await getCertificate({ db, user, id });
  const fresh = review && (cert.status === "DRAFT" || cert.status === "RETURNED");
  const [context, image, problems] = await Promise.all([
    getFormContext({ db, enterpriseId: cert.enterpriseId }),
    q.findMarksImage(db, id),
    fresh ? checkCertificate({ db, user, id, body: cert.body }) : cert.problems,
  ]);
  return { cert, context, problems, marksImage: image ? { mime: image.mime, size: image.bytes.byteLength } : null };
}

/**
 * 保存 and autosave. A body equal to the stored one is not written again (an idle open page polling
 * every 30 seconds neither bumps the revision nor collides with another tab), and its problems are
 * reviewed afresh. Otherwise `updateCertificate` writes it, refusing a stale `revision` (conflict).
 */
export async function saveCertificateForm({
  db,
  user,
  id,
  body,
  revision,
  requestId,
}: {
  db: Db;
  user: CurrentUser;
  id: string;
  body: CertificateBody;
  revision?: number;
  requestId?: string;
}) {
  const [row] = await getCertificatesByIds({ db, user, ids: [id] });
  if (!row) throw notFound(CM.notFound);
  if (sameBody(row.body, body) && (row.status === "DRAFT" || row.status === "RETURNED")) {
    const problems = await checkCertificate({ db, user, id, body: row.body });
    return { saved: false, revision: row.revision, problems, savedAt: row.updatedAt };
  }
  const updated = await updateCertificate({ db, user, id, body, revision, requestId });
  return { saved: true, revision: updated.revision, problems: updated.problems, savedAt: new Date() };
}
