import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { AppError, statusOf } from "../../lib/errors.ts";
import { issuesToErrors, parseForm } from "../../lib/forms.ts";
import { imageResponse } from "../../lib/image-response.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { hiddenWordForm, signatoryForm } from "./forms.ts";
import { M } from "./messages.ts";
import { addSignatory, getEndorsementSettings, getOfficeImage, setHiddenWord, updateSignatory, uploadOfficeSeal, uploadSignatorySignature } from "./service.ts";
import { EndorsementPage, type Forms } from "./views/settings.tsx";

/** 签证章与签证员 (/office/endorsement): office admins manage the seal and signatories their approvals apply. */
const admin = allow("office_admin");
type C = Context<AppEnv>;
const actor = (c: C) => ({ db: c.var.db, officeCode: c.var.user!.officeCode!, actorId: c.var.user!.id, requestId: c.var.requestId });
const done = (c: C, key: keyof typeof M.done) => c.redirect(`/office/endorsement?done=${key}`, 303);

async function render(c: C, forms: Forms = {}, status = 200) {
  const data = await getEndorsementSettings({ db: c.var.db, officeCode: c.var.user!.officeCode! });
  const notice = M.done[c.req.query("done") as keyof typeof M.done];
  return renderPage(c, M.title, <EndorsementPage data={data} csrfToken={c.var.csrfToken} notice={notice} forms={forms} />, status as 200);
}

/** A refusal the form shows (bad image, bad field); anything else goes to the app's error handler. */
async function refused(c: C, key: string, e: unknown, values: Record<string, string> = {}) {
  if (!(e instanceof AppError) || !(e.code === "invalid" || e.code === "too_large")) throw e;
  return render(c, { [key]: { values, errors: issuesToErrors(e.issues), message: e.issues.length ? undefined : e.message } }, statusOf(e.code));
}

async function uploaded(c: C) {
  const file = (await c.req.parseBody())["image"];
  return file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
}

export const endorsementRoutes = new Hono<AppEnv>()
  .get("/office/endorsement", admin, (c) => render(c))
  .get("/office/endorsement/images/:imageId", allow("office_admin", "office_reviewer"), async (c) =>
    imageResponse(c, await getOfficeImage({ db: c.var.db, officeCode: c.var.user!.officeCode!, imageId: c.req.param("imageId") })),
  )
  .post("/office/endorsement/seal", admin, async (c) => {
    try {
      await uploadOfficeSeal({ ...actor(c), bytes: await uploaded(c) });
      return done(c, "sealUploaded");
    } catch (e) {
      return refused(c, "seal", e);
    }
  })
  .post("/office/endorsement/hidden-word", admin, async (c) => {
    const form = parseForm(hiddenWordForm, await c.req.parseBody());
    if (!form.ok) return render(c, {}, 422);
    await setHiddenWord({ ...actor(c), word: form.data.word });
    return done(c, "hiddenWordSet");
  })
  .post("/office/endorsement/signatories", admin, async (c) => {
    const form = parseForm(signatoryForm, await c.req.parseBody());
    if (!form.ok) return render(c, { add: { values: form.values, errors: form.errors } }, 422);
    try {
      await addSignatory({ ...actor(c), fields: { ...form.data, nameLatin: form.data.nameLatin! } });
      return done(c, "signatoryAdded");
    } catch (e) {
      return refused(c, "add", e, form.values);
    }
  })
  .post("/office/endorsement/signatories/:id", admin, async (c) => {
    const id = c.req.param("id");
    const form = parseForm(signatoryForm, await c.req.parseBody());
    if (!form.ok) return render(c, { [id]: { values: form.values, errors: form.errors } }, 422);
    try {
      await updateSignatory({ ...actor(c), id, fields: { ...form.data, nameLatin: form.data.nameLatin! } });
      return done(c, "signatoryUpdated");
    } catch (e) {
      return refused(c, id, e, form.values);
    }
  })
  .post("/office/endorsement/signatories/:id/signature", admin, async (c) => {
    const id = c.req.param("id");
    try {
      await uploadSignatorySignature({ ...actor(c), id, bytes: await uploaded(c) });
      return done(c, "signatureUploaded");
    } catch (e) {
      return refused(c, id, e);
    }
  });
