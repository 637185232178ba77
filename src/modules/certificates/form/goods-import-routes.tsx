import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../app-env.ts";
import { AppError } from "../../../lib/errors.ts";
import { attempt, formValues } from "../../../lib/forms.ts";
import { XLSX_LIMITS, XLSX_MESSAGES, XlsxRefused } from "../../../lib/xlsx-read.ts";
import { renderPage } from "../../../views/render.tsx";
import { allow } from "../../accounts/index.ts";
import { confirmGoodsImport, getImportTarget, goodsImportTemplate, previewGoodsImport } from "./goods-import-service.ts";
import { GIM } from "./goods-import-messages.ts";
import { GoodsImportPage, type GoodsImportModel } from "./views/goods-import.tsx";

/** 导入商品 (Excel) for a certificate being edited: upload → preview → confirmation. Wiring only. */
const ENTERPRISE = allow("enterprise");
type C = Context<AppEnv>;

const page = (c: C, m: Omit<GoodsImportModel, "csrfToken">, status: 200 | 409 | 413 | 422 = 200) =>
  renderPage(c, GIM.title, <GoodsImportPage {...m} csrfToken={c.var.csrfToken} />, status);

const service = (c: C) => ({ db: c.var.db, user: c.var.user!, id: c.req.param("id")!, requestId: c.var.requestId });

/** The preview of an uploaded workbook, or its refusal (too large, unreadable) on the upload page. */
async function previewPage(c: C, base: { id: string; applicationNo: string }, file: File, sheet: string | undefined) {
  try {
    const p = await previewGoodsImport({ ...service(c), bytes: new Uint8Array(await file.arrayBuffer()), sheet });
    const { sheetNames, sheetProblems, ignoredHeaders, lines } = p;
    return page(c, { ...base, preview: { fileName: file.name, sheet: p.sheet, sheetNames, sheetProblems, ignoredHeaders, lines, revision: p.cert.revision } });
  } catch (e) {
    if (!(e instanceof XlsxRefused)) throw e;
    return page(c, { ...base, error: e.message }, e.problem === "too_large" ? 413 : 422);
  }
}

export const goodsImportRoutes = new Hono<AppEnv>()
  .get("/certificates/:id/goods-import", ENTERPRISE, async (c) => {
    const cert = await getImportTarget(service(c));
    return page(c, { id: cert.id, applicationNo: cert.applicationNo });
  })
  .get("/certificates/:id/goods-import/template", ENTERPRISE, async (c) => {
    await getImportTarget(service(c));
    return c.body(goodsImportTemplate(), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="goods-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent("商品导入模板.xlsx")}`,
    });
  })
  .post("/certificates/:id/goods-import", ENTERPRISE, async (c) => {
    const cert = await getImportTarget(service(c));
    const base = { id: cert.id, applicationNo: cert.applicationNo };
    const raw = await c.req.parseBody();
    const file = raw.file;
    if (!(file instanceof File) || file.size === 0) return page(c, { ...base, error: GIM.fileMissing }, 422);
    if (file.size > XLSX_LIMITS.maxBytes) return page(c, { ...base, error: XLSX_MESSAGES.too_large }, 413);
    const sheet = typeof raw.sheet === "string" && raw.sheet.trim() ? raw.sheet.trim() : undefined;
    return previewPage(c, base, file, sheet);
  })
  .post("/certificates/:id/goods-import/confirmation", ENTERPRISE, async (c) => {
    const v = formValues(await c.req.parseBody());
    const revision = Number(v.revision);
    if (!Number.isInteger(revision)) throw new AppError("invalid", GIM.linesInvalid);
    const confirmed = await attempt(confirmGoodsImport({ ...service(c), linesJson: v.lines ?? "", revision }), "conflict");
    if (confirmed.ok) return c.redirect(`/certificates/${confirmed.value.id}?done=saved#goods`, 303);
    // Saved elsewhere since the preview: the page says so and offers the upload again.
    const cert = await getImportTarget(service(c));
    return page(c, { id: cert.id, applicationNo: cert.applicationNo, error: `${confirmed.failure.message} ${GIM.uploadAgain}` }, confirmed.failure.status);
  });
