import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { unstorableChar, unstorableMessage } from "../../lib/charset.ts";
import { attemptForm, type FormFailure, type FormValues } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { fileResponse, formInput, readApplicationForm } from "./http.ts";
import { issuedCommercialPdf } from "./issue.ts";
import { COMMERCIAL_STATUSES, type CommercialStatus } from "./lifecycle.ts";
import { M } from "./messages.ts";
import {
  CommercialProblemsError,
  copyCommercialDocument,
  countCommercialByStatus,
  createCommercialDocument,
  getCommercialDocument,
  getCommercialFile,
  listCommercialDocuments,
  listDocumentTypes,
  PAGE_SIZE,
  sendCommercialDocument,
  updateCommercialDocument,
  withdrawCommercialDocument,
  type CommercialDetail,
} from "./service.ts";
import { CommercialDetailPage, CommercialForm, CommercialList } from "./views/exporter.tsx";

type C = Context<AppEnv>;
const ENTERPRISE = allow("enterprise");
const NOTICES: Record<string, string> = { saved: M.saved, sent: M.sent, withdrawn: M.withdrawn, copied: M.copied };
const pageOf = (v: string | undefined) => Math.max(1, Number.parseInt(v ?? "1", 10) || 1);

const valuesOf = (d: CommercialDetail): FormValues => ({
  docType: d.docType ?? "",
  documentNo: d.documentNo,
  destinationCountry: d.destinationCountry ?? "",
  purpose: d.purpose,
  copies: String(d.copies),
  remarks: d.remarks,
});

async function formPage(
  c: C,
  {
    action,
    title,
    values,
    errors = {},
    message,
    hasFile,
    status = 200,
  }: {
    action: string;
    title: string;
    values: FormValues;
    errors?: Record<string, string>;
    message?: string;
    hasFile?: boolean;
    status?: 200 | 404 | 409 | 413 | 422 | 429;
  },
) {
  const types = await listDocumentTypes({ db: c.var.db });
  return renderPage(
    c,
    title,
    <CommercialForm
      action={action}
      title={title}
      values={values}
      errors={errors}
      message={message}
      csrfToken={c.var.csrfToken}
      types={types}
      hasFile={hasFile}
    />,
    status,
  );
}

async function detailPage(c: C, id: string, extra: { notice?: string; problems?: { path: string; message: string }[] } = {}, status: 200 | 422 = 200) {
  const d = await getCommercialDocument({ db: c.var.db, user: c.var.user!, id });
  return renderPage(c, M.title, <CommercialDetailPage d={d} csrfToken={c.var.csrfToken} {...extra} />, status);
}

/** The list's tab and search from the query string; a search for text the database cannot take is refused beside the box and not run. */
function exporterSearch(c: C) {
  const raw = c.req.query("status") ?? "";
  const status = COMMERCIAL_STATUSES.includes(raw as CommercialStatus) ? (raw as CommercialStatus) : undefined;
  const query = (c.req.query("q") ?? "").trim().slice(0, 100);
  const bad = unstorableChar(query);
  return { status, query, queryError: bad ? unstorableMessage(bad) : undefined, page: pageOf(c.req.query("page")) };
}

async function exporterList(c: C, { status, query, queryError, page }: ReturnType<typeof exporterSearch>) {
  const filters = { status, query };
  const [list, counts, types] = await Promise.all([
    queryError ? { rows: [], total: 0 } : listCommercialDocuments({ db: c.var.db, user: c.var.user!, filters, page }),
    queryError ? {} : countCommercialByStatus({ db: c.var.db, user: c.var.user!, filters }),
    listDocumentTypes({ db: c.var.db }),
  ]);
  return { list, counts, types };
}

const actor = (c: C) => ({ db: c.var.db, user: c.var.user!, requestId: c.var.requestId });

/** The new-application form again with the refusal, what was typed kept. */
function newRefused(c: C, values: FormValues, f: FormFailure) {
  return formPage(c, { action: "/commercial", title: M.newTitle, values, errors: f.errors, message: f.summary, status: f.status });
}

