import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../app-env.ts";
import { attempt, attemptForm, formFailure, formValues, parseForm, type FormFailure, type FormValues } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { listCertificateAttachments } from "../commercial/index.ts";
import {
  ApprovalProblemsError,
  approveCertificate,
  certificateType,
  claimReview,
  formatCertificateNumber,
  getCertificateForReview,
  getNumberFormat,
  listCertificates,
  numberFormatProblem,
  officeToday,
  PAGE_SIZE,
  returnCertificate,
  REVIEW_CLAIM_MINUTES,
  setFormSerial,
  setNumberFormat,
  voidCertificate,
  type CertificateFilters,
  type SortKey,
} from "../certificates/index.ts";
import { M } from "./messages.ts";
import { DEFAULT_TAB, SEARCH_TAB, searchSchema, searchToFilters, TABS } from "./rules.ts";
import { deskCounts, getExport, nextInQueue, openExportFile, staffNames, startExport } from "./service.ts";
import { ReviewPage, VoidPage, type Marker, type ReviewProps } from "./views/certificate.tsx";
import { Desk } from "./views/desk.tsx";
import { ExportPage, ExportProgress } from "./views/export.tsx";
import { NumberFormatPage } from "./views/settings.tsx";

type C = Context<AppEnv>;

const DESK = allow("office_admin", "office_reviewer");
const ADMIN = allow("office_admin");
const pageOf = (v: string | undefined) => Math.max(1, Number.parseInt(v ?? "1", 10) || 1);

/**
 * Which certificates a desk view (tab, or the search form's fields) shows, from GET parameters or
 * the export form: the filters, the order, and the search values and errors to show again.
 */
function deskView(params: FormValues) {
  if (params.tab === SEARCH_TAB) {
    const parsed = parseForm(searchSchema, params);
    const { tab: _, page: __, ...search } = parsed.values;
    return parsed.ok
      ? { tab: SEARCH_TAB, filters: searchToFilters(parsed.data), sort: "createdAt" as SortKey, dir: "desc" as const, search, errors: {} }
      : { tab: SEARCH_TAB, filters: null, sort: "createdAt" as SortKey, dir: "desc" as const, search, errors: parsed.errors };
  }
  const tab = TABS.find((t) => t.key === params.tab) ?? TABS.find((t) => t.key === DEFAULT_TAB)!;
  return { tab: tab.key, filters: tab.filters(officeToday()) as CertificateFilters | null, sort: tab.sort, dir: tab.dir, search: {}, errors: {} };
}

async function renderDesk(c: C, params: FormValues, { error, status = 200 }: { error?: string; status?: ContentfulStatusCode } = {}) {
  const { db, user } = { db: c.var.db, user: c.var.user! };
  const view = deskView(params);
  const page = pageOf(params.page);
  const [counts, list, names] = await Promise.all([
    deskCounts({ db, user }),
    view.filters ? listCertificates({ db, user, filters: view.filters, sort: view.sort, dir: view.dir, page }) : { rows: [], total: 0 },
    staffNames({ db, officeCode: user.officeCode! }),
  ]);
  return renderPage(
    c,
    M.title,
    <Desk
      tab={view.tab}
      counts={counts}
      rows={list.rows}
      total={list.total}
      page={page}
      pageSize={PAGE_SIZE}
      search={view.search}
      errors={view.errors}
      names={names}
      me={user.id}
      csrfToken={c.var.csrfToken}
      isAdmin={user.role === "office_admin"}
      error={error}
    />,
    status,
  );
}

/** Someone other than `me` reviewing a pending certificate, within the claim window. */
function markerOf(d: { status: string; reviewingBy: string | null; reviewingSince: Date | null }, me: string, names: Map<string, string>): Marker {
  if (d.status !== "PENDING" || !d.reviewingBy || !d.reviewingSince || d.reviewingBy === me) return null;
  if (Date.now() - d.reviewingSince.getTime() > REVIEW_CLAIM_MINUTES * 60_000) return null;
  return { name: names.get(d.reviewingBy) ?? "—", since: d.reviewingSince };
}

