import { and, eq } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx, Tx } from "../../db/client.ts";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.ts";
import { hasErrors, type Problem } from "../../lib/problems.ts";
import { listAudit, recordAudit } from "../audit/index.ts";
import { notifyEnterprise } from "../notifications/index.ts";
import { getEnterpriseProfile, hasApprovedCustomsCode } from "../registration/index.ts";
import { queueWebhookEvent } from "../webhooks/index.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { editOutcome, productProblems, type ProductInput } from "./rules.ts";
import { products, productVersions } from "./schema.ts";

const today = () => new Date().toISOString().slice(0, 10);

/** Thrown by `sendProduct` when the filing cannot be sent; carries every problem at once. */
export class ProductProblemsError extends AppError {
  constructor(readonly problems: Problem[]) {
    super("invalid", M.hasProblems);
  }
}

function normalize(input: ProductInput): ProductInput {
  return {
    hsCode: input.hsCode.trim(),
    nameZh: input.nameZh.trim(),
    nameEn: input.nameEn.trim().toUpperCase(),
    unit: input.unit.trim(),
    materials: input.materials.trim(),
    agreements: input.agreements.map((a) => ({ type: a.type, originCriterion: a.originCriterion.trim().toUpperCase() })),
  };
}

/** Loads a product the user may see: the owning enterprise, or staff of the office it was filed at. Others get not_found. */
async function loadVisible(db: Db | Tx, user: CurrentUser, id: string) {
  const product = await q.findProduct(db, id);
  if (!product) throw notFound();
  const mine = user.role === "enterprise" ? product.enterpriseId === user.enterpriseId : product.officeCode === user.officeCode;
  if (!mine) throw notFound();
  return product;
}

async function lockProduct(tx: Tx, user: CurrentUser, id: string) {
  await tx.select({ id: products.id }).from(products).where(eq(products.id, id)).for("update");
  const product = await loadVisible(tx, user, id);
  const latest = (await q.findVersion(tx, product.latestVersionId))!;
  return { product, latest };
}

/** Creates a DRAFT filing (saved even with problems) for the user's enterprise; returns its id and problems. */
export async function createProduct({ db, user, input, requestId }: { db: Db; user: CurrentUser; input: ProductInput; requestId?: string }) {
  const data = normalize(input);
  const { enterprise } = await getEnterpriseProfile({ db, enterpriseId: user.enterpriseId! });
  const id = Bun.randomUUIDv7();
  const versionId = Bun.randomUUIDv7();
  await db.transaction(async (tx) => {
    await tx.insert(productVersions).values({ id: versionId, productId: id, versionNo: 1, ...data, createdBy: user.id });
    await tx.insert(products).values({ id, enterpriseId: enterprise.id, officeCode: enterprise.officeCode, latestVersionId: versionId });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: enterprise.officeCode,
      entity: "product",
      entityId: id,
      action: "created",
      after: { version: 1 },
      requestId,
    });
  });
  return { id, status: "DRAFT" as const, problems: productProblems(data, today()) };
}

/**
 * Saves edits. A draft or returned filing changes in place; an approved one gets a new DRAFT version
 * while certificates keep using the approved one; a pending one is locked (`conflict`).
 */
export async function updateProduct({ db, user, id, input, requestId }: { db: Db; user: CurrentUser; id: string; input: ProductInput; requestId?: string }) {
  const data = normalize(input);
  return db.transaction(async (tx) => {
    const { product, latest } = await lockProduct(tx, user, id);
    const outcome = editOutcome(latest.status);
    if (outcome === "locked") throw conflict(M.pendingLocked);
    let versionNo = latest.versionNo;
    if (outcome === "new_version") {
      versionNo += 1;
      const versionId = Bun.randomUUIDv7();
      await tx.insert(productVersions).values({ id: versionId, productId: id, versionNo, ...data, createdBy: user.id });
      await tx.update(products).set({ latestVersionId: versionId, updatedAt: new Date() }).where(eq(products.id, id));
    } else {
      await tx
        .update(productVersions)
        .set({ ...data, status: "DRAFT" })
        .where(eq(productVersions.id, latest.id));
      await tx.update(products).set({ updatedAt: new Date() }).where(eq(products.id, id));
    }
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: product.officeCode,
      entity: "product",
      entityId: id,
      action: outcome === "new_version" ? "new_version" : "edited",
      after: { version: versionNo },
      requestId,
    });
    return { id, status: "DRAFT" as const, versionNo, problems: productProblems(data, today()) };
  });
}