/** The edit form again with the refusal, what was typed kept. */
async function editRefused(c: C, id: string, values: FormValues, f: FormFailure) {
  const d = await getCommercialDocument({ db: c.var.db, user: c.var.user!, id });
  const shown = { values, errors: f.errors, message: f.summary, hasFile: d.file !== null, status: f.status };
  return formPage(c, { action: `/commercial/${id}`, title: M.editTitle, ...shown });
}

/** The exporter's 商事证明 pages: list with tabs and search, new, edit, send, withdraw, copy, the file and the issued PDF. */
export const commercialRoutes = new Hono<AppEnv>()
  .get("/commercial", ENTERPRISE, async (c) => {
    const search = exporterSearch(c);
    const { list, counts, types } = await exporterList(c, search);
    const { status, query, queryError, page } = search;
    const view = (
      <CommercialList {...{ counts, query, queryError, page, types }} rows={list.rows} total={list.total} status={status ?? ""} pageSize={PAGE_SIZE} />
    );
    return renderPage(c, M.title, view, queryError ? 422 : 200);
  })
  .get("/commercial/new", ENTERPRISE, (c) => formPage(c, { action: "/commercial", title: M.newTitle, values: { copies: "1" } }))
  .post("/commercial", ENTERPRISE, async (c) => {
    const { values, file } = await readApplicationForm(c);
    const created = await attemptForm(values, () => createCommercialDocument({ ...actor(c), input: formInput(values), file }), "too_large");
    if (!created.ok) return newRefused(c, values, created.failure);
    return c.redirect(`/commercial/${created.value.id}?done=saved`, 303);
  })
  .get("/commercial/:id", ENTERPRISE, (c) => detailPage(c, c.req.param("id"), { notice: NOTICES[c.req.query("done") ?? ""] }))
  .get("/commercial/:id/edit", ENTERPRISE, async (c) => {
    const d = await getCommercialDocument({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    if (d.status !== "DRAFT" && d.status !== "RETURNED") return c.redirect(`/commercial/${d.id}`, 303);
    return formPage(c, { action: `/commercial/${d.id}`, title: M.editTitle, values: valuesOf(d), hasFile: d.file !== null });
  })
  .post("/commercial/:id", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    const { values, file } = await readApplicationForm(c);
    const updated = await attemptForm(values, () => updateCommercialDocument({ ...actor(c), id, input: formInput(values), file }), "too_large", "conflict");
    if (!updated.ok) return editRefused(c, id, values, updated.failure);
    return c.redirect(`/commercial/${id}?done=saved`, 303);
  })
  .post("/commercial/:id/send", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    try {
      await sendCommercialDocument({ db: c.var.db, user: c.var.user!, id, requestId: c.var.requestId });
    } catch (e) {
      if (!(e instanceof CommercialProblemsError)) throw e;
      return detailPage(c, id, { problems: e.issues }, 422);
    }
    return c.redirect(`/commercial/${id}?done=sent`, 303);
  })
  .post("/commercial/:id/withdraw", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    await withdrawCommercialDocument({ db: c.var.db, user: c.var.user!, id, requestId: c.var.requestId });
    return c.redirect(`/commercial/${id}?done=withdrawn`, 303);
  })
  .post("/commercial/:id/copy", ENTERPRISE, async (c) => {
    const { id } = await copyCommercialDocument({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
    return c.redirect(`/commercial/${id}?done=copied`, 303);
  })
  .get("/commercial/:id/file", ENTERPRISE, async (c) => {
    const f = await getCommercialFile({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return fileResponse(c, { bytes: f.data, mediaType: f.mediaType, fileName: f.fileName });
  })
  .get("/commercial/:id/pdf", ENTERPRISE, async (c) => {
    const { publicUrl, twoFactorKey } = c.var.config;
    const pdf = await issuedCommercialPdf({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), publicUrl, secretKey: twoFactorKey });
    return fileResponse(c, { bytes: pdf.data, mediaType: "application/pdf", fileName: `${pdf.number}.pdf` });
  });
