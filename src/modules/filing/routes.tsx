import { Hono, type Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { unstorableChar, unstorableMessage } from "../../lib/charset.ts";
import { attemptForm, formValues, type FieldErrors, type FormValues } from "../../lib/forms.ts";
import type { Problem } from "../../lib/problems.ts";
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

/** A refused field as the product form shows it (beside the field, like a filing problem). */
const asProblems = (errors: FieldErrors): Record<string, Problem> =>
  Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, { rule: "FORMAT", field, severity: "error", message, hint: "" }]));

function newProductPage(c: Context<AppEnv>, values: FormValues, problems: Record<string, Problem>, status: 200 | 422 = 200) {
  return renderPage(
    c,
    M.newTitle,
    <section>
      <h1>{M.newTitle}</h1>
      <ProductForm csrfToken={c.var.csrfToken} action="/products" values={values} problems={problems} />
    </section>,
    status,
  );
}

function editProductPage(
  c: Context<AppEnv>,
  d: Awaited<ReturnType<typeof getProduct>>,
  values: FormValues,
  problems: Record<string, Problem>,
  status: 200 | 422 = 200,
) {
  const note = d.latest.status === "APPROVED" ? M.newVersionNote : undefined;
  return renderPage(
    c,
    M.edit,
    <section>
      <h1>
        {M.edit}：{d.latest.nameZh}
      </h1>
      <ProductForm csrfToken={c.var.csrfToken} action={`/products/${d.product.id}`} values={values} problems={problems} note={note} />
    </section>,
    status,
  );
}

/**
 * The enterprise's product search from the query string. A search for text the database cannot take
 * is refused beside the box (`queryError`), as typed, and not run.
 */
function productSearch(c: Context<AppEnv>) {
  const status = c.req.query("status") ?? "";
  const query = (c.req.query("q") ?? "").trim();
  const bad = unstorableChar(query);
  const filter = M.statusLabels[status] ? status : undefined;
  return { status, filter, query, page: pageOf(c.req.query("page")), queryError: bad ? unstorableMessage(bad) : undefined };
}

/** The office's review page again with the rejection's reason refused beside its box. */
async function rejectionRefused(c: Context<AppEnv>, id: string, reason: string, message: string) {
  const d = await getProduct({ db: c.var.db, user: c.var.user!, id });
  return renderPage(c, M.officeQueueTitle, <OfficeReview d={d} csrfToken={c.var.csrfToken} reasonError={message} reason={reason} />, 422);
}

export const filingRoutes = new Hono<AppEnv>()
  .get("/products", ENTERPRISE, async (c) => {
    const search = productSearch(c);
    const { status, query, page, queryError } = search;
    const { rows, total } = queryError ? { rows: [], total: 0 } : await listProducts({ db: c.var.db, user: c.var.user!, status: search.filter, query, page });
    const list = <ProductList rows={rows} total={total} status={status} query={query} queryError={queryError} page={page} pageSize={PAGE_SIZE} />;
    return renderPage(c, M.title, list, queryError ? 422 : 200);
  })
  .get("/products/new", ENTERPRISE, (c) => newProductPage(c, {}, {}))
  .post("/products", ENTERPRISE, async (c) => {
    const values = formValues(await c.req.parseBody());
    const created = await attemptForm(values, () => createProduct({ db: c.var.db, user: c.var.user!, input: formToInput(values), requestId: c.var.requestId }));
    if (!created.ok) return newProductPage(c, values, asProblems(created.failure.errors), 422);
    return c.redirect(`/products/${created.value.id}?done=saved`, 303);
  })
  .get("/products/:id", ENTERPRISE, async (c) => {
    const d = await getProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    return renderPage(c, M.title, <ProductDetail d={d} csrfToken={c.var.csrfToken} notice={NOTICES[c.req.query("done") ?? ""]} />);
  })
  .get("/products/:id/edit", ENTERPRISE, async (c) => {
    const d = await getProduct({ db: c.var.db, user: c.var.user!, id: c.req.param("id") });
    if (d.latest.status === "PENDING") return c.redirect(`/products/${d.product.id}`, 303);
    return editProductPage(c, d, inputToForm(d.latest), problemsForForm(productProblems(d.latest, today()), d.latest));
  })
  .post("/products/:id", ENTERPRISE, async (c) => {
    const values = formValues(await c.req.parseBody());
    const id = c.req.param("id");
    const updated = await attemptForm(values, () =>
      updateProduct({ db: c.var.db, user: c.var.user!, id, input: formToInput(values), requestId: c.var.requestId }),
    );
    if (!updated.ok) return editProductPage(c, await getProduct({ db: c.var.db, user: c.var.user!, id }), values, asProblems(updated.failure.errors), 422);
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
    const values = formValues(await c.req.parseBody());
    const reason = values.reason ?? "";
    const decided = await attemptForm(values, () =>
      decideProduct({ db: c.var.db, reviewer: c.var.user!, id, decision: "reject", reason, requestId: c.var.requestId }),
    );
    if (!decided.ok) return rejectionRefused(c, id, reason, decided.failure.message);
    return c.redirect(`/office/products/${id}?done=rejected`, 303);
  });
