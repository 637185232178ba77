import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../app-env.ts";
import { AppError } from "../../lib/errors.ts";
import { attempt, formFailure, formValues, refuseUnstorable, type FormFailure, type FormValues } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { certificateTopic, deskTopic, liveRegion, officeTopic } from "./live.ts";
import { M } from "./messages.ts";
import { agentPageData, awaitingSerial, certificatePageData, deskPageData, setupPageData, waitingData } from "./page-data.ts";
import {
  addApprovedModel,
  cancelJobs,
  chooseDeskPrinter,
  createOfficeDesk,
  getDesk,
  issueAgentToken,
  listCertificateJobs,
  listDeskJobs,
  listDesks,
  printCalibrationPage,
  queueBackPages,
  queueCertificatePrint,
  registerPrinter,
  removeApprovedModel,
  removePrinter,
  retryJob,
  setCalibration,
  queueCommercialPrint,
} from "./service.ts";
import { describeCertificatePreview, getCertificatePageImage, getCertificatePreviewPdf } from "./preview.ts";
import { AGENT_PAGE, AgentPage } from "./views/agent.tsx";
import { CertificatePrintPage, certificatePrintPath } from "./views/certificate.tsx";
import { DeskPage, deskPath, WAITING_STREAM, WaitingList } from "./views/desk.tsx";
import { JobTable } from "./views/jobs.tsx";
import { CertificatePreview } from "./views/preview.tsx";
import { SetupPage, type SetupPageProps } from "./views/setup.tsx";

type C = Context<AppEnv>;

const CLERK = allow("print_clerk");
const ADMIN = allow("office_admin");
const ENTERPRISE = allow("enterprise");
const PRINTING = allow("print_clerk", "enterprise");
/** Everyone who may see a certificate may see its drawing; the service narrows to their own certificates. */
const VIEWING = allow("enterprise", "office_reviewer", "print_clerk", "office_admin");
const SETUP = "/office/print/setup";

const NOTICES: Record<string, string> = {
  queued: M.queuedNotice,
  "back-pages": M.backPagesNotice,
  retried: M.retriedNotice,
  printer: M.printerChosen,
  "printer-saved": M.printerSaved,
  "printer-removed": M.printerRemoved,
  calibration: M.calibrationSaved,
  "calibration-page": M.calibrationNotice,
  desk: M.deskSaved,
  "model-saved": M.modelSaved,
  "model-removed": M.modelRemoved,
};

function notice(c: C): string | undefined {
  const done = c.req.query("done") ?? "";
  if (done === "cancelled") return M.cancelledCount(Number(c.req.query("n") ?? 0) || 0, Number(c.req.query("r") ?? 0) || 0);
  return NOTICES[done];
}

const env = (c: C) => ({ db: c.var.db, events: c.var.events, user: c.var.user!, requestId: c.var.requestId });
/** Where the QR code points and where desk agents connect: configuration only, never the Host header. */
const verifyBaseUrl = (c: C) => c.var.config.publicUrl;
const jsx = async (node: { toString(): string | Promise<string> }) => String(await node.toString());

/** Where a form posted from one of the print pages returns to (only those pages). */
function backTo(values: FormValues, fallback: string): string {
  const back = values.back ?? "";
  return (back.startsWith("/print/") || back.startsWith("/office/print")) && !back.startsWith("//") ? back : fallback;
}

function withQuery(path: string, params: Record<string, string | number>) {
  const url = new URL(path, "http://x");
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return url.pathname + url.search;
}

async function renderDesk(c: C, deskId: string | undefined, failure?: FormFailure) {
  const data = await deskPageData(c.var.db, c.var.user!, deskId);
  return renderPage(
    c,
    M.deskTitle,
    <DeskPage {...data} csrfToken={c.var.csrfToken} notice={failure ? undefined : notice(c)} error={failure?.message} />,
    failure?.status ?? 200,
  );
}

async function renderSetup(c: C, extra: Partial<SetupPageProps> = {}, status: ContentfulStatusCode = 200) {
  const data = await setupPageData(c.var.db, c.var.user!);
  return renderPage(c, M.setupTitle, <SetupPage {...data} csrfToken={c.var.csrfToken} notice={notice(c)} {...extra} />, status);
}

async function renderCertificate(c: C, id: string, extra: { error?: FormFailure; reprintReason?: string } = {}) {
  const data = await certificatePageData(c.var.db, c.var.user!, id);
  const status = extra.error?.status ?? 200;
  return renderPage(
    c,
    M.certificatePrintTitle,
    <CertificatePrintPage
      {...data}
      csrfToken={c.var.csrfToken}
      notice={extra.error ? undefined : notice(c)}
      error={extra.error?.errors.reprintReason ? undefined : extra.error?.message}
      reprintReason={extra.reprintReason}
      reprintReasonError={extra.error?.errors.reprintReason}
    />,
    status,
  );
}

