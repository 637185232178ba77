import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { AppError, conflict, notFound } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/events.ts";
import { isHtmx } from "../../lib/htmx.ts";
import { liveRegion } from "../../lib/live.ts";
import { formValues, unstorableFields, type FormValues } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { fmtTime } from "../../views/list.tsx";
import { allow } from "../accounts/index.ts";
import { CERTIFICATE_EVENT_NAMES, type CertificateEvents } from "./events.ts";
import { FM } from "./form/form-messages.ts";
import { loadCertificateForm, saveCertificateForm, startCertificate } from "./form/form-service.ts";
import { readTouched } from "./form/form-layout.ts";
import { applyBodyOp, applyLineOp, parseOp } from "./form/form-ops.ts";
import { formToBody } from "./form/form.ts";
import { isAmendable, isDeletable, isEditable } from "./lifecycle.ts";
import { CM } from "./lifecycle-messages.ts";
import { certificateType, findCertificateType } from "./registry.ts";
import { problem, type Problem } from "./checks/review-problems.ts";
import { computeRetroactive } from "./checks/review-rules.ts";
import {
  amendCertificate,
  attachMarksImage,
  CertificateProblemsError,
  checkCertificate,
  copyCertificate,
  deleteCertificate,
  getCertificate,
  getMarksImage,
  officeToday,
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

/** The page's model from a loaded certificate, with what this request changes. */
function modelOf(c: C, d: Loaded, patch: Partial<FormModel> = {}): FormModel {
  const { cert } = d;
  const body = patch.body ?? cert.body;
  const editable = isEditable(cert.status);
  return {
    id: cert.id,
    status: cert.status,
    editable,
    deletable: isDeletable(cert.status, cert.sentAt),
    amendable: isAmendable(cert.status),
    applicationNo: cert.applicationNo,
    number: cert.number,
    revision: cert.revision,
    savedAt: cert.updatedAt,
    type: certificateType(cert.body.type),
    body,
    typed: {},
    problems: d.problems,
    sendFailed: false,
    touched: cert.status === "RETURNED" ? "all" : new Set<string>(),
    context: d.context,
    marksImage: d.marksImage,
    retro: editable ? computeRetroactive(body, { today: officeToday() }) : cert.retroactive,
    today: officeToday(),
    csrfToken: c.var.csrfToken,
    history: cert.history,
    returnReason: cert.returnReason,
    replacesId: cert.replacesId,
    replacedById: cert.replacedById,
    ...patch,
  };
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

function requireEditable(d: Loaded) {
  if (!isEditable(d.cert.status)) throw conflict(CM.notEditable);
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
    // AppEnv types the bus by the bare event map (app-env imports no slice); the app's bus carries this slice's events (src/app-events.ts).
    const bus = events as unknown as EventBus<CertificateEvents>;
    return liveRegion(c, {
      scope: events,
      key: `certificate-facts:${id}`,
      follow: (changed) => {
        const stops = CERTIFICATE_EVENT_NAMES.map((name) =>
          bus.on(name, (e) => {
            if (e.id === id) changed();
          }),
        );
        return () => stops.forEach((stop) => stop());
      },
      render: async () => {
        const cert = await getCertificate({ db, user: user!, id });
        return String(await (<CertificateFacts applicationNo={cert.applicationNo} number={cert.number} status={cert.status} />).toString());
      },
    });
  })
  .get("/certificates/:id", ENTERPRISE, async (c) => {
    const d = await load(c);
    return page(c, modelOf(c, d, { notice: NOTICES[c.req.query("done") ?? ""] }));
  })
  // 保存, and every `op` button (goods lines, half-width fix, filed product, filed exporter, route line).
  .post("/certificates/:id", ENTERPRISE, async (c) => {
    const d = await load(c, { review: false });
    requireEditable(d);
    const p = readPosted(d, formValues(await c.req.parseBody()));
    const r = await save(c, p, { force: p.op?.kind === "overwrite" });
    if (!r.ok) {
      const m = modelOf(c, d, {
        body: p.body,
        typed: p.typed,
        touched: p.touched,
        problems: [...p.issues, ...d.problems],
        alert: r.message,
        stale: r.stale,
        revision: p.revision ?? d.cert.revision,
      });
      return isHtmx(c) ? c.html(<CertificateForm {...m} />, 409) : page(c, m, 409);
    }
    const m = modelOf(c, d, {
      body: p.body,
      typed: p.typed,
      touched: p.touched,
      problems: [...p.issues, ...r.problems],
      revision: r.revision,
      savedAt: r.savedAt,
      focus: p.focus,
    });
    if (isHtmx(c)) return c.html(<CertificateForm {...m} />);
    if (p.issues.length) return page(c, m, 422);
    return c.redirect(`/certificates/${d.cert.id}${p.op ? anchorFor(p.focus) : "?done=saved"}`, 303);
  })
  // htmx autosave: on change and every 30 seconds; answers with the status line and live problems.
  .post("/certificates/:id/autosave", ENTERPRISE, async (c) => {
    const d = await load(c, { review: false });
    if (!isEditable(d.cert.status))
      return c.html(<AutosaveRefused m={{ id: d.cert.id, savedAt: d.cert.updatedAt }} message={CM.notEditable} stale={false} />, 409);
    const p = readPosted(d, formValues(await c.req.parseBody()));
    const r = await save(c, p);
    if (!r.ok) return c.html(<AutosaveRefused m={{ id: d.cert.id, savedAt: d.cert.updatedAt }} message={r.message} stale={r.stale} />, 409);
    const m = modelOf(c, d, {
      body: p.body,
      typed: p.typed,
      touched: p.touched,
      problems: [...p.issues, ...r.problems],
      revision: r.revision,
      savedAt: r.savedAt,
    });
    return c.html(<LiveUpdate m={m} status={FM.autosaved(hhmm(r.savedAt))} />);
  })
  // 检查: machine review of what is on the page, without saving.
  .post("/certificates/:id/check", ENTERPRISE, async (c) => {
    const d = await load(c, { review: false });
    requireEditable(d);
    const p = readPosted(d, formValues(await c.req.parseBody()));
    const problems = [...p.issues, ...(await checkCertificate({ db: c.var.db, user: c.var.user!, id: d.cert.id, body: p.body }))];
    const m = modelOf(c, d, { body: p.body, typed: p.typed, touched: "all", problems, revision: p.revision ?? d.cert.revision, notice: FM.checked });
    return isHtmx(c) ? c.html(<CheckResult m={m} />) : page(c, m);
  })
  // 发送: save what is on the page, then machine review and send in one transaction (manual Q9).
  .post("/certificates/:id/submission", ENTERPRISE, async (c) => {
    const d = await load(c, { review: false });
    requireEditable(d);
    const p = readPosted(d, formValues(await c.req.parseBody()));
    const r = await save(c, p);
    if (!r.ok)
      return page(
        c,
        modelOf(c, d, {
          body: p.body,
          typed: p.typed,
          touched: "all",
          problems: [...p.issues, ...d.problems],
          alert: r.message,
          stale: r.stale,
          revision: p.revision ?? d.cert.revision,
        }),
        409,
      );
    const saved = { body: p.body, typed: p.typed, touched: "all" as const, revision: r.revision, savedAt: r.savedAt, sendFailed: true };
    if (p.issues.length) return page(c, modelOf(c, d, { ...saved, problems: [...p.issues, ...r.problems] }), 422);
    try {
      await sendCertificate({ db: c.var.db, user: c.var.user!, id: d.cert.id, requestId: c.var.requestId });
    } catch (e) {
      if (!(e instanceof CertificateProblemsError)) throw e;
      return page(c, modelOf(c, d, { ...saved, problems: e.problems }), 422);
    }
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
    if (values.confirm === "yes") {
      await deleteCertificate({ db: c.var.db, user: c.var.user!, id, requestId: c.var.requestId });
      return c.redirect("/certificates?done=deleted", 303);
    }
    const cert = await getCertificate({ db: c.var.db, user: c.var.user!, id });
    if (!isDeletable(cert.status, cert.sentAt)) throw conflict(CM.notDeletable);
    return renderPage(
      c,
      FM.deleteConfirmTitle,
      <DeleteConfirm id={id} applicationNo={cert.applicationNo} invoiceNo={cert.invoiceNo} csrfToken={c.var.csrfToken} />,
    );
  })
  // 图片唛头 (manual Q7): the whole form posts with the file, so nothing typed is lost.
  .post("/certificates/:id/marks-image", ENTERPRISE, async (c) => {
    const d = await load(c, { review: false });
    requireEditable(d);
    const raw = await c.req.parseBody();
    const p = readPosted(d, formValues(raw));
    const r = "revision" in raw ? await save(c, p) : null;
    if (r && !r.ok)
      return page(
        c,
        modelOf(c, d, {
          body: p.body,
          typed: p.typed,
          touched: p.touched,
          problems: [...p.issues, ...d.problems],
          alert: r.message,
          stale: r.stale,
          revision: p.revision ?? d.cert.revision,
        }),
        409,
      );
    // The upload touched its own field: a refusal shows beside it.
    const after = {
      body: p.body,
      typed: p.typed,
      touched: p.touched === "all" ? p.touched : new Set([...p.touched, "marksImage"]),
      revision: r?.revision ?? d.cert.revision,
      savedAt: r?.savedAt ?? d.cert.updatedAt,
    };
    const problems = [...p.issues, ...(r?.problems ?? d.problems)];
    const file = raw.file;
    let refused: { status: 413 | 422; problem: Problem } | null = null;
    let size = 0;
    if (!(file instanceof File) || file.size === 0)
      refused = { status: 422, problem: problem("MARKS_IMAGE", "marksImage", FM.marksImageMissing, FM.marksImageChoose) };
    else {
      try {
        size = (
          await attachMarksImage({
            db: c.var.db,
            user: c.var.user!,
            id: d.cert.id,
            bytes: new Uint8Array(await file.arrayBuffer()),
            requestId: c.var.requestId,
          })
        ).size;
      } catch (e) {
        if (!(e instanceof AppError) || (e.code !== "invalid" && e.code !== "too_large")) throw e;
        refused = { status: e.code === "too_large" ? 413 : 422, problem: problem("MARKS_IMAGE", "marksImage", e.message, FM.marksImageChoose) };
      }
    }
    if (refused) {
      const m = modelOf(c, d, { ...after, problems: [refused.problem, ...problems], focus: "marksImage" });
      return isHtmx(c) ? c.html(<CertificateForm {...m} />, refused.status) : page(c, m, refused.status);
    }
    if (!isHtmx(c)) return c.redirect(`/certificates/${d.cert.id}?done=marksImage#w-marksImage`, 303);
    const fresh = await load(c);
    return c.html(
      <CertificateForm
        {...modelOf(c, fresh, { ...after, problems: [...p.issues, ...fresh.problems], marksImage: { size }, statusText: FM.marksImageUploaded })}
      />,
    );
  })
  .get("/certificates/:id/marks-image", ENTERPRISE, async (c) => {
    const image = await getMarksImage({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return c.body(image.bytes as Uint8Array<ArrayBuffer>, 200, { "Content-Type": image.mime, "Cache-Control": "private, no-cache" });
  });
