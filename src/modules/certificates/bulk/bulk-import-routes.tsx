import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../app-env.ts";
import { AppError } from "../../../lib/errors.ts";
import { formValues } from "../../../lib/forms.ts";
import { XLSX_LIMITS, XLSX_MESSAGES, XlsxRefused } from "../../../lib/xlsx-read.ts";
import { renderPage } from "../../../views/render.tsx";
import { allow } from "../../accounts/index.ts";
import { bulkImportTemplate, confirmBulkImport, listImportedDrafts, mayBulkImport, previewBulkImport } from "./bulk-import-service.ts";
import { BIM } from "./bulk-import-messages.ts";
import { BULK_IMPORT_PATH as BULK_PATH } from "../links.ts";
import { BulkImportPage, type BulkImportModel } from "./views/bulk-import.tsx";

/** 批量导入: upload → preview per application → confirmation → links to the drafts. Wiring only. */
const ENTERPRISE = allow("enterprise");
type C = Context<AppEnv>;
type Status = 200 | 403 | 409 | 413 | 422;

const page = (c: C, m: Omit<BulkImportModel, "csrfToken" | "allowed">, status: Status = 200) =>
  renderPage(c, BIM.title, <BulkImportPage allowed {...m} csrfToken={c.var.csrfToken} />, status);
const refused = (c: C) => renderPage(c, BIM.title, <BulkImportPage allowed={false} error={BIM.notApproved} csrfToken={c.var.csrfToken} />, 403);
const service = (c: C) => ({ db: c.var.db, user: c.var.user!, requestId: c.var.requestId });

/** The upload, refused before reading when missing or over 5 MB; the reader refuses the rest. */
async function preview(c: C): Promise<[Omit<BulkImportModel, "csrfToken" | "allowed">, Status]> {
  const file = (await c.req.parseBody()).file;
  if (!(file instanceof File) || file.size === 0) return [{ error: BIM.fileMissing }, 422];
  if (file.size > XLSX_LIMITS.maxBytes) return [{ error: XLSX_MESSAGES.too_large }, 413];
  try {
    const p = await previewBulkImport({ ...service(c), bytes: new Uint8Array(await file.arrayBuffer()) });
    return [{ preview: { ...p, fileName: file.name, bodiesJson: JSON.stringify(p.bodies), readyCount: p.bodies.length } }, 200];
  } catch (e) {
    if (!(e instanceof XlsxRefused)) throw e;
    return [{ error: e.message }, e.problem === "too_large" ? 413 : 422];
  }
}

export const bulkImportRoutes = new Hono<AppEnv>()
  .get(BULK_PATH, ENTERPRISE, async (c) => {
    if (!(await mayBulkImport(service(c)))) return refused(c);
    const created = await listImportedDrafts({ ...service(c), ids: (c.req.query("created") ?? "").split(",").filter(Boolean) });
    return page(c, { created: created.length ? created : undefined });
  })
  .get(`${BULK_PATH}/template`, ENTERPRISE, async (c) => {
    if (!(await mayBulkImport(service(c)))) return refused(c);
    return c.body(bulkImportTemplate(), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="bulk-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent("批量导入模板.xlsx")}`,
    });
  })
  .post(BULK_PATH, ENTERPRISE, async (c) => {
    if (!(await mayBulkImport(service(c)))) return refused(c);
    const [model, status] = await preview(c);
    return page(c, model, status);
  })
  .post(`${BULK_PATH}/confirmation`, ENTERPRISE, async (c) => {
    const v = formValues(await c.req.parseBody());
    if (!v.bodies) throw new AppError("invalid", BIM.dataInvalid);
    try {
      const created = await confirmBulkImport({ ...service(c), bodiesJson: v.bodies });
      return c.redirect(`${BULK_PATH}?created=${created.map((d) => d.id).join(",")}`, 303);
    } catch (e) {
      // An invoice taken meanwhile (the confirmation posted twice): said on the upload page, nothing created.
      if (!(e instanceof AppError && e.code === "conflict")) throw e;
      return page(c, { error: `${e.message} ${BIM.uploadAgain}` }, 409);
    }
  });
