import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { AppError, conflict, notFound } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/events.ts";
import { isHtmx } from "../../lib/htmx.ts";
import { liveRegion } from "../../lib/live.ts";
import { attempt, formValues, unstorableFields, type FormValues } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { fmtTime } from "../../views/list.tsx";
import { allow } from "../accounts/index.ts";
import { CERTIFICATE_EVENT_NAMES, type CertificateEvents } from "./events.ts";
import { FM } from "./form/form-messages.ts";
import { loadCertificateForm, saveCertificateForm, startCertificate } from "./form/form-service.ts";
import { readTouched } from "./form/form-layout.ts";
import { applyBodyOp, applyLineOp, parseOp } from "./form/form-ops.ts";
import { formToBody } from "./form/form.ts";
import { isDeletable, isEditable } from "./lifecycle.ts";
import { CM } from "./lifecycle-messages.ts";
import { findCertificateType } from "./registry.ts";
import { problem, type Problem } from "./checks/review-problems.ts";
import {
  amendCertificate,
  attachMarksImage,
  CertificateProblemsError,
  checkCertificate,
  copyCertificate,
  deleteCertificate,
  getCertificate,
  getMarksImage,
  sendCertificate,
} from "./service.ts";
import {
  AutosaveRefused,
  CertificateFacts,
  CertificateForm,
  CertificatePage,
  CheckResult,
  Datalists,
  DeleteConfirm,
  inputId,
  LiveUpdate,
  type FormModel,
} from "./form/views/form.tsx";
import { modelOf, refusedModel, savedModel } from "./form/views/form-model.ts";

/**
 * The certificate form pages (制单, manual §三(四)): one page per certificate, saved as the exporter
 * works. Wiring only; the form's rules are in form.ts, its services in form-service.ts.
 */
const ENTERPRISE = allow("enterprise");
type C = Context<AppEnv>;
type Loaded = Awaited<ReturnType<typeof loadCertificateForm>>;

const NOTICES: Record<string, string> = {
  saved: FM.saved,
  sent: FM.sent,
  copied: FM.copied,
  amended: FM.amended,
  marksImage: FM.marksImageUploaded,
};

const hhmm = (d: Date) => fmtTime(d).slice(11);

/** The certificate of the route; posts that save (and so review) anyway skip reviewing the stored body first. */
function load(c: C, { review = true } = {}) {
  return loadCertificateForm({ db: c.var.db, user: c.var.user!, id: c.req.param("id")!, review });
}

const page = (c: C, m: FormModel, status: 200 | 409 | 413 | 422 = 200) => renderPage(c, m.type.nameZh, <CertificatePage {...m} />, status);

/**
 * Reads the posted form: the `op` button's goods-line edit applies to the values (so what was typed
 * moves with its line), the others to the body. `typed` keeps the text of fields that could not be
 * read, to show it again.
 */
function readPosted(d: Loaded, posted: FormValues) {
  // Text the database cannot take (textField()'s rule) is refused beside its field and shown as
  // typed; the body gets the field empty, as it does a number that could not be read.
  const unstorable = unstorableFields(posted);
  const readable = { ...posted, ...Object.fromEntries(Object.keys(unstorable).map((k) => [k, ""])) };
  const op = parseOp(readable.op);
  const lined = op ? applyLineOp(readable, op) : null;
  const values = lined?.values ?? readable;
  const read = formToBody(values, d.cert.body.type);
  const issues = [...Object.entries(unstorable).map(([k, message]) => problem("FORMAT", k, message, "")), ...read.issues];
  const edited =
    op && !lined
      ? applyBodyOp(read.body, op, { products: d.context.products, enterprise: d.context.enterprise, values })
      : { body: read.body, focus: lined?.focus ?? null };
  const typed: FormValues = Object.fromEntries(issues.map((i) => [i.field, (i.field in unstorable ? posted[i.field] : values[i.field]) ?? ""]));
  return { op, body: edited.body, focus: edited.focus, issues, typed, revision: revisionOf(values), touched: readTouched(values.touched) };
}

function revisionOf(values: FormValues) {
  const n = Number.parseInt(values.revision ?? "", 10);
  return Number.isFinite(n) ? n : undefined;
}