/**
 * A drawing answered with its validator: 304 when the browser's copy is current (nothing drawn),
 * else the bytes. `private, no-cache`: kept by the browser only, and revalidated on every show,
 * because approval turns a PREVIEW into the print.
 */
async function drawing(c: C, d: { etag: string; bytes: () => Promise<Uint8Array> }, type: string, disposition?: string) {
  c.header("ETag", d.etag);
  c.header("Cache-Control", "private, no-cache");
  if (disposition) c.header("Content-Disposition", disposition);
  const seen = c.req.header("if-none-match");
  if (seen && seen.split(",").some((t) => t.trim() === d.etag)) return c.body(null, 304);
  c.header("Content-Type", type);
  return c.body((await d.bytes()) as Uint8Array<ArrayBuffer>);
}

/** The setup page again after a refused form: its fields marked, what was typed kept. */
function renderSetupForm(c: C, form: "desk" | "printer" | "model", failure: FormFailure, values: FormValues) {
  return renderSetup(c, { error: failure.message, form: { name: form, errors: failure.errors, values } }, failure.status);
}

/** A job table as a live region sends it, each job marked when it still waits for its form's serial. */
async function jobTable(c: C, jobs: Awaited<ReturnType<typeof listDeskJobs>>) {
  return jsx(<JobTable jobs={jobs} selectable awaitingSerial={await awaitingSerial(c.var.db, c.var.user!, jobs)} />);
}

/**
 * A form on the desk page: what was typed held to the storable rule, then the service call; a refusal
 * shows on the desk page, otherwise back to the desk with the `done` notice.
 */
async function deskForm(c: C, done: string, call: (values: FormValues, deskId: string) => Promise<unknown>) {
  const id = c.req.param("id")!;
  const values = formValues(await c.req.parseBody());
  try {
    refuseUnstorable(values);
    await call(values, id);
  } catch (e) {
    return renderDesk(c, id, formFailure(e, "invalid", "conflict"));
  }
  return c.redirect(withQuery(deskPath(id), { done }), 303);
}

/** From one certificate's print page: its back pages, or the certificate itself (a reprint with its reason). */
async function queueForCertificate(c: C, certificateId: string, values: FormValues) {
  refuseUnstorable(values);
  const deskId = values.deskId || undefined;
  if (values.what === "back-pages") return queueBackPages({ ...env(c), certificateId, deskId, count: Number(values.count), verifyBaseUrl: verifyBaseUrl(c) });
  return queueCertificatePrint({ ...env(c), certificateId, deskId, reprintReason: values.reprintReason, verifyBaseUrl: verifyBaseUrl(c) });
}

