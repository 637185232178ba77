import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../app-env.ts";
import { renderPage } from "../../../views/render.tsx";
import { allow } from "../../accounts/index.ts";
import { certificateHref } from "../links.ts";
import { LM } from "./list-messages.ts";
import { parseListQuery } from "./list-query.ts";
import { countCertificatesByStatus, findCertificateByApplicationNo, PAGE_SIZE } from "../service.ts";
import { searchCertificateList, sum } from "./list-service.ts";
import { CertificateList } from "./views/list.tsx";
import { CertificateTypes } from "./views/list-types.tsx";

const ENTERPRISE = allow("enterprise");

type ListQuery = ReturnType<typeof parseListQuery>;

/** The search's page, counts and total; for a search with field errors none is run (the tabs count everything). */
async function searchCertificates(c: Context<AppEnv>, query: ListQuery, invalid: boolean) {
  const { db } = c.var;
  const user = c.var.user!;
  if (invalid) return { rows: [], counts: await countCertificatesByStatus({ db, user }), total: 0 };
  return searchCertificateList({ db, user, filters: query.filters, sort: query.sort, dir: query.dir, page: query.page });
}

/**
 * Nothing found under other conditions: how many the invoice number alone finds (manual Q8), or null
 * when the search had no invoice number, nothing else narrowed it, or the number alone finds none.
 */
async function invoiceOnlyCount(c: Context<AppEnv>, query: ListQuery): Promise<number | null> {
  const narrowed = Object.keys(query.values).some((k) => k !== "invoiceNo" && k !== "sort" && k !== "dir" && k !== "page");
  if (!query.filters.invoiceNo || !narrowed) return null;
  return sum(await countCertificatesByStatus({ db: c.var.db, user: c.var.user!, filters: { invoiceNo: query.filters.invoiceNo } })) || null;
}

/** The enterprise's certificate lists and search (单据查询), the type chooser, and links by application number. */
export const certificateListRoutes = new Hono<AppEnv>()
  .get("/certificates", ENTERPRISE, async (c) => {
    const query = parseListQuery(c.req.query());
    const invalid = Object.keys(query.errors).length > 0;
    const { rows, counts, total } = await searchCertificates(c, query, invalid);
    const invoiceOnly = invalid || rows.length ? null : await invoiceOnlyCount(c, query);
    const page = <CertificateList query={query} rows={rows} total={total} pageSize={PAGE_SIZE} counts={counts} invoiceOnly={invoiceOnly} />;
    return renderPage(c, LM.title, page, invalid ? 422 : 200);
  })
  .get("/certificates/types", ENTERPRISE, (c) => renderPage(c, LM.typesTitle, <CertificateTypes />))
  .get("/certificates/by-application/:applicationNo", ENTERPRISE, async (c) => {
    const id = await findCertificateByApplicationNo({ db: c.var.db, user: c.var.user!, applicationNo: c.req.param("applicationNo") });
    return c.redirect(certificateHref(id), 302);
  });