type Posted = ReturnType<typeof readPosted>;

/** Saves the posted body; a conflict (stale revision, or no longer editable) comes back as a value for the page to explain. */
async function save(c: C, p: Posted, { force = false } = {}) {
  try {
    const saved = await saveCertificateForm({
      db: c.var.db,
      user: c.var.user!,
      id: c.req.param("id")!,
      body: p.body,
      revision: force ? undefined : p.revision,
      requestId: c.var.requestId,
    });
    return { ok: true as const, ...saved };
  } catch (e) {
    if (e instanceof AppError && e.code === "conflict") return { ok: false as const, message: e.message, stale: e.message === CM.staleRevision };
    throw e;
  }
}

/** Where a plain (no JavaScript) post lands after an edit: the edited line or field. */
function anchorFor(focus: string | null) {
  if (!focus) return "";
  const line = /^goods\.(\d+)\./.exec(focus);
  if (line) return `#line-${line[1]}`;
  return focus === "goods.add" ? "#goods" : `#${inputId(focus)}`;
}

/** The certificate of the route for a post that changes it: refused (409) unless it may still be edited. */
async function loadEditable(c: C) {
  const d = await load(c, { review: false });
  if (!isEditable(d.cert.status)) throw conflict(CM.notEditable);
  return d;
}

/** The form alone for an htmx swap, the whole page otherwise. */
const formOrPage = (c: C, m: FormModel, status: 409 | 413 | 422) => (isHtmx(c) ? c.html(<CertificateForm {...m} />, status) : page(c, m, status));

/** Sends the certificate: the problems that keep it from being sent, or null once sent. */
async function send(c: C, id: string): Promise<Problem[] | null> {
  try {
    await sendCertificate({ db: c.var.db, user: c.var.user!, id, requestId: c.var.requestId });
    return null;
  } catch (e) {
    if (!(e instanceof CertificateProblemsError)) throw e;
    return e.problems;
  }
}

/** The confirmation page of 删除, for a draft that may still be deleted. */
async function deleteConfirmPage(c: C, id: string) {
  const cert = await getCertificate({ db: c.var.db, user: c.var.user!, id });
  if (!isDeletable(cert.status, cert.sentAt)) throw conflict(CM.notDeletable);
  return renderPage(
    c,
    FM.deleteConfirmTitle,
    <DeleteConfirm id={id} applicationNo={cert.applicationNo} invoiceNo={cert.invoiceNo} csrfToken={c.var.csrfToken} />,
  );
}

/** Redraws on every lifecycle event of this certificate. */
function followCertificate(events: AppEnv["Variables"]["events"], id: string) {
  // AppEnv types the bus by the bare event map (app-env imports no slice); the app's bus carries this slice's events (src/app-events.ts).
  const bus = events as unknown as EventBus<CertificateEvents>;
  return (changed: () => void) => {
    const stops = CERTIFICATE_EVENT_NAMES.map((name) =>
      bus.on(name, (e) => {
        if (e.id === id) changed();
      }),
    );
    return () => stops.forEach((stop) => stop());
  };
}

const factsHtml = async (cert: Awaited<ReturnType<typeof getCertificate>>) =>
  String(await (<CertificateFacts applicationNo={cert.applicationNo} number={cert.number} status={cert.status} />).toString());

/** Stores the marks image (图片唛头): its size, or the refusal shown beside its field (none chosen, not an image, too large). */
async function uploadMarksImage(c: C, id: string, file: unknown): Promise<{ ok: true; size: number } | { ok: false; status: 413 | 422; problem: Problem }> {
  const refusal = (message: string) => problem("MARKS_IMAGE", "marksImage", message, FM.marksImageChoose);
  if (!(file instanceof File) || file.size === 0) return { ok: false, status: 422, problem: refusal(FM.marksImageMissing) };
  const call = attachMarksImage({ db: c.var.db, user: c.var.user!, id, bytes: new Uint8Array(await file.arrayBuffer()), requestId: c.var.requestId });
  const stored = await attempt(call, "invalid", "too_large");
  return stored.ok ? { ok: true, size: stored.value.size } : { ok: false, status: stored.failure.status, problem: refusal(stored.failure.message) };
}