/** A new DRAFT filing with the same content. */
export async function copyProduct({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  const product = await loadVisible(db, user, id);
  const v = (await q.findVersion(db, product.latestVersionId))!;
  return createProduct({
    db,
    user,
    input: { hsCode: v.hsCode, nameZh: v.nameZh, nameEn: v.nameEn, unit: v.unit, materials: v.materials, agreements: v.agreements },
    requestId,
  });
}

/**
 * Sends a DRAFT (or returned) filing for review. Throws ProductProblemsError with every problem at
 * once (including a missing approved customs code, manual Q5), `conflict` from another state.
 */
export async function sendProduct({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  return db.transaction(async (tx) => {
    const { product, latest } = await lockProduct(tx, user, id);
    if (latest.status !== "DRAFT" && latest.status !== "REJECTED") throw conflict(M.notDraft);
    const problems = productProblems(latest, today());
    if (!(await hasApprovedCustomsCode({ db: tx, enterpriseId: product.enterpriseId })))
      problems.unshift({ rule: "CUSTOMS_CODE_REQUIRED", field: "enterprise", severity: "error", message: M.customsCodeMissing, hint: M.customsCodeHint });
    if (hasErrors(problems)) throw new ProductProblemsError(problems);
    await tx.update(productVersions).set({ status: "PENDING", sentAt: new Date(), rejectReason: null }).where(eq(productVersions.id, latest.id));
    await tx.update(products).set({ updatedAt: new Date() }).where(eq(products.id, id));
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: product.officeCode,
      entity: "product",
      entityId: id,
      action: "sent",
      after: { version: latest.versionNo },
      requestId,
    });
    return { id, status: "PENDING" as const };
  });
}

/** Takes a PENDING filing back to DRAFT so it can be edited. */
export async function withdrawProduct({ db, user, id, requestId }: { db: Db; user: CurrentUser; id: string; requestId?: string }) {
  await db.transaction(async (tx) => {
    const { product, latest } = await lockProduct(tx, user, id);
    if (latest.status !== "PENDING") throw conflict(M.notWithdrawable);
    await tx.update(productVersions).set({ status: "DRAFT", sentAt: null }).where(eq(productVersions.id, latest.id));
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: product.officeCode,
      entity: "product",
      entityId: id,
      action: "withdrawn",
      after: { version: latest.versionNo },
      requestId,
    });
  });
}

/**
 * Office decision on a PENDING filing of the reviewer's own office. Approval makes this version the
 * one certificates are checked against; rejection needs a reason the enterprise sees. The
 * enterprise's notification is written in the same transaction.
 * Throws `conflict` when the filing is no longer pending (e.g. withdrawn or decided by a colleague).
 */
