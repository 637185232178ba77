import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../app-env.ts";
import { attempt, formFailure, parseForm, type FieldErrors, type FormFailure, type FormStatus, type FormValues } from "../../lib/forms.ts";
import { imageResponse } from "../../lib/image-response.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { customsCodeForm, editEnterpriseForm, newEnterpriseForm, rejectionForm, signerForm } from "./forms.ts";
import { M } from "./messages.ts";
import { addCustomsCode, approveCustomsCode, rejectCustomsCode } from "./customs-codes-service.ts";
import {
  addHandSigner,
  getHandSigner,
  getOfficeEnterpriseImage,
  setOperatorActive,
  updateHandSigner,
  uploadSeal,
  uploadSignature,
} from "./personnel-service.ts";
import {
  activateEnterprise,
  createEnterprise,
  deactivateEnterprise,
  getEnterpriseRecord,
  listEnterprises,
  proposeRegNo,
  updateEnterprise,
  versionOf,
} from "./records-service.ts";
import { getEnterpriseImage } from "./service.ts";
import { EnterpriseForm } from "./views/enterprise-form.tsx";
import { EnterpriseList } from "./views/enterprise-list.tsx";
import { EnterpriseRecord, type RecordForms } from "./views/enterprise-record.tsx";
import { SignerEdit } from "./views/signer-edit.tsx";
import { textField } from "../../lib/charset.ts";

/**
 * 贸促会端企业注册信息管理 (manual chapter 一): the office's enterprise records, customs codes,
 * personnel, seals and signatures. Admins change; reviewers read. Every lookup is scoped to the
 * signed-in user's office, so another office's enterprise answers 404.
 */
const admin = allow("office_admin");
const staff = allow("office_admin", "office_reviewer");

type C = Context<AppEnv>;
const officeOf = (c: C) => c.var.user!.officeCode!;
const actorOf = (c: C) => c.var.user!.id;
const ids = (c: C) => ({ db: c.var.db, officeCode: officeOf(c), enterpriseId: c.req.param("id")!, actorId: actorOf(c) });

type DoneKey = keyof typeof M.done;
const back = (c: C, done: DoneKey, path = `/office/enterprises/${c.req.param("id")}`) => c.redirect(`${path}?done=${done}`, 303);

/**
 * A service refusal these forms show (field issues beside their fields, otherwise the message on
 * top); anything else (not found, forbidden, bugs) goes to the app's error handler.
 */
const REFUSALS = ["invalid", "conflict", "too_large"] as const;

async function renderRecord(c: C, { forms, status = 200, error }: { forms?: RecordForms; status?: 200 | FormStatus; error?: string } = {}) {
  const record = await getEnterpriseRecord({ db: c.var.db, officeCode: officeOf(c), enterpriseId: c.req.param("id")! });
  const done = c.req.query("done");
  const notice = done && done in M.done ? M.done[done as DoneKey] : undefined;
  return renderPage(
    c,
    `${record.enterprise.nameZh} · ${M.listTitle}`,
    <EnterpriseRecord record={record} canEdit={c.var.user!.role === "office_admin"} csrfToken={c.var.csrfToken} notice={notice} forms={forms} error={error} />,
    status,
  );
}

/** The uploaded file's bytes, or an empty array when the field held no file. */
async function uploadedBytes(c: C) {
  const file = (await c.req.parseBody())["image"];
  return file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
}

function signerValues(s: Awaited<ReturnType<typeof getHandSigner>>["signer"]): FormValues {
  return {
    name: s.name,
    nameLatin: s.nameLatin ?? "",
    phone: s.phone ?? "",
    idNo: s.idNo ?? "",
    active: s.active ? "1" : "",
    isDefault: s.isDefault ? "1" : "",
  };
}

function enterpriseValues(e: Enterprise): FormValues {
  return {
    nameZh: e.nameZh,
    nameEn: e.nameEn,
    addressEn: e.addressEn,
    creditCode: e.creditCode ?? "",
    nature: e.nature,
    smallMicro: e.smallMicro ? "1" : "",
    visaPoint: e.visaPoint,
    contactName: e.contactName ?? "",
    contactPhone: e.contactPhone ?? "",
    contactEmail: e.contactEmail ?? "",
    version: versionOf(e),
  };
}

function newEnterprisePage(c: C, values: FormValues, errors: FieldErrors, status: FormStatus, message?: string) {
  return renderPage(c, M.newTitle, <EnterpriseForm csrfToken={c.var.csrfToken} mode="new" values={values} errors={errors} message={message} />, status);
}

type Enterprise = Awaited<ReturnType<typeof getEnterpriseRecord>>["enterprise"];

