import type { CurrentUser } from "../../../app-env.ts";
import type { Db } from "../../../db/client.ts";
import type { CertificateStatus } from "../lifecycle.ts";
import { isSearch, type CertificateFilters, type SortKey } from "../search.ts";
import { countCertificatesByStatus, listCertificates, PAGE_SIZE } from "../service.ts";

type Counts = Partial<Record<CertificateStatus, number>>;
/** All the tabs' counts added up: what 所有证书 shows. */
export const sum = (counts: Counts) => Object.values(counts).reduce<number>((a, b) => a + (b ?? 0), 0);

/**
 * One page of the enterprise's 单据查询 with the tabs' counts (the search's conditions but its
 * status) and the total (the tab's count, or their sum on 所有证书).
 *
 * A search's first page of every status that is not full holds everything the search finds, so
 * the tabs are counted from its rows instead of matching again: a whole invoice number, the
 * commonest search, then costs one statement, not two. Other pages and tabs ask for the page and
 * the counts together (the counts of a tab without a search come from the status tally).
 */
export async function searchCertificateList({
  db,
  user,
  filters,
  sort,
  dir,
  page,
}: {
  db: Db;
  user: CurrentUser;
  filters: CertificateFilters;
  sort: SortKey;
  dir: "asc" | "desc";
  page: number;
}) {
  const list = (withTotal: boolean) => listCertificates({ db, user, filters, sort, dir, page, withTotal });
  if (!filters.status && page === 1 && isSearch(filters)) {
    const { rows } = await list(false);
    const counts: Counts = {};
    for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
    const all = rows.length < PAGE_SIZE ? counts : await countCertificatesByStatus({ db, user, filters });
    return { rows, counts: all, total: sum(all) };
  }
  const [{ rows }, counts] = await Promise.all([list(false), countCertificatesByStatus({ db, user, filters })]);
  return { rows, counts, total: filters.status ? (counts[filters.status] ?? 0) : sum(counts) };
}
