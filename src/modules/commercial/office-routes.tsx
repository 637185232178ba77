import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../app-env.ts";
import { unstorableChar, unstorableMessage } from "../../lib/charset.ts";
import { attemptForm, formFailure, formValues, refuseUnstorable } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { CERTIFICATE_OFFICE_MESSAGES } from "../certificates/index.ts";
import { fileResponse } from "./http.ts";
import { issuedCommercialPdf } from "./issue.ts";
import { M } from "./messages.ts";
import {
  approveCommercialDocument,
  commercialNumberExample,
  countCommercialQueues,
  getCommercialForReview,
  getCommercialNumberFormat,
  nextCommercialInQueue,
  returnCommercialDocument,
  setCommercialNumberFormat,
  voidCommercialDocument,
} from "./office-actions.ts";
import { getCommercialFile, getCommercialFilePage, listCommercialDocuments, listDocumentTypes, PAGE_SIZE } from "./service.ts";
import { CommercialDesk, CommercialNumberFormat, CommercialReview, DESK_TABS, type DeskTab, type ReviewExtra } from "./views/office.tsx";

type C = Context<AppEnv>;
const DESK = allow("office_admin", "office_reviewer");
const ADMIN = allow("office_admin");
const pageOf = (v: string | undefined) => Math.max(1, Number.parseInt(v ?? "1", 10) || 1);
const DONE: Record<string, string> = { returned: M.returnedNotice, voided: M.voidedNotice, queued: M.printQueued };

const TAB_FILTERS: Record<DeskTab, { status?: "PENDING"; source?: "WEB" | "EDI" }> = {
  all: {},
  edi: { status: "PENDING", source: "EDI" },
  pending: { status: "PENDING", source: "WEB" },
};

async function renderReview(c: C, id: string, x: ReviewExtra = {}, status: ContentfulStatusCode = 200) {
  const user = c.var.user!;
  const d = await getCommercialForReview({ db: c.var.db, reviewer: user, id });
  const next = d.status === "PENDING" ? await nextCommercialInQueue({ db: c.var.db, user, current: d }) : null;
  const notice = x.notice ?? (c.req.query("done") === "approved" && d.number ? M.approved(d.number) : DONE[c.req.query("done") ?? ""]);
  return renderPage(c, M.reviewTitle, <CommercialReview d={d} next={next} csrfToken={c.var.csrfToken} x={{ ...x, notice }} />, status);
}

/** A reason form's refusal comes back beside its box with what was typed; a state conflict at the top. */
async function decide(c: C, action: "return" | "void") {
  const id = c.req.param("id")!;
  const values = formValues(await c.req.parseBody());
  const reason = values.reason ?? "";
  try {
    refuseUnstorable(values);
    const args = { db: c.var.db, reviewer: c.var.user!, id, reason, requestId: c.var.requestId };
    await (action === "return" ? returnCommercialDocument(args) : voidCommercialDocument(args));
  } catch (e) {
    const f = formFailure(e, "invalid", "conflict");
    if (f.code === "conflict") return renderReview(c, id, { error: f.message }, f.status);
    return renderReview(c, id, action === "return" ? { returnError: f.message, returnReason: reason } : { voidError: f.message, voidReason: reason }, f.status);
  }
  return c.redirect(`/office/commercial/${id}?done=${action === "return" ? "returned" : "voided"}`, 303);
}

/** The desk's tab and search from the query string. */
function deskSearch(c: C) {
  const tab = DESK_TABS.find((t) => t === c.req.query("tab")) ?? "pending";
  const query = (c.req.query("q") ?? "").trim().slice(0, 100);
  // A search for text the database cannot take is refused beside the box, as typed, and not run.
  const bad = unstorableChar(query);
  return { tab, query, queryError: bad ? unstorableMessage(bad) : undefined, page: pageOf(c.req.query("page")) };
}