type Saved = Extract<Awaited<ReturnType<typeof save>>, { ok: true }>;

/** After a marks-image post the upload's own field counts as touched, so a refusal shows beside it. */
function afterUpload(d: Loaded, p: Posted, r: Saved | null) {
  const touched = p.touched === "all" ? p.touched : new Set([...p.touched, "marksImage"]);
  return { body: p.body, typed: p.typed, touched, revision: r?.revision ?? d.cert.revision, savedAt: r?.savedAt ?? d.cert.updatedAt };
}

/** The upload's refusal beside its field, with what was typed (and saved, when the form came with it). */
function marksRefused(c: C, d: Loaded, p: Posted, r: Saved | null, up: { status: 413 | 422; problem: Problem }) {
  const problems = [up.problem, ...p.issues, ...(r?.problems ?? d.problems)];
  return formOrPage(c, modelOf(c, d, { ...afterUpload(d, p, r), problems, focus: "marksImage" }), up.status);
}

/** The form swapped in after an upload, drawn from the stored certificate so the image shows. */
async function marksUploaded(c: C, p: Posted, after: ReturnType<typeof afterUpload>, size: number) {
  const fresh = await load(c);
  const m = modelOf(c, fresh, { ...after, problems: [...p.issues, ...fresh.problems], marksImage: { size }, statusText: FM.marksImageUploaded });
  return c.html(<CertificateForm {...m} />);
}