export const printRoutes = new Hono<AppEnv>()
  // --- the office desk (print clerk) ---
  .get("/office/print", CLERK, (c) => renderDesk(c, c.req.query("desk") || undefined))
  .get("/office/print/events", CLERK, async (c) => {
    const { db, user, events } = env(c);
    const desk = await getDesk({ db, user, id: c.req.query("desk") ?? "" });
    const render = async () => jobTable(c, await listDeskJobs({ db, user, deskId: desk.id }));
    return liveRegion(c, { events, topics: [deskTopic(desk.id)], key: `office-desk:${desk.id}`, render });
  })
  .get(WAITING_STREAM, CLERK, (c) => {
    const { db, user, events } = env(c);
    return liveRegion(c, {
      events,
      topics: [officeTopic(user.officeCode!)],
      key: `office-waiting:${user.officeCode}`,
      render: async () => jsx(<WaitingList {...(await waitingData(db, user))} />),
    });
  })
  .post("/office/print/desks/:id/printer", CLERK, (c) =>
    deskForm(c, "printer", (values, deskId) => chooseDeskPrinter({ ...env(c), deskId, printerId: values.printerId ?? "" })),
  )
  .post("/office/print/desks/:id/jobs", CLERK, (c) =>
    deskForm(c, "queued", (values, deskId) =>
      queueCertificatePrint({
        ...env(c),
        certificateId: values.certificateId ?? "",
        deskId,
        reprintReason: values.reprintReason,
        verifyBaseUrl: verifyBaseUrl(c),
      }),
    ),
  )
  .post("/office/print/desks/:id/back-pages", CLERK, (c) =>
    deskForm(c, "back-pages", (values, deskId) =>
      queueBackPages({ ...env(c), deskId, formType: values.formType, count: Number(values.count), verifyBaseUrl: verifyBaseUrl(c) }),
    ),
  )

  // --- setup (office admin) ---
  .get(SETUP, ADMIN, (c) => renderSetup(c))
  .post(`${SETUP}/desks`, ADMIN, async (c) => {
    const values = formValues(await c.req.parseBody());
    let created: Awaited<ReturnType<typeof createOfficeDesk>>;
    try {
      refuseUnstorable(values);
      created = await createOfficeDesk({ ...env(c), name: values.name ?? "", route: values.route === "AGENT" ? "AGENT" : "SERVER" });
    } catch (e) {
      return renderSetupForm(c, "desk", formFailure(e, "invalid"), values);
    }
    if (!created.token) return c.redirect(withQuery(SETUP, { done: "desk" }), 303);
    return renderSetup(c, { notice: M.deskSaved, token: { deskName: values.name!.trim(), token: created.token, serverUrl: verifyBaseUrl(c) } });
  })
  .post(`${SETUP}/desks/:id/token`, ADMIN, async (c) => {
    const { deskId, token } = await issueAgentToken({ ...env(c), deskId: c.req.param("id") });
    const desk = await getDesk({ db: c.var.db, user: c.var.user!, id: deskId });
    return renderSetup(c, { notice: M.agentRegistered, token: { deskName: desk.name, token, serverUrl: verifyBaseUrl(c) } });
  })
  .post(`${SETUP}/printers`, ADMIN, async (c) => {
    const values = formValues(await c.req.parseBody());
    try {
      refuseUnstorable(values);
      await registerPrinter({ ...env(c), deskId: values.deskId ?? "", name: values.name ?? "", uri: values.uri ?? "" });
    } catch (e) {
      return renderSetupForm(c, "printer", formFailure(e, "invalid"), values);
    }
    return c.redirect(withQuery(SETUP, { done: "printer-saved" }), 303);
  })
  .post(`${SETUP}/printers/:id/removal`, ADMIN, async (c) => {
    await removePrinter({ ...env(c), printerId: c.req.param("id") });
    return c.redirect(withQuery(SETUP, { done: "printer-removed" }), 303);
  })
  .post(`${SETUP}/printers/:id/calibration`, ADMIN, async (c) => {
    const values = formValues(await c.req.parseBody());
    try {
      refuseUnstorable(values);
      await setCalibration({ ...env(c), printerId: c.req.param("id"), xMm: Number(values.xMm), yMm: Number(values.yMm) });
    } catch (e) {
      const f = formFailure(e, "invalid", "conflict");
      return renderSetup(c, { error: f.message }, f.status);
    }
    return c.redirect(withQuery(SETUP, { done: "calibration" }), 303);
  })
  .post(`${SETUP}/printers/:id/calibration-page`, ADMIN, async (c) => {
    const values = formValues(await c.req.parseBody());
    refuseUnstorable(values);
    await printCalibrationPage({ ...env(c), printerId: c.req.param("id"), formType: values.formType || undefined, verifyBaseUrl: verifyBaseUrl(c) });
    return c.redirect(withQuery(SETUP, { done: "calibration-page" }), 303);
  })
  .post(`${SETUP}/models`, ADMIN, async (c) => {
    const values = formValues(await c.req.parseBody());
    try {
      refuseUnstorable(values);
      await addApprovedModel({ ...env(c), vendor: values.vendor ?? "", code: values.code ?? "", label: values.label ?? "" });
    } catch (e) {
      return renderSetupForm(c, "model", formFailure(e, "invalid"), values);
    }
    return c.redirect(withQuery(SETUP, { done: "model-saved" }), 303);
  })
  .post(`${SETUP}/models/removal`, ADMIN, async (c) => {
    const values = formValues(await c.req.parseBody());
    refuseUnstorable(values);
    await removeApprovedModel({ ...env(c), vendor: values.vendor ?? "", code: values.code ?? "" });
    return c.redirect(withQuery(SETUP, { done: "model-removed" }), 303);
  })

  // --- jobs, from any print page (office desk, certificate, local printing) ---
  .post("/print/jobs/cancel", PRINTING, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values = formValues(body);
    refuseUnstorable(values);
    const back = backTo(values, c.var.user!.role === "enterprise" ? AGENT_PAGE : "/office/print");
    const ids = ([] as unknown[]).concat(body.ids ?? []).filter((v): v is string => typeof v === "string");
    const result = await attempt(cancelJobs({ ...env(c), ids }), "invalid");
    // A refused choice (none, too many) reads as nothing cancelled.
    const [n, r] = result.ok ? [result.value.cancelled.length, result.value.refused.length] : [0, 0];
    return c.redirect(withQuery(back, { done: "cancelled", n, r }), 303);
  })
  .post("/print/jobs/:id/retry", PRINTING, async (c) => {
    const values = formValues(await c.req.parseBody());
    refuseUnstorable(values);
    await retryJob({ ...env(c), id: c.req.param("id") });
    return c.redirect(withQuery(backTo(values, c.var.user!.role === "enterprise" ? AGENT_PAGE : "/office/print"), { done: "retried" }), 303);
  })

  // --- a commercial certificate's page on paper (the reviewer, from its review page) ---
  .post("/print/commercial/:id/jobs", allow("office_admin", "office_reviewer"), async (c) => {
    const id = c.req.param("id");
    const values = formValues(await c.req.parseBody());
    await queueCommercialPrint({ ...env(c), documentId: id, deskId: values.deskId || undefined, verifyBaseUrl: verifyBaseUrl(c) });
    return c.redirect(`/office/commercial/${id}?done=queued`, 303);
  })

  // --- one certificate's printing (office clerk, or its enterprise) ---
  .get("/print/certificates/:id", PRINTING, (c) => renderCertificate(c, c.req.param("id")))
  .get("/print/certificates/:id/events", PRINTING, async (c) => {
    const { db, user, events } = env(c);
    const id = c.req.param("id");
    await listCertificateJobs({ db, user, certificateId: id });
    const render = async () => jobTable(c, await listCertificateJobs({ db, user, certificateId: id }));
    // The enterprise sees only its own desk's jobs; the office all of them.
    const key = `certificate:${id}:${user.role === "enterprise" ? "enterprise" : "office"}`;
    return liveRegion(c, { events, topics: [certificateTopic(id)], key, render });
  })
  .post("/print/certificates/:id/jobs", PRINTING, async (c) => {
    const id = c.req.param("id");
    const values = formValues(await c.req.parseBody());
    const queued = await attempt(queueForCertificate(c, id, values), "invalid", "conflict");
    if (!queued.ok) return renderCertificate(c, id, { error: queued.failure, reprintReason: values.reprintReason });
    return c.redirect(withQuery(backTo(values, certificatePrintPath(id)), { done: values.what === "back-pages" ? "back-pages" : "queued" }), 303);
  })

  // --- the certificate as it will print (certificate, review and print pages) ---
  .get("/print/certificates/:id/preview", VIEWING, async (c) =>
    c.html(<CertificatePreview {...(await describeCertificatePreview({ ...env(c), id: c.req.param("id"), verifyBaseUrl: verifyBaseUrl(c) }))} />),
  )
  .get("/print/certificates/:id/pages/:page", VIEWING, async (c) => {
    const page = /^[1-9]\d{0,3}$/.test(c.req.param("page")) ? Number(c.req.param("page")) - 1 : -1;
    const image = await getCertificatePageImage({ ...env(c), id: c.req.param("id"), page, verifyBaseUrl: verifyBaseUrl(c) });
    return drawing(c, { etag: image.etag, bytes: image.png }, "image/png");
  })
  .get("/print/certificates/:id/pdf", VIEWING, async (c) => {
    const file = await getCertificatePreviewPdf({ ...env(c), id: c.req.param("id"), verifyBaseUrl: verifyBaseUrl(c), secretKey: c.var.config.twoFactorKey });
    return drawing(c, { etag: file.etag, bytes: file.pdf }, "application/pdf", `inline; filename="${file.fileName}"`);
  })

  // --- the enterprise's local printing ---
  .get(AGENT_PAGE, ENTERPRISE, async (c) => {
    const data = await agentPageData(c.var.db, c.var.user!);
    return renderPage(c, M.agentTitle, <AgentPage {...data} csrfToken={c.var.csrfToken} notice={notice(c)} />);
  })
  .get(`${AGENT_PAGE}/events`, ENTERPRISE, async (c) => {
    const { db, user, events } = env(c);
    const [desk] = await listDesks({ db, user });
    if (!desk) throw new AppError("not_found", M.noEnterpriseDesk);
    return liveRegion(c, {
      events,
      topics: [deskTopic(desk.id)],
      key: `enterprise-desk:${desk.id}`,
      render: async () => jsx(<JobTable jobs={await listDeskJobs({ db, user, deskId: desk.id })} selectable />),
    });
  })
  .post(`${AGENT_PAGE}/token`, ENTERPRISE, async (c) => {
    const { token } = await issueAgentToken({ ...env(c) });
    const data = await agentPageData(c.var.db, c.var.user!);
    return renderPage(
      c,
      M.agentTitle,
      <AgentPage {...data} csrfToken={c.var.csrfToken} notice={M.agentRegistered} token={{ token, serverUrl: verifyBaseUrl(c) }} />,
    );
  });