async function deskList(c: C, { tab, query, queryError, page }: ReturnType<typeof deskSearch>) {
  const user = c.var.user!;
  const filters = { ...TAB_FILTERS[tab], query };
  const [counts, list, types] = await Promise.all([
    countCommercialQueues({ db: c.var.db, user }),
    queryError ? { rows: [], total: 0 } : listCommercialDocuments({ db: c.var.db, user, filters, page, oldestFirst: tab !== "all" }),
    listDocumentTypes({ db: c.var.db }),
  ]);
  return { counts, list, types };
}

function settingsPage(c: C, props: Omit<Parameters<typeof CommercialNumberFormat>[0], "csrfToken">, status: ContentfulStatusCode = 200) {
  return renderPage(c, M.settingsTitle, <CommercialNumberFormat {...props} csrfToken={c.var.csrfToken} />, status);
}

/** The office's 商事证明 desk, review page (application beside its document), decisions, files and number format. */
export const commercialOfficeRoutes = new Hono<AppEnv>()
  .get("/office/commercial", DESK, async (c) => {
    const search = deskSearch(c);
    const { counts, list, types } = await deskList(c, search);
    const { tab, page, query, queryError } = search;
    const isAdmin = c.var.user!.role === "office_admin";
    const desk = <CommercialDesk {...{ tab, counts, page, query, queryError, isAdmin, types }} rows={list.rows} total={list.total} pageSize={PAGE_SIZE} />;
    return renderPage(c, M.officeTitle, desk, queryError ? 422 : 200);
  })
  .get("/office/commercial/settings", ADMIN, async (c) => {
    const officeCode = c.var.user!.officeCode!;
    const value = await getCommercialNumberFormat({ db: c.var.db, officeCode });
    return settingsPage(c, { value, example: commercialNumberExample(value, officeCode), saved: c.req.query("done") === "saved" });
  })
  .post("/office/commercial/settings", ADMIN, async (c) => {
    const values = formValues(await c.req.parseBody());
    const value = values.numberFormat ?? "";
    const messages = CERTIFICATE_OFFICE_MESSAGES.formatProblems;
    const set = await attemptForm(values, () =>
      setCommercialNumberFormat({ db: c.var.db, admin: c.var.user!, numberFormat: value, messages, requestId: c.var.requestId }),
    );
    if (!set.ok) return settingsPage(c, { value, example: null, error: set.failure.message, saved: false }, set.failure.status);
    return c.redirect("/office/commercial/settings?done=saved", 303);
  })
  .get("/office/commercial/:id", DESK, (c) => renderReview(c, c.req.param("id")))
  .post("/office/commercial/:id/approval", DESK, async (c) => {
    const id = c.req.param("id");
    try {
      await approveCommercialDocument({ db: c.var.db, reviewer: c.var.user!, id, requestId: c.var.requestId });
    } catch (e) {
      const f = formFailure(e, "conflict");
      return renderReview(c, id, { error: f.message }, f.status);
    }
    return c.redirect(`/office/commercial/${id}?done=approved`, 303);
  })
  .post("/office/commercial/:id/return", DESK, (c) => decide(c, "return"))
  .post("/office/commercial/:id/void", DESK, (c) => decide(c, "void"))
  .get("/office/commercial/:id/file", DESK, async (c) => {
    const f = await getCommercialFile({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return fileResponse(c, { bytes: f.data, mediaType: f.mediaType, fileName: f.fileName });
  })
  .get("/office/commercial/:id/file/pages/:page", DESK, async (c) => {
    const p = await getCommercialFilePage({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), page: Number(c.req.param("page")) });
    return fileResponse(c, { bytes: p.bytes, mediaType: "application/pdf", fileName: p.fileName });
  })
  .get("/office/commercial/:id/pdf", DESK, async (c) => {
    const { publicUrl, twoFactorKey } = c.var.config;
    const pdf = await issuedCommercialPdf({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), publicUrl, secretKey: twoFactorKey });
    return fileResponse(c, { bytes: pdf.data, mediaType: "application/pdf", fileName: `${pdf.number}.pdf` });
  });