function editEnterprisePage(c: C, enterprise: Enterprise, values: FormValues, errors: FieldErrors, status: FormStatus, message?: string) {
  return renderPage(
    c,
    M.editTitle,
    <EnterpriseForm csrfToken={c.var.csrfToken} mode="edit" values={values} errors={errors} message={message} enterprise={enterprise} />,
    status,
  );
}

/** The signer's page again, with the upload's refusal beside the file box. */
async function signatureRefused(c: C, signerId: string, r: FormFailure) {
  const data = await getHandSigner({ ...ids(c), signerId });
  const upload = { values: {}, errors: r.errors, message: r.summary };
  return renderPage(c, M.signerEditTitle, <SignerEdit data={data} csrfToken={c.var.csrfToken} values={signerValues(data.signer)} upload={upload} />, r.status);
}

const listQuery = z.object({
  q: textField().max(100).catch(""),
  status: z.enum(["active", "inactive", "all"]).catch("active"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const officeEnterpriseRoutes = new Hono<AppEnv>()
  .get("/office/enterprises", staff, async (c) => {
    const query = listQuery.parse({ q: c.req.query("q") ?? "", status: c.req.query("status") ?? "active", page: c.req.query("page") ?? "1" });
    const result = await listEnterprises({ db: c.var.db, officeCode: officeOf(c), query: { search: query.q, status: query.status, page: query.page } });
    return renderPage(c, M.listTitle, <EnterpriseList result={result} query={query} canEdit={c.var.user!.role === "office_admin"} />);
  })
  .get("/office/enterprises/new", admin, async (c) => {
    const officeCode = officeOf(c);
    const values = { regNo: await proposeRegNo({ db: c.var.db, officeCode }), nature: "中国企业", visaPoint: officeCode };
    return renderPage(c, M.newTitle, <EnterpriseForm csrfToken={c.var.csrfToken} mode="new" values={values} />);
  })
  .post("/office/enterprises", admin, async (c) => {
    const officeCode = officeOf(c);
    const form = parseForm(newEnterpriseForm(officeCode), await c.req.parseBody());
    if (!form.ok) return newEnterprisePage(c, form.values, form.errors, 422);
    const created = await attempt(createEnterprise({ db: c.var.db, enterprise: { ...form.data, officeCode }, actorId: actorOf(c) }), ...REFUSALS);
    if (!created.ok) return newEnterprisePage(c, form.values, created.failure.errors, created.failure.status, created.failure.summary);
    return back(c, "created", `/office/enterprises/${created.value}`);
  })
  .get("/office/enterprises/:id", staff, (c) => renderRecord(c))
  .get("/office/enterprises/:id/edit", admin, async (c) => {
    const { enterprise } = await getEnterpriseRecord({ db: c.var.db, officeCode: officeOf(c), enterpriseId: c.req.param("id") });
    return renderPage(c, M.editTitle, <EnterpriseForm csrfToken={c.var.csrfToken} mode="edit" values={enterpriseValues(enterprise)} enterprise={enterprise} />);
  })
  .post("/office/enterprises/:id", admin, async (c) => {
    const { db, officeCode, enterpriseId, actorId } = ids(c);
    const { enterprise } = await getEnterpriseRecord({ db, officeCode, enterpriseId });
    const form = parseForm(editEnterpriseForm, await c.req.parseBody());
    if (!form.ok) return editEnterprisePage(c, enterprise, form.values, form.errors, 422);
    const updated = await attempt(updateEnterprise({ db, officeCode, enterpriseId, fields: form.data, version: form.data.version, actorId }), ...REFUSALS);
    if (updated.ok) return back(c, "updated");
    const r = updated.failure;
    // After a concurrent change the form carries the current version, so saving again applies what was typed.
    const values = r.message === M.staleEdit ? { ...form.values, version: versionOf(enterprise) } : form.values;
    return editEnterprisePage(c, enterprise, values, r.errors, r.status, r.summary);
  })
  .post("/office/enterprises/:id/deactivation", admin, async (c) => {
    await deactivateEnterprise(ids(c));
    return back(c, "deactivated");
  })
  .post("/office/enterprises/:id/activation", admin, async (c) => {
    await activateEnterprise(ids(c));
    return back(c, "activated");
  })
  .post("/office/enterprises/:id/customs-codes", admin, async (c) => {
    const form = parseForm(customsCodeForm, await c.req.parseBody());
    if (!form.ok) return renderRecord(c, { forms: { customs: form }, status: 422 });
    try {
      await addCustomsCode({ ...ids(c), code: form.data.code });
      return back(c, "customsAdded");
    } catch (e) {
      const r = formFailure(e, ...REFUSALS);
      return renderRecord(c, { forms: { customs: { values: form.values, errors: r.errors, message: r.summary } }, status: r.status });
    }
  })
  .post("/office/enterprises/:id/customs-codes/:codeId/approval", admin, async (c) => {
    try {
      await approveCustomsCode({ ...ids(c), codeId: c.req.param("codeId") });
      return back(c, "customsApproved");
    } catch (e) {
      const r = formFailure(e, ...REFUSALS);
      return renderRecord(c, { status: r.status, error: r.summary });
    }
  })
  .post("/office/enterprises/:id/customs-codes/:codeId/rejection", admin, async (c) => {
    const codeId = c.req.param("codeId");
    const form = parseForm(rejectionForm, await c.req.parseBody());
    if (!form.ok) return renderRecord(c, { forms: { rejection: { ...form, codeId } }, status: 422 });
    try {
      await rejectCustomsCode({ ...ids(c), codeId, reason: form.data.reason });
      return back(c, "customsRejected");
    } catch (e) {
      const r = formFailure(e, ...REFUSALS);
      return renderRecord(c, { status: r.status, error: r.summary });
    }
  })
  .post("/office/enterprises/:id/signers", admin, async (c) => {
    const form = parseForm(signerForm, await c.req.parseBody());
    if (!form.ok) return renderRecord(c, { forms: { signer: form }, status: 422 });
    await addHandSigner({ ...ids(c), signer: form.data });
    return back(c, "signerAdded");
  })
  .get("/office/enterprises/:id/signers/:signerId/edit", admin, async (c) => {
    const data = await getHandSigner({ ...ids(c), signerId: c.req.param("signerId") });
    const done = c.req.query("done");
    const notice = done === "signatureUploaded" ? M.done.signatureUploaded : undefined;
    return renderPage(c, M.signerEditTitle, <SignerEdit data={data} csrfToken={c.var.csrfToken} values={signerValues(data.signer)} notice={notice} />);
  })
  .post("/office/enterprises/:id/signers/:signerId", admin, async (c) => {
    const signerId = c.req.param("signerId");
    const data = await getHandSigner({ ...ids(c), signerId });
    const form = parseForm(signerForm, await c.req.parseBody());
    if (!form.ok)
      return renderPage(c, M.signerEditTitle, <SignerEdit data={data} csrfToken={c.var.csrfToken} values={form.values} errors={form.errors} />, 422);
    await updateHandSigner({ ...ids(c), signerId, signer: form.data });
    return back(c, "signerUpdated");
  })
  .post("/office/enterprises/:id/signers/:signerId/signature", admin, async (c) => {
    const signerId = c.req.param("signerId");
    const uploaded = await attempt(uploadSignature({ ...ids(c), signerId, bytes: await uploadedBytes(c) }), ...REFUSALS);
    if (!uploaded.ok) return signatureRefused(c, signerId, uploaded.failure);
    return back(c, "signatureUploaded", `/office/enterprises/${c.req.param("id")}/signers/${signerId}/edit`);
  })
  .post("/office/enterprises/:id/seal", admin, async (c) => {
    try {
      await uploadSeal({ ...ids(c), bytes: await uploadedBytes(c) });
      return back(c, "sealUploaded");
    } catch (e) {
      const r = formFailure(e, ...REFUSALS);
      return renderRecord(c, { forms: { seal: { values: {}, errors: r.errors, message: r.summary } }, status: r.status });
    }
  })
  .get("/office/enterprises/:id/images/:imageId", staff, async (c) => {
    const image = await getOfficeEnterpriseImage({ db: c.var.db, officeCode: officeOf(c), enterpriseId: c.req.param("id"), imageId: c.req.param("imageId") });
    return imageResponse(c, image);
  })
  .get("/home/images/:imageId", allow("enterprise"), async (c) => {
    // The enterprise's own seal and signatures, shown on its home page.
    const image = await getEnterpriseImage({ db: c.var.db, enterpriseId: c.var.user!.enterpriseId!, imageId: c.req.param("imageId") });
    return imageResponse(c, image);
  })
  .post("/office/enterprises/:id/operators/:accountId/activation", admin, async (c) => {
    await setOperatorActive({ ...ids(c), accountId: c.req.param("accountId"), active: true });
    return back(c, "operatorActivated");
  })
  .post("/office/enterprises/:id/operators/:accountId/deactivation", admin, async (c) => {
    await setOperatorActive({ ...ids(c), accountId: c.req.param("accountId"), active: false });
    return back(c, "operatorDeactivated");
  });

/**
 * Sends a stored image. Its id names one unchanging set of bytes (uploads add rows), so browsers may
 * keep it; `private` keeps shared caches from holding what only signed-in staff may see.
 */