async function loadReview(c: C, id: string) {
  const user = c.var.user!;
  const [d, names, attached] = await Promise.all([
    getCertificateForReview({ db: c.var.db, reviewer: user, id }),
    staffNames({ db: c.var.db, officeCode: user.officeCode! }),
    listCertificateAttachments({ db: c.var.db, user, certificateId: id }),
  ]);
  return { d, marker: markerOf(d, user.id, names), next: await nextInQueue({ db: c.var.db, user, current: d }), attachments: attached.items };
}

async function renderReview(c: C, id: string, extra: Partial<ReviewProps> = {}, status: ContentfulStatusCode = 200) {
  const { d, marker, next, attachments } = await loadReview(c, id);
  return renderPage(
    c,
    M.reviewTitle,
    <ReviewPage d={d} marker={marker} next={next} attachments={attachments} csrfToken={c.var.csrfToken} {...extra} />,
    status,
  );
}

function notice(done: string | undefined, d: { number: string | null; formSerial: string | null }) {
  if (done === "approved" && d.number) return M.approvedNotice(d.number);
  if (done === "returned") return M.returnedNotice;
  if (done === "voided") return M.voidedNotice;
  if (done === "serial" && d.formSerial) return M.serialNotice(d.formSerial);
  return undefined;
}

/** Who decides on which certificate, as the certificates slice's desk actions take it. */
const decision = (c: C, id: string) => ({ db: c.var.db, reviewer: c.var.user!, id, requestId: c.var.requestId });

/** A refused void: a conflict on the review page, a missing or unstorable reason on the void page with what was typed. */
async function voidRefused(c: C, id: string, reason: string, f: FormFailure<"invalid" | "conflict">) {
  if (f.code === "conflict") return renderReview(c, id, { error: f.message }, f.status);
  const { d } = await loadReview(c, id);
  return renderPage(c, M.voidTitle, <VoidPage d={d} csrfToken={c.var.csrfToken} error={f.message} reason={reason} />, f.status);
}