export const certificateRoutes = new Hono<AppEnv>()
  .get("/certificates/new", ENTERPRISE, async (c) => {
    const type = findCertificateType(c.req.query("type") ?? "");
    if (!type) throw notFound(FM.unknownType);
    const { id } = await startCertificate({ db: c.var.db, user: c.var.user!, type: type.code, requestId: c.var.requestId });
    return c.redirect(`/certificates/${id}`, 303);
  })
  // The form's pick-lists (countries, ports, customs districts, units, criteria): fetched when the
  // form is first used and cached by the browser, so the form page itself stays small. The day is
  // in the address because the criteria offered depend on it.
  .get("/certificates/pick-lists", ENTERPRISE, (c) => {
    const type = findCertificateType(c.req.query("type") ?? "");
    const day = c.req.query("day") ?? "";
    if (!type || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw notFound(FM.unknownType);
    c.header("Cache-Control", "private, max-age=86400");
    return c.html(<Datalists type={type} today={day} />);
  })
  // The facts at the top of the page, live: redrawn on every lifecycle event of this certificate.
  .get("/certificates/:id/events", ENTERPRISE, async (c) => {
    const { db, user, events } = c.var;
    const id = c.req.param("id");
    await getCertificate({ db, user: user!, id });
    const render = async () => factsHtml(await getCertificate({ db, user: user!, id }));
    return liveRegion(c, { scope: events, key: `certificate-facts:${id}`, follow: followCertificate(events, id), render });
  })
  .get("/certificates/:id", ENTERPRISE, async (c) => {
    const d = await load(c);
    return page(c, modelOf(c, d, { notice: NOTICES[c.req.query("done") ?? ""] }));
  })
  // 保存, and every `op` button (goods lines, half-width fix, filed product, filed exporter, route line).
  .post("/certificates/:id", ENTERPRISE, async (c) => {
    const d = await loadEditable(c);
    const p = readPosted(d, formValues(await c.req.parseBody()));
    const r = await save(c, p, { force: p.op?.kind === "overwrite" });
    if (!r.ok) return formOrPage(c, refusedModel(c, d, p, r), 409);
    const m = savedModel(c, d, p, r, { focus: p.focus });
    if (isHtmx(c)) return c.html(<CertificateForm {...m} />);
    if (p.issues.length) return page(c, m, 422);
    return c.redirect(`/certificates/${d.cert.id}${p.op ? anchorFor(p.focus) : "?done=saved"}`, 303);
  })
  // htmx autosave: on change and every 30 seconds; answers with the status line and live problems.
  .post("/certificates/:id/autosave", ENTERPRISE, async (c) => {
    const d = await load(c, { review: false });
    const refused = (message: string, stale: boolean) =>
      c.html(<AutosaveRefused m={{ id: d.cert.id, savedAt: d.cert.updatedAt }} message={message} stale={stale} />, 409);
    if (!isEditable(d.cert.status)) return refused(CM.notEditable, false);
    const p = readPosted(d, formValues(await c.req.parseBody()));
    const r = await save(c, p);
    if (!r.ok) return refused(r.message, r.stale);
    return c.html(<LiveUpdate m={savedModel(c, d, p, r)} status={FM.autosaved(hhmm(r.savedAt))} />);
  })
  // 检查: machine review of what is on the page, without saving.
  .post("/certificates/:id/check", ENTERPRISE, async (c) => {
    const d = await loadEditable(c);
    const p = readPosted(d, formValues(await c.req.parseBody()));
    const problems = [...p.issues, ...(await checkCertificate({ db: c.var.db, user: c.var.user!, id: d.cert.id, body: p.body }))];
    const m = modelOf(c, d, { body: p.body, typed: p.typed, touched: "all", problems, revision: p.revision ?? d.cert.revision, notice: FM.checked });
    return isHtmx(c) ? c.html(<CheckResult m={m} />) : page(c, m);
  })
  // 发送: save what is on the page, then machine review and send in one transaction (manual Q9).
  .post("/certificates/:id/submission", ENTERPRISE, async (c) => {
    const d = await loadEditable(c);
    const p = readPosted(d, formValues(await c.req.parseBody()));
    const r = await save(c, p);
    if (!r.ok) return page(c, refusedModel(c, d, p, r, "all"), 409);
    const unsent = { touched: "all" as const, sendFailed: true };
    if (p.issues.length) return page(c, savedModel(c, d, p, r, unsent), 422);
    const problems = await send(c, d.cert.id);
    if (problems) return page(c, savedModel(c, d, p, r, { ...unsent, problems }), 422);
    return c.redirect(`/certificates/${d.cert.id}?done=sent`, 303);
  })
  // 复制: from the form, what is on the page is saved first, so the copy is what the exporter sees.
  .post("/certificates/:id/copies", ENTERPRISE, async (c) => {
    const values = formValues(await c.req.parseBody());
    if ("revision" in values) {
      const d = await load(c, { review: false });
      if (isEditable(d.cert.status)) await save(c, readPosted(d, values));
    }
    const { id } = await copyCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
    return c.redirect(`/certificates/${id}?done=copied`, 303);
  })
  .post("/certificates/:id/amendment", ENTERPRISE, async (c) => {
    const { id } = await amendCertificate({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
    return c.redirect(`/certificates/${id}?done=amended`, 303);
  })
  // 删除: a never-sent draft, after a confirmation page.
  .post("/certificates/:id/deletion", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    const values = formValues(await c.req.parseBody());
    if (values.confirm !== "yes") return deleteConfirmPage(c, id);
    await deleteCertificate({ db: c.var.db, user: c.var.user!, id, requestId: c.var.requestId });
    return c.redirect("/certificates?done=deleted", 303);
  })
  // 图片唛头 (manual Q7): the whole form posts with the file, so nothing typed is lost.
  .post("/certificates/:id/marks-image", ENTERPRISE, async (c) => {
    const d = await loadEditable(c);
    const raw = await c.req.parseBody();
    const p = readPosted(d, formValues(raw));
    const r = "revision" in raw ? await save(c, p) : null;
    if (r && !r.ok) return page(c, refusedModel(c, d, p, r), 409);
    const up = await uploadMarksImage(c, d.cert.id, raw.file);
    if (!up.ok) return marksRefused(c, d, p, r, up);
    if (!isHtmx(c)) return c.redirect(`/certificates/${d.cert.id}?done=marksImage#w-marksImage`, 303);
    return marksUploaded(c, p, afterUpload(d, p, r), up.size);
  })
  .get("/certificates/:id/marks-image", ENTERPRISE, async (c) => {
    const image = await getMarksImage({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return c.body(image.bytes as Uint8Array<ArrayBuffer>, 200, { "Content-Type": image.mime, "Cache-Control": "private, no-cache" });
  });
