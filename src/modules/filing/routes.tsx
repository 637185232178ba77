import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { AppError } from "../../lib/errors.ts";
import { formValues, stripNul } from "../../lib/forms.ts";
import { renderPage } from "../../views/render.tsx";
import { allow } from "../accounts/index.ts";
import { formToInput, inputToForm } from "./form.ts";
import { M } from "./messages.ts";
import { productProblems } from "./rules.ts";
import {
  copyProduct,
  createProduct,
  decideProduct,
  getProduct,
  listProducts,
  PAGE_SIZE,
  ProductProblemsError,
  sendProduct,
  updateProduct,
  withdrawProduct,
} from "./service.ts";
import { ProductForm, problemsForForm } from "./views/form.tsx";
import { OfficeQueue, OfficeReview, ProductDetail, ProductList } from "./views/pages.tsx";

const NOTICES: Record<string, string> = { saved: M.saved, sent: M.sent, withdrawn: M.withdrawn, approved: M.approved, rejected: M.rejected };
const today = () => new Date().toISOString().slice(0, 10);
const pageOf = (v: string | undefined) => Math.max(1, Number.parseInt(v ?? "1", 10) || 1);
const ENTERPRISE = allow("enterprise");
const REVIEWERS = allow("office_admin", "office_reviewer");

export const filingRoutes = new Hono<AppEnv>()
  .get("/products", ENTERPRISE, async (c) => {
    const status = c.req.query("status") ?? "";
    const query = stripNul(c.req.query("q") ?? "").trim();
    const page = pageOf(c.req.query("page"));
    const { rows, total } = await listProducts({ db: c.var.db, user: c.var.user!, status: M.statusLabels[status] ? status : undefined, query, page });
    return renderPage(c, M.title, <ProductList rows={rows} total={total} status={status} query={query} page={page} pageSize={PAGE_SIZE} />);
  })
  .get("/products/new", ENTERPRISE, (c) =>
    renderPage(
      c,
      M.newTitle,
      <section>
        <h1>{M.newTitle}</h1>
        <ProductForm csrfToken={c.var.csrfToken} action="/products" values={{}} problems={{}} />
      </section>,
    ),
  )
  .post("/products", ENTERPRISE, async (c) => {
    const input = formToInput(formValues(await c.req.parseBody()));
    const { id } = await createProduct({ db: c.var.db, user: c.var.user!, input, requestId: c.var.requestId });
    return c.redirect(`/products/${id}?done=saved`, 303);
  })
  .get("/products/:id", ENTERPRISE, async (c) => {
    const d = await getProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return renderPage(c, M.title, <ProductDetail d={d} csrfToken={c.var.csrfToken} notice={NOTICES[c.req.query("done") ?? ""]} />);
  })
  .get("/products/:id/edit", ENTERPRISE, async (c) => {
    const d = await getProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    if (d.latest.status === "PENDING") return c.redirect(`/products/${d.product.id}`, 303);
    const values = inputToForm(d.latest);
    const note = d.latest.status === "APPROVED" ? M.newVersionNote : undefined;
    return renderPage(
      c,
      M.edit,
      <section>
        <h1>
          {M.edit}：{d.latest.nameZh}
        </h1>
        <ProductForm csrfToken={c.var.csrfToken} action={`/products/${d.product.id}`} values={values} problems={problemsForForm(productProblems(d.latest, today()), d.latest)} note={note} />
      </section>,
    );
  })
  .post("/products/:id", ENTERPRISE, async (c) => {
    const input = formToInput(formValues(await c.req.parseBody()));
    const id = c.req.param("id");
    await updateProduct({ db: c.var.db, user: c.var.user!, id, input, requestId: c.var.requestId });
    return c.redirect(`/products/${id}?done=saved`, 303);
  })
  .post("/products/:id/submission", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    try {
      await sendProduct({ db: c.var.db, user: c.var.user!, id, requestId: c.var.requestId });
    } catch (e) {
      if (!(e instanceof ProductProblemsError)) throw e;
      const d = await getProduct({ db: c.var.db, user: c.var.user!, id });
      return renderPage(c, M.title, <ProductDetail d={d} csrfToken={c.var.csrfToken} sendProblems={e.problems} />, 422);
    }
    return c.redirect(`/products/${id}?done=sent`, 303);
  })
  .post("/products/:id/withdrawal", ENTERPRISE, async (c) => {
    const id = c.req.param("id");
    await withdrawProduct({ db: c.var.db, user: c.var.user!, id, requestId: c.var.requestId });
    return c.redirect(`/products/${id}?done=withdrawn`, 303);
  })
  .post("/products/:id/copies", ENTERPRISE, async (c) => {
    const { id } = await copyProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id"), requestId: c.var.requestId });
    return c.redirect(`/products/${id}/edit`, 303);
  })
  .get("/office/products", REVIEWERS, async (c) => {
    const page = pageOf(c.req.query("page"));
    const { rows, total } = await listProducts({ db: c.var.db, user: c.var.user!, status: "PENDING", page });
    return renderPage(c, M.officeQueueTitle, <OfficeQueue rows={rows} total={total} page={page} pageSize={PAGE_SIZE} />);
  })
  .get("/office/products/:id", REVIEWERS, async (c) => {
    const d = await getProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return renderPage(c, M.officeQueueTitle, <OfficeReview d={d} csrfToken={c.var.csrfToken} notice={NOTICES[c.req.query("done") ?? ""]} />);
  })
  .post("/office/products/:id/approval", REVIEWERS, async (c) => {
    const id = c.req.param("id");
    await decideProduct({ db: c.var.db, reviewer: c.var.user!, id, decision: "approve", requestId: c.var.requestId });
    return c.redirect(`/office/products/${id}?done=approved`, 303);
  })
  .post("/office/products/:id/rejection", REVIEWERS, async (c) => {
    const id = c.req.param("id");
    const reason = formValues(await c.req.parseBody()).reason ?? "";
    try {
      await decideProduct({ db: c.var.db, reviewer: c.var.user!, id, decision: "reject", reason, requestId: c.var.requestId });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "invalid") throw e;
      const d = await getProduct({ db: c.var.db, user: c.var.user!, id });
      return renderPage(c, M.officeQueueTitle, <OfficeReview d={d} csrfToken={c.var.csrfToken} reasonError={e.message} reason={reason} />, 422);
    }
    return c.redirect(`/office/products/${id}?done=rejected`, 303);
  });