/** The export's workbook, streamed as a download under its Chinese name (with an ASCII fallback). */
function workbookResponse(file: Awaited<ReturnType<typeof openExportFile>>) {
  return new Response(file.stream, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}

export const reviewRoutes = new Hono<AppEnv>()
  .get("/office/certificates", DESK, (c) => renderDesk(c, c.req.query()))
  .get("/office/certificates/settings", ADMIN, async (c) => {
    const value = await getNumberFormat({ db: c.var.db, officeCode: c.var.user!.officeCode! });
    return renderPage(
      c,
      M.settingsTitle,
      <NumberFormatPage value={value} example={example(value, c.var.user!.officeCode!)} saved={c.req.query("done") === "saved"} csrfToken={c.var.csrfToken} />,
    );
  })
  .post("/office/certificates/settings", ADMIN, async (c) => {
    const values = formValues(await c.req.parseBody());
    const value = values.numberFormat ?? "";
    const saved = await attemptForm(values, () => setNumberFormat({ db: c.var.db, admin: c.var.user!, numberFormat: value, requestId: c.var.requestId }));
    const f = saved.ok ? undefined : saved.failure;
    if (f) return renderPage(c, M.settingsTitle, <NumberFormatPage value={value} example={null} error={f.message} csrfToken={c.var.csrfToken} />, f.status);
    return c.redirect("/office/certificates/settings?done=saved", 303);
  })
  .post("/office/certificates/exports", DESK, async (c) => {
    const params = formValues(await c.req.parseBody());
    const view = deskView(params);
    if (!view.filters) return renderDesk(c, params, { status: 422 });
    const started = await attempt(startExport({ db: c.var.db, user: c.var.user!, filters: view.filters }), "invalid");
    if (!started.ok) return renderDesk(c, params, { error: started.failure.message, status: started.failure.status });
    return c.redirect(`/office/certificates/exports/${started.value.id}`, 303);
  })
  .get("/office/certificates/exports/:id", DESK, async (c) => {
    const e = await getExport({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return renderPage(c, M.exportTitle, <ExportPage e={e} />);
  })
  .get("/office/certificates/exports/:id/progress", DESK, async (c) => {
    const e = await getExport({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return c.html(<ExportProgress e={e} />);
  })
  .get("/office/certificates/exports/:id/file", DESK, async (c) => {
    const file = await openExportFile({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return workbookResponse(file);
  })
  .get("/office/certificates/:id", DESK, async (c) => {
    const id = c.req.param("id");
    await claimReview({ db: c.var.db, reviewer: c.var.user!, id });
    const { d, marker, next, attachments } = await loadReview(c, id);
    return renderPage(
      c,
      M.reviewTitle,
      <ReviewPage d={d} marker={marker} next={next} attachments={attachments} csrfToken={c.var.csrfToken} notice={notice(c.req.query("done"), d)} />,
    );
  })
  .post("/office/certificates/:id/approval", DESK, async (c) => {
    const id = c.req.param("id");
    try {
      await approveCertificate({ db: c.var.db, reviewer: c.var.user!, id, requestId: c.var.requestId });
    } catch (e) {
      if (e instanceof ApprovalProblemsError) return renderReview(c, id, { error: e.message, blocking: e.problems }, 409);
      const f = formFailure(e, "conflict");
      return renderReview(c, id, { error: f.message }, f.status);
    }
    return c.redirect(`/office/certificates/${id}?done=approved`, 303);
  })
  .post("/office/certificates/:id/return", DESK, async (c) => {
    const id = c.req.param("id");
    const values = formValues(await c.req.parseBody());
    const reason = values.reason ?? "";
    const returned = await attemptForm(values, () => returnCertificate({ ...decision(c, id), reason }), "conflict");
    const f = returned.ok ? undefined : returned.failure;
    if (f) return renderReview(c, id, f.code === "invalid" ? { returnError: f.message, returnReason: reason } : { error: f.message }, f.status);
    return c.redirect(`/office/certificates/${id}?done=returned`, 303);
  })
  .get("/office/certificates/:id/void", DESK, async (c) => {
    const { d } = await loadReview(c, c.req.param("id"));
    return renderPage(c, M.voidTitle, <VoidPage d={d} csrfToken={c.var.csrfToken} />);
  })
  .post("/office/certificates/:id/void", DESK, async (c) => {
    const id = c.req.param("id");
    const values = formValues(await c.req.parseBody());
    const reason = values.reason ?? "";
    const voided = await attemptForm(values, () => voidCertificate({ ...decision(c, id), reason }), "conflict");
    if (!voided.ok) return voidRefused(c, id, reason, voided.failure);
    return c.redirect(`/office/certificates/${id}?done=voided`, 303);
  })
  .post("/office/certificates/:id/form-serial", DESK, async (c) => {
    const id = c.req.param("id");
    const values = formValues(await c.req.parseBody());
    const serial = values.formSerial ?? "";
    const set = await attemptForm(values, () => setFormSerial({ ...decision(c, id), formSerial: serial }), "conflict");
    if (!set.ok) return renderReview(c, id, { serialError: set.failure.message, serial }, set.failure.status);
    return c.redirect(`/office/certificates/${id}?done=serial`, 303);
  });

/** What the office's template gives for the 42nd general certificate this year, or null for an unusable template. */
function example(format: string, officeCode: string) {
  if (numberFormatProblem(format)) return null;
  return formatCertificateNumber(format, { letter: certificateType("GENERAL").letter, year: Number(officeToday().slice(0, 4)), officeCode, serial: 42 });
}
