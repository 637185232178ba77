import { Hono } from "hono";
import type { AppEnv } from "../../../app-env.ts";
import { renderPage } from "../../../views/render.tsx";
import { allow } from "../../accounts/index.ts";
import { certificateHref } from "../links.ts";
import { LM } from "./list-messages.ts";
import { parseListQuery } from "./list-query.ts";
import { countCertificatesByStatus, findCertificateByApplicationNo, listCertificates, PAGE_SIZE } from "../service.ts";
import { CertificateList } from "./views/list.tsx";
import { CertificateTypes } from "./views/list-types.tsx";

const ENTERPRISE = allow("enterprise");
const sum = (counts: Partial<Record<string, number>>) => Object.values(counts).reduce<number>((a, b) => a + (b ?? 0), 0);

/** The enterprise's certificate lists and search (单据查询), the type chooser, and links by application number. */
export const certificateListRoutes = new Hono<AppEnv>()
  .get("/certificates", ENTERPRISE, async (c) => {
    const db = c.var.db;
    const user = c.var.user!;
    const query = parseListQuery(c.req.query());
    const invalid = Object.keys(query.errors).length > 0;
    // The tab counts carry the search's conditions but its status: the total is one of them or their sum.
    const [list, counts] = await Promise.all([
      invalid ? { rows: [] } : listCertificates({ db, user, filters: query.filters, sort: query.sort, dir: query.dir, page: query.page, withTotal: false }),
      countCertificatesByStatus({ db, user, filters: invalid ? {} : query.filters }),
    ]);
    const total = invalid ? 0 : query.filters.status ? (counts[query.filters.status] ?? 0) : sum(counts);
    // Nothing found under other conditions: say how many the invoice number alone finds (manual Q8).
    const narrowed = Object.keys(query.values).some((k) => k !== "invoiceNo" && k !== "sort" && k !== "dir" && k !== "page");
    let invoiceOnly: number | null = null;
    if (!invalid && !list.rows.length && query.filters.invoiceNo && narrowed)
      invoiceOnly = sum(await countCertificatesByStatus({ db, user, filters: { invoiceNo: query.filters.invoiceNo } })) || null;
    return renderPage(
      c,
      LM.title,
      <CertificateList query={query} rows={list.rows} total={total} pageSize={PAGE_SIZE} counts={counts} invoiceOnly={invoiceOnly} />,
      invalid ? 422 : 200,
    );
  })
  .get("/certificates/types", ENTERPRISE, (c) => renderPage(c, LM.typesTitle, <CertificateTypes />))
  .get("/certificates/by-application/:applicationNo", ENTERPRISE, async (c) => {
    const id = await findCertificateByApplicationNo({ db: c.var.db, user: c.var.user!, applicationNo: c.req.param("applicationNo") });
    return c.redirect(certificateHref(id), 302);
  });