export async function decideProduct({
  db,
  reviewer,
  id,
  decision,
  reason,
  requestId,
}: {
  db: Db;
  reviewer: CurrentUser;
  id: string;
  decision: "approve" | "reject";
  reason?: string;
  requestId?: string;
}) {
  if (decision === "reject" && !reason?.trim()) throw invalid(M.rejectReasonRequired, [{ path: "reason", message: M.rejectReasonRequired }]);
  await db.transaction(async (tx) => {
    const { product, latest } = await lockProduct(tx, reviewer, id);
    if (latest.status !== "PENDING") throw conflict(M.notPending);
    const now = new Date();
    await tx
      .update(productVersions)
      .set({
        status: decision === "approve" ? "APPROVED" : "REJECTED",
        decidedBy: reviewer.id,
        decidedAt: now,
        rejectReason: decision === "reject" ? reason!.trim() : null,
      })
      .where(and(eq(productVersions.id, latest.id), eq(productVersions.status, "PENDING")));
    await tx
      .update(products)
      .set({ updatedAt: now, ...(decision === "approve" ? { approvedVersionId: latest.id } : {}) })
      .where(eq(products.id, id));
    await recordAudit(tx, {
      actorId: reviewer.id,
      officeCode: product.officeCode,
      entity: "product",
      entityId: id,
      action: decision === "approve" ? "approved" : "rejected",
      after: { version: latest.versionNo, reason: reason?.trim() || undefined },
      requestId,
    });
    await notifyEnterprise(tx, {
      enterpriseId: product.enterpriseId,
      event: decision === "approve" ? "filing.approved" : "filing.returned",
      facts: { productName: latest.nameZh, hsCode: latest.hsCode, reason: reason?.trim() || null },
      link: `/products/${encodeURIComponent(id)}`,
      officeCode: product.officeCode,
    });
    // The enterprise's webhook endpoints hear of it: deliveries commit with the decision.
    await queueWebhookEvent(tx, {
      enterpriseId: product.enterpriseId,
      type: decision === "approve" ? "filing.approved" : "filing.returned",
      data: {
        productId: id,
        version: latest.versionNo,
        hsCode: latest.hsCode,
        nameZh: latest.nameZh,
        status: decision === "approve" ? "APPROVED" : "REJECTED",
        reason: reason?.trim() || null,
      },
    });
  });
}

/** A product with its latest and approved versions and its history, for the user allowed to see it. */
export async function getProduct({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  const product = await loadVisible(db, user, id);
  const [versions, history] = await Promise.all([q.listVersions(db, id), listAudit({ db, entity: "product", entityId: id })]);
  const latest = versions.find((v) => v.id === product.latestVersionId)!;
  const approved = versions.find((v) => v.id === product.approvedVersionId) ?? null;
  return { product, latest, approved, versions, history, problems: productProblems(latest, today()) };
}

export const PAGE_SIZE = 20;

export function listProducts({ db, user, status, query, page = 1 }: { db: Db; user: CurrentUser; status?: string; query?: string; page?: number }) {
  const scope = user.role === "enterprise" ? { enterpriseId: user.enterpriseId! } : { officeCode: user.officeCode! };
  return q.listProductRows(db, { ...scope, status, query, page, pageSize: PAGE_SIZE });
}

/** Approved filings of an enterprise, in the shape machine review takes. */
export async function listApprovedFilings({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  const rows = await q.approvedVersionsOf(db, enterpriseId);
  return rows.map((r) => ({ productId: r.productId, hsCode: r.hsCode, nameEn: r.nameEn, agreements: r.agreements }));
}

/** Approved products of an enterprise with their names and unit, for the certificate form's product picker. */
export async function listApprovedProducts({ db, enterpriseId }: { db: DbOrTx; enterpriseId: string }) {
  const rows = await q.approvedVersionsOf(db, enterpriseId);
  return rows
    .map((r) => ({ productId: r.productId, hsCode: r.hsCode, nameZh: r.nameZh, nameEn: r.nameEn, unit: r.unit, agreements: r.agreements }))
    .sort((a, b) => a.hsCode.localeCompare(b.hsCode));
}

/** Filings of the enterprise whose latest version the office rejected, newest first, with the reasons (用户首页). */
export async function listRejectedFilings({ db, enterpriseId, limit = 10 }: { db: DbOrTx; enterpriseId: string; limit?: number }) {
  const { rows, total } = await q.listProductRows(db, { enterpriseId, status: "REJECTED", page: 1, pageSize: limit });
  return { total, items: rows.map((r) => ({ id: r.id, hsCode: r.hsCode, nameZh: r.nameZh, rejectReason: r.rejectReason, updatedAt: r.updatedAt })) };
}
